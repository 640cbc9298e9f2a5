"""Block means over assessment-unit polygons: discretise each unit, interpolate at the points, average per unit.

For ordinary kriging with one neighbourhood for the whole block, the block-kriging estimate equals the mean of the
point estimates (the estimator is linear), so the block mean here is that mean (Webster & Oliver 2007 §8.3);
with the log transform it is the mean of the back-transformed point estimates, i.e. an estimate of the block's
mean concentration. With a unique neighbourhood the block-kriging variance is also given (model scale).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from soilgw.assessment import spatial_kriging
from soilgw.assessment.spatial_solvers import METHODS, InterpolationResult


@dataclass(frozen=True)
class BlockMeans:
    """Result of :func:`interpolate_block_means`.

    Attributes
    ----------
    mean : Series, index unit id [data unit]
    n_points : Series of int, index unit id
        Discretisation points per unit (the centroid alone when the grid misses a small unit).
    spacing_m : float [m]
    point_result : InterpolationResult
        The interpolation at every discretisation point (method, model, cross-validation …).
    variance : Series or None [model unit²]
        Ordinary block-kriging variance of the block mean of the modelled (transformed) values; matches R gstat
        block kriging (the nugget drops out, see ``spatial_kriging.block_variance_global``); None for IDW or a local
        neighbourhood (each point then has its own neighbours, so no single block system exists).
    method : str
    """

    mean: pd.Series
    n_points: pd.Series
    spacing_m: float
    point_result: InterpolationResult
    variance: pd.Series | None = None
    method: str = "block mean of point estimates on a regular grid inside each unit"


def discretise(polygons, spacing_m: float, unit_ids=None) -> pd.DataFrame:
    """Regular grid points inside each polygon (projected metres); a unit the grid misses gets its centroid.

    Parameters
    ----------
    polygons : sequence of shapely.Geometry, length n [m]
    spacing_m : float [m]
        Grid spacing (> 0); the grid of each unit is anchored at its bounding-box corner plus half a spacing.
    unit_ids : sequence, optional

    Returns
    -------
    DataFrame with ``unit_id, x, y``.

    Raises
    ------
    ValueError
        Non-positive spacing or id/geometry length mismatch.
    """
    if not spacing_m > 0:
        raise ValueError(f"spacing_m must be > 0 [m], got {spacing_m!r}")
    geoms = np.asarray(polygons, dtype=object)
    ids = np.arange(len(geoms)) if unit_ids is None else np.asarray(unit_ids, dtype=object)
    if len(ids) != len(geoms):
        raise ValueError(f"{len(ids)} unit ids for {len(geoms)} polygons")
    frames = []
    for uid, g in zip(ids, geoms, strict=True):
        x0, y0, x1, y1 = g.bounds
        gx, gy = np.meshgrid(np.arange(x0 + spacing_m / 2, x1, spacing_m), np.arange(y0 + spacing_m / 2, y1, spacing_m))
        gx, gy = gx.ravel(), gy.ravel()
        inside = shapely.contains_xy(g, gx, gy)
        if not inside.any():
            c = g.centroid
            gx, gy, inside = np.array([c.x]), np.array([c.y]), np.array([True])
        frames.append(pd.DataFrame({"unit_id": uid, "x": gx[inside], "y": gy[inside]}))
    return pd.concat(frames, ignore_index=True)


def interpolate_block_means(x, y, values, polygons, spacing_m: float, *, unit_ids=None,
                            method: str = "ordinary_kriging", **options) -> BlockMeans:
    """Mean of interpolated values over each unit polygon.

    Parameters
    ----------
    x, y, values : array_like, shape (n,)
        Samples [m] and their values.
    polygons : sequence of shapely.Geometry [m]
    spacing_m : float [m]
        Discretisation spacing.
    unit_ids : sequence, optional
    method : str
        A key of :data:`soilgw.assessment.spatial_solvers.METHODS` (``ordinary_kriging`` or ``idw``).
    **options
        Passed to the method (e.g. ``neighbours``, ``transform``).

    Returns
    -------
    BlockMeans

    References
    ----------
    Webster R., Oliver M.A. (2007) Geostatistics for Environmental Scientists, 2nd ed., §8.3 (block kriging),
    DOI 10.1002/9780470517277.
    """
    if method not in METHODS:
        raise ValueError(f"unknown interpolation method {method!r}; valid: {', '.join(METHODS)}")
    pts = discretise(polygons, spacing_m, unit_ids)
    res = METHODS[method](x, y, values, pts["x"].to_numpy(), pts["y"].to_numpy(), **options)
    g = pd.Series(res.prediction).groupby(pts["unit_id"].to_numpy(), sort=False)
    mean = g.mean()
    variance = None
    if res.method == "ordinary_kriging" and res.parameters["neighbours"] is None:
        xy = np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
        by_unit = {u: f[["x", "y"]].to_numpy() for u, f in pts.groupby("unit_id", sort=False)}
        var = spatial_kriging.block_variance_global(xy, [by_unit[u] for u in mean.index],
                                                    res.variogram.best.semivariance, res.variogram.best.nugget)
        variance = pd.Series(np.maximum(var, 0.0), index=mean.index)
    return BlockMeans(mean, g.size(), float(spacing_m), res, variance)
