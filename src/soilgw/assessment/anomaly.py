"""Anomaly rules for one monitoring point × analyte series (samples in time order).

The rules take the limit and the quality classes as arguments, so they do not depend on any standards table:

* ``new_exceedance`` — a value above the limit (or target) right after at least ``min_prior_compliant``
  compliant samples;
* ``class_deterioration`` — the sample's overall class is worse than the previous sample's;
* ``history_outlier`` — ``|x − median| / (1.4826·MAD) > 3.5`` against at least 8 earlier values of the same
  point (the modified z-score of Iglewicz & Hoaglin 1993);
* ``upward_trend`` — a significant increasing Mann–Kendall trend over the series (flagged on its last sample).

Non-detects: a non-detect never exceeds; it counts as compliant only when its detection limit is at or below
the limit (otherwise compliance is unknown). In the history of the outlier rule a non-detect counts at its
detection limit; a non-detect is never itself an outlier.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from soilgw.assessment.trends import MIN_N_VERDICT, decimal_years, mann_kendall

#: Rule ids in output order.
RULES = ("new_exceedance", "class_deterioration", "history_outlier", "upward_trend")

#: Normal-consistency constant of the MAD (1/Φ⁻¹(3/4)).
MAD_SCALE = 1.4826


@dataclass(frozen=True)
class AnomalyConfig:
    """Thresholds of the anomaly rules.

    Attributes
    ----------
    min_prior_compliant : int, default 2
        Compliant samples required right before a new exceedance.
    outlier_threshold : float, default 3.5
        Modified z-score above which a value is an outlier [unitless].
    outlier_min_prior : int, default 8
        Earlier values needed before the outlier rule applies.
    trend_alpha : float, default 0.05
        Two-sided significance level of the trend rule.
    trend_min_n : int, default :data:`~soilgw.assessment.trends.MIN_N_VERDICT`
        Samples needed before the trend rule applies.
    """

    min_prior_compliant: int = 2
    outlier_threshold: float = 3.5
    outlier_min_prior: int = 8
    trend_alpha: float = 0.05
    trend_min_n: int = MIN_N_VERDICT


def _arrays(values, censored):
    x = np.asarray(values, dtype=float)
    c = np.zeros(x.shape, bool) if censored is None else np.asarray(censored, bool)
    if x.shape != c.shape or x.ndim != 1:
        raise ValueError(f"values and censored must be 1-D of equal length, got {x.shape} and {c.shape}")
    return x, c


def new_exceedance(values, censored=None, *, limit: float, min_prior_compliant: int = 2) -> np.ndarray:
    """Flag values above ``limit`` that follow at least ``min_prior_compliant`` compliant samples.

    Parameters
    ----------
    values : array_like, shape (n,)
        Concentrations in time order; detection limit for non-detects [unit of ``limit``].
    censored : array_like of bool, optional
        True for non-detects.
    limit : float
        Limit or target value [unit of ``values``].
    min_prior_compliant : int, default 2
        Number of immediately preceding samples that must be compliant.

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    x, c = _arrays(values, censored)
    exceed = ~c & (x > limit)
    compliant = x <= limit  # a non-detect is compliant only if its DL is at or below the limit
    run = pd.Series(compliant.astype(int)).rolling(min_prior_compliant, min_periods=min_prior_compliant).sum()
    prior_ok = (run.shift(1) == min_prior_compliant).to_numpy()
    return exceed & prior_ok


