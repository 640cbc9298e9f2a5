"""Browser: the anonymous portal shows the register entries the public API shows; the one map opens on the
county with every layer in the legend."""

from __future__ import annotations

import pytest

from soilgw.maps.layers import LAYERS
from soilgw.sites.choices import Stage
from tests.sites import conftest as _sites

codes, make_site, walk = _sites.codes, _sites.make_site, _sites.walk  # the sites fixtures, shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_portal_shows_the_api_register(page, live_server, make_site, walk):
    for code in ("BR-1", "BR-2", "BR-3"):
        walk(make_site(code, planned="G2"), Stage.ON_REGISTER)
    api = page.request.get(f"{live_server.url}/api/remediation-register/").json()
    assert api["count"] == 3
    page.goto(f"{live_server.url}/portal/remediation-register/")
    shown = page.locator("#disclosed tbody tr td:first-child").all_inner_texts()
    assert sorted(shown) == sorted(e["site_parcel_code"] for e in api["results"])
    assert "名录" in page.locator("details.card").inner_text()  # the explanation, in Chinese


def test_one_map_opens_on_the_county_with_every_layer(page, live_server, login, county, make_user):
    import shapely.geometry

    from soilgw.groundwater.loaders import county_geometry, load_boundary, load_samples

    load_boundary()
    load_samples()
    make_user("map-officer", "eeb", "viewer")
    login("map-officer", "pw-map-officer")
    page.goto(f"{live_server.url}/maps/")
    page.wait_for_selector("#one-map[data-loaded]")
    legend = page.locator("#map-legend").inner_text()
    for layer in LAYERS:
        assert page.locator(f"#map-legend li[data-layer='{layer.key}']").count() == 1
    assert "饮用水水源保护区" in legend and "报废井" in legend
    west, south, east, north = page.evaluate(
        "() => { const b = window.soilgwOneMap.getBounds();"
        " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")
    x0, y0, x1, y1 = shapely.geometry.shape(county_geometry()).bounds
    # Opens on the county: the view holds the county and is at most a few county-widths across (not the world).
    assert west <= x0 and east >= x1 and south <= y0 and north >= y1
    assert east - west < 4 * (x1 - x0) and north - south < 4 * (y1 - y0)
    assert page.locator("#one-map .leaflet-control-scale").count() == 1
    # the sample drinking-water sources are drawn
    assert int(page.locator("#map-legend li[data-layer='drinking_sources'] [data-count]").inner_text()
               .strip("()")) >= 1
