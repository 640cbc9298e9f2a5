"""Monotonic trend tests for monitoring series: Mann–Kendall, seasonal Kendall, Sen's slope, MAROS verdict.

Every function works on one series (1-D arrays) or on many series at once (2-D arrays, one series per row,
``NaN`` marking an absent sample), so ten thousand point × analyte series are tested in one vectorized pass.

Conventions (stated because the literature has several):

* **Time** is the actual sampling date. ``times`` may be ``datetime64`` values or decimal years; slopes are in
  value units per year [unit/yr] (a year = 365.25 d). S counts the pair (i, j) as ``sign(x_j − x_i)·sign(t_j − t_i)``,
  so samples taken on the same day add nothing and the series need not be sorted.
* **Ties** in the values are corrected for in var(S) (Kendall 1975; Gilbert 1987, eq. 16.4). No correction is made
  for ties in time.
* **p** is two-sided, from the normal approximation with continuity correction ``Z = (S − sign S)/√var(S)``
  (Gilbert 1987, eq. 16.3; the same as pymannkendall ``original_test`` and EnvStats ``kendallTrendTest``).
* **tau** is ``S / (n(n − 1)/2)`` (Kendall's tau-a, as pymannkendall reports it).
* **Non-detects** are ties below the highest detection limit (Helsel 2012, §12.1; USEPA 2009, §17.3.1): within a
  series every non-detect, and every detected value below the highest detection limit of its non-detects, is
  replaced by that highest detection limit, so they all tie with one another and rank below every value above it.
  Sen's slope uses the same censored-at-highest-DL series, so a pair of two such values has slope 0.
* **MAROS confidence factor** ``CF = 1 − p/2`` (one-sided confidence in the direction of S; AFCEE MAROS 2.2
  user's guide, Aziz et al. 2003); the verdict lives in :mod:`soilgw.assessment.trends_maros`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

from soilgw.assessment.trends_maros import (  # noqa: F401 - part of this module's interface
    MIN_N_TEST,
    MIN_N_VERDICT,
    TREND_RULE,
    VERDICTS,
    TrendVerdict,
    coefficient_of_variation,
    maros_verdict,
)
from soilgw.assessment.trends_pairs import interp_rank, pair_block, run_pairs

#: Days per year used to turn date differences into years.
DAYS_PER_YEAR = 365.25

@dataclass(frozen=True)
class MannKendallResult:
    """Result of :func:`mann_kendall` (scalars for one series, arrays of shape (m,) for m series).

    Attributes
    ----------
    method : str
        ``"mann_kendall"``.
    n : int or ndarray
        Number of non-missing samples.
    s, var_s, z, p, tau : float or ndarray
        Kendall's S, its tie-corrected variance, the continuity-corrected normal score, the two-sided p-value
        and tau-a [unitless]. NaN where n < ``min_n``.
    trend : str or ndarray of str
        ``"increasing"``, ``"decreasing"`` or ``"no_trend"`` at level ``alpha``; ``"insufficient_data"`` below
        ``min_n``.
    alpha : float
        Two-sided significance level used for ``trend``.
    min_n : int
        Minimum sample count below which the test is not run.
    censoring : str
        How non-detects were handled.
    """

    method: str
    n: np.ndarray | int
    s: np.ndarray | float
    var_s: np.ndarray | float
    z: np.ndarray | float
    p: np.ndarray | float
    tau: np.ndarray | float
    trend: np.ndarray | str
    alpha: float
    min_n: int
    censoring: str


@dataclass(frozen=True)
class SenSlopeResult:
    """Result of :func:`sen_slope` (scalars or arrays of shape (m,)).

    Attributes
    ----------
    method : str
        ``"sen_slope"``.
    slope : float or ndarray
        Median of the pairwise slopes [value unit/yr].
    lower, upper : float or ndarray
        Confidence limits of the slope [value unit/yr] (Gilbert 1987, eq. 16.6–16.7, with linear interpolation
        between ordered slopes when the ranks are not whole numbers).
    confidence : float
        Two-sided confidence level of ``lower``/``upper``.
    n_pairs : int or ndarray
        Number of pairs with distinct sampling times.
    """

    method: str
    slope: np.ndarray | float
    lower: np.ndarray | float
    upper: np.ndarray | float
    confidence: float
    n_pairs: np.ndarray | int


@dataclass(frozen=True)
class SeasonalKendallResult:
    """Result of :func:`seasonal_kendall` for one series.

    Attributes
    ----------
    method : str
        ``"seasonal_kendall"``.
    n : int
        Samples used.
    s, var_s, z, p, tau : float
        Sums of the seasonal S and var(S), the continuity-corrected score, two-sided p and
        ``S / Σ n_k(n_k − 1)/2``.
    slope, lower, upper : float
        Seasonal Sen slope (median of within-season pairwise slopes, Hirsch et al. 1982) and its confidence
        limits [value unit/yr].
    chi2_heterogeneity, p_heterogeneity : float
        van Belle & Hughes (1984) test that the seasonal trends agree (df = seasons − 1).
    seasons : tuple
        Season labels with at least two samples.
    trend : str
        As in :class:`MannKendallResult`.
    """

    method: str
    n: int
    s: float
    var_s: float
    z: float
    p: float
    tau: float
    slope: float
    lower: float
    upper: float
    confidence: float
    chi2_heterogeneity: float
    p_heterogeneity: float
    seasons: tuple
    trend: str


def decimal_years(times) -> np.ndarray:
    """Convert sampling times to decimal years.

    Parameters
    ----------
    times : array_like of datetime64, date strings or numbers
        Dates (any ``datetime64`` resolution, or ISO strings) or numbers already in years.

    Returns
    -------
    ndarray of float
        Years since 1970-01-01 (dates) or the numbers unchanged [yr]; NaT becomes NaN.

    Raises
    ------
    ValueError
        If strings cannot be read as dates.
    """
    arr = np.asarray(times)
    if arr.dtype.kind in "OUS":
        try:
            arr = arr.astype("datetime64[ns]")
        except ValueError as exc:
            raise ValueError(f"times: cannot read as dates ({exc})") from exc
    if arr.dtype.kind == "M":
        days = arr.astype("datetime64[ns]").astype("int64").astype(float) / 86_400e9
        days[np.isnat(arr)] = np.nan
        return days / DAYS_PER_YEAR
    return arr.astype(float)


def _as_2d(values, times, censored):
    x = np.asarray(values, dtype=float)
    one = x.ndim == 1
    x = np.atleast_2d(x)
    if times is None:
        t = np.broadcast_to(np.arange(x.shape[1], dtype=float), x.shape).copy()
    else:
        t = np.atleast_2d(decimal_years(times))
        t = np.broadcast_to(t, x.shape).copy()
    c = np.zeros(x.shape, bool) if censored is None else np.broadcast_to(np.atleast_2d(censored), x.shape)
    if x.ndim != 2:
        raise ValueError(f"values: expected 1-D or 2-D array, got shape {np.shape(values)}")
    missing = np.isnan(x) | np.isnan(t)
    x = np.where(missing, np.nan, x)
    return x, t, np.asarray(c, bool) & ~missing, one


def censor_at_highest_dl(values, censored) -> np.ndarray:
    """Replace non-detects and detects below the highest detection limit by that limit (row-wise).

    Parameters
    ----------
    values : array_like, shape (n,) or (m, n)
        Values; for non-detects the detection limit [any concentration unit].
    censored : array_like of bool, same shape
        True for non-detects.

    Returns
    -------
    ndarray
        Same shape as ``values``; rows without non-detects are unchanged.

    References
    ----------
    Helsel, D.R. (2012). Statistics for Censored Environmental Data Using Minitab and R, 2nd ed., Wiley, §12.1.
    """
    x = np.array(values, dtype=float, ndmin=1)
    c = np.asarray(censored, bool)
    dl = np.where(c, x, -np.inf).max(axis=-1, keepdims=True)
    below = (c | (x < dl)) & ~np.isnan(x)
    return np.where(below, np.broadcast_to(dl, x.shape), x)


def _prepare(values, times, censored):
    x, t, c, one = _as_2d(values, times, censored)
    if c.any():
        x = np.where(np.isnan(x), np.nan, censor_at_highest_dl(np.where(np.isnan(x), -np.inf, x), c))
    return x, t, c, one


def _z_p(s, var):
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(var > 0, (s - np.sign(s)) / np.sqrt(var), 0.0)
    p = 2.0 * stats.norm.sf(np.abs(z))
    return z, p


def _direction(s, p, alpha):
    return np.where(p < alpha, np.where(s > 0, "increasing", "decreasing"), "no_trend")


def mann_kendall(values, times=None, censored=None, *, alpha: float = 0.05, min_n: int = 4) -> MannKendallResult:
    """Mann–Kendall test for a monotonic trend, for one series or many.

    Parameters
    ----------
    values : array_like, shape (n,) or (m, n)
        Concentrations [any unit]; NaN for no sample. For non-detects, the detection limit.
    times : array_like, shape (n,) or (m, n), optional
        Sampling dates (``datetime64``) or decimal years [yr]; default: the sample order.
    censored : array_like of bool, optional
        True for non-detects (treated as ties below the highest detection limit, see module notes).
    alpha : float, default 0.05
        Two-sided significance level for the ``trend`` label.
    min_n : int, default 4
        Series with fewer samples get NaN statistics and ``trend="insufficient_data"``.

    Returns
    -------
    MannKendallResult

    Raises
    ------
    ValueError
        If shapes disagree or ``times`` cannot be read.

    References
    ----------
    Mann, H.B. (1945). Nonparametric tests against trend. Econometrica 13, 245–259. doi:10.2307/1907187
    Kendall, M.G. (1975). Rank Correlation Methods, 4th ed. Griffin.
    Gilbert, R.O. (1987). Statistical Methods for Environmental Pollution Monitoring. Wiley, §16.4, eq. 16.2–16.4.
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §17.3.1.
    """
    x, t, c, one = _prepare(values, times, censored)
    s, var, cnt = run_pairs(x, t)[:3]
    return _mk_result(s, var, cnt, one, alpha, min_n, bool(c.any()))


def _mk_result(s, var, cnt, one, alpha, min_n, censored) -> MannKendallResult:
    z, p = _z_p(s, var)
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = s / (cnt * (cnt - 1.0) / 2.0)
    short = cnt < min_n
    nan = np.where(short, np.nan, 1.0)
    trend = np.where(short, "insufficient_data", _direction(s, p, alpha))
    out = dict(n=cnt.astype(int), s=s * nan, var_s=var * nan, z=z * nan, p=p * nan, tau=tau * nan, trend=trend)
    if one:
        out = {k: v[0].item() for k, v in out.items()}
    return MannKendallResult(
        method="mann_kendall",
        alpha=alpha,
        min_n=min_n,
        censoring="ties below the highest detection limit" if censored else "none",
        **out,
    )


def sen_slope(values, times, censored=None, *, confidence: float = 0.95) -> SenSlopeResult:
    """Theil–Sen slope from the actual sampling dates, with its confidence interval.

    Parameters
    ----------
    values : array_like, shape (n,) or (m, n)
        Concentrations [any unit]; NaN for no sample; detection limit for non-detects.
    times : array_like, same shape or (n,)
        Sampling dates (``datetime64``) or decimal years [yr].
    censored : array_like of bool, optional
        Non-detects, censored at the highest detection limit first (see module notes).
    confidence : float, default 0.95
        Two-sided confidence level of the interval.

    Returns
    -------
    SenSlopeResult
        Slope in [value unit/yr].

    Raises
    ------
    ValueError
        If ``confidence`` is not in (0, 1) or ``times`` cannot be read.

    References
    ----------
    Sen, P.K. (1968). Estimates of the regression coefficient based on Kendall's tau. JASA 63, 1379–1389.
    doi:10.1080/01621459.1968.10480934
    Gilbert, R.O. (1987). Statistical Methods for Environmental Pollution Monitoring, §16.5, eq. 16.5–16.7.
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §17.3.2.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    x, t, _, one = _prepare(values, times, censored)
    out = run_pairs(x, t, stats.norm.ppf(0.5 + confidence / 2.0))
    return _sen_result(out[3:], one, confidence)


