"""Point coordinates to WGS84 longitude/latitude with pyproj; site grids and unknown CRSs stay off the map."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

#: CRS values that are never transformed: a site grid, or a projection the source does not state.
NOT_GEOGRAPHIC = ("local", "unknown", "")
WGS84 = "EPSG:4326"


@lru_cache(maxsize=32)
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs(CRS.from_user_input(crs), CRS.from_epsg(4326), always_xy=True)


def check_crs(crs: str) -> str | None:
    """None if ``crs`` is usable ('local', 'unknown' or a CRS pyproj knows), else the reason."""
    if crs in NOT_GEOGRAPHIC:
        return None
    try:
        CRS.from_user_input(crs)
    except CRSError:
        return f"unknown CRS {crs!r}; use EPSG:xxxx (e.g. EPSG:4490 CGCS2000, EPSG:4546, EPSG:2056), local or unknown"
    return None


def to_lonlat(x, y, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude [degree, WGS84] of points given in ``crs``; NaN for local/unknown CRSs.

    Raises
    ------
    ValueError
        If ``crs`` is not a CRS pyproj knows.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if crs in NOT_GEOGRAPHIC:
        return np.full(x.shape, np.nan), np.full(y.shape, np.nan)
    reason = check_crs(crs)
    if reason:
        raise ValueError(reason)
    lon, lat = _transformer(crs).transform(x, y)
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
