"""Log in, open the task dashboard, file a quarterly progress report, see it listed, switch the language."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_file_a_progress_report_and_switch_language(page, live_server, login, county, make_user):
    make_user("eeb-officer", "eeb", "editor", first_name="王")
    login("eeb-officer", "pw-eeb-officer")
    # Chinese by default
    assert page.locator("nav.mainnav").inner_text().startswith("首页")
    page.click("nav.mainnav >> text=任务")
    page.wait_for_selector("#task-table table")
    rows = page.locator("#task-table tbody tr")
    assert rows.count() == 30
    page.click("#task-table >> text=推进报废矿井、钻井、取水井封井回填")
    page.wait_for_selector("#report-form")
    page.select_option("select[name=department]", label="运城市生态环境局绛县分局")
    page.fill("input[name=year]", "2023")
    page.fill("input[name=quarter]", "3")
    page.select_option("select[name=status]", "in_progress")
    page.fill("input[name=percent]", "60")
    page.fill("textarea[name=narrative]", "已登记报废井42眼")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "已登记报废井42眼" in page.locator("#reports").inner_text()
    # the report is on the dashboard count of its department
    page.goto(f"{live_server.url}/plans/tasks/")
    page.select_option("#language-select", "en")
    page.wait_for_selector("text=Task dashboard")
    assert page.locator("nav.mainnav").inner_text().startswith("Home")
