"""Coordinates at import: non-finite values, swapped axes, points outside the county, Gauss–Krüger eastings
with a zone prefix; a stored Inf never breaks the map or the API. The county is 绛县 (data/jiang_county_boundary):
JX wells near 111.57°E, 35.49°N; EPSG:4546 is CGCS2000 3° Gauss–Krüger, central meridian 111°E (zone 37,
easting without the prefix), EPSG:4549 central meridian 120°E (zone 40)."""

from __future__ import annotations

import json

import pytest
from pyproj import Transformer

from soilgw.monitoring.models import MonitoringPoint

pytestmark = pytest.mark.django_db

HEAD = "点位编号,点位名称,点位类型,x,y,坐标系\n"


def _problems(batch) -> dict[int, str]:
    return {p["row"]: p["reason"] for p in batch.report["problems"]}


def test_every_coordinate_fault_is_a_row_error(editor, upload):
    text = HEAD + ("JX-11,东关村井,地下水监测井,inf,35.49,EPSG:4326\n"          # row 2: not finite
                   "JX-12,西关村井,地下水监测井,35.49,111.57,EPSG:4326\n"      # row 3: lat/lon swapped
                   "JX-13,外县井,地下水监测井,116.40,39.90,EPSG:4326\n"        # row 4: Beijing, outside the county
                   "JX-14,南樊村井,地下水监测井,37551234,3928000,EPSG:4326\n"  # row 5: GK easting, CRS is lon/lat
                   "JX-15,北樊村井,地下水监测井,38551234,3928000,EPSG:4546\n"  # row 6: prefix 38 ≠ zone 37
                   "JX-16,古绛井,地下水监测井,3928000,551234,EPSG:4546\n")     # row 7: northing/easting swapped
    batch = upload("points", "点位.csv", text, editor)
    assert batch.status == "rejected"
    got = _problems(batch)
    assert "有限数值" in got[2] and "not finite" in got[2]
    assert "颠倒" in got[3] and "swapped" in got[3]
    assert "不在县域" in got[4] and "outside the county" in got[4]
    assert "带号" in got[5] and "zone prefix" in got[5]
    assert "带号 38" in got[6] and "does not belong to EPSG:4546" in got[6]
    assert "颠倒" in got[7]
    assert not MonitoringPoint.objects.filter(code__startswith="JX-1").exists()  # atomic: nothing stored


def test_zone_prefixed_easting_is_converted_with_a_note(editor, upload):
    """37 551 234 m in zone 37 (EPSG:4546 has no prefix): easting 551 234 m, placed in the county."""
    batch = upload("points", "点位.csv", HEAD + "JX-20,南柳村井,地下水监测井,37551234,3928000,EPSG:4546\n", editor)
    assert batch.status == "accepted", batch.report
    p = MonitoringPoint.objects.get(code="JX-20")
    lon, lat = Transformer.from_crs("EPSG:4546", "EPSG:4326", always_xy=True).transform(551234.0, 3928000.0)
    assert p.x == 551234.0 and p.lon == pytest.approx(lon, abs=1e-9) and p.lat == pytest.approx(lat, abs=1e-9)
    assert any("带号 37" in w["reason"] for w in batch.report["warnings"])


def test_dataset_extent_replaces_the_county(editor, upload):
    """Another dataset may state its extent [lon_min, lat_min, lon_max, lat_max]; a point outside it is refused."""
    text = HEAD + "YC-1,运城井,地下水监测井,111.00,35.00,EPSG:4326\n"
    assert upload("points", "p.csv", text, editor, dataset="yuncheng", extent=[110.2, 34.6, 112.1, 35.8]
                  ).status == "accepted"
    bad = upload("points", "p2.csv", HEAD + "YC-2,远井,地下水监测井,113.5,35.0,EPSG:4326\n", editor,
                 dataset="yuncheng", extent=[110.2, 34.6, 112.1, 35.8])
    assert bad.status == "rejected" and "outside" in _problems(bad)[2]


def _strict(text: str):
    def refuse(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_stored_inf_does_not_blank_the_map_or_break_the_api(points, editor, client, api_client):
    """A point stored with Inf (as older imports did) is left off the map; the API writes null, not 500."""
    MonitoringPoint.objects.create(code="JX-99", kind="groundwater_well", crs="EPSG:4326", x=float("inf"), y=35.0,
                                   lon=float("inf"), lat=35.0)
    client.force_login(editor)
    geo = _strict(client.get("/monitoring/points.geojson").content.decode())
    codes = {f["properties"]["code"] for f in geo["features"]}
    assert "JX-99" not in codes and {"JX-01", "JX-02"} <= codes
    api_client.force_authenticate(editor)
    resp = api_client.get("/api/monitoring-points/?code=JX-99")
    assert resp.status_code == 200
    row = _strict(resp.content.decode())["results"][0]
    assert row["lon"] is None and row["x"] is None and row["lat"] == 35.0


def test_api_refuses_swapped_coordinates(points, editor, api_client):
    api_client.force_authenticate(editor)
    bad = api_client.post("/api/monitoring-points/", {"code": "JX-30", "kind": "groundwater_well",
                                                      "x": 35.49, "y": 111.57, "crs": "EPSG:4326"}, format="json")
    assert bad.status_code == 400 and "swapped" in bad.json()["x"][0]
