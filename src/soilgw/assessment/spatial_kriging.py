"""Ordinary kriging systems (global and nearest-neighbour), leave-one-out and IDW weights, chunked.

The kriging system is written with semivariances, as R gstat and Webster & Oliver (2007) do::

    Σ_j λ_j γ(x_i, x_j) + μ = γ(x_i, x_0)   (i = 1..n),   Σ_j λ_j = 1
    Ŷ(x_0) = Σ λ_j y_j,   σ²_OK(x_0) = Σ λ_j γ(x_j, x_0) + μ

γ comes from the fitted gstools model (``vario_nugget``: γ(0) = 0, so kriging is exact at the data points and
the nugget counts as micro-scale variation, as in gstat). The Lagrange multiplier μ is returned because the
lognormal back-transform needs it. These are private helpers of :mod:`soilgw.assessment.spatial_solvers`.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import lu_factor, lu_solve
from scipy.spatial import cKDTree


def _chunks(m: int, chunk_size: int):
    for start in range(0, m, chunk_size):
        yield slice(start, min(start + chunk_size, m))


def _dist(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sqrt((a[:, None, 0] - b[None, :, 0]) ** 2 + (a[:, None, 1] - b[None, :, 1]) ** 2)


def krige_global(xy, y, targets, vario, chunk_size: int):
    """Ordinary kriging with all n data in every system (unique neighbourhood).

    Returns ``(prediction, variance, mu)``, each shape (m,). Cost O(n³) once plus O(n²·m), chunked.
    """
    n = len(y)
    a = np.ones((n + 1, n + 1))
    a[:n, :n] = vario(_dist(xy, xy))
    a[n, n] = 0.0
    lu = lu_factor(a)
    m = len(targets)
    pred, var, mu = np.empty(m), np.empty(m), np.empty(m)
    for s in _chunks(m, chunk_size):
        rhs = np.ones((n + 1, s.stop - s.start))
        rhs[:n] = vario(_dist(xy, targets[s]))
        w = lu_solve(lu, rhs)
        pred[s] = y @ w[:n]
        var[s] = np.einsum("ij,ij->j", w[:n], rhs[:n]) + w[n]
        mu[s] = w[n]
    return pred, var, mu


def block_variance_global(xy, blocks, vario, nugget: float):
    """Ordinary block-kriging variance σ²_B = Σλ_i γ̄(x_i, B) + μ − γ̄(B, B) for each block (unique neighbourhood).

    ``blocks`` is a list of (p_b, 2) arrays of discretisation points; γ̄ are means over those points. Within the
    block the nugget counts for coincident pairs too (the continuous block's limit, as gstat does), so the
    nugget drops out of the block variance.
    """
    n = len(xy)
    a = np.ones((n + 1, n + 1))
    a[:n, :n] = vario(_dist(xy, xy))
    a[n, n] = 0.0
    rhs = np.ones((n + 1, len(blocks)))
    within = np.empty(len(blocks))
    for b, pts in enumerate(blocks):
        rhs[:n, b] = vario(_dist(xy, pts)).mean(1)
        within[b] = vario(_dist(pts, pts)).mean() + nugget / len(pts)
    w = lu_solve(lu_factor(a), rhs)
    return np.einsum("ij,ij->j", w[:n], rhs[:n]) + w[n] - within


def _solve_local(xy, y, targets, idx, vario):
    """Batched OK systems: targets (m, 2), neighbour indices idx (m, k)."""
    m, k = idx.shape
    nx, ny = xy[idx, 0], xy[idx, 1]  # (m, k)
    a = np.ones((m, k + 1, k + 1))
    a[:, :k, :k] = vario(np.hypot(nx[:, :, None] - nx[:, None, :], ny[:, :, None] - ny[:, None, :]))
    a[:, k, k] = 0.0
    rhs = np.ones((m, k + 1))
    rhs[:, :k] = vario(np.hypot(nx - targets[:, 0, None], ny - targets[:, 1, None]))
    w = np.linalg.solve(a, rhs[:, :, None])[:, :, 0]
    pred = (w[:, :k] * y[idx]).sum(1)
    var = (w[:, :k] * rhs[:, :k]).sum(1) + w[:, k]
    return pred, var, w[:, k]


def krige_local(xy, y, targets, vario, neighbours: int, chunk_size: int):
    """Ordinary kriging with the ``neighbours`` nearest data of each target (gstat ``nmax``)."""
    tree = cKDTree(xy)
    k = min(neighbours, len(y))
    m = len(targets)
    pred, var, mu = np.empty(m), np.empty(m), np.empty(m)
    for s in _chunks(m, chunk_size):
        _, idx = tree.query(targets[s], k=k)
        pred[s], var[s], mu[s] = _solve_local(xy, y, targets[s], idx.reshape(-1, k), vario)
    return pred, var, mu


def loo_global(xy, y, vario):
    """Leave-one-out OK in closed form from the inverse of the augmented matrix (Dubrule 1983).

    With B = A⁻¹ and ỹ = (y, 0): the residual y_i − Ŷ_{−i} = (Bỹ)_i / B_ii, the weights of the reduced system are
    −B[:, i] / B_ii (so μ_{−i} = −B[n, i] / B_ii) and, since γ(0) = 0, σ²_{−i} = −1 / B_ii.
    Returns ``(prediction, variance, mu)`` at the n data points.
    """
    n = len(y)
    a = np.ones((n + 1, n + 1))
    a[:n, :n] = vario(_dist(xy, xy))
    a[n, n] = 0.0
    return loo_from_inverse(np.linalg.inv(a), y)


def loo_from_inverse(b, y):
    """:func:`loo_global` given B = A⁻¹ (shape (n+1, n+1)) already computed."""
    n = len(y)
    diag = np.diag(b)[:n]
    resid = (b[:n, :n] @ y) / diag
    return y - resid, -1.0 / diag, -b[n, :n] / diag


def loo_local(xy, y, vario, neighbours: int, chunk_size: int):
    """Leave-one-out OK with the ``neighbours`` nearest other data of each point."""
    tree = cKDTree(xy)
    n = len(y)
    k = min(neighbours, n - 1)
    pred, var, mu = np.empty(n), np.empty(n), np.empty(n)
    for s in _chunks(n, chunk_size):
        _, idx = tree.query(xy[s], k=k + 1)
        idx = idx.reshape(-1, k + 1)
        own = np.arange(s.start, s.stop)[:, None]
        order = np.argsort(idx == own, axis=1, kind="stable")  # the point itself last (wherever it was)
        idx = np.take_along_axis(idx, order, axis=1)[:, :k]
        pred[s], var[s], mu[s] = _solve_local(xy, y, xy[s], idx, vario)
    return pred, var, mu


def idw(xy, y, targets, power: float, neighbours: int | None, chunk_size: int, exclude_self: bool = False):
    """Inverse-distance weights 1/d^p over all data or the nearest ``neighbours``; exact where d = 0."""
    n = len(y)
    tree = cKDTree(xy)
    k = n if neighbours is None else min(neighbours, n)
    k_query = min(k + 1, n) if exclude_self else k
    m = len(targets)
    out = np.empty(m)
    for s in _chunks(m, chunk_size):
        d, idx = tree.query(targets[s], k=k_query)
        d, idx = d.reshape(-1, k_query), idx.reshape(-1, k_query)
        if exclude_self:
            own = np.arange(s.start, s.stop)[:, None]
            order = np.argsort(idx == own, axis=1, kind="stable")
            d = np.take_along_axis(d, order, axis=1)[:, : k_query - 1]
            idx = np.take_along_axis(idx, order, axis=1)[:, : k_query - 1]
        zero = d == 0.0
        with np.errstate(divide="ignore"):
            w = np.where(zero, 0.0, 1.0 / d**power)
        hit = zero.any(1)
        w[hit] = zero[hit].astype(float)  # a coincident datum takes all the weight
        out[s] = (w * y[idx]).sum(1) / w.sum(1)
    return out
