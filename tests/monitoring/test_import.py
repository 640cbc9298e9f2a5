"""Lab-result, GWSDAT, water-level and point imports: whole-file validation, full reports, re-import refusal."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from soilgw.monitoring.models import MonitoringPoint, Result, Sample, WaterLevel

pytestmark = pytest.mark.django_db

BAD = """点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限
JX-01,S1,2023-05-06,硝酸盐(以N计),25,mg/L,0.016
JX-99,S1,2023-05-06,硝酸盐(以N计),12,mg/L,0.016
JX-01,S1,2023-13-45,四氯乙烯,<0.2,μg/L,0.2
JX-01,S1,2023-05-06,Unobtainium,1.0,mg/L,
JX-01,S1,2023-05-06,氯化物,abc,mg/L,
JX-01,S1,2023-05-06,镉,0.001,furlongs,
JX-01,S1,2023-05-06,苯,-3,μg/L,
"""
FIXED = """点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限
JX-01,S1,2023-05-06,硝酸盐(以N计),25,mg/L,0.016
JX-02,S2,2023-05-06,硝酸盐(以N计),12,mg/L,0.016
JX-01,S1,2023-05-06,四氯乙烯,<0.2,μg/L,0.2
JX-01,S1,2023-05-06,氯化物,未检出,mg/L,0.007
JX-01,S1,2023-05-06,镉,0.0005L,mg/L,
JX-01,S1,2023-05-06,苯,３,μg/L,
JX-01,S1,2023-05-06,铅,/,mg/L,
"""


def test_bad_file_is_rejected_with_every_problem(mappings, points, editor, upload):
    batch = upload("lab_results", "bad.csv", BAD, editor)
    assert batch.status == "rejected"
    problems = {(p["row"], p["column"]): p["reason"] for p in batch.report["problems"]}
    assert "unknown monitoring point 'JX-99'" in problems[(3, "点位编号")]
    assert "cannot read the date" in problems[(4, "采样日期")]
    assert "unknown analyte 'Unobtainium'" in problems[(5, "检测项目")]
    assert "cannot read 'abc'" in problems[(6, "检测结果")]
    assert "unknown unit 'furlongs'" in problems[(7, "单位")]
    assert "negative value" in problems[(8, "检测结果")]
    assert len(batch.report["problems"]) == 6
    assert Result.objects.count() == 0 and Sample.objects.count() == 0


def test_fixed_file_is_accepted_and_reimport_refused(mappings, points, editor, upload):
    batch = upload("lab_results", "fixed.csv", FIXED, editor)
    assert batch.status == "accepted", batch.report
    assert Result.objects.count() == 7
    cl = Result.objects.get(analyte="chloride")
    assert (cl.qualifier, cl.value, cl.detection_limit) == ("<", 0.007, 0.007)  # 未检出 with its DL column
    cd = Result.objects.get(analyte="cd")
    assert cd.qualifier == "<" and cd.value == pytest.approx(0.0005)  # 0.0005L
    assert Result.objects.get(analyte="benzene").value == 3.0  # full-width digit
    pb = Result.objects.get(analyte="pb")
    assert pb.value is None and pb.reported == "/"  # not measured
    again = upload("lab_results", "fixed.csv", FIXED, editor)
    assert again.status == "duplicate"
    edited = upload("lab_results", "fixed-copy.csv", FIXED + "\n", editor)
    assert edited.status == "rejected"
    assert "already imported" in edited.report["problems"][0]["reason"]
    assert Result.objects.count() == 7


def test_wide_sheet_column_mapping_and_dl_unit(mappings, points, editor, upload):
    wide = "well id,day,硝酸盐(以N计)(mg/L),四氯乙烯(μg/L)\nJX-01,2023-06-01,3.1,<0.5\n"
    batch = upload("lab_results", "wide.csv", wide, editor, columns={"point": "well id", "date": "day"})
    assert batch.status == "accepted", batch.report
    assert set(Result.objects.values_list("analyte", flat=True)) == {"nitrate_n", "tetrachloroethylene"}
    # a detection limit in its own unit: 0.5 μg/L given for a result in mg/L → 0.0005 mg/L
    long = ("点位编号,采样日期,检测项目,检测结果,单位,检出限,检出限单位\n"
            "JX-02,2023-06-02,四氯乙烯,ND,mg/L,0.5,μg/L\n")
    batch = upload("lab_results", "dl.csv", long, editor)
    assert batch.status == "accepted", batch.report
    r = Result.objects.get(point__code="JX-02", analyte="tetrachloroethylene")
    assert r.detection_limit == pytest.approx(0.0005) and r.qualifier == "<"


def test_duplicate_results_within_a_sample_are_flagged(mappings, points, editor, upload):
    text = FIXED.splitlines()[0] + "\nJX-01,S9,2023-07-01,苯,1,μg/L,\nJX-01,S9,2023-07-01,苯,1.2,μg/L,\n"
    batch = upload("lab_results", "dup.csv", text, editor)
    assert batch.status == "accepted"
    assert batch.report["warnings"] and "reported twice" in batch.report["warnings"][0]["reason"]
    assert Result.objects.filter(duplicate=True).count() == 2


def test_excel_template_round_trip(mappings, points, editor, upload):
    from soilgw.monitoring.importers import lab_template

    sheets = pd.read_excel(io.BytesIO(lab_template()), sheet_name=None, dtype=str)
    assert list(sheets) == ["检测结果(长表)", "检测结果(宽表)"]
    batch = upload("lab_results", "template.xlsx", lab_template(), editor, dataset="county")
    # the template's example point does not exist: the report names it (a clean-up step for users)
    assert batch.status == "rejected"
    assert any("JX-GW-01" in p["reason"] for p in batch.report["problems"])


def test_points_template_has_every_column_and_imports(editor, upload):
    from soilgw.monitoring.importers import POINT_HEADERS, points_template

    sheet = pd.read_excel(io.BytesIO(points_template()), dtype=str)
    assert list(sheet.columns) == [h[0] for h in POINT_HEADERS.values()]
    batch = upload("points", "template.xlsx", points_template(), editor)
    assert batch.status == "accepted", batch.report
    point = MonitoringPoint.objects.get(code="JX-GW-01")
    # 评价标准 "地下水" chooses GB/T 14848 for the example well
    assert (point.water_standard, point.target_class, point.aquifer) == ("GB/T 14848-2017", "III", "phreatic")


def test_gwsdat_welldata_with_nd_and_excel_dates(mappings, editor, upload):
    coords = "WellName,XCoord,YCoord,Aquifer,CoordUnits\nMW-01,97.4,57.8,,metres\n"
    assert upload("points", "WellCoords.csv", coords, editor, format="gwsdat").status == "accepted"
    mw = MonitoringPoint.objects.get(code="MW-01")
    assert mw.crs == "local" and mw.lon is None  # a site grid is never placed on the map
    data = ("WellName,Constituent,SampleDate,Result,Units,Flags\n"
            "MW-01,BENZENE,37560,78,ug/l,\nMW-01,TOLUENE,37560,ND<1,ug/l,\nMW-01,GW,37560,92.23,Level,\n")
    batch = upload("gwsdat", "WellData.csv", data, editor)
    assert batch.status == "accepted", batch.report
    tol = Result.objects.get(analyte="toluene")
    assert (tol.qualifier, tol.detection_limit, tol.unit) == ("<", 1.0, "μg/L")
    # GWSDAT README: 37560 = 2002-10-31 (Excel serial day)
    assert str(tol.date) == "2002-10-31"
    assert WaterLevel.objects.get(point=mw).elevation == pytest.approx(92.23)


def test_points_lv95_to_wgs84(editor, upload):
    """Basel well F_0568: LV95 (2611662, 1270277) ↔ WGS84 47.583082 N, 7.593646 E (data/basel_groundwater_quality/
    wells.csv). LV95 is given to 1 m (≈1e-5°), so 1e-5° is the tolerance. A dataset of its own: Basel lies
    outside the county, which the county's dataset would refuse."""
    text = ("点位编号,点位名称,点位类型,x,y,坐标系\nF_0568,Kleinhüningeranlage,地下水监测井,2611662,1270277,EPSG:2056\n"
            "SITE-1,grid,土壤,10,20,local\n")
    batch = upload("points", "points.csv", text, editor, dataset="basel")
    assert batch.status == "accepted", batch.report
    p = MonitoringPoint.objects.get(code="F_0568", dataset="basel")
    assert p.lat == pytest.approx(47.58308233875187, abs=1e-5)
    assert p.lon == pytest.approx(7.593646101241677, abs=1e-5)
    assert MonitoringPoint.objects.get(code="SITE-1", dataset="basel").lon is None


