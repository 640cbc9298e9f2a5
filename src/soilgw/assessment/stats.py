"""Summary statistics for data with non-detects (left-censored, several detection limits).

Methods (one public function each, plus the dispatcher :func:`summarize`):

* :func:`kaplan_meier` — Kaplan–Meier (product-limit) estimate of the distribution, mean, SD and standard error
  of the mean for left-censored data (Helsel 2012, ch. 6; USEPA 2009, §15.3).
* :func:`robust_ros` — robust regression on order statistics with Helsel–Cohn plotting positions for several
  detection limits (Helsel & Cohn 1988; Helsel 2012, ch. 6).
* :func:`substitution` — replace non-detects by a fraction of their detection limit. It is biased and exists only
  so that a caller who asks for it by name gets it; nothing falls back to it.

Inputs are ``values`` (the detection limit for non-detects) and ``censored`` (True for non-detects). A non-detect
``<DL`` is taken to lie below a detect equal to DL (the usual convention for "less than").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class CensoredSummary:
    """Mean and SD of one censored sample, with the method actually used.

    Attributes
    ----------
    method : str
        ``"kaplan_meier"``, ``"robust_ros"`` or ``"substitution"``.
    n, n_censored : int
        Sample size and number of non-detects.
    mean, sd : float
        Estimated mean and standard deviation [unit of the data].
    se_mean : float
        Standard error of the mean [unit of the data] (Kaplan–Meier: from the variance of the area under the
        product-limit curve; others: ``sd/√n``).
    detection_limits : tuple of float
        Distinct detection limits of the non-detects.
    parameters : dict
        Method parameters (e.g. the substitution fraction, the ROS regression line).
    """

    method: str
    n: int
    n_censored: int
    mean: float
    sd: float
    se_mean: float
    detection_limits: tuple
    parameters: dict = field(default_factory=dict)


def validate_censored(values, censored) -> tuple[np.ndarray, np.ndarray]:
    """Check and return ``values`` and ``censored`` as 1-D float and bool arrays.

    Parameters
    ----------
    values : array_like, shape (n,)
        Values; detection limit for non-detects [any concentration unit].
    censored : array_like of bool, shape (n,), or None
        True for non-detects; None means no non-detects.

    Returns
    -------
    values, censored : ndarray

    Raises
    ------
    ValueError
        If shapes differ, a value is NaN/infinite, or no value is given.
    """
    x = np.asarray(values, dtype=float).ravel()
    c = np.zeros(x.shape, bool) if censored is None else np.asarray(censored, bool).ravel()
    if x.shape != c.shape:
        raise ValueError(f"values ({x.size}) and censored ({c.size}) differ in length")
    if x.size == 0:
        raise ValueError("no values given")
    bad = ~np.isfinite(x)
    if bad.any():
        raise ValueError(f"values: not finite at positions {np.flatnonzero(bad)[:10].tolist()}")
    return x, c


def km_distribution(values, censored) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Kaplan–Meier CDF of left-censored data.

    Parameters
    ----------
    values : array_like, shape (n,)
        Values; detection limit for non-detects.
    censored : array_like of bool, shape (n,)
        True for non-detects.

    Returns
    -------
    z : ndarray, shape (k,)
        Distinct detected values, ascending.
    cdf : ndarray, shape (k,)
        Estimated P(X ≤ z) at each z.
    d, r : ndarray, shape (k,)
        Detects equal to z, and the number at risk ``#{obs ≤ z}`` (non-detects with DL ≤ z included).

    Raises
    ------
    ValueError
        If every value is a non-detect (the distribution is then not estimable).

    References
    ----------
    Helsel, D.R. (2012). Statistics for Censored Environmental Data Using Minitab and R, 2nd ed., §6.3.
    """
    x, c = validate_censored(values, censored)
    if c.all():
        raise ValueError("all values are non-detects: the Kaplan-Meier distribution cannot be estimated")
    z, d = np.unique(x[~c], return_counts=True)
    d = d.astype(float)
    r = np.searchsorted(np.sort(x), z, side="right").astype(float)
    # F(z_j−) = F(z_j)·(1 − d_j/r_j), chained down from F(max detect) = 1
    cdf = np.append(np.cumprod((1.0 - d / r)[:0:-1])[::-1], 1.0)
    return z, cdf, d, r


def restrict_lowest(values, censored) -> np.ndarray:
    """Treat the non-detects at the lowest detection limit as detects at that limit, if it is ≤ every detect.

    Without this the Kaplan–Meier curve does not reach zero and the probability below the smallest detect is
    undefined (Efron 1967 for the mirror case; EnvStats ``enparCensored(restricted=TRUE)``).

    Parameters
    ----------
    values : array_like, shape (n,)
        Values; detection limit for non-detects.
    censored : array_like of bool, shape (n,)
        True for non-detects.

    Returns
    -------
    ndarray of bool
        The new censoring flags.
    """
    x, c = validate_censored(values, censored)
    if c.any() and (~c).any() and x[c].min() <= x[~c].min():
        c = c & ~(x == x[c].min())
    return c


