"""Farmland pages and the map's GeoJSON: internal users only, filters, a bad bbox is a 400; unit areas."""

from __future__ import annotations

import pytest

from soilgw.farmland.models import CropRecommendation, FarmlandUnit

pytestmark = pytest.mark.django_db


def test_unit_area_in_mu_and_ha_from_epsg4546(make_unit):
    u = make_unit("A1", 0, 0, side_m=300.0)  # 300 m square = 9 ha = 135 mu (1 mu = 10000/15 m²)
    assert u.area_ha == pytest.approx(9.0, rel=1e-9) and u.area_mu == pytest.approx(135.0, rel=1e-9)
    assert u.area_crs == "EPSG:4546"


def test_map_geojson_unit_page_and_queue(make_unit, client, make_user):
    u = make_unit("M1", 0, 0, category="safe_utilization", zone="一区")
    make_unit("M2", 1, 0, category="strict_control", township="横水镇")
    CropRecommendation.objects.create(zone="一区", category="safe_utilization", crop="低积累水稻")
    assert client.get("/farmland/").status_code == 302  # login required
    client.force_login(make_user("v", "agri", "viewer"))
    page = client.get("/farmland/?dataset=t").content.decode()
    assert "古绛镇" in page and "横水镇" in page
    data = client.get("/farmland/units.geojson?dataset=t&category=strict_control").json()
    assert [f["properties"]["code"] for f in data["features"]] == ["M2"]
    assert client.get("/farmland/units.geojson?bbox=1,2,3").status_code == 400
    assert client.get("/farmland/units.geojson?bbox=120,0,121,1").json()["features"] == []
    detail = client.get(FarmlandUnit.objects.get(code="M1").get_absolute_url()).content.decode()
    assert "低积累水稻" in detail and u.code in detail
    assert client.get("/farmland/adjustment-queue/").status_code == 200


def test_external_or_departmentless_user_refused(make_unit, client, make_user):
    make_unit("M1")
    client.force_login(make_user("nobody"))
    assert client.get("/farmland/").status_code == 403
    assert client.get("/farmland/units.geojson").status_code == 403


def test_classify_refuses_a_dataset_without_units_or_soil_results(make_unit, client, make_user):
    make_unit("M1")  # dataset "t": units, but no soil results
    client.force_login(make_user("a", "agri", "editor"))
    for dataset in ("t", "no-such-survey"):
        resp = client.post("/farmland/classify/", {"dataset": dataset, "rule_set": "soilgw_worst_v1"})
        assert resp.status_code == 400
