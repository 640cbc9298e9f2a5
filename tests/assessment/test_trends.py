"""Trend tests against the US EPA Unified Guidance worked examples, pymannkendall and hand derivations.

Expected numbers for the Unified Guidance (USEPA 2009, EPA 530/R-09-007) examples are those printed by the
EnvStats reproduction of the examples (Millard, EnvStats 3.x, help page ``kendallTrendTest``,
``kendallSeasonalTrendTest`` and the script "EPA09, Chapter 17 Examples.R"), which prints them to 7 significant
digits; the tolerances below are half a unit of the last printed digit.

Note on the data README: it calls Ex. 17.5 the Mann–Kendall example and Ex. 17.6 the Theil–Sen example. In the
guidance, Example 17-5 is the linear-regression example, Example 17-6 (sulfate) is the Mann–Kendall example and
Example 17-7 (sodium) is the Theil–Sen example; the tests follow the guidance.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pymannkendall
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soilgw.assessment import trends

DATA = Path(__file__).resolve().parents[2] / "data"
EPA = DATA / "epa_unified_guidance_examples"


@pytest.fixture(scope="module")
def basel() -> pd.DataFrame:
    cols = ["sampling_point", "sample_date", "parameter", "value_num", "nd_flag", "quant_limit"]
    return pd.read_csv(DATA / "basel_groundwater_quality" / "gw_quality_results.csv", usecols=cols)


def test_mann_kendall_epa_example_17_6_sulfate():
    """USEPA (2009) Example 17-6, p. 17-33: Mann–Kendall test on 23 sulfate values (ppm), x = Sampling.Date.

    EnvStats ``kendallTrendTest(Sulfate.ppm ~ Sampling.Date)`` prints tau = 0.7667984, z = 5.107322,
    p = 3.267574e-07 (continuity corrected); tau·n(n−1)/2 = 0.7667984·253 = 194 = S.
    """
    df = pd.read_csv(EPA / "EPA.09.Ex.17.6.sulfate.df.csv")
    res = trends.mann_kendall(df["Sulfate.ppm"], df["Sampling.Date"])
    assert res.n == 23
    assert res.s == 194
    assert res.tau == pytest.approx(0.7667984, abs=5e-8)
    assert res.z == pytest.approx(5.107322, abs=5e-7)
    assert res.p == pytest.approx(3.267574e-07, rel=2e-7)
    assert res.trend == "increasing"


def test_sen_slope_epa_example_17_6_sulfate_interval():
    """USEPA (2009) Example 17-6: Theil–Sen slope 26.6666667 ppm per unit of Sampling.Date, 95 % interval
    LCL = 20.00000, UCL = 35.71182 (Gilbert's method, EnvStats ``kendallTrendTest`` output)."""
    df = pd.read_csv(EPA / "EPA.09.Ex.17.6.sulfate.df.csv")
    res = trends.sen_slope(df["Sulfate.ppm"], df["Sampling.Date"])
    assert res.slope == pytest.approx(26.6666667, abs=5e-8)
    assert res.lower == pytest.approx(20.0, abs=5e-6)
    assert res.upper == pytest.approx(35.71182, abs=5e-6)
    assert res.n_pairs == 253


def test_theil_sen_epa_example_17_7_sodium():
    """USEPA (2009) Example 17-7, pp. 17-36–17-38: Theil–Sen on 10 sodium values (ppm) against two-digit year.

    EnvStats prints tau = 0.5555556, slope = 1.3333333 ppm/yr, z = 2.146625, p = 0.03182313,
    95 % interval 0.3992083 – 2.3333333 (the guidance itself prints a slope of 1.33 ppm/yr).
    """
    df = pd.read_csv(EPA / "EPA.09.Ex.17.7.sodium.df.csv")
    mk = trends.mann_kendall(df["Sodium.ppm"], df["Year"])
    sen = trends.sen_slope(df["Sodium.ppm"], df["Year"])
    assert mk.s == 25 and mk.tau == pytest.approx(0.5555556, abs=5e-8)
    assert mk.z == pytest.approx(2.146625, abs=5e-7)
    assert mk.p == pytest.approx(0.03182313, abs=5e-9)
    assert sen.slope == pytest.approx(1.3333333, abs=5e-8)
    assert sen.lower == pytest.approx(0.3992083, abs=5e-8)
    assert sen.upper == pytest.approx(2.3333333, abs=5e-8)


def test_seasonal_kendall_epa_example_14_10():
    """USEPA (2009) Example 14-10, p. 14-38 (data EPA.09.Ex.14.8.df, monthly 1983–1985, unadjusted).

    EnvStats ``kendallSeasonalTrendTest(Unadj.Conc ~ Month + Year)`` prints tau = 0.9722222, slope = 0.06,
    z (trend) = 5.1849514, p = 2.160712e-07, chi-square (heterogeneity) = 0.1071882 on 11 df,
    95 % slope interval 0.05786914 – 0.07213086.
    """
    df = pd.read_csv(EPA / "EPA.09.Ex.14.8.df.csv")
    month = pd.to_datetime(df["Month"], format="%B").dt.month
    res = trends.seasonal_kendall(df["Unadj.Conc"], df["Year"] + (month - 1) / 12, df["Month"])
    assert res.tau == pytest.approx(0.9722222, abs=5e-8)
    assert res.slope == pytest.approx(0.06, abs=5e-9)
    assert res.z == pytest.approx(5.1849514, abs=5e-8)
    assert res.p == pytest.approx(2.160712e-07, rel=5e-7)
    assert res.chi2_heterogeneity == pytest.approx(0.1071882, abs=5e-8)
    assert res.lower == pytest.approx(0.05786914, abs=5e-9)
    assert res.upper == pytest.approx(0.07213086, abs=5e-9)
    assert len(res.seasons) == 12


@pytest.mark.parametrize(
    ("point", "parameter"),
    [("F_1026", "Chlorid"), ("F_1064", "Sulfat"), ("F_1081", "Tetrachlorethen"), ("F_1057", "Chlorid")],
)
def test_mann_kendall_matches_pymannkendall_on_basel(basel, point, parameter):
    """Real Basel-Stadt series (AUE monitoring, 1993–2022): S and tie-corrected var(S) are integers/rationals
    that must agree exactly with pymannkendall ``original_test``; z to floating-point precision. pymannkendall
    computes p as 2·(1 − Φ(|z|)), which cancels to an absolute error of ~1e-16, so p is compared absolutely."""
    s = basel[(basel.sampling_point == point) & (basel.parameter == parameter)].sort_values("sample_date")
    ref = pymannkendall.original_test(s["value_num"].to_numpy())
    res = trends.mann_kendall(s["value_num"], pd.to_datetime(s["sample_date"]).to_numpy())
    assert res.n == len(s) >= 60
    assert res.s == ref.s
    assert res.var_s == pytest.approx(ref.var_s, rel=1e-12)
    assert res.z == pytest.approx(ref.z, rel=1e-9)
    assert res.p == pytest.approx(ref.p, rel=1e-9, abs=1e-14)
    assert res.tau == pytest.approx(ref.Tau, rel=1e-12)


def test_sen_slope_equals_direct_pairwise_from_dates(basel):
    """Sen's slope is the median of (x_j − x_i)/(t_j − t_i) over pairs with t_j > t_i, t in years of 365.25 d."""
    s = basel[(basel.sampling_point == "F_1026") & (basel.parameter == "Chlorid")]
    t = pd.to_datetime(s["sample_date"]).to_numpy()
    x = s["value_num"].to_numpy()
    days = (t - t.min()) / np.timedelta64(1, "D")
    slopes = [
        (x[j] - x[i]) / ((days[j] - days[i]) / 365.25)
        for i in range(len(x)) for j in range(len(x)) if days[j] > days[i]
    ]
    assert trends.sen_slope(x, t).slope == pytest.approx(float(np.median(slopes)), rel=1e-9)


def test_vectorized_rows_equal_single_series(basel):
    """A 2-D call (rows padded with NaN) gives the same numbers as one call per series."""
    series = []
    for point in ("F_1026", "F_1064", "F_1081"):
        s = basel[(basel.sampling_point == point) & (basel.parameter == "Sulfat")]
        series.append((pd.to_datetime(s["sample_date"]).to_numpy(), s["value_num"].to_numpy()))
    width = max(len(x) for _, x in series)
    values = np.full((3, width), np.nan)
    times = np.full((3, width), np.datetime64("NaT"), dtype="datetime64[ns]")
    for k, (t, x) in enumerate(series):
        values[k, : len(x)], times[k, : len(x)] = x, t
    batch = trends.analyze_trends(values, times)
    for k, (t, x) in enumerate(series):
        one = trends.analyze_trends(x, t)
        assert batch.mann_kendall.s[k] == one.mann_kendall.s
        assert batch.mann_kendall.p[k] == pytest.approx(one.mann_kendall.p, rel=1e-12)
        assert batch.sen.slope[k] == pytest.approx(one.sen.slope, rel=1e-12)
        assert batch.verdict.verdict[k] == one.verdict.verdict


def test_nondetects_are_ties_below_highest_detection_limit():
    """Hand derivation: [<1, <5, 3, 7, 6] → below the highest DL 5 everything ties at 5: [5, 5, 5, 7, 6].
    Pairs with a later larger value: (0,3), (0,4), (1,3), (1,4), (2,3), (2,4) = +6; (3,4) = −1 → S = 5.
    Ties: one group of 3 → var = [5·4·15 − 3·2·11]/18 = (300 − 66)/18 = 13.0."""
    res = trends.mann_kendall([1, 5, 3, 7, 6], censored=[True, True, False, False, False])
    assert res.s == 5
    assert res.var_s == pytest.approx(13.0)
    assert res.censoring == "ties below the highest detection limit"


def test_insufficient_data_below_min_n():
    res = trends.mann_kendall([1.0, 2.0, 3.0])
    assert res.trend == "insufficient_data" and np.isnan(res.p)
    verdict = trends.analyze_trends([1.0, 2, 3, 4, 5, 6, 7], np.arange(7.0)).verdict
    assert verdict.verdict == "insufficient_data"


@pytest.mark.parametrize(
    ("s", "p", "cov", "expected"),
    [
        # AFCEE MAROS 2.2 user's guide, Mann–Kendall decision matrix (Aziz et al. 2003); CF = 1 − p/2
        (10, 0.04, 0.5, "increasing"),            # S > 0, CF = 98 % > 95 %
        (10, 0.10, 0.5, "probably_increasing"),   # S > 0, CF = 95 % (90–95 % inclusive)
        (10, 0.20, 0.5, "probably_increasing"),   # S > 0, CF = 90 %
        (10, 0.30, 0.5, "no_trend"),              # S > 0, CF = 85 %
        (-10, 0.30, 1.5, "no_trend"),             # S ≤ 0, CF < 90 %, COV ≥ 1
        (-10, 0.30, 0.5, "stable"),               # S ≤ 0, CF < 90 %, COV < 1
        (0, 1.0, 0.2, "stable"),                  # S = 0, COV < 1
        (-10, 0.15, 0.5, "probably_decreasing"),  # S < 0, CF = 92.5 %
        (-10, 0.01, 0.5, "decreasing"),           # S < 0, CF = 99.5 %
    ],
)
def test_maros_decision_matrix(s, p, cov, expected):
    assert trends.maros_verdict(s, p, cov, 10).verdict == expected


def test_trend_dispatcher_rejects_unknown_method():
    with pytest.raises(ValueError, match="valid: mann_kendall, seasonal_kendall"):
        trends.trend_test("spearman", [1, 2, 3])


@settings(max_examples=50, deadline=None)
@given(
    slope=st.floats(-100, 100, allow_nan=False),
    intercept=st.floats(-1e3, 1e3, allow_nan=False),
    steps=st.lists(st.integers(1, 400), min_size=2, max_size=30),
)
def test_sen_slope_of_a_line_is_its_slope(slope, intercept, steps):
    """Invariant: every pairwise slope of a straight line equals its slope, so does their median."""
    days = np.cumsum(steps).astype(float)
    t = np.datetime64("2000-01-01") + days.astype("timedelta64[D]")
    x = intercept + slope * days / trends.DAYS_PER_YEAR
    assert trends.sen_slope(x, t).slope == pytest.approx(slope, rel=1e-6, abs=1e-6)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=4, max_size=40))
def test_s_changes_sign_when_series_reversed(values):
    """Invariant: reversing the time order negates S and keeps var(S)."""
    fwd = trends.mann_kendall(values)
    rev = trends.mann_kendall(values[::-1])
    assert rev.s == -fwd.s
    assert rev.var_s == pytest.approx(fwd.var_s)


def test_decimal_years_rejects_unreadable_dates():
    with pytest.raises(ValueError, match="cannot read as dates"):
        trends.decimal_years(["2020-01-01", "yesterday"])
