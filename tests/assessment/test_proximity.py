"""Mining-waste proximity: hand-measured distances on simple geometries, and the EPSG:4546 projection."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import Point, box

from soilgw.assessment.proximity import BASIS, mining_waste_proximity, to_projected


@pytest.fixture
def layout():
    # Three 100 m square units and two sites (metres). Distances by hand:
    # site A at (0, 50): to u1 [100,200]×[0,100] → 100; u2 [400,500]×[0,100] → 400; u3 [0,100]×[300,400] → 250.
    # site B polygon [1000,1100]×[0,100]: to u2 → 500 (edge to edge).
    units = [box(100, 0, 200, 100), box(400, 0, 500, 100), box(0, 300, 100, 400)]
    sites = [Point(0, 50), box(1000, 0, 1100, 100)]
    return units, sites


def test_units_within_distance(layout):
    units, sites = layout
    res = mining_waste_proximity(units, sites, 250.0, unit_ids=["u1", "u2", "u3"], site_ids=["A", "B"])
    assert res.pairs[["site_id", "unit_id"]].values.tolist() == [["A", "u1"], ["A", "u3"]]  # u3 at exactly 250
    np.testing.assert_allclose(res.pairs["distance_m"], [100.0, 250.0], rtol=1e-12)
    assert res.basis == BASIS and "no flow direction" in res.basis
    assert res.crs == "EPSG:4546" and res.distance_m == 250.0


def test_nearest_unit_per_site(layout):
    units, sites = layout
    res = mining_waste_proximity(units, sites, 10.0, unit_ids=["u1", "u2", "u3"], site_ids=["A", "B"])
    assert res.pairs.empty
    assert res.nearest["nearest_unit_id"].tolist() == ["u1", "u2"]
    np.testing.assert_allclose(res.nearest["distance_m"], [100.0, 500.0], rtol=1e-12)


def test_site_inside_unit_has_distance_zero():
    res = mining_waste_proximity([box(0, 0, 10, 10)], [Point(5, 5)], 0.0)
    assert res.pairs["distance_m"].tolist() == [0.0]


def test_projection_to_cgcs2000_gk_cm111():
    # Transverse Mercator with false easting 500 000 m: the central meridian 111°E maps to x = 500 000 and
    # points 1° either side are mirror images (same y, x symmetric about 500 000).
    pts = to_projected([Point(111.0, 35.0), Point(110.0, 35.0), {"type": "Point", "coordinates": [112.0, 35.0]}])
    x = np.array([p.x for p in pts])
    y = np.array([p.y for p in pts])
    assert x[0] == pytest.approx(500_000.0, abs=1e-6)
    assert x[1] + x[2] == pytest.approx(1_000_000.0, abs=1e-6)
    assert y[1] == pytest.approx(y[2], abs=1e-6)
    # Along the equator one degree of longitude spans about 111.3 km on the GRS80-like CGCS2000 ellipsoid.
    (p,) = to_projected([Point(112.0, 0.0)])
    assert p.x - 500_000.0 == pytest.approx(111_320, rel=2e-3)


def test_errors(layout):
    units, sites = layout
    with pytest.raises(ValueError, match="distance_m must be a finite number ≥ 0"):
        mining_waste_proximity(units, sites, -1)
    with pytest.raises(ValueError, match="units: 2 ids for 3 geometries"):
        mining_waste_proximity(units, sites, 10, unit_ids=["a", "b"])
    with pytest.raises(ValueError, match="sites: geometry 0 is missing or empty"):
        mining_waste_proximity(units, [Point()], 10)
    with pytest.raises(ValueError, match="geometry 0: not a shapely geometry or GeoJSON mapping"):
        to_projected([{"type": "Nonsense"}])