def class_deterioration(class_rank) -> np.ndarray:
    """Flag samples whose class is worse (higher rank) than the previous sample's.

    Parameters
    ----------
    class_rank : array_like, shape (n,)
        Ordinal class of each sample in time order (e.g. GB/T 14848 class I → 1 … V → 5); NaN when unknown.

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    r = np.asarray(class_rank, dtype=float)
    prev = np.concatenate([[np.nan], r[:-1]])
    with np.errstate(invalid="ignore"):
        return r > prev


def history_outlier(values, censored=None, *, threshold: float = 3.5, min_prior: int = 8) -> np.ndarray:
    """Flag detected values far from the point's own earlier values (modified z-score).

    ``score = |x_i − median(x_<i)| / (1.4826·MAD(x_<i))``; flagged when ``score > threshold`` and at least
    ``min_prior`` earlier values exist. When the MAD of the history is 0 the scale is undefined and nothing is
    flagged.

    Parameters
    ----------
    values : array_like, shape (n,)
        Concentrations in time order; detection limit for non-detects [any unit].
    censored : array_like of bool, optional
        True for non-detects.
    threshold : float, default 3.5
        Modified z-score threshold [unitless].
    min_prior : int, default 8
        Earlier values required.

    Returns
    -------
    ndarray of bool, shape (n,)

    References
    ----------
    Iglewicz, B., Hoaglin, D.C. (1993). How to Detect and Handle Outliers. ASQC Quality Press, §3.4.
    """
    x, c = _arrays(values, censored)
    flags = np.zeros(x.size, bool)
    for i in range(min_prior, x.size):
        prior = x[:i][~np.isnan(x[:i])]
        if prior.size < min_prior or c[i] or np.isnan(x[i]):
            continue
        med = np.median(prior)
        mad = np.median(np.abs(prior - med))
        if mad > 0:
            flags[i] = abs(x[i] - med) / (MAD_SCALE * mad) > threshold
    return flags


def upward_trend(values, times, censored=None, *, alpha: float = 0.05, min_n: int = MIN_N_VERDICT) -> bool:
    """True when the series has a significant increasing Mann–Kendall trend.

    Parameters
    ----------
    values : array_like, shape (n,)
        Concentrations; detection limit for non-detects [any unit].
    times : array_like, shape (n,)
        Sampling dates or decimal years.
    censored : array_like of bool, optional
        True for non-detects.
    alpha : float, default 0.05
        Two-sided significance level.
    min_n : int, default 8
        Minimum samples.

    Returns
    -------
    bool
    """
    res = mann_kendall(values, times, censored, alpha=alpha, min_n=min_n)
    return bool(res.trend == "increasing")


def anomaly_flags(times, values, censored=None, *, limit: float | None = None, class_rank=None,
                  config: AnomalyConfig = AnomalyConfig()) -> pd.DataFrame:
    """Evaluate every anomaly rule on one point × analyte series.

    Parameters
    ----------
    times : array_like, shape (n,)
        Sampling dates (``datetime64`` or ISO strings) or decimal years; the series is sorted by them.
    values : array_like, shape (n,)
        Concentrations; detection limit for non-detects [unit of ``limit``].
    censored : array_like of bool, optional
        True for non-detects.
    limit : float, optional
        Limit or target; without it ``new_exceedance`` is all False.
    class_rank : array_like, shape (n,), optional
        Ordinal class of each sample; without it ``class_deterioration`` is all False.
    config : AnomalyConfig
        Rule thresholds.

    Returns
    -------
    DataFrame, shape (n, 4)
        Boolean columns :data:`RULES`, in the input's row order.
    """
    x, c = _arrays(values, censored)
    t = decimal_years(times)
    if t.shape != x.shape:
        raise ValueError(f"times ({t.shape}) and values ({x.shape}) differ in length")
    order = np.argsort(t, kind="stable")
    xs, cs = x[order], c[order]
    out = pd.DataFrame(False, index=np.arange(x.size), columns=list(RULES))
    if limit is not None:
        out.loc[order, "new_exceedance"] = new_exceedance(xs, cs, limit=limit,
                                                          min_prior_compliant=config.min_prior_compliant)
    if class_rank is not None:
        out.loc[order, "class_deterioration"] = class_deterioration(np.asarray(class_rank, float)[order])
    out.loc[order, "history_outlier"] = history_outlier(xs, cs, threshold=config.outlier_threshold,
                                                        min_prior=config.outlier_min_prior)
    if x.size and upward_trend(xs, t[order], cs, alpha=config.trend_alpha, min_n=config.trend_min_n):
        out.loc[order[-1], "upward_trend"] = True
    return out