def kaplan_meier(values, censored=None, *, restricted: bool = True) -> CensoredSummary:
    """Kaplan–Meier mean, SD and standard error of the mean for left-censored data.

    When the lowest detection limit is at or below every detect, the non-detects at that limit are counted as
    detects at the limit (``restricted=True``, :func:`restrict_lowest`): the probability below the smallest
    detect then sits at the lowest detection limit. This is the convention of USEPA (2009) Example 15-1 and of
    ProUCL's KM mean; with ``restricted=False`` that probability sits at the smallest detect (an upper-biased mean).
    ``sd`` is the square root of the KM variance ``Σ p_j (z_j − mean)²`` (no n/(n − 1) factor, as EnvStats
    ``enparCensored``). ``se_mean`` is the standard error of the area under the product-limit curve
    (Kaplan & Meier 1958; Klein & Moeschberger 2003, §4.5) times the bias correction ``√(m/(m − 1))``,
    m = number of detects (after the restriction), which makes it equal ``s/√n`` when nothing is censored.

    Parameters
    ----------
    values : array_like, shape (n,)
        Values; detection limit for non-detects [any concentration unit].
    censored : array_like of bool, shape (n,), optional
        True for non-detects.
    restricted : bool, default True
        Apply :func:`restrict_lowest` first.

    Returns
    -------
    CensoredSummary

    Raises
    ------
    ValueError
        If all values are non-detects, or inputs are invalid (see :func:`validate_censored`).

    References
    ----------
    Kaplan, E.L., Meier, P. (1958). Nonparametric estimation from incomplete observations. JASA 53, 457–481.
    doi:10.1080/01621459.1958.10501452
    Helsel, D.R. (2012). Statistics for Censored Environmental Data Using Minitab and R, 2nd ed., ch. 6.
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §15.3 (Kaplan–Meier), Example 15-1.
    """
    x, c = validate_censored(values, censored)
    n_censored = int(c.sum())
    dls = tuple(np.unique(x[c]).tolist())
    if restricted:
        c = restrict_lowest(x, c)
    z, cdf, d, r = km_distribution(x, c)
    n = x.size
    p = np.diff(np.concatenate([[0.0], cdf]))
    mean = float((p * z).sum())
    var = float((p * (z - mean) ** 2).sum())
    # area between consecutive detects, weighted by the CDF below them
    areas = np.cumsum(np.diff(z) * cdf[:-1])  # A_j = Σ_{i≤j} (z_{i+1} − z_i) F(z_i)
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = areas**2 * d[1:] / (r[1:] * (r[1:] - d[1:]))
    terms = np.where(np.isfinite(terms), terms, 0.0)
    m = int((~c).sum())
    se = float(np.sqrt(terms.sum() * m / (m - 1))) if m > 1 else np.nan
    return CensoredSummary(
        method="kaplan_meier",
        n=n,
        n_censored=n_censored,
        mean=mean,
        sd=float(np.sqrt(var)),
        se_mean=se,
        detection_limits=dls,
        parameters={"restricted": restricted},
    )


def hc_plotting_positions(values, censored) -> np.ndarray:
    """Helsel–Cohn plotting positions for data with several detection limits.

    Parameters
    ----------
    values : array_like, shape (n,)
        Values; detection limit for non-detects.
    censored : array_like of bool, shape (n,)
        True for non-detects.

    Returns
    -------
    ndarray, shape (n,)
        Plotting position of each observation (in input order), in (0, 1).

    References
    ----------
    Helsel, D.R., Cohn, T.A. (1988). Estimation of descriptive statistics for multiply censored water quality
    data. Water Resour. Res. 24(12), 1997–2004. doi:10.1029/WR024i012p01997
    """
    x, c = validate_censored(values, censored)
    # interval j runs from threshold j to threshold j+1; threshold 0 is −∞, the others the detection limits
    thresholds = np.concatenate([[-np.inf], np.unique(x[c])])
    upper = np.append(thresholds[1:], np.inf)
    k = thresholds.size
    a = np.array([((~c) & (x >= lo) & (x < hi)).sum() for lo, hi in zip(thresholds, upper, strict=True)], float)
    b = np.array([(c & (x <= lo)).sum() + ((~c) & (x < lo)).sum() for lo in thresholds], float)
    # probability of exceeding each threshold, from the top down (Helsel & Cohn 1988, eq. 3)
    pe = np.zeros(k + 1)
    for j in range(k - 1, -1, -1):
        denom = a[j] + b[j]
        pe[j] = pe[j + 1] + (a[j] / denom) * (1.0 - pe[j + 1]) if denom > 0 else pe[j + 1]
    pp = np.empty(x.size)
    for j in range(k):
        lo, hi = thresholds[j], upper[j]
        det = np.flatnonzero((~c) & (x >= lo) & (x < hi))
        if det.size:
            order = det[np.argsort(x[det], kind="stable")]
            ranks = np.arange(1, det.size + 1)
            pp[order] = (1.0 - pe[j]) + (pe[j] - pe[j + 1]) * ranks / (det.size + 1.0)
        if j == 0:
            continue
        cen = np.flatnonzero(c & (x == lo))
        if cen.size:
            ranks = np.arange(1, cen.size + 1)
            pp[cen] = (1.0 - pe[j]) * ranks / (cen.size + 1.0)
    return pp


