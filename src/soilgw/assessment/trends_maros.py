"""MAROS six-class trend verdict from Mann–Kendall S, its confidence factor and the coefficient of variation.

Used by :func:`soilgw.assessment.trends.analyze_trends`; ``CF = 1 − p/2`` with p the two-sided Mann–Kendall p-value
(the one-sided confidence in the direction of S).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Fewest samples for the Mann–Kendall statistics (S, p, Sen slope): the minimum of four sampling events of the
#: MAROS 2.2 User's Guide (AFCEE 2006).
MIN_N_TEST = 4
#: Fewest samples for any trend label users see — the Mann–Kendall direction and the MAROS verdict, on the
#: CLI (``soilgw trend``) and the platform alike: eight, two years of quarterly sampling, so that one season
#: cannot decide the label (a SoilGW choice above the MAROS minimum of four).
MIN_N_VERDICT = 8
TREND_RULE = (f"trend label from n ≥ {MIN_N_VERDICT} (Mann–Kendall statistics from n ≥ {MIN_N_TEST}); "
              "MAROS decision matrix, AFCEE 2006 / Aziz et al. 2003")

#: MAROS six-class verdicts plus the verdict for too-short series.
VERDICTS = (
    "increasing",
    "probably_increasing",
    "no_trend",
    "stable",
    "probably_decreasing",
    "decreasing",
    "insufficient_data",
)


@dataclass(frozen=True)
class TrendVerdict:
    """Result of :func:`maros_verdict` (scalars or arrays of shape (m,)).

    Attributes
    ----------
    method : str
        ``"maros"``.
    verdict : str or ndarray of str
        One of :data:`VERDICTS`.
    confidence_factor : float or ndarray
        ``1 − p/2`` [unitless].
    cov : float or ndarray
        Coefficient of variation of the series (sample SD / mean) [unitless].
    min_n : int
        Sample count below which the verdict is ``"insufficient_data"``.
    """

    method: str
    verdict: np.ndarray | str
    confidence_factor: np.ndarray | float
    cov: np.ndarray | float
    min_n: int


def coefficient_of_variation(values) -> np.ndarray | float:
    """Sample coefficient of variation, row-wise, ignoring NaN.

    Parameters
    ----------
    values : array_like, shape (n,) or (m, n)
        Concentrations [any unit].

    Returns
    -------
    float or ndarray
        ``std(ddof=1) / mean`` [unitless].
    """
    x = np.asarray(values, dtype=float)
    n = (~np.isnan(x)).sum(axis=-1)
    total = np.nansum(x, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        var = np.nansum((x - np.expand_dims(mean, -1)) ** 2, axis=-1) / (n - 1)
        return np.sqrt(var) / mean


def maros_verdict(s, p, cov, n, *, min_n: int = MIN_N_VERDICT) -> TrendVerdict:
    """MAROS six-class trend verdict from Mann–Kendall S, its confidence factor and the COV.

    Decision table (AFCEE MAROS user's guide, Aziz et al. 2003, Mann–Kendall analysis decision matrix),
    with ``CF = 1 − p/2``:

    =======  ==================  =========  =====================
    S        CF                  COV        verdict
    =======  ==================  =========  =====================
    S > 0    CF > 95 %           any        increasing
    S > 0    90 % ≤ CF ≤ 95 %    any        probably_increasing
    S > 0    CF < 90 %           any        no_trend
    S ≤ 0    CF < 90 %           COV ≥ 1    no_trend
    S ≤ 0    CF < 90 %           COV < 1    stable
    S < 0    90 % ≤ CF ≤ 95 %    any        probably_decreasing
    S < 0    CF > 95 %           any        decreasing
    =======  ==================  =========  =====================

    Series with fewer than ``min_n`` samples get ``insufficient_data``.

    Parameters
    ----------
    s : float or array_like
        Mann–Kendall S.
    p : float or array_like
        Two-sided p-value of S.
    cov : float or array_like
        Coefficient of variation of the series [unitless].
    n : int or array_like
        Sample count.
    min_n : int, default :data:`MIN_N_VERDICT`
        Minimum sample count for a verdict.

    Returns
    -------
    TrendVerdict

    References
    ----------
    Aziz, J.J., Ling, M., Rifai, H.S., Newell, C.J., Gonzales, J.R. (2003). MAROS: a decision support system for
    optimizing monitoring plans. Ground Water 41(3), 355–367. doi:10.1111/j.1745-6584.2003.tb02605.x
    AFCEE (2006). Monitoring and Remediation Optimization System (MAROS) 2.2 Software User's Guide, Air Force
    Center for Environmental Excellence, Mann–Kendall analysis decision matrix (after Aziz et al. 2003).
    """
    s, p, cov, n = (np.asarray(a, dtype=float) for a in (s, p, cov, n))
    cf = 1.0 - p / 2.0
    conditions = [
        n < min_n,
        (s > 0) & (cf > 0.95),
        (s > 0) & (cf >= 0.90),
        s > 0,
        (s < 0) & (cf > 0.95),
        (s < 0) & (cf >= 0.90),
        cov >= 1.0,
    ]
    choices = ["insufficient_data", "increasing", "probably_increasing", "no_trend", "decreasing",
               "probably_decreasing", "no_trend"]
    verdict = np.select(conditions, choices, default="stable")
    if verdict.ndim == 0:
        return TrendVerdict("maros", str(verdict), float(cf), float(cov), min_n)
    return TrendVerdict("maros", verdict, cf, cov, min_n)
