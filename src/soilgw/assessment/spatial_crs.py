"""GCJ-02 (the Chinese "offset" datum of AMap/高德, DataV.GeoAtlas and other Chinese web maps) ↔ WGS84.

GCJ-02 is WGS84 longitude/latitude shifted by a smooth, non-linear offset of a few hundred metres. The offset
formula is not published by its issuer; the forward transform used by every open implementation is the
reverse-engineered one described below. Its inverse has no closed form, so it is solved by fixed-point
iteration until the forward image of the result reproduces the input.

Forward transform (WGS84 → GCJ-02), for longitude λ and latitude φ in degrees with x = λ − 105, y = φ − 35::

    T_φ = −100 + 2x + 3y + 0.2y² + 0.1xy + 0.2√|x| + ⅔(20 sin 6πx + 20 sin 2πx)
          + ⅔(20 sin πy + 40 sin(πy/3)) + ⅔(160 sin(πy/12) + 320 sin(πy/30))
    T_λ = 300 + x + 2y + 0.1x² + 0.1xy + 0.1√|x| + ⅔(20 sin 6πx + 20 sin 2πx)
          + ⅔(20 sin πx + 40 sin(πx/3)) + ⅔(150 sin(πx/12) + 300 sin(πx/30))

T is a length [m] on the Krasovsky 1940 ellipsoid (a = 6 378 245 m, e² = 0.006693421622965943), converted to
degrees with the meridian radius M = a(1 − e²)/W³ and the prime-vertical radius N = a/W (W = √(1 − e² sin² φ)):
Δφ = T_φ·180/(π M), Δλ = T_λ·180/(π N cos φ). Points outside China's rough bounding box are not shifted.

BD-09 (Baidu Maps) is GCJ-02 rotated and scaled about the origin, in degrees, with ξ = 3000π/180::

    GCJ-02 → BD-09: z = √(x² + y²) + 0.00002 sin(ξy),  θ = atan2(y, x) + 0.000003 cos(ξx),
                    λ_bd = z cos θ + 0.0065,  φ_bd = z sin θ + 0.006          (x, y = GCJ-02 λ, φ)
    BD-09 → GCJ-02: x = λ_bd − 0.0065, y = φ_bd − 0.006,
                    z = √(x² + y²) − 0.00002 sin(ξy),  θ = atan2(y, x) − 0.000003 cos(ξx),
                    λ = z cos θ,  φ = z sin θ

as published with the reverse-engineered pair (e.g. wandergis/coordtransform, ``bd09togcj02``/``gcj02tobd09``);
each direction is the closed-form approximate inverse of the other (round trip ≈ 1e-6°, < 0.1 m in China).

This module is pure (no Django) and vectorized over numpy arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Krasovsky 1940 semi-major axis [m] and first eccentricity squared [unitless] used by GCJ-02.
KRASOVSKY_A = 6378245.0
KRASOVSKY_E2 = 0.00669342162296594323
#: Rough bounding box of China outside which GCJ-02 equals WGS84 [degree].
CHINA_BOX = (72.004, 0.8293, 137.8347, 55.8271)
#: Inverse iteration stops when the forward image is this close to the input [degree] (≈ 1 mm).
INVERSE_TOLERANCE_DEG = 1e-8
MAX_ITERATIONS = 30


@dataclass(frozen=True)
class Converted:
    """Converted coordinates with the method and its parameters.

    Attributes
    ----------
    lon, lat : ndarray
        Longitude and latitude [degree], same shape as the input.
    method : str
        ``"gcj02_forward"`` or ``"gcj02_inverse_iterative"``.
    iterations : int
        Fixed-point iterations used (0 for the forward transform).
    max_residual_deg : float
        Largest |forward(result) − input| [degree] (0 for the forward transform).
    """

    lon: np.ndarray
    lat: np.ndarray
    method: str
    iterations: int
    max_residual_deg: float


def in_china(lon, lat) -> np.ndarray:
    """Boolean mask of points inside China's rough bounding box (where GCJ-02 applies).

    Parameters
    ----------
    lon, lat : array_like
        Longitude and latitude [degree].
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (lon >= CHINA_BOX[0]) & (lon <= CHINA_BOX[2]) & (lat >= CHINA_BOX[1]) & (lat <= CHINA_BOX[3])


