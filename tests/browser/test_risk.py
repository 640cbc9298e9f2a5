"""Run a risk assessment in the browser: add a chemical row, see the placeholders follow the land class, get
the results, the pathway chart (and its PNG), the sensitivity table and the two reports."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_run_an_assessment_and_download_chart_and_reports(page, live_server, login, make_user):
    from soilgw.core.loaders import load_departments

    load_departments()
    make_user("eeb-risk", "eeb", "editor")
    login("eeb-risk", "pw-eeb-risk")
    page.goto(f"{live_server.url}/risk/")
    page.click("#risk-new")
    page.wait_for_selector("#risk-form")
    # ER default: 12 /d on first-class land, 20 /d on second-class (HJ 25.3-2019 Table G.1 as shipped)
    assert page.get_attribute("#id_ov_ER", "placeholder") == "12"
    page.select_option("#id_land_class", "2")
    assert page.get_attribute("#id_ov_ER", "placeholder") == "20"
    page.select_option("#id_land_class", "1")
    page.fill("#id_title", "浏览器测试地块")
    rows_before = page.locator("tr.chem-row").count()
    page.click("#add-chemical")
    assert page.locator("tr.chem-row").count() == rows_before + 1
    page.fill("#id_chem-0-chemical", "苯")
    page.fill("#id_chem-0-surface_soil_mg_per_kg", "1.5")
    page.fill("#id_chem-0-subsurface_soil_mg_per_kg", "4")
    page.fill(f"#id_chem-{rows_before}-chemical", "7440-38-2")  # arsenic by CAS, in the added row
    page.fill(f"#id_chem-{rows_before}-surface_soil_mg_per_kg", "25")
    page.fill("#id_ov_Lgw", "600")
    page.click("#run-assessment")
    page.wait_for_selector(".risk-chemical")
    assert page.locator(".risk-chemical").count() == 2
    assert "Lgw = 600.0" in page.locator("#risk-overrides").inner_text()
    assert page.locator("#risk-unverified").count() == 1
    page.wait_for_selector("#chart-cr[data-rendered='1'] .main-svg")
    assert page.locator("#chart-hq .main-svg").count() >= 1
    with page.expect_download() as dl:
        page.click("#download-cr-png")
    assert dl.value.suggested_filename.endswith(".png")
    assert page.locator(".risk-sensitivity-table").count() == 2
    for link, suffix in (("#report-xlsx", ".xlsx"), ("#report-docx", ".docx")):
        with page.expect_download() as dl:
            page.click(link)
        assert dl.value.suggested_filename.endswith(suffix)
