"""UCLs of the mean and the recommendation table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soilgw.assessment import stats_ucl

EPA = Path(__file__).resolve().parents[2] / "data" / "epa_unified_guidance_examples"


@pytest.mark.parametrize(("well", "mean", "lcl", "tol"),
                         [("Well.1", 23.1, 17.29318, 5e-6), ("Well.2", 24.65, 21.96, 5e-3),
                          ("Well.3", 4.525, 2.05, 5e-3)])
def test_student_t_ucl_epa_example_21_1_aldicarb(well, mean, lcl, tol):
    """USEPA (2009) Example 21-1, pp. 21-4–21-5 (aldicarb, ppb, 4 samples per well): 95 % lower confidence
    limits of the mean, as printed by EnvStats ``enorm(ci.type="lower")`` in its script "EPA09, Chapter 21
    Examples.R": Well 1 LCL = 17.29318; all wells rounded 17.29, 21.96, 2.05 (means 23.1, 24.65, 4.525).
    The one-sided t limits are symmetric about the mean, so UCL95 = 2·mean − LCL95."""
    df = pd.read_csv(EPA / "EPA.09.Ex.21.1.aldicarb.df.csv")
    res = stats_ucl.ucl_student_t(df.loc[df["Well"] == well, "Aldicarb.ppb"], confidence=0.95)
    assert res.mean == pytest.approx(mean, abs=5e-4)
    assert res.ucl == pytest.approx(2 * mean - lcl, abs=tol)
    assert res.method == "student_t"


def test_km_t_equals_student_t_without_nondetects():
    """Peer identity: with no non-detects the KM mean and bias-corrected SE are the sample mean and s/√n."""
    x = np.array([3.1, 4.7, 2.2, 9.9, 5.5, 6.1, 3.3])
    assert stats_ucl.ucl_km_t(x).ucl == pytest.approx(stats_ucl.ucl_student_t(x).ucl, rel=1e-12)


def test_km_chebyshev_multiplier():
    """Chebyshev one-sided bound: multiplier √(1/α − 1) = √19 for 95 %, √39 for 97.5 %, √99 for 99 %."""
    df = pd.read_csv(EPA / "EPA.09.Ex.15.1.manganese.df.csv")
    x, c = df["Manganese.ppb"], df["Censored"]
    for conf, mult in ((0.95, 19), (0.975, 39), (0.99, 99)):
        res = stats_ucl.ucl_km_chebyshev(x, c, confidence=conf)
        assert res.parameters["multiplier"] == pytest.approx(np.sqrt(mult))
        assert res.ucl == pytest.approx(res.mean + np.sqrt(mult) * res.parameters["se_mean"])


def test_km_bootstrap_is_reproducible_and_bounded():
    df = pd.read_csv(EPA / "EPA.09.Ex.15.1.manganese.df.csv")
    x, c = df["Manganese.ppb"], df["Censored"]
    a = stats_ucl.ucl_km_bootstrap(x, c, n_boot=500, seed=7)
    b = stats_ucl.ucl_km_bootstrap(x, c, n_boot=500, seed=7)
    assert a.ucl == b.ucl and a.parameters["seed"] == 7
    assert a.mean < a.ucl < x.max()


def test_student_t_refuses_nondetects():
    with pytest.raises(ValueError, match="cannot use non-detects"):
        stats_ucl.ucl_student_t([1, 2, 3], [True, False, False])


def test_ucl_dispatcher_lists_methods():
    with pytest.raises(ValueError, match="valid: km_bootstrap, km_chebyshev, km_t, student_t"):
        stats_ucl.ucl([1, 2, 3], method="h_ucl")


@pytest.mark.parametrize(
    ("values", "censored", "rule", "method", "confidence"),
    [
        # σ = SD of ln(detects); each case is built so that σ and n fall in one row of the table
        ([10, 11, 12, 13, 14, 15, 16, 17], None, "R1", "student_t", 0.95),
        ([5, 11, 12, 13, 14, 15, 16, 17], [True] + [False] * 7, "R2", "km_t", 0.95),
        (list(np.exp(np.linspace(-1.2, 1.2, 16))), None, "R3", "km_t", 0.95),
        (list(np.exp(np.linspace(-1.2, 1.2, 10))), None, "R4", "km_bootstrap", 0.95),
        (list(np.exp(np.linspace(-2.0, 2.0, 12))), None, "R5", "km_chebyshev", 0.95),
        (list(np.exp(np.linspace(-3.0, 3.0, 24))), None, "R6", "km_chebyshev", 0.95),
        (list(np.exp(np.linspace(-3.0, 3.0, 12))), None, "R7", "km_chebyshev", 0.975),
        (list(np.exp(np.linspace(-4.0, 4.0, 24))), None, "R8", "km_chebyshev", 0.975),
        (list(np.exp(np.linspace(-6.0, 6.0, 12))), None, "R9", "km_chebyshev", 0.99),
        ([1, 1, 1, 2, 3], [True, True, True, False, False], "R0", None, None),
    ],
)
def test_recommendation_rows(values, censored, rule, method, confidence):
    rec = stats_ucl.recommend_ucl(values, censored, n_boot=200)
    assert (rec.rule, rec.method, rec.confidence) == (rule, method, confidence)
    assert rec.reason.startswith(rule) and rec.verified is False
    if method is None:
        assert np.isnan(rec.ucl)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.floats(0.01, 1e3, allow_nan=False), min_size=5, max_size=30),
    st.lists(st.booleans(), min_size=5, max_size=30),
)
def test_ucl_is_never_below_the_mean(values, flags):
    """Invariant: every UCL of the mean is ≥ the mean it bounds."""
    x = np.array(values)
    c = np.array((flags * 6)[: x.size])
    if (~c).sum() < 3 or np.unique(x[~c]).size < 2:
        c[:] = False
    for name in ("km_t", "km_chebyshev"):
        res = stats_ucl.ucl(x, c, method=name)
        assert res.ucl >= res.mean - 1e-12
    res = stats_ucl.ucl_km_bootstrap(x, c, n_boot=100)
    assert res.ucl >= min(x) - 1e-12


def test_vectorized_resample_means_equal_one_at_a_time():
    """The batched product-limit means of bootstrap resamples equal :func:`kaplan_meier` run on each resample
    (NADA TCEReg: four detection limits, restriction applies whenever <1 is the lowest value)."""
    from soilgw.assessment.stats import kaplan_meier

    df = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "censored_water_quality" / "NADA_TCEReg.csv")
    x, c = df["TCEConc"].to_numpy(float), df["TCECen"].to_numpy(bool)
    idx = np.random.default_rng(3).integers(0, x.size, (200, x.size))
    idx = idx[(~c[idx]).sum(axis=1) >= 2]
    fast = stats_ucl.km_resample_means(x, c, idx)
    slow = np.array([kaplan_meier(x[i], c[i]).mean for i in idx])
    np.testing.assert_allclose(fast, slow, rtol=1e-12)
