"""Guarded spatial interpolation: one entry, :func:`interpolate`, that never hides a numerical fault.

The plain solvers of :mod:`soilgw.assessment.spatial_solvers` assume clean input. A county survey is not clean: it has
co-located duplicate samples (a singular kriging system), non-detects, constant columns, heavy tails and
variogram fits that are numerically unstable. :func:`interpolate` handles each case by a named rule and records
what it did in :attr:`Interpolation.warnings`:

* co-located samples (within ``tolerance_m``) are merged by ``duplicate_rule`` (``mean``, or ``max`` for
  screening) before anything else;
* non-detects are replaced by ``nondetect_rule`` (``half_dl`` = DL/2, ``dl``, ``zero``); if every value is a
  non-detect nothing is interpolated;
* constant data give a constant surface with zero variance;
* each candidate variogram is checked (nugget ≥ 0, partial sill > 0, range ≤ the data extent, condition number
  of the kriging matrix ≤ ``max_condition``, finite leave-one-out CV with RMSE ≤ ``max_cv_ratio`` × the sample
  standard deviation); the accepted model with the smallest CV RMSE is used, otherwise IDW with the reasons;
* lognormal kriging is back-transformed with exp(Ŷ + σ²/2 − μ) (the Lagrange term μ of the semivariance-form
  system; Journel A.G. & Huijbregts C.J. (1978) Mining Geostatistics, §V.C; Cressie N. (1993) Statistics for
  Spatial Data, rev. ed., §3.2.2); untransformed predictions below 0 are truncated at 0 and reported;
* negative kriging variances beyond rounding are reported (then set to 0); predictions above the plausibility
  bound are flagged.

Coordinates are projected metres.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from soilgw.assessment import spatial_kriging as _k
from soilgw.assessment.spatial_solvers import CrossValidation, lognormal_unbiased, sample_skewness
from soilgw.assessment.spatial_variogram import MODELS, VariogramFit, empirical_variogram, fit_variogram

DUPLICATE_RULES = ("mean", "max")
NONDETECT_RULES = {"half_dl": 0.5, "dl": 1.0, "zero": 0.0}
METHODS = ("auto", "ordinary_kriging", "idw")
#: Default plausibility bound = this factor × the largest observed value.
PLAUSIBILITY_FACTOR = 2.0
MAX_CONDITION = 1e10
#: A model whose LOO RMSE exceeds this × sample SD predicts worse than the plain mean would (with margin).
MAX_CV_RATIO = 1.2
SKEWNESS_THRESHOLD = 1.0
IDW_POWER = 2.0


@dataclass(frozen=True)
class Interpolation:
    """What :func:`interpolate` produced and every rule it applied.

    Attributes
    ----------
    prediction : ndarray, shape (m,) [data unit]
        NaN everywhere when nothing was interpolated (all non-detects).
    variance : ndarray, shape (m,) [model unit²]
        Kriging variance (≥ 0) in the modelled scale (log scale when ``transform == "log"``); 0 for a constant
        surface; NaN for IDW and when not interpolated.
    method_requested, method_used : str
        ``method_used`` ∈ {"ordinary_kriging", "idw", "constant", "none"}.
    transform, back_transform : str
    variogram : VariogramFit or None
    candidates : dict
        Model name → {"fit": VariogramFit or None, "cv_rmse": float, "rejected": str or None}.
    cross_validation : CrossValidation or None
        Leave-one-out, data scale, on the merged samples.
    warnings : tuple of str
    n_input, n_used : int
        Samples given, and distinct locations after merging.
    duplicate_rule, nondetect_rule : str
    upper_bound : float [data unit]
    """

    prediction: np.ndarray
    variance: np.ndarray
    method_requested: str
    method_used: str
    transform: str
    back_transform: str
    variogram: VariogramFit | None
    candidates: dict
    cross_validation: CrossValidation | None
    warnings: tuple
    n_input: int
    n_used: int
    duplicate_rule: str
    nondetect_rule: str
    upper_bound: float


def _as_xy(a, name: str) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    if a.ndim != 2 or a.shape[1] != 2:
        raise ValueError(f"{name} must have shape (n, 2) of projected x, y in metres, got {a.shape}")
    if not np.isfinite(a).all():
        raise ValueError(f"{name} row {int(np.flatnonzero(~np.isfinite(a).all(1))[0])}: coordinates must be finite")
    return a


def merge_colocated(points, values, *, tolerance_m: float, rule: str):
    """Merge samples whose coordinates agree within ``tolerance_m`` [m] (grid snapping) by ``rule``.

    Returns ``(points (k, 2), values (k,), groups)``, in order of each location's first sample, where ``groups`` counts the merged locations that had more
    than one sample. Raises ValueError for an unknown rule.
    """
    if rule not in DUPLICATE_RULES:
        raise ValueError(f"unknown duplicate_rule {rule!r}; valid: {', '.join(DUPLICATE_RULES)}")
    key = np.round(points / tolerance_m).astype(np.int64) if tolerance_m > 0 else points
    _, first, inverse, counts = np.unique(key, axis=0, return_index=True, return_inverse=True, return_counts=True)
    order = np.argsort(first)  # keep the samples' own order (np.unique sorts by coordinate)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    inverse, first, counts = rank[inverse.ravel()], first[order], counts[order]
    if rule == "mean":
        merged = np.bincount(inverse, weights=values) / counts
    else:
        merged = np.full(len(counts), -np.inf)
        np.maximum.at(merged, inverse, values)
    return points[first], merged, int((counts > 1).sum())


def _candidate(name, xy, zt, z, transform, extent, max_condition, max_cv_ratio, neighbours):
    """Fit one model, apply the guards and cross-validate; returns (fit, cv_pred, cv_rmse, reason)."""
    try:
        fit = fit_variogram(empirical_variogram(xy[:, 0], xy[:, 1], zt), name)
    except (ValueError, RuntimeError) as exc:
        return None, None, np.inf, f"fit failed: {exc}"
    if fit.nugget < 0 or fit.sill <= 0:
        return fit, None, np.inf, f"nugget {fit.nugget:.3g} < 0 or partial sill {fit.sill:.3g} ≤ 0"
    if fit.practical_range > extent:
        return fit, None, np.inf, f"practical range {fit.practical_range:.0f} m > data extent {extent:.0f} m"
    n = len(zt)
    if neighbours is None:
        a = np.ones((n + 1, n + 1))
        a[:n, :n] = fit.semivariance(_k._dist(xy, xy))
        a[n, n] = 0.0
        b = np.linalg.inv(a)  # reused by the closed-form LOO; 1-norm condition number costs no extra solve
        cond = float(np.linalg.norm(a, 1) * np.linalg.norm(b, 1))
    else:
        cond = _local_condition(xy, fit, neighbours)
    if not np.isfinite(cond) or cond > max_condition:
        return fit, None, np.inf, f"kriging matrix condition number {cond:.3g} > {max_condition:.3g}"
    if neighbours is None:
        p, v, mu = _k.loo_from_inverse(b, zt)
    else:
        p, v, mu = _k.loo_local(xy, zt, fit.semivariance, neighbours, _k_chunk(n))
    cv = lognormal_unbiased(p, np.maximum(v, 0.0), mu) if transform == "log" else p
    rmse = float(np.sqrt(np.mean((cv - z) ** 2)))
    limit = max_cv_ratio * float(np.std(z))
    if not np.isfinite(rmse) or rmse > limit:
        return fit, cv, rmse, f"CV RMSE {rmse:.4g} > {max_cv_ratio} × sample SD ({limit:.4g})"
    return fit, cv, rmse, None


def _local_condition(xy, fit, neighbours: int, n_check: int = 200) -> float:
    """Largest 1-norm condition number of the local systems around up to ``n_check`` evenly chosen samples."""
    from scipy.spatial import cKDTree

    k = min(neighbours, len(xy))
    centres = xy[np.linspace(0, len(xy) - 1, min(n_check, len(xy))).astype(int)]
    _, idx = cKDTree(xy).query(centres, k=k)
    nb = xy[idx.reshape(-1, k)]
    a = np.ones((len(centres), k + 1, k + 1))
    a[:, :k, :k] = fit.semivariance(np.hypot(nb[:, :, None, 0] - nb[:, None, :, 0],
                                             nb[:, :, None, 1] - nb[:, None, :, 1]))
    a[:, k, k] = 0.0
    return float(np.max(np.linalg.cond(a, 1)))


def _k_chunk(m: int) -> int:
    return max(1, min(m, 2000))


def interpolate(points, values, targets, *, method: str = "auto", censored=None, nondetect_rule: str = "half_dl",
                duplicate_rule: str = "mean", tolerance_m: float = 0.5, transform: str = "auto",
                models=tuple(MODELS), neighbours: int | None = None, upper_bound: float | None = None,
                max_condition: float = MAX_CONDITION, max_cv_ratio: float = MAX_CV_RATIO,
                idw_power: float = IDW_POWER) -> Interpolation:
    """Interpolate point values onto targets with guards and a full account of what was done.

    Parameters
    ----------
    points : array_like, shape (n, 2) [m]
        Projected sample coordinates.
    values : array_like, shape (n,) [mg/kg, or unitless for pH]
        Measured values; for a non-detect, its detection limit.
    targets : array_like, shape (m, 2) [m]
    method : {"auto", "ordinary_kriging", "idw"}
        ``auto`` and ``ordinary_kriging`` krige when a model passes the guards, else fall back to IDW.
    censored : array_like of bool, shape (n,), optional
        True where the value is a non-detect (then ``values`` holds the detection limit).
    nondetect_rule : {"half_dl", "dl", "zero"}
        Substitute DL/2, DL or 0 for a non-detect (US EPA 2000 QA/G-9 §4.7 substitution).
    duplicate_rule : {"mean", "max"}
        How co-located samples are merged (``max`` is conservative for screening).
    tolerance_m : float [m]
        Samples closer than this (on a snapping grid) count as co-located.
    transform : {"auto", "none", "log"}
        ``auto``: natural log when sample skewness > 1 and all values > 0.
    models : sequence of {"spherical", "exponential", "gaussian"}
    neighbours : int, optional
        Nearest data per kriging system; None = all.
    upper_bound : float, optional [data unit]
        Plausibility bound; default :data:`PLAUSIBILITY_FACTOR` × the largest value. Predictions above it are
        flagged in the warnings (not altered).
    max_condition, max_cv_ratio : float
        Guards (see module notes).
    idw_power : float

    Returns
    -------
    Interpolation

    Raises
    ------
    ValueError
        Wrong shapes, non-finite coordinates/values, negative values, unknown method or rule. Faults of the data
        (duplicates, constant, all non-detect, unstable models) never raise: they are reported.
    """
    if method not in METHODS:
        raise ValueError(f"unknown interpolation method {method!r}; valid: {', '.join(METHODS)}")
    if nondetect_rule not in NONDETECT_RULES:
        raise ValueError(f"unknown nondetect_rule {nondetect_rule!r}; valid: {', '.join(NONDETECT_RULES)}")
    if transform not in ("auto", "none", "log"):
        raise ValueError(f"unknown transform {transform!r}; valid: auto, none, log")
    xy, t = _as_xy(points, "points"), _as_xy(targets, "targets")
    z = np.asarray(values, dtype=float)
    if z.shape != (len(xy),):
        raise ValueError(f"values has shape {z.shape}, points has {len(xy)} rows")
    if not np.isfinite(z).all():
        raise ValueError(f"value {int(np.flatnonzero(~np.isfinite(z))[0])} is not finite")
    if (z < 0).any():
        raise ValueError(f"value {int(np.flatnonzero(z < 0)[0])} is negative ({z[z < 0][0]}); "
                         "concentrations cannot be")
    cens = np.zeros(len(z), bool) if censored is None else np.asarray(censored, dtype=bool)
    if cens.shape != z.shape:
        raise ValueError(f"censored has shape {cens.shape}, values has {z.shape}")
    m, warn = len(t), []
    bound = float(upper_bound) if upper_bound is not None else PLAUSIBILITY_FACTOR * float(z.max(initial=0.0))
    common = dict(method_requested=method, n_input=len(z), duplicate_rule=duplicate_rule,
                  nondetect_rule=nondetect_rule, upper_bound=bound)
    nan = np.full(m, np.nan)
    if len(z) == 0 or cens.all():
        warn.append("all values below the detection limit: not interpolated" if len(z) else "no samples")
        return Interpolation(nan, nan.copy(), method_used="none", transform="none", back_transform="identity",
                             variogram=None, candidates={}, cross_validation=None, warnings=tuple(warn),
                             n_used=0, **common)
    if cens.any():
        z = np.where(cens, z * NONDETECT_RULES[nondetect_rule], z)
        warn.append(f"{int(cens.sum())} non-detect(s) replaced by rule {nondetect_rule}")
    xy, z, groups = merge_colocated(xy, z, tolerance_m=tolerance_m, rule=duplicate_rule)
    if groups:
        warn.append(f"{groups} location(s) with co-located samples (within {tolerance_m} m) merged by "
                    f"{duplicate_rule}; {common['n_input']} samples → {len(z)} locations")
    common["n_used"] = len(z)
    if np.ptp(z) == 0:
        warn.append(f"all {len(z)} values equal {z[0]:g}: constant surface, no variogram")
        return Interpolation(np.full(m, z[0]), np.zeros(m), method_used="constant", transform="none",
                             back_transform="identity", variogram=None, candidates={}, cross_validation=None,
                             warnings=tuple(warn), **common)
    chosen = transform
    if transform == "auto":
        chosen = "log" if sample_skewness(z) > SKEWNESS_THRESHOLD else "none"
    if chosen == "log" and (z <= 0).any():
        warn.append("log transform impossible (values ≤ 0): kriging untransformed")
        chosen = "none"
    zt = np.log(z) if chosen == "log" else z
    extent = float(np.hypot(*np.ptp(xy, axis=0)))
    candidates, best = {}, None
    if method != "idw" and len(z) >= 5:
        for name in models:
            fit, cv, rmse, reason = _candidate(name, xy, zt, z, chosen, extent, max_condition, max_cv_ratio,
                                               neighbours)
            candidates[name] = {"fit": fit, "cv_rmse": rmse, "rejected": reason}
            if reason is None and (best is None or rmse < best[2]):
                best = (fit, cv, rmse)
    if best is None:
        if method != "idw":
            why = "; ".join(f"{k}: {v['rejected']}" for k, v in candidates.items()) or f"only {len(z)} locations"
            warn.append(f"no acceptable variogram model ({why}): inverse-distance weighting used")
        pred = _k.idw(xy, z, t, idw_power, neighbours, _k_chunk(m))
        cvp = _k.idw(xy, z, xy, idw_power, neighbours, _k_chunk(len(z)), exclude_self=True)
        _flag_bound(pred, bound, warn)
        return Interpolation(pred, nan.copy(), method_used="idw", transform="none", back_transform="identity",
                             variogram=None, candidates=candidates,
                             cross_validation=CrossValidation.from_predictions(z, cvp), warnings=tuple(warn),
                             **common)
    fit, cv, _ = best
    if neighbours is None:
        p, var, mu = _k.krige_global(xy, zt, t, fit.semivariance, _k_chunk(m))
    else:
        p, var, mu = _k.krige_local(xy, zt, t, fit.semivariance, neighbours, _k_chunk(m))
    tol = 1e-9 * (fit.nugget + fit.sill)
    neg = var < -tol
    if neg.any():
        warn.append(f"{int(neg.sum())} negative kriging variance(s) (min {var.min():.3g}) set to 0")
    var = np.maximum(var, 0.0)
    if chosen == "log":
        pred, back = lognormal_unbiased(p, var, mu), "lognormal_unbiased"
        warn.append("lognormal kriging: back-transform exp(Ŷ + σ²/2 − μ); variance is on the log scale")
    else:
        pred, back = p, "identity"
        low = pred < 0
        if low.any():
            warn.append(f"{int(low.sum())} prediction(s) below 0 (min {pred.min():.3g}) truncated at 0")
            pred = np.maximum(pred, 0.0)
    _flag_bound(pred, bound, warn)
    return Interpolation(pred, var, method_used="ordinary_kriging", transform=chosen, back_transform=back,
                         variogram=fit, candidates=candidates, cross_validation=CrossValidation.from_predictions(z, cv),
                         warnings=tuple(warn), **common)


def _flag_bound(pred: np.ndarray, bound: float, warn: list) -> None:
    high = pred > bound
    if high.any():
        warn.append(f"{int(high.sum())} prediction(s) above the plausibility bound {bound:.4g} "
                    f"(max {pred.max():.4g})")
