"""Small geometry helpers for enterprise locations (GeoJSON in EPSG:4326; distances in EPSG:4546)."""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import shapely
import shapely.geometry
from django.conf import settings
from pyproj import Transformer
from shapely.geometry import Point, shape

#: Longitude and latitude range of China used to reject impossible coordinates [°].
CHINA_LON = (73.4, 135.1)
CHINA_LAT = (3.8, 53.6)
#: The county boundary is approximate: a point farther than this outside it is a warning [m].
BOUNDARY_BUFFER_M = 5000.0
BOUNDARY_FILE = "jiang_county_boundary/jiang_county_140826.geojson"


def polygon(geometry: dict):
    """A shapely (Multi)Polygon from GeoJSON; ``ValueError`` if it is not a valid polygon."""
    try:
        geom = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a GeoJSON geometry: {exc}") from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty or not geom.is_valid:
        raise ValueError("geometry must be a valid, non-empty Polygon or MultiPolygon")
    return geom


def contains(geometry: dict, lon: float, lat: float) -> bool:
    return polygon(geometry).covers(Point(lon, lat))


def in_china(lon: float, lat: float) -> bool:
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


@lru_cache(maxsize=1)
def county_geometry() -> dict:
    """The county outline as GeoJSON (lon/lat as shipped; web-map source, accurate to a few hundred metres)."""
    data = json.loads((settings.DATA_DIR / BOUNDARY_FILE).read_text(encoding="utf-8"))
    geoms = [shape(f["geometry"]) for f in data["features"]] if "features" in data else [shape(data)]
    return shapely.geometry.mapping(shapely.union_all(geoms))


@lru_cache(maxsize=1)
def _county_buffer():
    geoms = [shape(county_geometry())]
    to_gk = Transformer.from_crs("EPSG:4326", "EPSG:4546", always_xy=True).transform
    county = shapely.transform(shapely.union_all(geoms), lambda xy: np.column_stack(to_gk(xy[:, 0], xy[:, 1])))
    return county.buffer(BOUNDARY_BUFFER_M), to_gk


def near_county(lon: float, lat: float) -> bool:
    """True if the point lies within the county boundary buffered by ``BOUNDARY_BUFFER_M``."""
    area, to_gk = _county_buffer()
    return area.covers(Point(to_gk(lon, lat)))
