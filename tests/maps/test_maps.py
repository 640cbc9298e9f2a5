"""The one map: its page, layer feeds with bbox/township/status filters, and the spatial questions.

Geometries are squares built in EPSG:4546 (CGCS2000 / 3-degree GK CM 111°E) so the expected distances are
known by construction (tolerance 0.5 m for the lon/lat round trip).
"""

from __future__ import annotations

import pytest
import shapely
from django.test import Client

from soilgw.farmland import geo
from soilgw.maps.layers import LAYERS

pytestmark = pytest.mark.django_db

X0, Y0 = 556000.0, 3930000.0  # about 111.62°E, 35.50°N: inside Jiang County [m]


def box(x: float, y: float, side: float = 100.0) -> dict:
    """GeoJSON lon/lat of an EPSG:4546 square with south-west corner (X0 + x, Y0 + y) [m]."""
    return geo.to_geojson(geo.unproject(shapely.box(X0 + x, Y0 + y, X0 + x + side, Y0 + y + side), "EPSG:4546"))


@pytest.fixture
def client_in(viewer):
    c = Client()
    c.force_login(viewer)
    return c


@pytest.fixture
def unit(county):
    from soilgw.core.models import Township
    from soilgw.farmland.models import FarmlandUnit

    u = FarmlandUnit(code="U-1", geometry=box(0, 0), township=Township.objects.get(name="古绛镇"), dataset="t",
                     land_use="paddy")
    u.save()
    return u


@pytest.fixture
def mining(county):
    from soilgw.groundwater.models import MiningWasteSite

    # West edge 300 m east of the unit's east edge (unit spans x 0..100 m, this one 400..500 m).
    return MiningWasteSite.objects.create(code="KZ-1", name="测试废石堆", discovered_by="satellite",
                                          discovered_on="2023-03-01", geometry=box(400, 0))


def test_page_needs_login_and_lists_every_layer(client_in):
    assert Client().get("/maps/").status_code == 302
    page = client_in.get("/maps/").content.decode()
    for layer in LAYERS:
        assert f'data-layer="{layer.key}"' in page
    assert "<script>" not in page.split("one-map-config", 1)[1].split("</script>", 1)[1]  # no inline code


def test_outline_is_the_county(client_in):
    fc = client_in.get("/maps/outline.geojson").json()
    x0, y0, x1, y1 = shapely.geometry.shape(fc["features"][0]["geometry"]).bounds
    assert 111.3 < x0 < x1 < 112.0 and 35.2 < y0 < y1 < 35.8  # Jiang County, Shanxi (about 111.4–111.9°E)


def test_layer_feed_filters(client_in, unit, mining):
    fc = client_in.get("/maps/layers/farmland.geojson").json()
    assert [f["properties"]["code"] for f in fc["features"]] == ["U-1"]
    assert fc["features"][0]["properties"]["url"] == unit.get_absolute_url()
    assert client_in.get("/maps/layers/farmland.geojson?bbox=100,10,101,11").json()["features"] == []
    assert client_in.get("/maps/layers/farmland.geojson?bbox=111,35,112,36").json()["features"]
    assert client_in.get("/maps/layers/farmland.geojson?bbox=1,2,3").status_code == 400
    assert client_in.get("/maps/layers/farmland.geojson?bbox=3,2,1,4").status_code == 400
    assert client_in.get("/maps/layers/farmland.geojson?year=x").status_code == 400
    other = unit.township_id + 1000
    assert client_in.get(f"/maps/layers/farmland.geojson?township={other}").json()["features"] == []
    assert client_in.get(f"/maps/layers/farmland.geojson?township={unit.township_id}").json()["features"]
    assert client_in.get("/maps/layers/nothing.geojson").status_code == 404
    for layer in LAYERS:
        assert client_in.get(f"/maps/layers/{layer.key}.geojson").json()["type"] == "FeatureCollection"


def test_within_n_metres(client_in, unit, mining):
    url = f"/api/maps/within/?layer=mining_waste&id={mining.pk}&distance_m="
    assert client_in.get(url + "250").json()["results"] == []
    hits = client_in.get(url + "350").json()["results"]
    assert [(h["layer"], h["id"]) for h in hits] == [("farmland", unit.pk)]
    assert hits[0]["distance_m"] == pytest.approx(300.0, abs=0.5)
    assert client_in.get(url + "-1").status_code == 400
    assert client_in.get("/api/maps/within/?layer=mining_waste&id=999999&distance_m=10").status_code == 404


def test_farmland_near_mining_waste(client_in, unit, mining):
    data = client_in.get("/api/maps/farmland-near-mining-waste/?distance_m=350").json()
    assert [(p["unit_code"], p["mining_waste_code"]) for p in data["pairs"]] == [("U-1", "KZ-1")]
    assert data["pairs"][0]["distance_m"] == pytest.approx(300.0, abs=0.5)
    assert "distance only" in data["basis"]
    assert client_in.get("/api/maps/farmland-near-mining-waste/?distance_m=250").json()["pairs"] == []


def test_sites_in_protection_zones(client_in, county, make_site):
    from soilgw.groundwater.models import DrinkingWaterSource, ProtectionZone

    source = DrinkingWaterSource.objects.create(code="SY-1", name="测试水源地", scale="urban", lon=111.62, lat=35.505)
    ProtectionZone.objects.create(source=source, level="second", geometry={
        "type": "Polygon", "coordinates": [[[111.61, 35.50], [111.63, 35.50], [111.63, 35.51], [111.61, 35.51],
                                            [111.61, 35.50]]]})
    inside = make_site("IN-1", lon=111.62, lat=35.505)
    make_site("OUT-1", lon=111.70, lat=35.45)
    rows = client_in.get("/api/maps/sites-in-protection-zones/").json()["results"]
    assert [(r["parcel_code"], r["source"]) for r in rows] == [(inside.parcel_code, "SY-1")]


def test_spatial_api_refused_to_anonymous(api_client):
    assert api_client.get("/api/maps/sites-in-protection-zones/").status_code in (401, 403)
    assert api_client.get("/maps/layers/sites.geojson").status_code == 302


def test_layers_read_through_the_one_read_rule(viewer, unit, make_user):
    from django.contrib.contenttypes.models import ContentType

    from soilgw.core.models import ExternalAccount
    from soilgw.maps.layers import BY_KEY

    external = make_user("map-external")
    ExternalAccount.objects.create(user=external, scope_type=ContentType.objects.get_for_model(unit.township),
                                   scope_id=unit.township_id)
    assert list(BY_KEY["farmland"].queryset(viewer)) == [unit]
    assert not BY_KEY["farmland"].queryset(external).exists()  # no scope_field on the map: external reads none
    c = Client()
    c.force_login(external)
    assert c.get("/maps/layers/farmland.geojson").status_code == 403
