"""Geometry helpers: GeoJSON (EPSG:4326 longitude/latitude) in, shapely out; lengths and areas in EPSG:4546.

EPSG:4546 is CGCS2000 / 3-degree Gauss–Krüger CM 111°E, the zone of Jiang County (DESIGN.md). The difference
between CGCS2000 and WGS84 (a few centimetres) is below the precision of any registry geometry.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

#: Geometry types accepted per registry role.
POINT_TYPES = ("Point",)
AREA_TYPES = ("Polygon", "MultiPolygon")
ANY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")


@lru_cache(maxsize=1)
def _to_gk() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:4546", always_xy=True)


def parse(geometry, allowed: tuple[str, ...] = ANY_TYPES):
    """A valid shapely geometry from a GeoJSON dict. Raises ``ValueError`` saying what is wrong."""
    if not isinstance(geometry, dict):
        raise ValueError("geometry must be a GeoJSON object such as {\"type\": \"Polygon\", \"coordinates\": …}")
    try:
        geom = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"not a GeoJSON geometry: {exc}") from None
    if geom.geom_type not in allowed:
        raise ValueError(f"geometry type {geom.geom_type} not allowed here; use {', '.join(allowed)}")
    if geom.is_empty or not geom.is_valid:
        raise ValueError(f"geometry is empty or invalid ({shapely.is_valid_reason(geom)})")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ValueError("coordinates must be longitude, latitude in degrees (EPSG:4326)")
    return geom


@lru_cache(maxsize=1)
def _from_gk() -> Transformer:
    return Transformer.from_crs("EPSG:4546", "EPSG:4326", always_xy=True)


def to_gk(geoms):
    """Project shapely geometries (array or one) from EPSG:4326 to EPSG:4546 [m]."""
    t = _to_gk()
    return shapely.transform(geoms, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def from_gk(geoms):
    """Project shapely geometries (array or one) from EPSG:4546 [m] to EPSG:4326 [degree]."""
    t = _from_gk()
    return shapely.transform(geoms, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def area_m2(geometry: dict) -> float:
    """Area [m²] of a GeoJSON polygon, computed in EPSG:4546."""
    return float(to_gk(parse(geometry, AREA_TYPES)).area)


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) [degree]."""
    return tuple(float(v) for v in parse(geometry).bounds)


def point(lon: float, lat: float) -> dict:
    """A GeoJSON Point."""
    return mapping(shapely.Point(float(lon), float(lat)))
