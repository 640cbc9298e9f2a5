"""GCJ-02 ↔ WGS84 against published coordinate pairs, plus the round-trip invariant (< 0.5 m)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from soilgw.assessment.spatial_crs import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    convert,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    geojson_gcj02_to_wgs84,
    wgs84_to_gcj02,
)

GEOD = Geod(ellps="WGS84")
BOUNDARY = Path(__file__).resolve().parents[2] / "data/jiang_county_boundary/jiang_county_140826.geojson"


def metres(lon1, lat1, lon2, lat2) -> np.ndarray:
    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])


@pytest.mark.parametrize(("wgs", "gcj"), [
    # wandergis/coordtransform, test/app.js: wgs84togcj02(116.404, 39.915), printed to 14 decimals.
    ((116.404, 39.915), (116.41024449916938, 39.91640428150164)),
    # cuihw/collection, PositionUtilTest.java: gps84_To_Gcj02(113.647881, 34.829793) (printed lon/lat labels
    # swapped in the comment), 14 decimals.
    ((113.647881, 34.829793), (113.65396374215176, 34.8287280094783)),
])
def test_forward_matches_published_pairs(wgs, gcj):
    out = wgs84_to_gcj02(*wgs)
    # the pairs are printed to ≥ 13 decimals; 1e-10° ≈ 0.01 mm allows for last-digit floating-point differences
    assert float(out.lon) == pytest.approx(gcj[0], abs=1e-10)
    assert float(out.lat) == pytest.approx(gcj[1], abs=1e-10)
    assert out.method == "gcj02_forward"


def test_inverse_matches_gcoord_example():
    # hujiulong/gcoord, test/unit/crs/GCJ02.spec.js: GCJ02→WGS84 of (123, 45) = (122.99395597, 44.99804071),
    # asserted there with toBeCloseTo(…, 5), i.e. |difference| < 5e-6°.
    out = gcj02_to_wgs84(123.0, 45.0)
    assert float(out.lon) == pytest.approx(122.99395597, abs=5e-6)
    assert float(out.lat) == pytest.approx(44.99804071, abs=5e-6)
    assert out.method == "gcj02_inverse_iterative" and out.iterations >= 1


def test_inverse_refines_the_published_one_step_inverse():
    # wandergis/coordtransform, test/app.js: one-step gcj02towgs84(116.404, 39.915) = (116.39775550083061,
    # 39.91359571849836). The one-step inverse is off by the change of the offset over ~600 m (< 1e-6°); the
    # iterative inverse must lie that close to it AND reproduce the input under the forward transform.
    out = gcj02_to_wgs84(116.404, 39.915)
    assert float(out.lon) == pytest.approx(116.39775550083061, abs=1e-6)
    assert float(out.lat) == pytest.approx(39.91359571849836, abs=1e-6)
    back = wgs84_to_gcj02(out.lon, out.lat)
    assert metres(back.lon, back.lat, 116.404, 39.915) < 0.01


def test_outside_china_unchanged():
    # gcoord GCJ02.spec.js: (183, 45) is "not in China" and is returned unchanged; here (-0.1, 51.5) London.
    out = wgs84_to_gcj02(np.array([-0.1]), np.array([51.5]))
    assert out.lon[0] == -0.1 and out.lat[0] == 51.5


@settings(max_examples=200, deadline=None)
@given(st.floats(73.5, 134.9), st.floats(18.0, 53.5))
def test_round_trip_below_half_a_metre(lon, lat):
    gcj = wgs84_to_gcj02(lon, lat)
    back = gcj02_to_wgs84(gcj.lon, gcj.lat)
    assert metres(back.lon, back.lat, lon, lat) < 0.5
    # the offset itself is tens to hundreds of metres, so the round trip is not trivially zero
    assert metres(gcj.lon, gcj.lat, lon, lat) > 1.0


def test_county_boundary_round_trip_and_offset():
    data = json.loads(BOUNDARY.read_text(encoding="utf-8"))
    geom = data["features"][0]["geometry"]
    wgs = geojson_gcj02_to_wgs84(geom)
    src = np.array([p for poly in geom["coordinates"] for ring in poly for p in ring])
    dst = np.array([p for poly in wgs["coordinates"] for ring in poly for p in ring])
    assert src.shape == dst.shape
    fwd = wgs84_to_gcj02(dst[:, 0], dst[:, 1])
    assert metres(fwd.lon, fwd.lat, src[:, 0], src[:, 1]).max() < 0.5
    shift = metres(src[:, 0], src[:, 1], dst[:, 0], dst[:, 1])
    # GCJ-02 shifts points in Shanxi by a few hundred metres (DataV README: "a few hundred metres")
    assert 100 < shift.min() and shift.max() < 1000


def test_bad_input_and_dispatcher():
    with pytest.raises(ValueError, match="same shape"):
        wgs84_to_gcj02([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="finite"):
        gcj02_to_wgs84(float("nan"), 30.0)
    with pytest.raises(ValueError, match="valid: bd09_to_gcj02, bd09_to_wgs84, gcj02_to_bd09, gcj02_to_wgs84, wgs84_to_gcj02"):
        convert(111.0, 35.0, "bd09")
    assert float(convert(116.404, 39.915, "wgs84_to_gcj02").lat) == pytest.approx(39.91640428150164, abs=1e-10)
    with pytest.raises(ValueError, match="unsupported GeoJSON"):
        geojson_gcj02_to_wgs84({"type": "GeometryCollection", "geometries": []})


def test_bd09_matches_published_pairs():
    # wandergis/coordtransform, test/app.js: bd09togcj02(116.404, 39.915) and gcj02tobd09(116.404, 39.915)
    out = bd09_to_gcj02(116.404, 39.915)
    assert (float(out.lon), float(out.lat)) == pytest.approx((116.39762729119315, 39.90865673957631), abs=1e-10)
    out = gcj02_to_bd09(116.404, 39.915)
    assert (float(out.lon), float(out.lat)) == pytest.approx((116.41036949371029, 39.92133699351021), abs=1e-10)
    # hujiulong/gcoord, test/unit/crs/BD09.spec.ts: (123, 45) → GCJ02 and → WGS84, toBeCloseTo(…, 5)
    out = bd09_to_gcj02(123.0, 45.0)
    assert (float(out.lon), float(out.lat)) == pytest.approx((122.99363304, 44.99365430), abs=5e-6)
    out = bd09_to_wgs84(123.0, 45.0)
    assert (float(out.lon), float(out.lat)) == pytest.approx((122.98762210, 44.99171540), abs=5e-6)
    back = bd09_to_gcj02(*(lambda c: (c.lon, c.lat))(gcj02_to_bd09(111.6, 35.5)))
    assert metres(back.lon, back.lat, 111.6, 35.5) < 0.1
