"""95 % upper confidence limits (UCL) of the mean, with and without non-detects, and the UCL recommendation.

Methods (one public function each; :func:`ucl` dispatches by name):

* ``student_t`` — mean + t(1−α, n−1)·s/√n; only for data without non-detects.
* ``km_t`` — Kaplan–Meier mean + t(1−α, n−1)·SE_KM (ProUCL 5.1 Technical Guide, ch. 4).
* ``km_bootstrap`` — percentile bootstrap of the KM mean, fixed seed (Efron & Tibshirani 1993, §13.3).
* ``km_chebyshev`` — KM mean + √(1/α − 1)·SE_KM (Chebyshev inequality; Singh et al. 2006).

:func:`recommend_ucl` chooses among them with the decision table :data:`DECISION_TABLE` (see its docstring).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from soilgw.assessment.stats import kaplan_meier, validate_censored


@dataclass(frozen=True)
class UCLResult:
    """One upper confidence limit of the mean.

    Attributes
    ----------
    method : str
        Name of the method actually used (``student_t``, ``km_t``, ``km_bootstrap``, ``km_chebyshev``).
    ucl : float
        Upper confidence limit [unit of the data].
    mean : float
        The mean it bounds [unit of the data].
    confidence : float
        One-sided confidence level.
    n : int
        Sample size.
    parameters : dict
        Method parameters (seed and resample count for the bootstrap, SE used …).
    """

    method: str
    ucl: float
    mean: float
    confidence: float
    n: int
    parameters: dict = field(default_factory=dict)


def _check_conf(confidence: float) -> None:
    if not 0.5 <= confidence < 1.0:
        raise ValueError(f"confidence must be in [0.5, 1), got {confidence}")


def ucl_student_t(values, censored=None, *, confidence: float = 0.95) -> UCLResult:
    """Student's-t UCL of the mean for data without non-detects.

    Parameters
    ----------
    values : array_like, shape (n,)
        Concentrations [any unit], n ≥ 2.
    censored : array_like of bool, optional
        Must be all False (or None).
    confidence : float, default 0.95
        One-sided confidence level.

    Returns
    -------
    UCLResult

    Raises
    ------
    ValueError
        If any value is a non-detect (use a KM method) or n < 2.

    References
    ----------
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §21.1.1, eq. 21.2.
    """
    _check_conf(confidence)
    x, c = validate_censored(values, censored)
    if c.any():
        raise ValueError("student_t UCL cannot use non-detects; use km_t, km_bootstrap or km_chebyshev")
    if x.size < 2:
        raise ValueError("student_t UCL needs at least 2 values")
    n = x.size
    se = x.std(ddof=1) / np.sqrt(n)
    return UCLResult("student_t", float(x.mean() + stats.t.ppf(confidence, n - 1) * se), float(x.mean()),
                     confidence, n, {"se_mean": float(se)})


def ucl_km_t(values, censored=None, *, confidence: float = 0.95) -> UCLResult:
    """KM-t UCL: Kaplan–Meier mean plus a t multiple of the KM standard error.

    Parameters
    ----------
    values : array_like, shape (n,)
        Concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    confidence : float, default 0.95
        One-sided confidence level.

    Returns
    -------
    UCLResult

    Raises
    ------
    ValueError
        As :func:`soilgw.assessment.stats.kaplan_meier`, or fewer than 2 detects.

    References
    ----------
    Singh, A., Maichle, R., Lee, S.E. (2006). On the computation of a 95% upper confidence limit of the unknown
    population mean based upon data sets with below detection limit observations. EPA/600/R-06/022, §3.
    USEPA (2015). ProUCL 5.1 Technical Guide, EPA/600/R-07/041, ch. 4.
    """
    _check_conf(confidence)
    km = kaplan_meier(values, censored)
    if not np.isfinite(km.se_mean):
        raise ValueError("km_t UCL needs at least 2 detected values")
    ucl = km.mean + stats.t.ppf(confidence, km.n - 1) * km.se_mean
    return UCLResult("km_t", float(ucl), km.mean, confidence, km.n, {"se_mean": km.se_mean})


def ucl_km_chebyshev(values, censored=None, *, confidence: float = 0.95) -> UCLResult:
    """KM-Chebyshev UCL: Kaplan–Meier mean + √(1/α − 1)·SE_KM, α = 1 − confidence.

    Parameters
    ----------
    values : array_like, shape (n,)
        Concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    confidence : float, default 0.95
        One-sided confidence level (the decision table uses 0.95, 0.975 and 0.99).

    Returns
    -------
    UCLResult

    Raises
    ------
    ValueError
        As :func:`ucl_km_t`.

    References
    ----------
    Singh, A., Maichle, R., Lee, S.E. (2006). EPA/600/R-06/022, §3.
    USEPA (2015). ProUCL 5.1 Technical Guide, EPA/600/R-07/041, ch. 4 (KM Chebyshev UCL).
    """
    _check_conf(confidence)
    km = kaplan_meier(values, censored)
    if not np.isfinite(km.se_mean):
        raise ValueError("km_chebyshev UCL needs at least 2 detected values")
    k = np.sqrt(1.0 / (1.0 - confidence) - 1.0)
    return UCLResult("km_chebyshev", float(km.mean + k * km.se_mean), km.mean, confidence, km.n,
                     {"se_mean": km.se_mean, "multiplier": float(k)})


def ucl_km_bootstrap(values, censored=None, *, confidence: float = 0.95, n_boot: int = 2000,
                     seed: int = 20090301) -> UCLResult:
    """Percentile-bootstrap UCL of the Kaplan–Meier mean (resampling value–flag pairs, fixed seed).

    Resamples with fewer than 2 detects cannot give a KM mean and are drawn again; their count is reported.
    The KM means of all resamples are computed at once by :func:`km_resample_means`.

    Parameters
    ----------
    values : array_like, shape (n,)
        Concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    confidence : float, default 0.95
        One-sided confidence level.
    n_boot : int, default 2000
        Number of bootstrap resamples.
    seed : int
        Seed of the random generator, so the result is reproducible.

    Returns
    -------
    UCLResult
        ``parameters`` holds ``n_boot``, ``seed`` and ``redrawn``.

    Raises
    ------
    ValueError
        If there are fewer than 2 detects.

    References
    ----------
    Efron, B., Tibshirani, R.J. (1993). An Introduction to the Bootstrap. Chapman & Hall, §13.3.
    USEPA (2015). ProUCL 5.1 Technical Guide, EPA/600/R-07/041, ch. 4 (KM percentile bootstrap UCL).
    """
    _check_conf(confidence)
    x, c = validate_censored(values, censored)
    if (~c).sum() < 2:
        raise ValueError("km_bootstrap UCL needs at least 2 detected values")
    rng = np.random.default_rng(seed)
    n = x.size
    chunks, drawn, redrawn = [], 0, 0
    while drawn < n_boot:
        idx = rng.integers(0, n, (n_boot - drawn, n))
        ok = (~c[idx]).sum(axis=1) >= 2
        redrawn += int((~ok).sum())
        chunks.append(idx[ok])
        drawn += int(ok.sum())
    means = km_resample_means(x, c, np.concatenate(chunks)[:n_boot])
    mean = kaplan_meier(x, c).mean
    return UCLResult("km_bootstrap", float(np.quantile(means, confidence)), mean, confidence, n,
                     {"n_boot": n_boot, "seed": seed, "redrawn": redrawn})


def km_resample_means(values, censored, idx) -> np.ndarray:
    """Kaplan–Meier means (restricted, as :func:`~soilgw.assessment.stats.kaplan_meier`) of many resamples.

    Each resample is a row of indices into ``values``; the product-limit estimate is computed for all rows at
    once on the support of the original values.

    Parameters
    ----------
    values : ndarray, shape (n,)
        Values; detection limit for non-detects.
    censored : ndarray of bool, shape (n,)
        True for non-detects.
    idx : ndarray of int, shape (b, n)
        Resample indices; every row must hold at least one detect.

    Returns
    -------
    ndarray, shape (b,)
        KM mean of each resample [unit of ``values``].
    """
    u, pos = np.unique(values, return_inverse=True)
    b, m = idx.shape[0], u.size
    flat = (np.arange(b)[:, None] * m + pos[idx]).ravel()
    det = np.bincount(flat[~censored[idx].ravel()], minlength=b * m).reshape(b, m).astype(float)
    cen = np.bincount(flat[censored[idx].ravel()], minlength=b * m).reshape(b, m).astype(float)
    cols = np.arange(m)
    first_det = np.argmax(det > 0, axis=1)
    has_cen = (cen > 0).any(axis=1)
    first_cen = np.where(has_cen, np.argmax(cen > 0, axis=1), m)
    # restriction: non-detects at the lowest level count as detects when that level is ≤ the lowest detect
    move = has_cen & (first_cen <= first_det)
    rows = np.flatnonzero(move)
    det[rows, first_cen[rows]] += cen[rows, first_cen[rows]]
    cen[rows, first_cen[rows]] = 0.0
    first_det = np.where(move, first_cen, first_det)
    at_risk = np.cumsum(det + cen, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(det > 0, 1.0 - det / at_risk, 1.0)
    # F(u_j) = Π_{l>j} factor_l
    cdf = np.concatenate([np.cumprod(factor[:, :0:-1], axis=1)[:, ::-1], np.ones((b, 1))], axis=1)
    cdf = np.where(cols[None, :] < first_det[:, None], 0.0, cdf)
    p = np.diff(np.concatenate([np.zeros((b, 1)), cdf], axis=1), axis=1)
    return p @ u


UCL_METHODS = {
    "student_t": ucl_student_t,
    "km_t": ucl_km_t,
    "km_bootstrap": ucl_km_bootstrap,
    "km_chebyshev": ucl_km_chebyshev,
}


def ucl(values, censored=None, *, method: str, **kwargs) -> UCLResult:
    """Compute the UCL named ``method`` (a key of :data:`UCL_METHODS`).

    Raises
    ------
    ValueError
        If ``method`` is unknown; the message lists the valid names.
    """
    try:
        func = UCL_METHODS[method]
    except KeyError:
        raise ValueError(f"unknown UCL method {method!r}; valid: {', '.join(sorted(UCL_METHODS))}") from None
    return func(values, censored, **kwargs)


#: Decision table of :func:`recommend_ucl`. Rows are checked in order; the first that matches wins.
#: Columns: row id, condition text, method, confidence. ``sigma`` = SD of the natural logs of the detected
#: values (ProUCL's skewness measure), ``n`` = sample size, ``nd`` = share of non-detects, ``k`` = detects.
DECISION_TABLE = (
    ("R0", "k < 3 (too few detects for any KM UCL)", None, None),
    ("R1", "nd = 0 and sigma < 0.5", "student_t", 0.95),
    ("R2", "nd > 0 and sigma < 0.5", "km_t", 0.95),
    ("R3", "0.5 <= sigma < 1.0 and n >= 15 and nd < 0.5", "km_t", 0.95),
    ("R4", "0.5 <= sigma < 1.0", "km_bootstrap", 0.95),
    ("R5", "1.0 <= sigma < 1.5", "km_chebyshev", 0.95),
    ("R6", "1.5 <= sigma < 2.0 and n >= 20", "km_chebyshev", 0.95),
    ("R7", "1.5 <= sigma < 2.0", "km_chebyshev", 0.975),
    ("R8", "2.0 <= sigma < 3.0 and n >= 20", "km_chebyshev", 0.975),
    ("R9", "sigma >= 2.0", "km_chebyshev", 0.99),
)

_CONDITIONS = {
    "R0": lambda n, nd, k, s: k < 3,
    "R1": lambda n, nd, k, s: nd == 0 and s < 0.5,
    "R2": lambda n, nd, k, s: s < 0.5,
    "R3": lambda n, nd, k, s: s < 1.0 and n >= 15 and nd < 0.5,
    "R4": lambda n, nd, k, s: s < 1.0,
    "R5": lambda n, nd, k, s: s < 1.5,
    "R6": lambda n, nd, k, s: s < 2.0 and n >= 20,
    "R7": lambda n, nd, k, s: s < 2.0,
    "R8": lambda n, nd, k, s: s < 3.0 and n >= 20,
    "R9": lambda n, nd, k, s: True,
}


@dataclass(frozen=True)
class UCLRecommendation:
    """The recommended UCL, the decision-table row that chose it and every UCL computed.

    Attributes
    ----------
    method : str or None
        Recommended method (None when no UCL can be recommended, row R0).
    ucl : float
        The recommended UCL [unit of the data]; NaN when ``method`` is None.
    confidence : float or None
        One-sided confidence level of the recommended UCL.
    rule : str
        Decision-table row id (see :data:`DECISION_TABLE`).
    reason : str
        Human-readable reason quoting the row and the statistics that selected it.
    n, n_censored : int
        Sample size and number of non-detects.
    sigma_log : float
        SD of ln(detected values) [unitless].
    candidates : dict
        ``method → UCL`` of all 95 % UCLs that could be computed.
    verified : bool
        False: the table is this platform's transcription of the ProUCL guidance (see :data:`DECISION_TABLE`);
        its thresholds have not been checked against a second source.
    """

    method: str | None
    ucl: float
    confidence: float | None
    rule: str
    reason: str
    n: int
    n_censored: int
    sigma_log: float
    candidates: dict
    verified: bool = False


def recommend_ucl(values, censored=None, *, n_boot: int = 2000, seed: int = 20090301) -> UCLRecommendation:
    """Recommend a 95 % UCL of the mean by sample size, skewness and share of non-detects.

    Decision table (:data:`DECISION_TABLE`), after the ProUCL guidance for data sets with non-detects that
    follow no discernible distribution (Singh, Maichle & Lee 2006, recommendations; ProUCL 5.1 Technical
    Guide ch. 4 and its UCL suggestion tables), restricted to the KM-based methods this platform implements:

    ====  ==========================================  ==================  ==========
    row   condition (σ = SD of ln detects)            method              confidence
    ====  ==========================================  ==================  ==========
    R0    fewer than 3 detects                        none                —
    R1    no non-detects and σ < 0.5                  Student's t         95 %
    R2    non-detects and σ < 0.5                     KM-t                95 %
    R3    0.5 ≤ σ < 1, n ≥ 15 and < 50 % non-detects  KM-t                95 %
    R4    0.5 ≤ σ < 1 (otherwise)                     KM percentile boot  95 %
    R5    1 ≤ σ < 1.5                                 KM Chebyshev        95 %
    R6    1.5 ≤ σ < 2 and n ≥ 20                      KM Chebyshev        95 %
    R7    1.5 ≤ σ < 2 and n < 20                      KM Chebyshev        97.5 %
    R8    2 ≤ σ < 3 and n ≥ 20                        KM Chebyshev        97.5 %
    R9    σ ≥ 3, or 2 ≤ σ < 3 and n < 20              KM Chebyshev        99 %
    ====  ==========================================  ==================  ==========

    The result says ``verified=False``: the thresholds are transcribed from the ProUCL guidance as summarised in
    docs/statistics.md and have not been checked against a second source.

    Parameters
    ----------
    values : array_like, shape (n,)
        Positive concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    n_boot, seed : int
        Bootstrap settings for the ``km_bootstrap`` candidate.

    Returns
    -------
    UCLRecommendation

    Raises
    ------
    ValueError
        If a value is ≤ 0 (σ is computed on logs) or inputs are invalid.

    References
    ----------
    Singh, A., Maichle, R., Lee, S.E. (2006). EPA/600/R-06/022.
    USEPA (2015). ProUCL 5.1 Technical Guide, EPA/600/R-07/041, ch. 2 and 4.
    """
    x, c = validate_censored(values, censored)
    if (x <= 0).any():
        raise ValueError("recommend_ucl needs positive values (skewness is measured on logs)")
    n, k = x.size, int((~c).sum())
    nd = float(c.mean())
    sigma = float(np.log(x[~c]).std(ddof=1)) if k >= 2 else float("nan")
    candidates = {}
    for name, func in UCL_METHODS.items():
        try:
            if name == "km_bootstrap":
                candidates[name] = func(x, c, n_boot=n_boot, seed=seed).ucl
            else:
                candidates[name] = func(x, c).ucl
        except ValueError:
            continue
    rule, text, method, conf = next(row for row in DECISION_TABLE if _CONDITIONS[row[0]](n, nd, k, sigma))
    stats_text = f"n={n}, detects={k}, non-detects={nd:.0%}, sigma_log={sigma:.3g}"
    if method is None:
        return UCLRecommendation(None, float("nan"), None, rule, f"{rule}: {text} ({stats_text})", n,
                                 int(c.sum()), sigma, candidates)
    if method == "km_bootstrap":
        value = ucl_km_bootstrap(x, c, confidence=conf, n_boot=n_boot, seed=seed).ucl
    else:
        value = UCL_METHODS[method](x, c, confidence=conf).ucl
    label = f"{conf:.1%}".replace(".0%", "%")
    reason = f"{rule}: {text} -> {label} {method} UCL ({stats_text})"
    return UCLRecommendation(method, float(value), conf, rule, reason, n, int(c.sum()), sigma, candidates)
