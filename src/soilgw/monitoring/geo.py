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


@lru_cache(maxsize=32)
def _transformer_from_wgs84(crs: str) -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(4326), CRS.from_user_input(crs), always_xy=True)


def from_lonlat(lon, lat, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 longitude/latitude [degree] to ``x, y`` in ``crs`` [m or degree] (the inverse of :func:`to_lonlat`).

    Raises ``ValueError`` if ``crs`` is local/unknown or not a CRS pyproj knows.
    """
    reason = check_crs(crs) if crs not in NOT_GEOGRAPHIC else f"CRS {crs!r} cannot be transformed to"
    if reason:
        raise ValueError(reason)
    x, y = _transformer_from_wgs84(crs).transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


class CoordinateError(ValueError):
    """A point's coordinates cannot be right; the message is Chinese / English and names the fault."""


@lru_cache(maxsize=32)
def _tm_zone(crs: str) -> tuple[float, float] | None:
    """(central meridian [°], false easting [m]) of a Transverse Mercator (Gauss–Krüger) CRS, else None."""
    try:
        op = CRS.from_user_input(crs).coordinate_operation
    except CRSError:
        return None
    if op is None or "Transverse Mercator" not in op.method_name:
        return None
    params = {p.name: p.value for p in op.params}
    return params.get("Longitude of natural origin"), params.get("False easting")


def _zone_prefix(x: float, crs: str) -> tuple[float, str]:
    """``x`` without a Gauss–Krüger zone prefix (``37`` in 37 512 345 m) when ``crs`` is a zone without it.

    The prefix is the 3° zone number (central meridian / 3) or the 6° zone number ((central meridian + 3) / 6)
    written before the 6-digit easting (GB/T 17798-2007 / common Chinese survey practice). Returns the easting
    and a note; raises :class:`CoordinateError` when the prefix does not belong to the CRS.
    """
    zone = _tm_zone(crs)
    if zone is None or x < 1e6:
        if x >= 1e6 and zone is None and CRS.from_user_input(crs).is_geographic:
            raise CoordinateError(f"x = {x:.0f} 像是带带号的高斯-克吕格东坐标，但坐标系为经纬度 {crs}；请填写对应的"
                                  f"投影坐标系（如 EPSG:4527） / x = {x:.0f} looks like a Gauss–Krüger easting with a "
                                  f"zone prefix, but the CRS {crs} is longitude/latitude; give the zone's CRS "
                                  "(e.g. EPSG:4527)")
        return x, ""
    cm, false_easting = zone
    prefix = int(x // 1e6)
    if false_easting is not None and false_easting >= 1e6:  # the CRS itself carries the prefix (EPSG:4513–4533)
        return x, ""
    if cm is not None and prefix in (round(cm / 3), round((cm + 3) / 6)):
        return x - prefix * 1e6, (f"东坐标去掉带号 {prefix} / zone prefix {prefix} removed from the easting "
                                  f"({x:.0f} → {x - prefix * 1e6:.0f} m, {crs})")
    raise CoordinateError(f"东坐标 {x:.0f} 的带号 {prefix} 与坐标系 {crs}（中央经线 {cm}°）不符 / easting {x:.0f} "
                          f"has zone prefix {prefix}, which does not belong to {crs} (central meridian {cm}°)")


def check_coordinates(x, y, crs: str, *, area=None) -> tuple[float, float, float | None, float | None, str]:
    """Check and convert one point's coordinates at import.

    Parameters
    ----------
    x, y : float
        Easting/longitude and northing/latitude as given [m or °].
    crs : str
        CRS of ``x, y`` (EPSG code, ``local`` or ``unknown``).
    area : callable (lon, lat) → bool, optional
        The area the point must lie in (the county boundary, or the dataset's stated extent).

    Returns
    -------
    (x, y, lon, lat, note)
        ``x`` without a zone prefix, WGS84 lon/lat [°] (None for local/unknown CRSs) and a note of any
        conversion.

    Raises
    ------
    CoordinateError
        Non-finite values, a zone prefix that does not fit the CRS, swapped axes, or a point outside the area
        (outside ±180°/±90° when no area is given). Messages are in Chinese and English.
    """
    x, y = float(x), float(y)
    if not (np.isfinite(x) and np.isfinite(y)):
        raise CoordinateError(f"坐标不是有限数值 (x={x}, y={y}) / coordinates are not finite numbers")
    if crs in NOT_GEOGRAPHIC:
        return x, y, None, None, ""
    try:
        x_plain, note = _zone_prefix(x, crs)
    except CoordinateError as exc:
        x_plain, note, prefix_error = None, "", exc
    inside = area or (lambda lo, la: -180 <= lo <= 180 and -90 <= la <= 90)
    where = "县域（或数据集范围）" if area else "经纬度有效范围"
    where_en = "the county (or the dataset's extent)" if area else "the valid longitude/latitude range"

    def place(a, b):
        lo, la = to_lonlat([a], [b], crs)
        lo, la = float(lo[0]), float(la[0])
        return (lo, la) if np.isfinite(lo) and np.isfinite(la) else None

    got = place(x_plain, y) if x_plain is not None else None
    if got is not None and inside(*got):
        return x_plain, y, got[0], got[1], note
    try:
        sx, snote = _zone_prefix(y, crs)
        swapped = place(sx, x)
    except CoordinateError:
        swapped = None
    if swapped is not None and inside(*swapped):
        raise CoordinateError(f"x、y 似乎颠倒（交换后位于{where}内） / x and y look swapped (swapped, the point lies "
                              f"in {where_en})")
    if x_plain is None:
        raise prefix_error
    if got is None:
        raise CoordinateError(f"坐标无法转换为经纬度 (x={x}, y={y}, {crs}) / coordinates do not transform to "
                              "longitude/latitude")
    raise CoordinateError(f"点位 ({got[0]:.5f}°E, {got[1]:.5f}°N) 不在{where}内 / the point "
                          f"({got[0]:.5f}°E, {got[1]:.5f}°N) lies outside {where_en}")


def finite_or_none(value):
    """``value`` as a float, or None when it is missing or not finite (a stored Inf must not break JSON)."""
    if value is None:
        return None
    value = float(value)
    return value if np.isfinite(value) else None
