"""Geometry of assessment units: GeoJSON (EPSG:4326 lon/lat) in, areas and distances in metres.

Areas are computed in EPSG:4546 (CGCS2000 / 3-degree Gauss–Krüger CM 111°E, the county's zone, DESIGN.md). The
real soil surveys shipped as examples lie partly far outside that zone (Sinú, Swiss Jura, Meuse), where a
transverse Mercator zone centred 100° of longitude away distorts areas by orders of magnitude; there the area is
computed in a Lambert azimuthal equal-area projection centred on the unit, and ``area_crs`` says which was used.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

PROJECTED_CRS = "EPSG:4546"
#: Half width of the Gauss–Krüger 3-degree zone around CM 111°E [degree].
ZONE_HALF_WIDTH = 1.5
ZONE_CM = 111.0
M2_PER_MU = 10000.0 / 15.0  # 1 mu = 1/15 ha (市亩)
M2_PER_HA = 10000.0


@lru_cache(maxsize=64)
def transformer(src: str, dst: str) -> Transformer:
    return Transformer.from_crs(src, dst, always_xy=True)


def polygon(geometry: dict):
    """A valid shapely (Multi)Polygon from GeoJSON lon/lat. Raises ``ValueError`` saying what is wrong."""
    if not isinstance(geometry, dict):
        raise ValueError('geometry must be a GeoJSON object such as {"type": "Polygon", "coordinates": …}')
    try:
        geom = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"not a GeoJSON geometry: {exc}") from None
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"geometry type {geom.geom_type} not allowed; use Polygon or MultiPolygon")
    if geom.is_empty or not geom.is_valid:
        raise ValueError(f"polygon is empty or invalid ({shapely.is_valid_reason(geom)})")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ValueError("coordinates must be longitude, latitude in degrees (EPSG:4326)")
    return geom


def area_crs(lon: float, lat: float) -> str:
    """The CRS areas are computed in: EPSG:4546 inside its zone, else a local equal-area projection."""
    if abs(lon - ZONE_CM) <= ZONE_HALF_WIDTH:
        return PROJECTED_CRS
    # equal-area: the centre only needs to be near; whole degrees keep the transformer cache small
    return f"+proj=laea +lat_0={round(lat):d} +lon_0={round(lon):d} +ellps=GRS80 +units=m +no_defs"


def project(geom, crs: str):
    t = transformer("EPSG:4326", crs)
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def unproject(geom, crs: str):
    t = transformer(crs, "EPSG:4326")
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def measure(geometry: dict) -> dict:
    """Bounding box, centroid, area [m², mu, ha] and the CRS the area was computed in."""
    geom = polygon(geometry)
    c = geom.centroid
    crs = area_crs(c.x, c.y)
    m2 = float(project(geom, crs).area)
    minx, miny, maxx, maxy = geom.bounds
    return {"min_lon": minx, "min_lat": miny, "max_lon": maxx, "max_lat": maxy, "centroid_lon": c.x,
            "centroid_lat": c.y, "area_m2": m2, "area_mu": m2 / M2_PER_MU, "area_ha": m2 / M2_PER_HA,
            "area_crs": "EPSG:4546" if crs == PROJECTED_CRS else "local LAEA (outside EPSG:4546 zone)"}


def square_grid(lon, lat, cell_m: float, crs: str):
    """Square cells [``cell_m`` metres] covering points (lon, lat), built in ``crs``; cells as lon/lat polygons.

    Returns a list of ``(row, col, polygon_lonlat)`` covering the points' bounding box.
    """
    t = transformer("EPSG:4326", crs)
    x, y = t.transform(np.asarray(lon, float), np.asarray(lat, float))
    x0, y0 = np.floor(np.min(x) / cell_m) * cell_m, np.floor(np.min(y) / cell_m) * cell_m
    nx = int(np.floor((np.max(x) - x0) / cell_m)) + 1
    ny = int(np.floor((np.max(y) - y0) / cell_m)) + 1
    cells = []
    for r in range(ny):
        for c in range(nx):
            box = shapely.box(x0 + c * cell_m, y0 + r * cell_m, x0 + (c + 1) * cell_m, y0 + (r + 1) * cell_m)
            cells.append((r, c, unproject(box, crs)))
    return cells


def to_geojson(geom) -> dict:
    return mapping(geom)
