"""A lead becomes a case and a referral, in the browser: register the lead, verify it, open the case, record the
decision and attach its document, refer it to public security; the lead links to its case and the case shows each
dated step."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_to_case_to_referral(page, live_server, login, county, make_user):
    make_user("eeb-inspector", "eeb", "editor")
    login("eeb-inspector", "pw-eeb-inspector")
    page.click("nav.mainnav a[href='/enforcement/']")
    page.click("a[href='/enforcement/leads/']")
    page.click("a[href='/enforcement/leads/new/']")
    page.fill("input[name=code]", "XS-2023-017")
    page.fill("input[name=received_on]", "2023-08-02")
    page.select_option("select[name=source]", "complaint")
    page.fill("textarea[name=summary]", "群众举报废弃厂区夜间倾倒废渣")
    page.select_option("select[name=township]", label="横水镇")
    page.click("main form button.primary")
    page.wait_for_selector("text=XS-2023-017")
    lead_url = page.url

    page.click("a[href$='/verify/']")
    page.fill("input[name=verified_on]", "2023-08-04")
    page.check("input[name=founded]")
    page.fill("textarea[name=findings]", "现场发现含重金属废渣约20吨")
    page.fill("input[name=document]", "现场检查笔录0804")
    page.click("main form button.primary")
    page.wait_for_url(lead_url)
    assert page.locator("a[href$='/verify/']").count() == 0  # verified once only

    page.click("a[href$='/open-case/']")
    page.fill("input[name=number]", "绛环立〔2023〕9号")
    page.fill("input[name=opened_on]", "2023-08-03")  # before the verification: refused with the reason
    page.select_option("select[name=violation]", "illegal_dumping")
    page.select_option("select[name=handling_department]", label="运城市生态环境局绛县分局")
    page.click("main form button.primary")
    assert page.locator(".errorlist").count() >= 1
    page.fill("input[name=opened_on]", "2023-08-05")
    page.click("main form button.primary")
    page.wait_for_url("**/enforcement/cases/*/")
    case_url = page.url
    assert "绛环立〔2023〕9号" in page.locator("h1").inner_text()

    page.click("a[href$='/decide/']")
    page.fill("input[name=decided_on]", "2023-09-01")
    page.fill("input[name=decision_number]", "绛环罚〔2023〕21号")
    page.select_option("select[name=penalty_kind]", "fine")
    page.fill("input[name=fine_yuan]", "100000")
    page.fill("input[name=rectify_by]", "2023-10-31")
    page.click("main form button.primary")
    page.wait_for_url(case_url)

    page.fill("#attach-form input[name=title]", "绛环罚〔2023〕21号 行政处罚决定书")
    page.set_input_files("#attach-form input[name=file]", files=[
        {"name": "decision.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 decision"}])
    page.click("#attach-form button[type=submit]")
    page.wait_for_selector("#attachments >> text=行政处罚决定书")

    page.click("a[href$='/refer/']")
    page.fill("input[name=referred_on]", "2023-09-05")
    page.fill("input[name=referral_number]", "绛环移〔2023〕3号")
    page.select_option("select[name=ground]", "criminal")
    page.click("main form button.primary")
    page.wait_for_url(case_url)
    details = page.locator("dl.kv").inner_text()
    for text in ("2023年8月5日", "绛环罚〔2023〕21号", "100000", "2023年9月5日", "绛环移〔2023〕3号", "县公安局"):
        assert text in details, text
    assert page.locator("a[href$='/refer/']").count() == 0  # referred once only
    assert page.locator("#history tbody tr").count() == 3  # opened, decided, referred

    page.goto(lead_url)
    assert "绛环立〔2023〕9号" in page.locator("#lead-case").inner_text()