def _offset_deg(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = lon - 105.0
    y = lat - 35.0
    pi = np.pi
    common = (20.0 * np.sin(6.0 * pi * x) + 20.0 * np.sin(2.0 * pi * x)) * 2.0 / 3.0
    t_lat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + common
             + (20.0 * np.sin(pi * y) + 40.0 * np.sin(pi * y / 3.0)) * 2.0 / 3.0
             + (160.0 * np.sin(pi * y / 12.0) + 320.0 * np.sin(pi * y / 30.0)) * 2.0 / 3.0)
    t_lon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + common
             + (20.0 * np.sin(pi * x) + 40.0 * np.sin(pi * x / 3.0)) * 2.0 / 3.0
             + (150.0 * np.sin(pi * x / 12.0) + 300.0 * np.sin(pi * x / 30.0)) * 2.0 / 3.0)
    phi = np.radians(lat)
    w2 = 1.0 - KRASOVSKY_E2 * np.sin(phi) ** 2
    w = np.sqrt(w2)
    meridian = KRASOVSKY_A * (1.0 - KRASOVSKY_E2) / (w2 * w)
    prime_vertical = KRASOVSKY_A / w
    d_lat = t_lat * 180.0 / (pi * meridian)
    d_lon = t_lon * 180.0 / (pi * prime_vertical * np.cos(phi))
    inside = in_china(lon, lat)
    return np.where(inside, d_lon, 0.0), np.where(inside, d_lat, 0.0)


def _as_arrays(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    if lon.shape != lat.shape:
        raise ValueError(f"lon and lat must have the same shape, got {lon.shape} and {lat.shape}")
    if np.any(~np.isfinite(lon)) or np.any(~np.isfinite(lat)):
        raise ValueError("lon and lat must be finite numbers")
    if np.any(np.abs(lat) > 90.0) or np.any(np.abs(lon) > 180.0):
        raise ValueError("lon must lie in [-180, 180] and lat in [-90, 90] degrees")
    return lon, lat


def wgs84_to_gcj02(lon, lat) -> Converted:
    """Shift WGS84 longitude/latitude to GCJ-02 (the published forward transform, module docstring).

    Parameters
    ----------
    lon, lat : array_like, same shape
        WGS84 longitude and latitude [degree].

    Returns
    -------
    Converted
        GCJ-02 longitude and latitude [degree]; points outside China unchanged.

    Raises
    ------
    ValueError
        If shapes differ or a coordinate is not finite or out of range.

    References
    ----------
    The reverse-engineered GCJ-02 forward transform as described in "Restrictions on geographic data in
    China", Wikipedia, and implemented by e.g. wandergis/coordtransform (index.js, ``wgs84togcj02``).
    """
    lon, lat = _as_arrays(lon, lat)
    d_lon, d_lat = _offset_deg(lon, lat)
    return Converted(lon + d_lon, lat + d_lat, "gcj02_forward", 0, 0.0)


def gcj02_to_wgs84(lon, lat, tolerance_deg: float = INVERSE_TOLERANCE_DEG) -> Converted:
    """Invert the GCJ-02 shift by fixed-point iteration: w ← w − (forward(w) − g), starting at w = g.

    The offset changes by well under 1 % across its own size, so each step shrinks the error about a
    hundredfold; 2–4 iterations reach 1e-8° (≈ 1 mm).

    Parameters
    ----------
    lon, lat : array_like, same shape
        GCJ-02 longitude and latitude [degree].
    tolerance_deg : float
        Stop when every |forward(w) − g| is below this [degree].

    Returns
    -------
    Converted
        WGS84 longitude and latitude [degree] with the iterations used and the final residual.

    Raises
    ------
    ValueError
        On bad input (see :func:`wgs84_to_gcj02`) or if the iteration does not converge.
    """
    g_lon, g_lat = _as_arrays(lon, lat)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    residual = np.inf
    for iteration in range(1, MAX_ITERATIONS + 1):
        d_lon, d_lat = _offset_deg(w_lon, w_lat)
        e_lon = w_lon + d_lon - g_lon
        e_lat = w_lat + d_lat - g_lat
        w_lon = w_lon - e_lon
        w_lat = w_lat - e_lat
        residual = float(max(np.max(np.abs(e_lon), initial=0.0), np.max(np.abs(e_lat), initial=0.0)))
        if residual < tolerance_deg:
            f_lon, f_lat = _offset_deg(w_lon, w_lat)
            final = float(max(np.max(np.abs(w_lon + f_lon - g_lon), initial=0.0),
                              np.max(np.abs(w_lat + f_lat - g_lat), initial=0.0)))
            return Converted(w_lon, w_lat, "gcj02_inverse_iterative", iteration, final)
    raise ValueError(f"GCJ-02 inverse did not converge in {MAX_ITERATIONS} iterations (residual {residual:g}°)")


#: The BD-09 rotation/scale factor ξ = 3000π/180 [1/degree] (module docstring).
BD_XI = np.pi * 3000.0 / 180.0


def gcj02_to_bd09(lon, lat) -> Converted:
    """GCJ-02 longitude/latitude [degree] → BD-09 (Baidu) [degree], the published closed form (module docstring).

    Raises ``ValueError`` on bad input (see :func:`wgs84_to_gcj02`).
    """
    x, y = _as_arrays(lon, lat)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * BD_XI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * BD_XI)
    return Converted(z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006, "bd09_forward", 0, 0.0)


