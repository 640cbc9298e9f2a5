"""Site geometry: GeoJSON (EPSG:4326 lon/lat) in, areas and distances in CGCS2000 / 3-degree GK CM 111°E
(EPSG:4546, the zone of Jiang County) out."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import shape

GK_CRS = "EPSG:4546"


@lru_cache(maxsize=1)
def _to_gk():
    return Transformer.from_crs("EPSG:4326", GK_CRS, always_xy=True).transform


def polygon(geometry: dict):
    """A shapely (Multi)Polygon from GeoJSON. Raises ``ValueError`` when it is not a valid polygon."""
    try:
        geom = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"not a GeoJSON geometry: {exc}") from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty or not geom.is_valid:
        raise ValueError("geometry must be a valid, non-empty Polygon or MultiPolygon (lon/lat)")
    lon0, lat0, lon1, lat1 = geom.bounds
    if not (-180 <= lon0 <= lon1 <= 180 and -90 <= lat0 <= lat1 <= 90):
        raise ValueError("coordinates must be longitude, latitude in degrees (EPSG:4326)")
    return geom


def projected(geometry: dict):
    """The polygon in EPSG:4546 metres."""
    to_gk = _to_gk()
    return shapely.transform(polygon(geometry), lambda xy: np.column_stack(to_gk(xy[:, 0], xy[:, 1])))


def area_m2(geometry: dict) -> float:
    """Area [m²] in EPSG:4546."""
    return float(projected(geometry).area)


def distance_m(a: dict, b: dict) -> float:
    """Shortest distance [m] between two polygons in EPSG:4546 (0 when they touch or overlap)."""
    return float(projected(a).distance(projected(b)))


def overlap_of_smaller(a: dict, b: dict) -> float:
    """Intersection area / area of the smaller polygon [unitless, 0–1], in EPSG:4546."""
    pa, pb = projected(a), projected(b)
    smaller = min(pa.area, pb.area)
    return float(pa.intersection(pb).area / smaller) if smaller > 0 else 0.0
