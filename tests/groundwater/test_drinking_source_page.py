"""The drinking-water source page (linked points' classes, anomalies, trends; cause determination), the
background evidence computed from monitoring results, and the overlay API and map layers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from soilgw.groundwater.registries import CAUSE, DRINKING_SOURCE
from tests.groundwater.conftest import make_source, square

pytestmark = pytest.mark.django_db


def _batch():
    from django.core.files.base import ContentFile

    from soilgw.core.models import ImportBatch

    batch = ImportBatch(kind="monitoring_results", filename="t.csv", sha256="0" * 64, size=1, status="accepted")
    batch.raw_file.save("t.csv", ContentFile(b"x"), save=False)
    batch.save()
    return batch


def _point(code, **extra):
    from soilgw.monitoring.models import MonitoringPoint

    return MonitoringPoint.objects.create(code=code, kind="drinking_source", lon=111.62, lat=35.505, **extra)


def _results(point, batch, values, unit="mg/L", analyte="fluoride"):
    from soilgw.monitoring.models import Result, Sample

    for i, v in enumerate(values):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=30 * i)
        s = Sample.objects.create(point=point, batch=batch, code=f"{point.code}-{i}", date=day, medium="groundwater")
        Result.objects.create(sample=s, point=point, batch=batch, date=day, analyte=analyte, reported=str(v),
                              value=v, unit=unit)


@pytest.fixture
def editor(county, make_user):
    return make_user("gw-page-editor", "eeb", "editor")


def test_page_shows_points_classes_anomalies_trends_and_cause(client, editor):
    from soilgw.groundwater.models import CauseDetermination
    from soilgw.monitoring.models import PointAnalyteStat, Sample

    source = make_source(exceedance_found_on=dt.date(2023, 5, 10), exceeding_analytes="氟化物")
    point = _point("MW-SY1", name="水源井1")
    batch = _batch()
    Sample.objects.create(point=point, batch=batch, code="S1", date=dt.date(2023, 5, 1), medium="groundwater",
                          class_label="IV", meets_target=False, target_class="III")
    PointAnalyteStat.objects.create(point=point, analyte="fluoride", unit="mg/L", n=8, n_nondetect=0,
                                    trend="Increasing", sen_slope=0.05, exceeds_latest=True,
                                    anomalies={"latest": {"new_exceedance": True, "class_deterioration": False,
                                                          "history_outlier": False, "upward_trend": True}})
    source.monitoring_points.add(point)
    CauseDetermination.objects.create(source=source, analyte="fluoride", started_on=dt.date(2023, 5, 20),
                                      determined_on=dt.date(2023, 10, 30), cause="geological", evidence="区域背景",
                                      observed_value=1.3, background_value=1.63, background_method="utl_normal",
                                      background_n=10)
    client.force_login(editor)
    html = client.get(DRINKING_SOURCE.detail_url(source), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "MW-SY1" in html and ">IV<" in html
    assert "new exceedance" in html and "upward trend" in html and "class deterioration" not in html
    assert "Increasing" in html and "0.0500/a" in html
    assert "Background threshold value 1.6300 mg/L (utl_normal, n = 10)" in html and "within background" in html


def test_exceeding_source_without_determination_says_so(client, editor):
    source = make_source(exceedance_found_on=dt.date(2023, 5, 10))
    client.force_login(editor)
    html = client.get(DRINKING_SOURCE.detail_url(source), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Exceeding source without a cause determination." in html
    assert "No monitoring points linked" in html


def test_background_threshold_from_background_points(client, editor):
    """UTL 95/95 (normal) = mean + k·sd with k = 2.911 for n = 10 (one-sided normal tolerance factor,
    USEPA 2009 Unified Guidance, Table 17-3; printed to 3 decimals). Data: mean 1.1, sd √(0.30/9)."""
    from soilgw.groundwater.models import CauseDetermination

    source = make_source()
    det = CauseDetermination.objects.create(source=source, analyte="fluoride", started_on=dt.date(2023, 5, 20))
    batch = _batch()
    _results(_point("BG-1"), batch, [1.0, 1.2, 0.9, 1.1, 1.3])
    _results(_point("BG-2"), batch, [1.0, 0.8, 1.2, 1.1])
    _results(_point("BG-3"), batch, [1400.0], unit="μg/L")  # converted to 1.4 mg/L
    client.force_login(editor)
    url = reverse(f"groundwater:{CAUSE.url_name('action')}", args=[det.pk, "background"])
    resp = client.post(url, {"points": "BG-1、BG-2, BG-3", "method": "auto"})
    assert resp.status_code == 302
    det.refresh_from_db()
    sd = (0.30 / 9) ** 0.5
    # k printed to 3 decimals: ±0.0005·sd ≈ 1e-4
    assert det.background_value == pytest.approx(1.1 + 2.911 * sd, abs=2e-4)
    assert det.background_method == "utl_normal" and det.background_n == 10
    assert det.background_points == "BG-1、BG-2、BG-3" and det.background_parameters["unit"] == "mg/L"
    resp = client.post(url, {"points": "BG-1, NOPE", "method": "auto"})
    assert resp.status_code == 200 and "NOPE" in resp.content.decode()


def test_zone_hits_api_and_map_layers(client, api_client, editor):
    from soilgw.groundwater.models import AbandonedWell, ProtectionZone

    source = make_source()
    ProtectionZone.objects.create(source=source, level="second", geometry=square(111.62, 35.505, 0.005))
    well = AbandonedWell.objects.create(code="FJ-IN", kind="water_well", township=source.township, lon=111.622,
                                        lat=35.506, registered_on=dt.date(2023, 3, 1))
    AbandonedWell.objects.create(code="FJ-OUT", kind="water_well", township=source.township, lon=111.70, lat=35.45,
                                 registered_on=dt.date(2023, 3, 1))
    api_client.force_authenticate(editor)
    rows = api_client.get(f"/api/drinking-water-source-zone-hits/?source={source.pk}").json()
    assert [(r["feature_model"], r["feature"], r["zone"]) for r in rows] == [("abandonedwell", well.pk, "second")]
    # 0.002° of longitude and 0.001° of latitude at 35.5° N ≈ 181 m and 111 m → ≈ 213 m
    assert rows[0]["distance_to_intake_m"] == pytest.approx(213, abs=3)
    api_client.force_authenticate(None)
    assert api_client.get("/api/drinking-water-source-zone-hits/").status_code in (401, 403)
    client.force_login(editor)
    layers = client.get(reverse("groundwater:layers")).json()
    kinds = {f["properties"]["layer"] for f in layers["features"]}
    assert {"protection", "abandoned_well", "drinking_source"} <= kinds
    assert client.get(reverse("groundwater:overview")).status_code == 200


def test_detail_pages_show_derived_facts_and_obligations(client, editor, settings):
    from soilgw.groundwater.models import AbandonedWell, ReinjectionProject
    from soilgw.groundwater.registries import ABANDONED_WELL, REINJECTION

    settings.SOILGW_AS_OF = "2024-06-01"
    well = AbandonedWell.objects.create(code="FJ-U", kind="borehole", township=make_source().township, lon=111.6,
                                        lat=35.49, owner="", registered_on=dt.date(2023, 3, 1))
    project = ReinjectionProject.objects.create(code="HG-X", name="混采项目", operator="某公司", kind="multi_aquifer",
                                                lon=111.6, lat=35.49, aquifers="潜水、承压水", quality_differs=True,
                                                mixes_polluted=True, started_on=dt.date(2022, 1, 1))
    client.force_login(editor)
    html = client.get(ABANDONED_WELL.detail_url(well), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "owner unknown: 古绛镇人民政府 is responsible" in html
    html = client.get(REINJECTION.detail_url(project), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "abstraction is not layered" in html and "must not be abstracted mixed" in html
    assert 'id="obligations"' in html and "status-overdue" in html  # no 2023 filing by 2023-12-31


def test_well_page_names_the_zones_it_lies_in(client, editor):
    from soilgw.groundwater.models import AbandonedWell, RechargeArea
    from soilgw.groundwater.registries import ABANDONED_WELL

    source = make_source()
    RechargeArea.objects.create(source=source, geometry=square(111.62, 35.505, 0.02), delineated_on=dt.date(2023, 9, 1))
    inside = AbandonedWell.objects.create(code="FJ-R", kind="water_well", township=source.township, lon=111.63,
                                          lat=35.51, registered_on=dt.date(2023, 3, 1))
    outside = AbandonedWell.objects.create(code="FJ-O", kind="water_well", township=source.township, lon=111.70,
                                           lat=35.45, registered_on=dt.date(2023, 3, 1))
    client.force_login(editor)
    html = client.get(ABANDONED_WELL.detail_url(inside), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Inside the recharge area of drinking-water source {source}" in html
    html = client.get(ABANDONED_WELL.detail_url(outside), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Inside the" not in html


def test_sheet_links_monitoring_points_and_exports_them(editor):
    from soilgw.core import imports
    from soilgw.groundwater.models import DrinkingWaterSource
    from tests.registry_base import _xlsx

    _point("MW-A")
    _point("MW-B")
    row = {"编号": "SY-M", "名称": "联网水源", "规模": "urban", "经度": 111.62, "纬度": 35.5, "监测点位编号": "MW-A、MW-B"}
    batch = imports.run_import(DRINKING_SOURCE.import_kind.kind, "s.xlsx", _xlsx([row]), editor)
    assert batch.status == "accepted", batch.report
    source = DrinkingWaterSource.objects.get(code="SY-M")
    assert sorted(source.monitoring_points.values_list("code", flat=True)) == ["MW-A", "MW-B"]
    # defaults filled for the columns left out: type ordinary, target class III
    assert source.source_type == "ordinary" and source.target_class == "III"
    assert DRINKING_SOURCE._row_values(source)[DRINKING_SOURCE.editable_fields.index("monitoring_points")] == "MW-A、MW-B"
    bad = {**row, "编号": "SY-N", "监测点位编号": "MW-A, MW-Z"}
    batch = imports.run_import(DRINKING_SOURCE.import_kind.kind, "s.xlsx", _xlsx([bad]), editor)
    assert batch.status == "rejected"
    assert batch.report["problems"][0]["column"] == "监测点位编号" and "MW-Z" in batch.report["problems"][0]["reason"]


def test_exceedance_taken_from_the_latest_run_of_failed_samples(client, editor):
    from soilgw.monitoring.models import Sample

    source = make_source()
    point = _point("MW-E")
    batch = _batch()
    for code, date, meets, deciding in [("a", "2022-03-01", False, "nitrate"), ("b", "2022-09-01", True, ""),
                                        ("c", "2023-03-01", False, "fluoride"), ("d", "2023-06-01", False,
                                                                                   "fluoride,manganese")]:
        Sample.objects.create(point=point, batch=batch, code=code, date=dt.date.fromisoformat(date),
                              medium="groundwater", meets_target=meets, deciding_analytes=deciding)
    source.monitoring_points.add(point)
    client.force_login(editor)
    url = reverse(f"groundwater:{DRINKING_SOURCE.url_name('action')}", args=[source.pk, "exceedance"])
    assert client.post(url, {"go": "1"}).status_code == 302  # a browser always posts its CSRF token
    source.refresh_from_db()
    # the 2022 exceedance ended with the September sample; the current run starts 2023-03-01
    assert source.exceedance_found_on == dt.date(2023, 3, 1)
    assert source.exceeding_analytes == "fluoride、manganese"
    Sample.objects.create(point=point, batch=batch, code="e", date=dt.date(2023, 9, 1), medium="groundwater",
                          meets_target=True)
    resp = client.post(url, {"go": "1"})
    assert resp.status_code == 200 and "misses its target" in resp.content.decode()


def test_api_writes_obey_the_model_rules(api_client, editor):
    api_client.force_authenticate(editor)
    bad = {"code": "ZD-API", "name": "重点区", "batch": 1, "status": "preliminary",
           "geometry": {"type": "Point", "coordinates": [111.6, 35.5]}}
    resp = api_client.post("/api/groundwater-key-zones/", bad, format="json")
    assert resp.status_code == 400 and "geometry" in resp.json()
    good = {**bad, "geometry": square(111.62, 35.505)}
    resp = api_client.post("/api/groundwater-key-zones/", good, format="json")
    assert resp.status_code == 201, resp.json()
    # 0.01° × 0.01° at 35.5° N: 1° of latitude ≈ 111.0 km, 1° of longitude ≈ 111.3·cos 35.5° ≈ 90.7 km
    assert resp.json()["area_m2"] == pytest.approx((0.01 * 111.0e3) * (0.01 * 90.7e3), rel=0.01)
    source = make_source()
    resp = api_client.post("/api/cause-determinations/", {"source": source.pk, "analyte": "nitrate",
                                                          "started_on": "2023-06-01", "cause": "human",
                                                          "determined_on": "2023-07-01"}, format="json")
    assert resp.status_code == 400 and "remediation_plan" in resp.json()


def test_sheet_links_a_pollution_source_to_its_enterprise_by_credit_code(editor):
    from soilgw.core import imports
    from soilgw.groundwater.models import PollutionSource
    from soilgw.groundwater.registries import POLLUTION_SOURCE
    from tests.enterprises.factories import enterprise
    from tests.registry_base import _xlsx

    ent = enterprise(7)
    row = {"编号": "GS-E", "名称": "化工厂", "类型": "chemical_enterprise", "企业统一社会信用代码": ent.credit_code,
           "经度": 111.60, "纬度": 35.47}
    batch = imports.run_import(POLLUTION_SOURCE.import_kind.kind, "p.xlsx", _xlsx([row]), editor)
    assert batch.status == "accepted", batch.report
    assert PollutionSource.objects.get(code="GS-E").enterprise == ent
    assert list(ent.groundwater_sources.values_list("code", flat=True)) == ["GS-E"]