def bd09_to_gcj02(lon, lat) -> Converted:
    """BD-09 (Baidu) longitude/latitude [degree] → GCJ-02 [degree], the published closed form.

    Raises ``ValueError`` on bad input (see :func:`wgs84_to_gcj02`).
    """
    lon, lat = _as_arrays(lon, lat)
    x, y = lon - 0.0065, lat - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * BD_XI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * BD_XI)
    return Converted(z * np.cos(theta), z * np.sin(theta), "bd09_inverse", 0, 0.0)


def bd09_to_wgs84(lon, lat) -> Converted:
    """BD-09 → GCJ-02 (closed form) → WGS84 (iterative inverse of :func:`wgs84_to_gcj02`) [degree].

    Raises ``ValueError`` on bad input or if the GCJ-02 inverse does not converge.
    """
    gcj = bd09_to_gcj02(lon, lat)
    out = gcj02_to_wgs84(gcj.lon, gcj.lat)
    return Converted(out.lon, out.lat, "bd09_to_gcj02+gcj02_inverse_iterative", out.iterations, out.max_residual_deg)


_CONVERTERS = {"wgs84_to_gcj02": wgs84_to_gcj02, "gcj02_to_wgs84": gcj02_to_wgs84, "gcj02_to_bd09": gcj02_to_bd09,
               "bd09_to_gcj02": bd09_to_gcj02, "bd09_to_wgs84": bd09_to_wgs84}


def convert(lon, lat, method: str) -> Converted:
    """Dispatch to :func:`wgs84_to_gcj02`, :func:`gcj02_to_wgs84` or a BD-09 conversion by name.

    Raises
    ------
    ValueError
        If ``method`` is unknown (the message lists the valid names).
    """
    try:
        func = _CONVERTERS[method]
    except KeyError:
        raise ValueError(f"unknown method {method!r}; valid: {', '.join(sorted(_CONVERTERS))}") from None
    return func(lon, lat)


def geojson_gcj02_to_wgs84(geometry: dict) -> dict:
    """A GeoJSON geometry (Point … MultiPolygon) with every GCJ-02 position converted to WGS84.

    Raises
    ------
    ValueError
        If the geometry type is not supported or a position is malformed.
    """
    kind = geometry.get("type")
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
             "MultiPolygon": 3}.get(kind)
    if depth is None:
        raise ValueError(f"unsupported GeoJSON geometry type {kind!r}")

    flat: list = []

    def collect(coords, level):
        if level == 0:
            flat.append(coords[:2])
        else:
            for c in coords:
                collect(c, level - 1)

    collect(geometry["coordinates"], depth)
    arr = np.asarray(flat, dtype=float).reshape(-1, 2)
    out = gcj02_to_wgs84(arr[:, 0], arr[:, 1])
    converted = iter(zip(out.lon.tolist(), out.lat.tolist(), strict=True))

    def rebuild(coords, level):
        if level == 0:
            return list(next(converted))
        return [rebuild(c, level - 1) for c in coords]

    return {"type": kind, "coordinates": rebuild(geometry["coordinates"], depth)}
