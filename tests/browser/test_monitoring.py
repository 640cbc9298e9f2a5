"""Network map shows the points coloured by class; a point page draws its chart and tables."""

from __future__ import annotations

import pytest

from tests.monitoring.conftest import mappings, points, upload  # noqa: F401  fixtures shared with tests/monitoring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = ("点位编号,样品编号,采样日期,检测项目,检测结果,单位\n"
        "JX-01,A,2021-05-06,硝酸盐(以N计),25,mg/L\nJX-01,B,2022-05-06,硝酸盐(以N计),28,mg/L\n"
        "JX-01,C,2023-05-06,硝酸盐(以N计),<0.5,mg/L\nJX-02,D,2023-05-06,硝酸盐(以N计),4,mg/L\n")


def test_map_and_point_page(page, live_server, login, county, make_user, mappings, points, upload):  # noqa: F811
    from soilgw.monitoring.models import MonitoringPoint

    user = make_user("mon-browser", "eeb", "editor")
    assert upload("lab_results", "d.csv", DATA, user).status == "accepted"
    login("mon-browser", "pw-mon-browser")
    page.goto(f"{live_server.url}/monitoring/")
    page.wait_for_selector("#network-map[data-count]")
    # JX-01 and JX-02 have coordinates; JX-03 has none and is not drawn
    assert page.locator("#network-map").get_attribute("data-count") == "2"
    # latest samples: JX-01 nitrate as N <0.5 mg/L (class I, ≤ 2.0), JX-02 4 mg/L (class II, ≤ 5.0) — GB/T 14848
    # Table 1 item 24; drawn on the map's canvas in the class colours
    assert page.locator("#network-map").get_attribute("data-classes") == "I,II"
    assert page.locator("#network-map canvas").count() >= 1
    assert "county" in page.locator("#datasets").inner_text()
    shallow = MonitoringPoint.objects.get(code="JX-01")
    page.goto(f"{live_server.url}/monitoring/points/{shallow.pk}/?analyte=nitrate_n")
    page.wait_for_selector("#point-chart[data-loaded]")
    # two detects, one non-detect, class limits as lines, and plotly's PNG download button
    assert page.locator("#point-chart .scatterlayer .trace").count() >= 3
    # the chart says what it shows (object-form titles: the bundled plotly.js ignores bare strings); the page is
    # Chinese here, as the stats table below
    title = page.locator("#point-chart .gtitle").text_content()
    assert "硝酸盐(以N计)" in title and "JX-01" in title and "mg/L" in title
    assert page.locator("#point-chart .xtitle").text_content() == "采样日期"
    assert page.locator("#point-chart .modebar-btn[data-title*='png'], #point-chart .modebar-btn[data-title*='PNG']").count() >= 1
    assert "IV" in page.locator("#exceedances").inner_text()
    assert "硝酸盐(以N计)" in page.locator("#stats").inner_text()  # the analyte by its name, not its code