def test_infinite_or_nan_coordinate_is_rejected(editor, upload):
    """The observed fault: a 4-point import with an infinite coordinate made the API list answer 500."""
    text = ("点位编号,点位类型,x,y,坐标系\nP1,地下水监测井,111.6,35.5,EPSG:4326\nP2,地下水监测井,inf,35.5,EPSG:4326\n"
            "P3,地下水监测井,111.6,nan,EPSG:4326\nP4,地下水监测井,111.7,35.4,EPSG:4326\n")
    batch = upload("points", "inf.csv", text, editor)
    assert batch.status != "accepted"
    rows = {p["row"] for p in batch.report["problems"] if "not finite" in p["reason"]}
    assert rows == {3, 4}
    assert not MonitoringPoint.objects.filter(code__in=["P1", "P2", "P3", "P4"]).exists()  # atomic


def test_drinking_source_defaults_to_class_iii_and_event(mappings, points, editor, upload):
    text = "点位编号,点位类型,x,y,坐标系\nDW-1,饮用水水源,111.6,35.5,EPSG:4326\n"
    assert upload("points", "dw.csv", text, editor).status == "accepted"
    assert MonitoringPoint.objects.get(code="DW-1").target_class == "III"  # GB/T 14848-2017 §4
    batch = upload("lab_results", "ev.csv", FIXED, editor, event="2023 丰水期")
    assert batch.status == "accepted"
    assert set(Sample.objects.values_list("event__name", flat=True)) == {"2023 丰水期"}


