"""The county boundary and the 示例 samples, the zone overlay question and the EPSG:4546 lengths and areas."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from soilgw.groundwater import geo
from soilgw.groundwater.spatial import intersecting_pairs, nearest_point

TO_LONLAT = Transformer.from_crs("EPSG:4546", "EPSG:4326", always_xy=True)


def _lonlat(x, y):
    return TO_LONLAT.transform(x, y)


def test_area_and_distance_are_metric_in_gauss_kruger():
    # a 1 km × 1 km square laid out in EPSG:4546 (CM 111°E, false easting 500 km) near Jiang County
    x0, y0 = 560_000.0, 3_930_000.0
    ring = [_lonlat(x, y) for x, y in [(x0, y0), (x0 + 1000, y0), (x0 + 1000, y0 + 1000), (x0, y0 + 1000), (x0, y0)]]
    square = {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}
    # the edges are straight in the projection; in lon/lat they are nearly so over 1 km (sub-m² difference)
    assert geo.area_m2(square) == pytest.approx(1.0e6, rel=1e-6)
    code, dist = nearest_point(shape(square), [("far", *_lonlat(x0 + 3000, y0)), ("near", *_lonlat(x0 + 1500, y0 + 500))])
    assert code == "near" and dist == pytest.approx(500.0, abs=0.01)
    assert nearest_point(shape(square), []) == ("", None)


def test_intersecting_pairs_uses_footprints_and_points():
    zone = shapely.box(111.60, 35.50, 111.62, 35.52)
    features = [shapely.Point(111.61, 35.51), shapely.Point(111.70, 35.51), shapely.box(111.619, 35.519, 111.63, 35.53)]
    pairs = intersecting_pairs([zone, shapely.box(0.5, 0.5, 0.6, 0.6)], features)
    assert pairs.tolist() == [[0, 0], [0, 2]]
    assert intersecting_pairs([], features).shape == (2, 0)


def test_geometry_validation_messages():
    with pytest.raises(ValueError, match="not allowed here"):
        geo.parse({"type": "Point", "coordinates": [111.6, 35.5]}, geo.AREA_TYPES)
    with pytest.raises(ValueError, match="invalid"):
        geo.parse({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]})
    with pytest.raises(ValueError, match="GeoJSON object"):
        geo.parse("POLYGON((0 0, 1 0, 1 1, 0 0))")
    with pytest.raises(ValueError, match="EPSG:4326"):
        geo.parse({"type": "Polygon", "coordinates": [[[560000, 3930000], [561000, 3930000], [561000, 3931000],
                                                       [560000, 3930000]]]})


@pytest.fixture
def loaded(county):
    from soilgw.groundwater.loaders import load_boundary, load_samples

    load_boundary()
    load_samples()


@pytest.mark.django_db
def test_boundary_is_converted_from_gcj02(loaded):
    from soilgw.groundwater.models import CountyBoundary

    county = CountyBoundary.objects.get(admin_code="140826")
    geom = shape(county.geometry)
    assert geom.is_valid and geom.geom_type == "MultiPolygon"
    # the DataV centre (111.576182, 35.49045, GCJ-02) lies inside; the WGS84 outline is shifted by the GCJ-02
    # offset (hundreds of metres), so the outline differs from the raw file
    assert geom.contains(shapely.Point(111.576182, 35.49045))
    assert "GCJ-02" in county.conversion
    raw = [111.445996, 35.563153]  # the file's first vertex (GCJ-02)
    first = county.geometry["coordinates"][0][0][0]
    shift = geo.to_gk(shapely.Point(*first)).distance(geo.to_gk(shapely.Point(*raw)))
    assert 100 < shift < 1000  # GCJ-02 offsets are a few hundred metres


@pytest.mark.django_db
def test_every_sample_lies_inside_the_county_and_is_flagged(loaded):
    from soilgw.groundwater import models as m
    from soilgw.groundwater.registries import REGISTRIES

    county = shape(m.CountyBoundary.objects.get().geometry)
    for config in REGISTRIES:
        objs = list(config.model.objects.all())
        assert objs, f"no 示例 {config.model.__name__}"
        for obj in objs:
            assert obj.is_sample
            if hasattr(obj, "lon"):
                assert county.contains(shapely.Point(obj.lon, obj.lat)), obj
            if getattr(obj, "geometry", None):
                assert county.contains(shape(obj.geometry)), obj


@pytest.mark.django_db
def test_samples_load_idempotently_and_answer_the_zone_question(loaded):
    from soilgw.groundwater.loaders import load_samples
    from soilgw.groundwater.models import DrinkingWaterSource, GroundwaterKeyZone, ProtectionZone
    from soilgw.groundwater.spatial import zone_hits

    before = ProtectionZone.objects.count()
    load_samples()
    assert ProtectionZone.objects.count() == before
    hits = {(h.source.code, h.zone_kind, getattr(h.feature, "code", "")) for h in zone_hits()}
    # 示例-FJ-01 is ~340 m from the 示例-SY-01 intake (second zone: 600 m radius, recharge: 2.5 km);
    # the landfill 示例-GS-03 is ~1 km away: in the recharge area only.
    assert ("示例-SY-01", "second", "示例-FJ-01") in hits
    assert ("示例-SY-01", "recharge", "示例-FJ-01") in hits
    assert ("示例-SY-01", "recharge", "示例-GS-03") in hits
    assert ("示例-SY-01", "second", "示例-GS-03") not in hits
    assert all(src != "示例-SY-02" for src, _, _ in hits)
    first = ProtectionZone.objects.get(source__code="示例-SY-01", level="first")
    assert first.area_m2 == pytest.approx(np.pi * 50**2, rel=0.01)  # a 50 m circle of 64 segments
    assert GroundwaterKeyZone.objects.get().county is not None
    assert DrinkingWaterSource.objects.get(code="示例-SY-01").thousand_tons_or_more
