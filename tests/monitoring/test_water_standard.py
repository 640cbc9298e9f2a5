"""The point's water use chooses the standard. 氨氮 NH3-N 0.8 mg/L is class III by GB 3838-2002 Table 1
(II ≤0.5, III ≤1.0) but class IV by GB/T 14848-2017 Table 1 (III ≤0.50, IV ≤1.50); 总镉 Cd 0.02 mg/L exceeds
GB 5084-2021 Table 1 (≤0.01 mg/L for every crop)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from soilgw.monitoring.models import MonitoringPoint, Sample

pytestmark = pytest.mark.django_db

HEAD = "点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限,质控类型,平行样对应样品编号\n"


@pytest.fixture
def water_points(db):
    common = dict(target_class="III", crs="EPSG:4326", x=111.57, y=35.49, lon=111.57, lat=35.49)
    return {
        "well": MonitoringPoint.objects.create(code="GW-1", kind="groundwater_well", **common),
        "river": MonitoringPoint.objects.create(code="SW-1", kind="surface_water", **common),
        "riverside": MonitoringPoint.objects.create(code="DS-1", kind="drinking_source", water_standard="GB 3838-2002",
                                                    **common),
        "paddy": MonitoringPoint.objects.create(code="IR-1", kind="irrigation", irrigation_crop="paddy", **common),
        "no_crop": MonitoringPoint.objects.create(code="IR-2", kind="irrigation", **common),
    }


def test_each_water_use_is_judged_by_its_standard(mappings, water_points, editor, upload, client):
    rows = "".join(f"{p},{p}-A,2024-05-06,氨氮,0.8,mg/L,,,\n" for p in ("GW-1", "SW-1", "DS-1"))
    rows += "IR-1,IR-1-A,2024-05-06,镉,0.02,mg/L,,,\nIR-2,IR-2-A,2024-05-06,镉,0.02,mg/L,,,\n"
    batch = upload("lab_results", "水质.csv", HEAD + rows, editor)
    assert batch.status == "accepted", batch.report
    got = {s.code: s for s in Sample.objects.all()}
    assert (got["GW-1-A"].class_label, got["GW-1-A"].class_standard, got["GW-1-A"].meets_target) == \
        ("IV", "GB/T 14848-2017", False)
    for code in ("SW-1-A", "DS-1-A"):
        assert (got[code].class_label, got[code].class_standard, got[code].meets_target) == \
            ("III", "GB 3838-2002", True)
    assert (got["IR-1-A"].class_standard, got["IR-1-A"].meets_target, got["IR-1-A"].deciding_analytes) == \
        ("GB 5084-2021", False, "cd")
    assert got["IR-2-A"].class_standard == "" and got["IR-2-A"].meets_target is None  # no crop: not judged
    client.force_login(editor)
    page = client.get(reverse("monitoring:point", args=[water_points["riverside"].pk])).content.decode()
    assert "GB 3838-2002" in page.split('id="standard"')[1].split("</div>")[0]
    page = client.get(reverse("monitoring:point", args=[water_points["no_crop"].pk])).content.decode()
    assert "GB 5084-2021" in page.split('id="standard"')[1].split("</div>")[0]


def test_points_import_reads_the_water_use(editor, upload):
    text = ("点位编号,点位名称,点位类型,评价标准,灌溉作物,x,y,坐标系\n"
            "DS-9,傍河水源井,饮用水水源,傍河水源,,111.57,35.49,EPSG:4326\n"
            "IR-9,灌渠取水口,灌溉水,,旱地作物,111.57,35.49,EPSG:4326\n")
    assert upload("points", "p.csv", text, editor).status == "accepted"
    assert MonitoringPoint.objects.get(code="DS-9").water_standard == "GB 3838-2002"
    assert MonitoringPoint.objects.get(code="IR-9").irrigation_crop == "dryland"
    bad = upload("points", "p2.csv", "点位编号,点位类型,评价标准\nX-1,地下水监测井,海水\n", editor)
    assert bad.status == "rejected" and "评价标准" in bad.report["problems"][0]["reason"]


def test_every_monitoring_code_has_a_name():
    """Each trend verdict, anomaly rule and QA rule a page can show is named in monitoring/terms.py."""
    import csv
    from importlib import resources

    from soilgw.assessment.anomaly import RULES
    from soilgw.assessment.trends_maros import VERDICTS
    from soilgw.monitoring.terms import FLAG_NAMES, TREND_NAMES

    qa = {r["rule"] for r in csv.DictReader(
        (resources.files("soilgw.monitoring.data") / "qa_rules.csv").open(encoding="utf-8"))}
    assert set(VERDICTS) <= set(TREND_NAMES) and set(RULES) | qa <= set(FLAG_NAMES)
