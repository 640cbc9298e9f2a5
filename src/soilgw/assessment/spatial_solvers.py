"""The interpolation solvers: ordinary kriging and IDW on clean input (no guards).

The platform's one entry is :func:`soilgw.assessment.spatial.interpolate`, which merges co-located samples,
handles non-detects and checks every candidate model before it calls these solvers' building blocks.

Coordinates are projected metres (EPSG:4546 for the county; any projected CRS works — longitude/latitude must be
projected first). Each interpolation returns an :class:`InterpolationResult` recording the method, the variogram
model chosen and every candidate's fit, the transform and back-transform, leave-one-out cross-validation,
neighbourhood, chunk size and library version. Variogram estimation, model fitting and the semivariance functions
are gstools'; the kriging systems are solved here (:mod:`soilgw.assessment.spatial_kriging`) because the lognormal
back-transform needs the Lagrange multiplier, which gstools does not return. They are checked against gstools'
own ``krige.Ordinary`` and against R gstat (tests/assessment/test_spatial_gstat.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import gstools as gs
import numpy as np
from scipy import stats

from soilgw.assessment import spatial_kriging as _k
from soilgw.assessment.spatial_variogram import (
    MODELS,
    VariogramFit,
    VariogramSelection,
    empirical_variogram,
    select_variogram,
)

SKEWNESS_THRESHOLD = 1.0
DEFAULT_CHUNK = 2000
LIBRARY = "gstools"


@dataclass(frozen=True)
class CrossValidation:
    """Leave-one-out cross-validation in the data's own scale (after any back-transform).

    Attributes
    ----------
    observed, predicted : ndarray, shape (n,) [data unit]
    mean_error : float [data unit]
        mean(predicted − observed); positive = overestimation.
    rmse : float [data unit]
        sqrt(mean((predicted − observed)²)).
    method : str
    """

    observed: np.ndarray
    predicted: np.ndarray
    mean_error: float
    rmse: float
    method: str = "leave_one_out"

    @classmethod
    def from_predictions(cls, observed, predicted) -> CrossValidation:
        """Build from paired arrays, computing mean error and RMSE."""
        err = np.asarray(predicted, dtype=float) - np.asarray(observed, dtype=float)
        return cls(np.asarray(observed, dtype=float), np.asarray(predicted, dtype=float),
                   float(np.mean(err)), float(np.sqrt(np.mean(err**2))))


@dataclass(frozen=True)
class InterpolationResult:
    """Interpolated values at the targets and everything needed to explain them.

    Attributes
    ----------
    prediction : ndarray, shape (m,) [data unit]
        Estimate in the data's scale (back-transformed when ``transform == "log"``).
    method : {"ordinary_kriging", "idw"}
    transform : {"none", "log"}
    back_transform : {"identity", "lognormal_unbiased", "lognormal_median"}
    skewness : float [unitless]
        Sample skewness g1 = m3 / m2^1.5 of the data (decides ``transform="auto"``).
    cross_validation : CrossValidation
    parameters : dict
        Neighbourhood, chunk size, IDW power, thresholds actually used.
    variogram : VariogramSelection or None
        Chosen and candidate variogram fits (kriging only; the fit is on the transformed values).
    variance : ndarray, shape (m,) or None [model unit²]
        Ordinary-kriging variance in the modelled (transformed) scale.
    prediction_model_scale, lagrange : ndarray, shape (m,) or None
        Kriging estimate and Lagrange multiplier μ in the modelled scale.
    library, library_version : str
    """

    prediction: np.ndarray
    method: str
    transform: str
    back_transform: str
    skewness: float
    cross_validation: CrossValidation
    parameters: dict = field(default_factory=dict)
    variogram: VariogramSelection | None = None
    variance: np.ndarray | None = None
    prediction_model_scale: np.ndarray | None = None
    lagrange: np.ndarray | None = None
    library: str = LIBRARY
    library_version: str = gs.__version__


def _inputs(x, y, values, target_x, target_y):
    xy = np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
    z = np.asarray(values, dtype=float)
    t = np.column_stack([np.asarray(target_x, dtype=float), np.asarray(target_y, dtype=float)])
    if xy.shape[0] != z.shape[0]:
        raise ValueError(f"x/y have {xy.shape[0]} points but values has {z.shape[0]}")
    bad = ~np.isfinite(xy).all(1) | ~np.isfinite(z)
    if bad.any():
        raise ValueError(f"sample {int(np.flatnonzero(bad)[0])}: coordinates and values must be finite "
                         "(drop unmeasured samples before interpolating)")
    if not np.isfinite(t).all():
        raise ValueError(f"target {int(np.flatnonzero(~np.isfinite(t).all(1))[0])}: coordinates must be finite")
    if len(z) < 3:
        raise ValueError(f"interpolation needs at least 3 samples, got {len(z)}")
    return xy, z, t


def sample_skewness(values) -> float:
    """Moment coefficient of skewness g1 = m3 / m2^1.5 [unitless] (scipy ``skew(bias=True)``); 0 for constant data."""
    v = np.asarray(values, dtype=float)
    return 0.0 if np.ptp(v) == 0 else float(stats.skew(v, bias=True))


def _choose_transform(transform: str, z: np.ndarray, threshold: float) -> tuple[str, float]:
    skew = sample_skewness(z)
    if transform not in ("auto", "none", "log"):
        raise ValueError(f"unknown transform {transform!r}; valid: auto, none, log")
    chosen = ("log" if skew > threshold else "none") if transform == "auto" else transform
    if chosen == "log" and (z <= 0).any():
        raise ValueError(f"log transform needs values > 0; sample {int(np.flatnonzero(z <= 0)[0])} is "
                         f"{z[z <= 0][0]} (skewness {skew:.2f}); pass transform='none'")
    return chosen, skew


def lognormal_unbiased(y_hat, variance, mu):
    """Unbiased lognormal ordinary-kriging back-transform exp(Ŷ + σ²/2 − μ).

    Parameters
    ----------
    y_hat, variance, mu : array_like, shape (m,)
        OK estimate of ln Z, its kriging variance and the Lagrange multiplier of the semivariance-form system.

    References
    ----------
    Journel A.G. (1980) The lognormal approach to predicting local distributions of selective mining unit
    grades, Math. Geol. 12:285–303, DOI 10.1007/BF01029417; Webster R., Oliver M.A. (2007) Geostatistics for
    Environmental Scientists, 2nd ed., §8.9 (lognormal kriging), DOI 10.1002/9780470517277.
    """
    return np.exp(np.asarray(y_hat) + np.asarray(variance) / 2.0 - np.asarray(mu))


def lognormal_median(y_hat, variance, mu):
    """Median back-transform exp(Ŷ) (biased low for the mean; unaffected by σ² and μ)."""
    return np.exp(np.asarray(y_hat))


BACK_TRANSFORMS = {"lognormal_unbiased": lognormal_unbiased, "lognormal_median": lognormal_median}


def _back(name: str):
    try:
        return BACK_TRANSFORMS[name]
    except KeyError:
        raise ValueError(f"unknown back_transform {name!r}; valid: {', '.join(BACK_TRANSFORMS)}") from None


def ordinary_kriging(x, y, values, target_x, target_y, *, transform: str = "auto",
                     back_transform: str = "lognormal_unbiased", models=tuple(MODELS),
                     variogram: VariogramFit | None = None, bin_edges=None, n_bins: int = 15,
                     cutoff: float | None = None, neighbours: int | None = None,
                     chunk_size: int = DEFAULT_CHUNK, skewness_threshold: float = SKEWNESS_THRESHOLD,
                     ) -> InterpolationResult:
    """Ordinary kriging of point values onto target points, with model selection and LOO cross-validation.

    Parameters
    ----------
    x, y : array_like, shape (n,) [m]
        Projected sample coordinates.
    values : array_like, shape (n,) [mg/kg, or unitless for pH]
    target_x, target_y : array_like, shape (m,) [m]
        Targets, e.g. assessment-unit centroids.
    transform : {"auto", "none", "log"}
        ``auto``: natural log when the sample skewness exceeds ``skewness_threshold``.
    back_transform : {"lognormal_unbiased", "lognormal_median"}
        Used only with the log transform (see :func:`lognormal_unbiased`).
    models : sequence of {"spherical", "exponential", "gaussian"}
        Candidates; the one with the smallest weighted SSE is used.
    variogram : VariogramFit, optional
        Use this fitted model instead of fitting (it must be on the transformed scale).
    bin_edges, n_bins, cutoff
        Sample variogram binning (see :func:`soilgw.assessment.spatial_variogram.empirical_variogram`).
    neighbours : int, optional
        Nearest data per target (gstat ``nmax``); None = all data (unique neighbourhood).
    chunk_size : int
        Targets per batch; bounds memory (global: n × chunk floats; local: chunk × k² floats).
    skewness_threshold : float [unitless]

    Returns
    -------
    InterpolationResult

    Raises
    ------
    ValueError
        Mismatched/non-finite inputs, fewer than 3 samples, all values equal, log transform of values ≤ 0,
        unknown transform/back-transform/model.

    References
    ----------
    Webster R., Oliver M.A. (2007) Geostatistics for Environmental Scientists, 2nd ed., ch. 8 (ordinary kriging),
    DOI 10.1002/9780470517277; Dubrule O. (1983) Cross validation of kriging in a unique neighborhood,
    Math. Geol. 15:687–699, DOI 10.1007/BF01033232.
    """
    xy, z, t = _inputs(x, y, values, target_x, target_y)
    if np.ptp(z) == 0:
        raise ValueError(f"all {len(z)} values equal {z[0]}: no spatial variation to model a variogram on; "
                         "use method='idw' (it returns the constant)")
    chosen, skew = _choose_transform(transform, z, skewness_threshold)
    back = _back(back_transform) if chosen == "log" else None
    zt = np.log(z) if chosen == "log" else z
    if variogram is None:
        selection = select_variogram(empirical_variogram(xy[:, 0], xy[:, 1], zt, bin_edges=bin_edges,
                                                         n_bins=n_bins, cutoff=cutoff), models)
    else:
        selection = VariogramSelection(variogram, {variogram.model: variogram}, None, "given by the caller")
    vario = selection.best.semivariance
    if neighbours is None:
        pred, var, mu = _k.krige_global(xy, zt, t, vario, chunk_size)
        cv_pred, cv_var, cv_mu = _k.loo_global(xy, zt, vario)
    else:
        if neighbours < 2:
            raise ValueError(f"neighbours must be at least 2 (or None for all data), got {neighbours}")
        pred, var, mu = _k.krige_local(xy, zt, t, vario, neighbours, chunk_size)
        cv_pred, cv_var, cv_mu = _k.loo_local(xy, zt, vario, neighbours, chunk_size)
    var = np.maximum(var, 0.0)  # rounding can leave −1e-16 at data points
    final = back(pred, var, mu) if back else pred
    cv_final = back(cv_pred, cv_var, cv_mu) if back else cv_pred
    params = {"neighbours": neighbours, "chunk_size": chunk_size, "skewness_threshold": skewness_threshold,
              "models": tuple(models), "n_samples": len(z), "n_targets": len(t)}
    return InterpolationResult(
        final, "ordinary_kriging", chosen, back_transform if back else "identity", skew,
        CrossValidation.from_predictions(z, cv_final), params, selection, var, pred, mu)


def inverse_distance_weighting(x, y, values, target_x, target_y, *, power: float = 2.0,
                               neighbours: int | None = None, chunk_size: int = DEFAULT_CHUNK,
                               ) -> InterpolationResult:
    """Inverse-distance-weighted mean ẑ = Σ d_i^−p z_i / Σ d_i^−p (exact at the data points).

    Parameters
    ----------
    x, y, values, target_x, target_y
        As :func:`ordinary_kriging`.
    power : float [unitless]
        Distance exponent p (> 0).
    neighbours : int, optional
        Nearest data used; None = all.
    chunk_size : int

    Returns
    -------
    InterpolationResult
        ``variance``/``variogram`` None; LOO cross-validation with the same weights.

    Raises
    ------
    ValueError
        Bad inputs or ``power`` ≤ 0.

    References
    ----------
    Shepard D. (1968) A two-dimensional interpolation function for irregularly-spaced data, Proc. 23rd ACM
    National Conference, 517–524, DOI 10.1145/800186.810616.
    """
    xy, z, t = _inputs(x, y, values, target_x, target_y)
    if power <= 0:
        raise ValueError(f"IDW power must be > 0, got {power}")
    pred = _k.idw(xy, z, t, power, neighbours, chunk_size)
    cv = _k.idw(xy, z, xy, power, neighbours, chunk_size, exclude_self=True)
    params = {"power": power, "neighbours": neighbours, "chunk_size": chunk_size, "n_samples": len(z),
              "n_targets": len(t)}
    return InterpolationResult(pred, "idw", "none", "identity", sample_skewness(z),
                               CrossValidation.from_predictions(z, cv), params, library="scipy",
                               library_version=__import__("scipy").__version__)


METHODS = {"ordinary_kriging": ordinary_kriging, "idw": inverse_distance_weighting}