def _sen_result(out, one, confidence) -> SenSlopeResult:
    slope, lower, upper, k = out
    if one:
        return SenSlopeResult("sen_slope", slope[0].item(), lower[0].item(), upper[0].item(), confidence,
                              int(k[0]))
    return SenSlopeResult("sen_slope", slope, lower, upper, confidence, k.astype(int))


def seasonal_kendall(values, times, seasons, censored=None, *, alpha: float = 0.05,
                     confidence: float = 0.95) -> SeasonalKendallResult:
    """Seasonal Kendall test and seasonal Sen slope for one series.

    Parameters
    ----------
    values : array_like, shape (n,)
        Concentrations [any unit]; detection limit for non-detects.
    times : array_like, shape (n,)
        Sampling dates (``datetime64``) or decimal years [yr].
    seasons : array_like, shape (n,)
        Season label of each sample (e.g. month or quarter).
    censored : array_like of bool, optional
        Non-detects, censored at the highest detection limit of the whole series.
    alpha : float, default 0.05
        Significance level for ``trend``.
    confidence : float, default 0.95
        Confidence level of the slope interval.

    Returns
    -------
    SeasonalKendallResult

    Raises
    ------
    ValueError
        If the arrays differ in length.

    References
    ----------
    Hirsch, R.M., Slack, J.R., Smith, R.A. (1982). Techniques of trend analysis for monthly water quality data.
    Water Resour. Res. 18(1), 107–121. doi:10.1029/WR018i001p00107
    van Belle, G., Hughes, J.P. (1984). Nonparametric tests for trend in water quality. Water Resour. Res. 20(1),
    127–136. doi:10.1029/WR020i001p00127
    USEPA (2009). Unified Guidance, EPA 530/R-09-007, §14.3.4.
    """
    x = np.asarray(values, dtype=float)
    t = decimal_years(times)
    g = np.asarray(seasons)
    if not (x.shape == t.shape == g.shape) or x.ndim != 1:
        raise ValueError(f"values, times and seasons must be 1-D of equal length, got {x.shape}, {t.shape}, {g.shape}")
    if censored is not None:
        x = censor_at_highest_dl(x, np.asarray(censored, bool))
    keep = ~(np.isnan(x) | np.isnan(t))
    x, t, g = x[keep], t[keep], g[keep]
    labels, s_k, v_k, n_k, slopes = [], [], [], [], []
    for label in dict.fromkeys(g.tolist()):
        sel = g == label
        if sel.sum() < 2:
            continue
        s, var, cnt = pair_block(x[sel][None, :], t[sel][None, :])
        i, j = np.triu_indices(int(sel.sum()), k=1)
        dt = t[sel][j] - t[sel][i]
        ok = dt != 0
        slopes.append((x[sel][j] - x[sel][i])[ok] / dt[ok])
        labels.append(label)
        s_k.append(s[0])
        v_k.append(var[0])
        n_k.append(cnt[0])
    s_k, v_k, n_k = map(np.asarray, (s_k, v_k, n_k))
    s_tot, var_tot = s_k.sum(), v_k.sum()
    z, p = _z_p(np.array([s_tot]), np.array([var_tot]))
    with np.errstate(invalid="ignore", divide="ignore"):
        z_k = np.where(v_k > 0, s_k / np.sqrt(v_k), 0.0)
    chi2 = float((z_k**2).sum() - len(z_k) * z_k.mean() ** 2) if len(z_k) else np.nan
    all_slopes = np.sort(np.concatenate(slopes)) if slopes else np.array([])
    k = np.array([float(all_slopes.size)])
    if all_slopes.size:
        z_crit = stats.norm.ppf(0.5 + confidence / 2.0)
        c = z_crit * np.sqrt(var_tot)
        row = all_slopes[None, :]
        slope = interp_rank(row, k, (k + 1) / 2)[0]
        lower = interp_rank(row, k, (k - c) / 2)[0]
        upper = interp_rank(row, k, (k + c) / 2 + 1)[0]
    else:
        slope = lower = upper = np.nan
    return SeasonalKendallResult(
        method="seasonal_kendall",
        n=int(n_k.sum()),
        s=float(s_tot),
        var_s=float(var_tot),
        z=float(z[0]),
        p=float(p[0]),
        tau=float(s_tot / (n_k * (n_k - 1) / 2).sum()) if len(n_k) else np.nan,
        slope=float(slope),
        lower=float(lower),
        upper=float(upper),
        confidence=confidence,
        chi2_heterogeneity=chi2,
        p_heterogeneity=float(stats.chi2.sf(chi2, len(z_k) - 1)) if len(z_k) > 1 else np.nan,
        seasons=tuple(labels),
        trend=str(_direction(s_tot, p[0], alpha)),
    )


