"""Groundwater in the browser: the map with the county and sample layers, the zone question, a drinking-water
source page with its cause determination, and an abandoned-well sheet imported through the page."""

from __future__ import annotations

import io

import pandas as pd
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_map_zone_question_source_page_and_import(page, live_server, login, county, make_user, tmp_path):
    from soilgw.groundwater.loaders import load_boundary, load_samples
    from soilgw.groundwater.models import AbandonedWell

    load_boundary()
    load_samples()
    make_user("gw-officer", "water", "editor")
    login("gw-officer", "pw-gw-officer")
    page.goto(f"{live_server.url}/groundwater/")
    page.wait_for_selector("#gw-map[data-features]")
    # county outline + every sample layer drawn (the loader ships 21 located or delineated 示例 records)
    assert int(page.get_attribute("#gw-map", "data-features")) >= 15
    assert page.locator("#gw-map path.leaflet-interactive").count() >= 5
    hits = page.locator("#zone-hits").inner_text()
    assert "示例-FJ-01" in hits and "示例生活垃圾填埋场" in hits

    page.click("#zone-hits >> text=示例县城地下水水源地 (示例-SY-01) >> nth=0")
    page.wait_for_selector("#cause")
    assert "氟化物" in page.locator("dl.kv").inner_text() or "fluoride" in page.locator("#cause").inner_text()
    assert "区域含水层氟化物天然偏高" in page.locator("#cause").inner_text()

    sheet = tmp_path / "wells.xlsx"
    buf = io.BytesIO()
    pd.DataFrame([{"编号": "FJ-B1", "类型": "water_well", "乡镇": "陈村镇", "经度": 111.65, "纬度": 35.52,
                   "登记日期": "2023-05-02", "状态": "registered"}]).to_excel(buf, index=False)
    sheet.write_bytes(buf.getvalue())
    page.goto(f"{live_server.url}/groundwater/abandoned-wells/import/")
    page.set_input_files("input[name=file]", str(sheet))
    page.click("form[enctype='multipart/form-data'] button[type=submit]")
    page.wait_for_selector(".status-accepted")
    assert AbandonedWell.objects.filter(code="FJ-B1", township__name="陈村镇").exists()
    page.goto(f"{live_server.url}/groundwater/abandoned-wells/?code=FJ-B1")
    assert "FJ-B1" in page.locator("#registry-table").inner_text()
