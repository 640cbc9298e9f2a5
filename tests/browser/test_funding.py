"""A fund project reports a quarter, in the browser: declare it to the central reserve, record admission (its
quarters appear), file the first quarter's report; the quarter shows as reported and its obligation as done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fund_project_reports_a_quarter(page, live_server, login, county, make_user):
    from soilgw.core.models import Department
    from soilgw.funding.models import FundProject

    project = FundProject.objects.create(
        code="JX-2023-01", name="横水镇历史遗留矿渣治理", kind="legacy_mining_slag",
        department=Department.objects.get(code="eeb"), budget=Decimal(1500), requested=Decimal(1200),
        starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2023, 12, 31))
    make_user("fund-officer", "eeb", "editor")
    login("fund-officer", "pw-fund-officer")
    page.click("nav.mainnav a[href='/funding/']")
    page.click(f"#projects a[href='/funding/fund-projects/{project.pk}/']")

    page.click("a[href$='/declare/']")
    page.fill("input[name=declared_on]", "2022-11-10")
    page.select_option("select[name=reserve_level]", "central")
    page.click("main form button.primary")
    page.wait_for_selector("a[href$='/admit/']")
    page.click("a[href$='/admit/']")
    page.fill("input[name=admitted_on]", "2022-12-20")
    page.click("main form button.primary")
    page.wait_for_selector("#quarters")
    assert page.locator("#quarters tbody tr").count() == 4  # 2023Q1 … Q4

    page.click("#quarters >> text=2023Q1")
    page.click("a[href$='/report/']")
    page.fill("input[name=reported_on]", "2023-04-08")
    page.fill("input[name=allocated]", "300")
    page.fill("input[name=spent]", "320")  # more than allocated: refused
    page.fill("input[name=progress_percent]", "15")
    page.fill("textarea[name=narrative]", "完成矿渣清运方案，清运3000吨")
    page.click("main form button.primary")
    assert page.locator(".errorlist").count() >= 1
    page.fill("input[name=spent]", "260")
    page.click("main form button.primary")
    page.wait_for_selector("dl.kv")
    assert "2023年4月8日" in page.locator("dl.kv").inner_text()  # dates in the Chinese locale

    page.goto(f"{live_server.url}/funding/fund-projects/{project.pk}/")
    first = page.locator("#quarters tbody tr").first.inner_text()
    assert "2023Q1" in first and "2023-04-08" in first and "260" in first
    # the quarterly report obligation (due 2023-04-10, platform default) is done; Q3 (due 2023-10-10) overdue
    obligations = page.locator("#obligations tbody tr")
    assert obligations.count() == 4  # Q1–Q4 have begun by the test clock 2023-10-15
    assert "2023-04-10" in obligations.nth(0).inner_text()
    assert obligations.nth(0).locator(".badge.done").count() == 1
    assert obligations.nth(2).locator(".badge.overdue").count() == 1