@dataclass(frozen=True)
class TrendAnalysis:
    """Mann–Kendall, Sen slope and MAROS verdict of one or many series (see :func:`analyze_trends`)."""

    mann_kendall: MannKendallResult
    sen: SenSlopeResult
    verdict: TrendVerdict


def analyze_trends(values, times, censored=None, *, alpha: float = 0.05, min_n_test: int = MIN_N_TEST,
                   min_n_verdict: int = MIN_N_VERDICT, confidence: float = 0.95) -> TrendAnalysis:
    """Mann–Kendall test, Sen slope and MAROS verdict in one vectorized pass.

    Parameters
    ----------
    values : array_like, shape (n,) or (m, n)
        Concentrations [any unit]; NaN for no sample; detection limit for non-detects.
    times : array_like
        Sampling dates (``datetime64``) or decimal years [yr], broadcastable to ``values``.
    censored : array_like of bool, optional
        True for non-detects.
    alpha, confidence : float
        Significance level of the test and confidence level of the slope interval.
    min_n_test, min_n_verdict : int
        Minimum samples for the test (:data:`MIN_N_TEST`) and for any trend label (:data:`MIN_N_VERDICT`):
        below ``min_n_verdict`` both the Mann–Kendall ``trend`` and the MAROS verdict are
        ``insufficient_data`` (one rule, :data:`TREND_RULE`); S, p and the slope are still given.

    Returns
    -------
    TrendAnalysis
        Sen slopes are NaN where the series is shorter than ``min_n_test``.

    References
    ----------
    See :func:`mann_kendall`, :func:`sen_slope`, :func:`maros_verdict`.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    x, t, c, one = _prepare(values, times, censored)
    out = run_pairs(x, t, stats.norm.ppf(0.5 + confidence / 2.0))
    mk = _mk_result(*out[:3], one, alpha, min_n_test, bool(c.any()))
    short = out[2] < min_n_test
    out[3:6, short] = np.nan  # no slope where there is no test
    sen = _sen_result(out[3:], one, confidence)
    if one:
        x = x[0]
    verdict = maros_verdict(mk.s, mk.p, coefficient_of_variation(x), mk.n, min_n=min_n_verdict)
    return TrendAnalysis(replace(mk, trend=trend_label(mk.trend, mk.n, min_n_verdict)), sen, verdict)


def trend_label(trend, n, min_n_verdict: int = MIN_N_VERDICT):
    """The Mann–Kendall direction label, ``"insufficient_data"`` where ``n < min_n_verdict`` (:data:`TREND_RULE`).

    ``trend``: str or array of str, shape (m,); ``n``: sample counts, same shape. Returns the same shape.
    """
    out = np.where(np.asarray(n) < min_n_verdict, "insufficient_data", np.asarray(trend, dtype=object))
    return str(out) if out.ndim == 0 else out


TREND_TESTS = {"mann_kendall": mann_kendall, "seasonal_kendall": seasonal_kendall}


def trend_test(method: str, *args, **kwargs):
    """Run the trend test named ``method`` (a key of :data:`TREND_TESTS`).

    Raises
    ------
    ValueError
        If ``method`` is unknown; the message lists the valid names.
    """
    try:
        func = TREND_TESTS[method]
    except KeyError:
        raise ValueError(f"unknown trend method {method!r}; valid: {', '.join(sorted(TREND_TESTS))}") from None
    return func(*args, **kwargs)
