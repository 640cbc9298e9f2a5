"""Background threshold values (BTV): upper tolerance limits, upper prediction limits, upper percentiles.

A BTV says how high a concentration can be and still belong to the background population; a drinking-water
source's exceedance that stays below the BTV of its aquifer's background wells is judged geological background
(土壤和地下水 action plans, groundwater task 13), one above it points to human activity.

Methods (one public function each; :func:`background_threshold` dispatches by name):

* ``utl_nonparametric`` — an order statistic as upper tolerance limit (USEPA 2009, §17.2.2).
* ``utl_normal`` / ``utl_lognormal`` — exact normal tolerance factor on the mean and SD (of logs for lognormal),
  Kaplan–Meier estimates when there are non-detects (USEPA 2009, §17.2.1; ProUCL 5.1 Technical Guide ch. 5).
* ``upl_normal`` — prediction limit for the next k values with a Bonferroni t (USEPA 2009, §18.2.1).
* ``upper_percentile`` — the empirical (Kaplan–Meier with non-detects) p-th percentile.
* ``auto`` — nonparametric 95/95 UTL when n ≥ 59 (then the maximum has 95 % coverage at 95 % confidence),
  otherwise the normal UTL on KM estimates.

With non-detects the KM variance is multiplied by n/(n − 1), so that without non-detects it is the usual
sample variance s² and the limits equal the textbook ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from soilgw.assessment.stats import kaplan_meier, km_distribution, validate_censored


@dataclass(frozen=True)
class BackgroundThreshold:
    """A background threshold value and how it was obtained.

    Attributes
    ----------
    method : str
        Method actually used (``auto`` resolves to the method it chose).
    value : float
        The threshold [unit of the data].
    coverage : float or None
        Proportion of the background population below ``value`` (tolerance limits and percentiles); for the
        nonparametric UTL, the coverage achieved at ``confidence``.
    confidence : float or None
        Confidence level.
    n, n_censored : int
        Background sample size and non-detects.
    parameters : dict
        Estimates and factors used (mean, sd, k factor, order-statistic rank …).
    """

    method: str
    value: float
    coverage: float | None
    confidence: float | None
    n: int
    n_censored: int
    parameters: dict = field(default_factory=dict)


def _mean_sd(x: np.ndarray, c: np.ndarray) -> tuple[float, float, str]:
    if not c.any():
        return float(x.mean()), float(x.std(ddof=1)), "sample"
    km = kaplan_meier(x, c)
    return km.mean, float(km.sd * np.sqrt(x.size / (x.size - 1.0))), "kaplan_meier"


def utl_nonparametric(values, censored=None, *, coverage: float = 0.95, confidence: float = 0.95
                      ) -> BackgroundThreshold:
    """Nonparametric upper tolerance limit: the smallest order statistic with the required confidence.

    The r-th smallest of n values bounds a proportion ``coverage`` of the population with confidence
    ``P(Bin(n, coverage) ≤ r − 1)``. If even the maximum does not reach ``confidence``, the maximum is returned
    with the coverage it achieves, ``(1 − confidence)^(1/n)``.

    Parameters
    ----------
    values : array_like, shape (n,)
        Background concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects (a non-detect chosen as the limit gives its detection limit,
        ``parameters["is_nondetect"]`` is True).
    coverage, confidence : float, default 0.95
        Required coverage and confidence.

    Returns
    -------
    BackgroundThreshold

    References
    ----------
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §17.2.2, eq. 17.5; Example 17-4.
    Conover, W.J. (1980). Practical Nonparametric Statistics, 2nd ed., Wiley, §3.2.
    """
    x, c = validate_censored(values, censored)
    order = np.argsort(x, kind="stable")
    n = x.size
    conf_by_rank = stats.binom.cdf(np.arange(n), n, coverage)  # rank r = index + 1
    ok = np.flatnonzero(conf_by_rank >= confidence)
    if ok.size:
        r = int(ok[0]) + 1
        achieved_cov, achieved_conf = coverage, float(conf_by_rank[r - 1])
    else:
        r = n
        achieved_cov, achieved_conf = float((1.0 - confidence) ** (1.0 / n)), confidence
    idx = order[r - 1]
    return BackgroundThreshold("utl_nonparametric", float(x[idx]), achieved_cov, achieved_conf, n, int(c.sum()),
                               {"rank": r, "is_nondetect": bool(c[idx])})


def tolerance_factor(n: int, coverage: float, confidence: float) -> float:
    """Exact one-sided normal tolerance factor K (USEPA 2009, eq. 17.1; Table 17-3).

    Parameters
    ----------
    n : int
        Sample size (≥ 2).
    coverage, confidence : float
        Population coverage and confidence level.

    Returns
    -------
    float
        ``t'(confidence; n − 1, z_coverage·√n) / √n`` with t' the non-central t quantile [unitless].
    """
    if n < 2:
        raise ValueError(f"a tolerance factor needs n >= 2, got {n}")
    return float(stats.nct.ppf(confidence, n - 1, stats.norm.ppf(coverage) * np.sqrt(n)) / np.sqrt(n))


def utl_normal(values, censored=None, *, coverage: float = 0.95, confidence: float = 0.95) -> BackgroundThreshold:
    """Normal upper tolerance limit ``mean + K·sd`` (KM estimates with non-detects).

    Parameters
    ----------
    values : array_like, shape (n,)
        Background concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    coverage, confidence : float, default 0.95
        Coverage and confidence.

    Returns
    -------
    BackgroundThreshold

    References
    ----------
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §17.2.1, eq. 17.1–17.2.
    USEPA (2015). ProUCL 5.1 Technical Guide, EPA/600/R-07/041, ch. 5 (KM UTL).
    """
    x, c = validate_censored(values, censored)
    mean, sd, est = _mean_sd(x, c)
    k = tolerance_factor(x.size, coverage, confidence)
    return BackgroundThreshold("utl_normal", float(mean + k * sd), coverage, confidence, x.size, int(c.sum()),
                               {"mean": mean, "sd": sd, "k": k, "estimates": est})


def utl_lognormal(values, censored=None, *, coverage: float = 0.95, confidence: float = 0.95
                  ) -> BackgroundThreshold:
    """Lognormal upper tolerance limit ``exp(mean_ln + K·sd_ln)`` (KM estimates on logs with non-detects).

    Parameters
    ----------
    values : array_like, shape (n,)
        Positive background concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    coverage, confidence : float, default 0.95
        Coverage and confidence.

    Returns
    -------
    BackgroundThreshold

    Raises
    ------
    ValueError
        If a value is ≤ 0.

    References
    ----------
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §17.2.1, eq. 17.3; Example 17-3.
    """
    x, c = validate_censored(values, censored)
    if (x <= 0).any():
        raise ValueError("utl_lognormal needs positive values")
    mean, sd, est = _mean_sd(np.log(x), c)
    k = tolerance_factor(x.size, coverage, confidence)
    return BackgroundThreshold("utl_lognormal", float(np.exp(mean + k * sd)), coverage, confidence, x.size,
                               int(c.sum()), {"mean_log": mean, "sd_log": sd, "k": k, "estimates": est})


def upl_normal(values, censored=None, *, k_future: int = 1, confidence: float = 0.95) -> BackgroundThreshold:
    """Normal upper prediction limit for the next ``k_future`` values (Bonferroni t).

    ``UPL = mean + t(1 − α/k, n − 1)·sd·√(1 + 1/n)``, α = 1 − confidence.

    Parameters
    ----------
    values : array_like, shape (n,)
        Background concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    k_future : int, default 1
        Number of future values the limit must cover together.
    confidence : float, default 0.95
        Overall confidence.

    Returns
    -------
    BackgroundThreshold

    References
    ----------
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §18.2.1, eq. 18.2; Example 18-1.
    """
    if k_future < 1:
        raise ValueError(f"k_future must be >= 1, got {k_future}")
    x, c = validate_censored(values, censored)
    n = x.size
    mean, sd, est = _mean_sd(x, c)
    t = float(stats.t.ppf(1.0 - (1.0 - confidence) / k_future, n - 1))
    return BackgroundThreshold("upl_normal", float(mean + t * sd * np.sqrt(1.0 + 1.0 / n)), None, confidence, n,
                               int(c.sum()), {"mean": mean, "sd": sd, "t": t, "k_future": k_future,
                                              "estimates": est})


def upper_percentile(values, censored=None, *, percentile: float = 0.95) -> BackgroundThreshold:
    """Upper percentile of the background data.

    Without non-detects: linear interpolation between order statistics (Hyndman & Fan 1996, type 7, numpy's
    default). With non-detects: the smallest detected value whose Kaplan–Meier CDF reaches ``percentile``.

    Parameters
    ----------
    values : array_like, shape (n,)
        Background concentrations; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    percentile : float, default 0.95
        Probability in (0, 1).

    Returns
    -------
    BackgroundThreshold

    References
    ----------
    Hyndman, R.J., Fan, Y. (1996). Sample quantiles in statistical packages. Am. Stat. 50, 361–365.
    doi:10.1080/00031305.1996.10473566
    Helsel, D.R. (2012). Statistics for Censored Environmental Data Using Minitab and R, 2nd ed., §6.3.
    """
    if not 0 < percentile < 1:
        raise ValueError(f"percentile must be in (0, 1), got {percentile}")
    x, c = validate_censored(values, censored)
    if c.any():
        z, cdf, _, _ = km_distribution(x, c)
        value, est = float(z[np.searchsorted(cdf, percentile - 1e-12)]), "kaplan_meier"
    else:
        value, est = float(np.quantile(x, percentile)), "type7"
    return BackgroundThreshold("upper_percentile", value, percentile, None, x.size, int(c.sum()),
                               {"estimates": est})


#: Sample size from which the nonparametric 95/95 UTL (the maximum) is used by ``auto``.
NONPARAMETRIC_MIN_N = 59


def background_auto(values, censored=None, *, coverage: float = 0.95, confidence: float = 0.95
                    ) -> BackgroundThreshold:
    """UTL 95/95: nonparametric when n ≥ 59, otherwise normal on (KM) estimates.

    References
    ----------
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §17.2.2 (n ≥ 59 for a 95/95 nonparametric limit).
    """
    x, _ = validate_censored(values, censored)
    if x.size >= NONPARAMETRIC_MIN_N:
        return utl_nonparametric(values, censored, coverage=coverage, confidence=confidence)
    return utl_normal(values, censored, coverage=coverage, confidence=confidence)


BACKGROUND_METHODS = {
    "auto": background_auto,
    "utl_nonparametric": utl_nonparametric,
    "utl_normal": utl_normal,
    "utl_lognormal": utl_lognormal,
    "upl_normal": upl_normal,
    "upper_percentile": upper_percentile,
}


def background_threshold(values, censored=None, *, method: str = "auto", **kwargs) -> BackgroundThreshold:
    """Background threshold value by the method named ``method`` (a key of :data:`BACKGROUND_METHODS`).

    Raises
    ------
    ValueError
        If ``method`` is unknown; the message lists the valid names.
    """
    try:
        func = BACKGROUND_METHODS[method]
    except KeyError:
        raise ValueError(
            f"unknown background method {method!r}; valid: {', '.join(sorted(BACKGROUND_METHODS))}") from None
    return func(values, censored, **kwargs)


def within_background(values, threshold: BackgroundThreshold) -> np.ndarray:
    """True where a value does not exceed the background threshold.

    Parameters
    ----------
    values : array_like
        Concentrations to judge, in the unit of the threshold.
    threshold : BackgroundThreshold
        From :func:`background_threshold`.

    Returns
    -------
    ndarray of bool
    """
    return np.asarray(values, dtype=float) <= threshold.value