def test_points_bad_crs_and_kind_reported(editor, upload):
    text = "点位编号,点位类型,x,y,坐标系\nP1,火星井,1,2,EPSG:2056\nP2,地下水监测井,1,2,EPSG:99999999\n"
    batch = upload("points", "points.csv", text, editor)
    assert batch.status == "rejected"
    cols = {(p["row"], p["column"]) for p in batch.report["problems"]}
    assert {(2, "点位类型"), (3, "坐标系")} <= cols  # the headers as written


def test_water_levels(points, editor, upload):
    text = "点位编号,测量日期,水位标高(m),埋深(m)\nJX-01,2023-05-06,512.3,6.2\nJX-01,2023/5/7,512.1,\n"
    batch = upload("water_levels", "levels.csv", text, editor)
    assert batch.status == "accepted", batch.report
    assert WaterLevel.objects.filter(point=points["shallow"]).count() == 2


def test_viewer_may_not_import(county, make_user, mappings, points, upload):
    viewer = make_user("mon-viewer", "eeb", "viewer")
    with pytest.raises(PermissionError):
        upload("lab_results", "fixed.csv", FIXED, viewer)


def test_column_mapping_page(mappings, points, editor, client):
    """Upload a file with unknown headers, map them on the second step, get an accepted batch."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    text = "Well,When,What,Conc,U\nJX-01,2023-08-01,硝酸盐(以N计),7.5,mg/L\n"
    resp = client.post("/monitoring/import/", {"file": SimpleUploadedFile("odd.csv", text.encode()), "dataset": "county",
                                               "source": ""})
    assert resp.status_code == 200 and b'name="col_point"' in resp.content
    form = {k: resp.context[k] for k in ("token", "suffix", "filename")}
    resp = client.post("/monitoring/import/", {"stage": "map", **form, "dataset": "county", "col_point": "Well",
                                               "col_date": "When", "col_analyte": "What", "col_value": "Conc",
                                               "col_unit": "U"})
    assert resp.status_code == 302
    r = Result.objects.get()
    assert (r.analyte, r.value, r.unit) == ("nitrate_n", 7.5, "mg/L")


def test_report_lists_every_row_up_to_a_cap_then_counts(mappings, points, editor, upload, monkeypatch):
    from soilgw.monitoring import ingest

    monkeypatch.setattr(ingest, "MAX_LISTED", 2)
    rows = "".join(f"JX-9{i},S{i},2023-05-06,苯,1,μg/L,\n" for i in range(5))
    batch = upload("lab_results", "many.csv", BAD.splitlines()[0] + "\n" + rows, editor)
    reasons = [p["reason"] for p in batch.report["problems"]]
    assert reasons[:2] == ["unknown monitoring point 'JX-90'; import the points first",
                           "unknown monitoring point 'JX-91'; import the points first"]
    assert reasons[2] == "… and 3 more rows with a problem in this column"
