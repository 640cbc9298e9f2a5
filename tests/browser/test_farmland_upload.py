"""Farmland journey in the browser: upload a soil survey (points, lab results) and unit polygons, classify the
units, see them on the category map, and send a category change to the adjustment queue (soil plan task 7).

The survey is made here: nine 500 m × 500 m dryland units in 古绛镇 (Jiang County, near 111.57°E 35.49°N) and
twelve topsoil points with Cd, Pb, As, Hg, Cr and pH in the ranges of a calcareous loess county (pH 7–8,
Cd 0.15–0.55 mg/kg), so some units exceed the GB 15618-2018 Cd screening value for 6.5 < pH ≤ 7.5 (0.3 mg/kg).
"""

from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LON0, LAT0 = 111.55, 35.48
DLON, DLAT = 0.00552, 0.0045  # ≈ 500 m at 35.5°N
# (row, column) of the unit each point lies in, its Cd [mg/kg] and pH; units (0, 2), (1, 1), (2, 0) have none.
POINTS = [((0, 0), 0.18, 7.9), ((0, 0), 0.21, 7.8), ((0, 1), 0.24, 7.6), ((1, 0), 0.33, 7.4),
          ((1, 2), 0.42, 7.2), ((1, 2), 0.47, 7.1), ((2, 1), 0.51, 7.0), ((2, 2), 0.55, 7.1),
          ((2, 2), 0.49, 7.3), ((0, 1), 0.27, 7.7), ((1, 0), 0.30, 7.5), ((2, 1), 0.44, 7.2)]


def _survey_files(tmp_path):
    points = ["点位编号,点位名称,点位类型,监测类别,x,y,坐标系"]
    results = ["点位编号,样品编号,采样日期,采样深度(m),检测项目,检测结果,单位,介质"]
    for i, ((r, c), cd, ph) in enumerate(POINTS):
        # spread the points inside their unit so no two share a location
        lon = LON0 + (c + 0.2 + 0.6 * ((i * 7) % 5) / 4) * DLON
        lat = LAT0 + (r + 0.2 + 0.6 * ((i * 3) % 5) / 4) * DLAT
        code = f"GJ-T{i + 1:02d}"
        points.append(f"{code},古绛镇表层土{i + 1},土壤,调查,{lon:.6f},{lat:.6f},EPSG:4490")
        for analyte, value, unit in (("镉", cd, "mg/kg"), ("铅", 22 + 2 * i, "mg/kg"), ("砷", 9.5 + 0.3 * i, "mg/kg"),
                                     ("汞", 0.03 + 0.004 * i, "mg/kg"), ("铬", 58 + i, "mg/kg"), ("pH", ph, "无量纲")):
            results.append(f"{code},{code}-2024,2024-05-{10 + i % 5},0-0.2,{analyte},{value:g},{unit},土壤")
    units = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"单元编码": f"GJ-U{r}{c}", "名称": f"古绛镇评价单元 {r}-{c}", "调查": "county",
                                           "乡镇": "古绛镇", "土地利用": "dryland"},
         "geometry": {"type": "Polygon", "coordinates": [[
             [LON0 + c * DLON, LAT0 + r * DLAT], [LON0 + (c + 1) * DLON, LAT0 + r * DLAT],
             [LON0 + (c + 1) * DLON, LAT0 + (r + 1) * DLAT], [LON0 + c * DLON, LAT0 + (r + 1) * DLAT],
             [LON0 + c * DLON, LAT0 + r * DLAT]]]}}
        for r in range(3) for c in range(3)]}
    out = {"points": tmp_path / "点位.csv", "results": tmp_path / "检测结果.csv", "units": tmp_path / "评价单元.geojson"}
    out["points"].write_text("\n".join(points) + "\n", encoding="utf-8")
    out["results"].write_text("\n".join(results) + "\n", encoding="utf-8")
    out["units"].write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    return out


def _import(page, url, path, kind=None):
    page.goto(url)
    if kind:
        page.select_option("select[name=kind]", kind)
    page.set_input_files("input[name=file]", str(path))
    page.click("form[enctype='multipart/form-data'] button[type=submit]")
    page.wait_for_selector(".status-accepted, .status-rejected, .status-failed")
    assert page.locator(".status-accepted").count(), page.locator("main").inner_text()


def test_upload_survey_and_units_classify_map_and_propose(page, live_server, login, county, make_user, tmp_path):
    from soilgw.core.models import Department, Membership
    from soilgw.farmland.models import CategoryAdjustment, ClassificationRun, FarmlandUnit
    from soilgw.monitoring.loaders import load_mappings

    load_mappings()
    officer = make_user("agri-officer", "agri", "editor")
    Membership.objects.create(user=officer, department=Department.objects.get(code="eeb"), role="editor")
    files = _survey_files(tmp_path)

    login("agri-officer", "pw-agri-officer")
    _import(page, f"{live_server.url}/imports/", files["points"], kind="points")
    _import(page, f"{live_server.url}/imports/", files["results"], kind="lab_results")
    _import(page, f"{live_server.url}/farmland/units/import/", files["units"])
    assert FarmlandUnit.objects.filter(dataset="county").count() == 9

    page.goto(f"{live_server.url}/farmland/?dataset=county")
    page.select_option("#classify-form select[name=rule_set]", "soilgw_worst_v1")
    page.click("#classify-form button[type=submit]")
    page.wait_for_selector("#farmland-map.loaded")
    run = ClassificationRun.objects.get(dataset="county")
    assert run.survey_year == 2024
    assert set(run.interpolation["columns"]) >= {"cd", "ph"}  # three units without a point were kriged
    assert sum(run.summary.values()) == 9 and run.summary.get("safe_utilization", 0) > 0
    assert int(page.get_attribute("#farmland-map", "data-features")) == 9
    assert page.locator("#farmland-map path.leaflet-interactive").count() == 9
    assert "古绛镇" in page.locator("#township-areas").inner_text()

    unit = FarmlandUnit.objects.filter(dataset="county", category="safe_utilization").order_by("code").first()
    page.goto(f"{live_server.url}{unit.get_absolute_url()}")
    page.click("a[href$='/category-adjustments/new/']")
    page.select_option("select[name=unit]", str(unit.pk))
    page.select_option("select[name=trigger]", "remediation")
    page.select_option("select[name=new_category]", "priority_protection")
    page.fill("textarea[name=reason]", "治理修复后复测镉低于筛选值")
    page.fill("input[name=proposed_on]", "2025-03-01")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    proposal = CategoryAdjustment.objects.get(unit=unit, trigger="remediation")
    assert proposal.status == "proposed" and proposal.old_category == "safe_utilization"
    page.goto(f"{live_server.url}/farmland/adjustment-queue/")
    assert unit.code in page.locator("#open-proposals").inner_text()
    assert FarmlandUnit.objects.get(pk=unit.pk).category == "safe_utilization"  # changes only when approved