def robust_ros(values, censored=None) -> CensoredSummary:
    """Robust regression on order statistics (lognormal) for data with several detection limits.

    Detected values are regressed (log scale) on the normal quantiles of their Helsel–Cohn plotting positions;
    non-detects are imputed from the fitted line at their own plotting positions, back-transformed, and the mean
    and SD are those of detects plus imputed values. No substitution is ever used: fewer than three detects raise
    an error instead.

    Parameters
    ----------
    values : array_like, shape (n,)
        Positive values; detection limit for non-detects [any concentration unit].
    censored : array_like of bool, shape (n,), optional
        True for non-detects.

    Returns
    -------
    CensoredSummary
        ``parameters`` holds ``intercept`` and ``slope`` of ln(x) on the normal score, and ``imputed``
        (values in input order).

    Raises
    ------
    ValueError
        If a value is ≤ 0 or there are fewer than 3 detects.

    References
    ----------
    Helsel, D.R., Cohn, T.A. (1988). Water Resour. Res. 24(12), 1997–2004. doi:10.1029/WR024i012p01997
    Helsel, D.R. (2012). Statistics for Censored Environmental Data Using Minitab and R, 2nd ed., §6.2.
    """
    x, c = validate_censored(values, censored)
    if (x <= 0).any():
        raise ValueError("robust ROS works on log values: every value must be > 0")
    if (~c).sum() < 3:
        raise ValueError(f"robust ROS needs at least 3 detects, got {(~c).sum()}")
    pp = hc_plotting_positions(x, c)
    q = stats.norm.ppf(pp)
    fit = stats.linregress(q[~c], np.log(x[~c]))
    full = x.copy()
    full[c] = np.exp(fit.intercept + fit.slope * q[c])
    n = x.size
    sd = float(full.std(ddof=1))
    return CensoredSummary(
        method="robust_ros",
        n=n,
        n_censored=int(c.sum()),
        mean=float(full.mean()),
        sd=sd,
        se_mean=sd / np.sqrt(n),
        detection_limits=tuple(np.unique(x[c]).tolist()),
        parameters={"intercept": float(fit.intercept), "slope": float(fit.slope), "imputed": full.tolist()},
    )


def substitution(values, censored=None, *, fraction: float = 0.5) -> CensoredSummary:
    """Mean and SD after replacing each non-detect by ``fraction`` × its detection limit.

    Biased (Helsel 2012, ch. 1); provided only as an explicitly named method for comparison with legacy reports.

    Parameters
    ----------
    values : array_like, shape (n,)
        Values; detection limit for non-detects [any concentration unit].
    censored : array_like of bool, shape (n,), optional
        True for non-detects.
    fraction : float, default 0.5
        Multiplier of the detection limit (0.5 = DL/2; use ``1/√2`` for DL/√2).

    Returns
    -------
    CensoredSummary

    Raises
    ------
    ValueError
        If ``fraction`` is outside [0, 1].

    References
    ----------
    Helsel, D.R. (2012). Statistics for Censored Environmental Data Using Minitab and R, 2nd ed., §1.1.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction must be within [0, 1], got {fraction}")
    x, c = validate_censored(values, censored)
    full = np.where(c, fraction * x, x)
    n = x.size
    sd = float(full.std(ddof=1)) if n > 1 else np.nan
    return CensoredSummary(
        method="substitution",
        n=n,
        n_censored=int(c.sum()),
        mean=float(full.mean()),
        sd=sd,
        se_mean=sd / np.sqrt(n),
        detection_limits=tuple(np.unique(x[c]).tolist()),
        parameters={"fraction": fraction},
    )


SUMMARY_METHODS = {"kaplan_meier": kaplan_meier, "robust_ros": robust_ros, "substitution": substitution}


def summarize(values, censored=None, *, method: str = "kaplan_meier", **kwargs) -> CensoredSummary:
    """Summarize a censored sample with the method named ``method`` (a key of :data:`SUMMARY_METHODS`).

    Raises
    ------
    ValueError
        If ``method`` is unknown; the message lists the valid names.
    """
    try:
        func = SUMMARY_METHODS[method]
    except KeyError:
        raise ValueError(f"unknown summary method {method!r}; valid: {', '.join(sorted(SUMMARY_METHODS))}") from None
    return func(values, censored, **kwargs)
