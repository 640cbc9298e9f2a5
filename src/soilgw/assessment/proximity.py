"""Farmland units near mining-waste sites, by distance, in CGCS2000 / 3-degree Gauss–Krüger CM 111°E (EPSG:4546).

Which units lie within a configurable distance of each mining-waste site, and each site's distance to the nearest
unit. Only distance is used: no groundwater or surface flow direction is known to the platform, so "downstream"
cannot be judged and every result says so (``basis``). Geometries are shapely 2 objects (or GeoJSON mappings)
projected to metres with pyproj; pairs are found with a shapely ``STRtree``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import shape

PROJECTED_CRS = "EPSG:4546"
GEOGRAPHIC_CRS = "EPSG:4490"  # CGCS2000 longitude/latitude, as the API speaks
BASIS = "distance only: no flow direction known, downstream position not judged"


@dataclass(frozen=True)
class ProximityResult:
    """Result of :func:`mining_waste_proximity`.

    Attributes
    ----------
    pairs : DataFrame
        ``site_id, unit_id, distance_m`` [m] for every unit within ``distance_m`` of a site (0 = touching/inside).
    nearest : DataFrame
        ``site_id, nearest_unit_id, distance_m`` [m], one row per site (ties: the first unit in input order).
    distance_m : float [m]
        The search distance used.
    crs : str
    basis : str
        What the proximity is based on (distance only).
    """

    pairs: pd.DataFrame
    nearest: pd.DataFrame
    distance_m: float
    crs: str = PROJECTED_CRS
    basis: str = BASIS


def to_projected(geometries, *, source_crs: str = GEOGRAPHIC_CRS, target_crs: str = PROJECTED_CRS) -> np.ndarray:
    """Project geometries (shapely or GeoJSON mappings, longitude/latitude order) to ``target_crs`` [m].

    Parameters
    ----------
    geometries : sequence of shapely.Geometry or dict, length n
    source_crs, target_crs : str
        Any CRS pyproj knows; axis order is always x/longitude first.

    Returns
    -------
    ndarray of shapely.Geometry, shape (n,)

    Raises
    ------
    ValueError
        A geometry that is neither shapely nor a valid GeoJSON mapping (its position is named).
    """
    geoms = []
    for i, g in enumerate(geometries):
        if isinstance(g, shapely.Geometry):
            geoms.append(g)
            continue
        try:
            geoms.append(shape(g))
        except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GeometryTypeError) as exc:
            raise ValueError(f"geometry {i}: not a shapely geometry or GeoJSON mapping ({exc})") from None
    tr = pyproj.Transformer.from_crs(source_crs, target_crs, always_xy=True)

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(np.asarray(geoms, dtype=object), project)


def _ids(ids, n: int, what: str) -> np.ndarray:
    ids = np.arange(n) if ids is None else np.asarray(ids, dtype=object)
    if len(ids) != n:
        raise ValueError(f"{what}: {len(ids)} ids for {n} geometries")
    return ids


def mining_waste_proximity(units, sites, distance_m: float, *, unit_ids=None, site_ids=None) -> ProximityResult:
    """Units within ``distance_m`` of each mining-waste site, and each site's nearest unit.

    Parameters
    ----------
    units : sequence of shapely.Geometry, length n
        Assessment-unit polygons in a projected CRS [m] (see :func:`to_projected`).
    sites : sequence of shapely.Geometry, length k
        Mining-waste sites (points or polygons) in the same CRS [m].
    distance_m : float [m]
        Search distance (≥ 0); a unit at exactly this distance is included.
    unit_ids, site_ids : sequence, optional
        Identifiers (default: positions).

    Returns
    -------
    ProximityResult

    Raises
    ------
    ValueError
        Negative or non-finite distance, id/geometry length mismatch, empty or missing geometries.

    References
    ----------
    Shapely 2 STRtree (Sort-Tile-Recursive R-tree; Leutenegger et al. 1997, DOI 10.1109/ICDE.1997.582015);
    EPSG:4546 CGCS2000 / 3-degree Gauss–Krüger CM 111°E (EPSG Geodetic Parameter Dataset).
    """
    if not np.isfinite(distance_m) or distance_m < 0:
        raise ValueError(f"distance_m must be a finite number ≥ 0 [m], got {distance_m!r}")
    u = np.asarray(units, dtype=object)
    s = np.asarray(sites, dtype=object)
    for name, arr in (("units", u), ("sites", s)):
        bad = shapely.is_missing(arr) | shapely.is_empty(arr)
        if bad.any():
            raise ValueError(f"{name}: geometry {int(np.flatnonzero(bad)[0])} is missing or empty")
    uid, sid = _ids(unit_ids, len(u), "units"), _ids(site_ids, len(s), "sites")
    tree = shapely.STRtree(u)
    site_idx, unit_idx = tree.query(s, predicate="dwithin", distance=distance_m)
    dist = shapely.distance(s[site_idx], u[unit_idx])
    pairs = pd.DataFrame({"site_id": sid[site_idx], "unit_id": uid[unit_idx], "distance_m": dist})
    pairs = pairs.sort_values(["site_id", "distance_m"], kind="stable").reset_index(drop=True)
    if len(u):
        (near_site, near_unit), near_dist = tree.query_nearest(s, return_distance=True, all_matches=False)
        nearest = pd.DataFrame({"site_id": sid[near_site], "nearest_unit_id": uid[near_unit],
                                "distance_m": near_dist})
    else:
        nearest = pd.DataFrame({"site_id": sid, "nearest_unit_id": None, "distance_m": np.nan})
    return ProximityResult(pairs, nearest, float(distance_m))
