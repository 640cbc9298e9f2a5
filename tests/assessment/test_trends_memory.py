"""Trend tests in bounded memory: blocks sized by series length, and a series too long for one block walked in
slices of its pairs, giving the numbers of pymannkendall and of the all-pairs engine."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pymannkendall
import pytest

from soilgw.assessment import trends, trends_pairs


@pytest.fixture
def tiny_budget(monkeypatch):
    """A budget so small that a few hundred samples need the sliced path and several narrowing passes."""
    monkeypatch.setattr(trends_pairs, "PAIR_BUDGET_BYTES", 200_000)
    monkeypatch.setattr(trends_pairs, "_SELECT_CAP", 300)
    monkeypatch.setattr(trends_pairs, "_BINS", 16)


def _logger_series(n: int, seed: int = 7) -> np.ndarray:
    """Nitrate-like daily values rounded to 0.1 mg/L (many ties) with a slow rise."""
    rng = np.random.default_rng(seed)
    return np.round(rng.lognormal(np.log(8.0), 0.3, n) + np.arange(n) * 0.002, 1)


def test_a_long_series_walked_in_slices_matches_pymannkendall(tiny_budget):
    x = _logger_series(600)
    assert trends_pairs.rows_per_block(x.size) == 0  # the sliced path runs
    ref = pymannkendall.original_test(x)
    mk = trends.mann_kendall(x)
    assert mk.s == ref.s and mk.var_s == pytest.approx(ref.var_s, rel=1e-12)
    assert mk.z == pytest.approx(ref.z, rel=1e-9) and mk.tau == pytest.approx(ref.Tau, rel=1e-12)
    i, j = np.triu_indices(x.size, k=1)
    assert trends.sen_slope(x, np.arange(x.size)).slope == pytest.approx(  # times as decimal years 0, 1, …
        float(np.median((x[j] - x[i]) / (j - i))), rel=1e-12)
    assert trends.sen_slope(x, np.arange(x.size)).slope == pytest.approx(ref.slope, rel=1e-12)


def test_the_sliced_path_equals_the_all_pairs_engine_with_gaps_and_same_day_samples(tiny_budget):
    """Missing samples (NaN) and repeated dates (dt = 0 pairs carry no slope) give identical S, var(S), n,
    Sen slope and both confidence limits; the all-pairs engine is the one checked against USEPA Example 17-7."""
    x = _logger_series(500, seed=11)
    x[::37] = np.nan
    t = np.repeat(np.arange(250) / 365.25, 2)  # two samples a day
    sliced = trends_pairs.run_pairs(x[None, :], t[None, :], 1.959963984540054)
    whole = trends_pairs.pair_block(x[None, :], t[None, :], 1.959963984540054)
    np.testing.assert_allclose(sliced, whole, rtol=1e-12)
    tk = t[~np.isnan(x)]
    i, j = np.triu_indices(tk.size, k=1)
    assert sliced[6, 0] == np.count_nonzero(tk[j] != tk[i])  # slopes only between different days


def test_blocks_stay_within_the_budget_whatever_the_length():
    budget = trends_pairs.PAIR_BUDGET_BYTES
    for n in (4, 40, 1024, 2000):
        rows = trends_pairs.rows_per_block(n)
        assert rows >= 1 and rows * (48 * n * (n - 1) // 2 + 8 * n * n) <= budget
    assert trends_pairs.rows_per_block(20_000) == 0  # one series of 20,000 samples is sliced


def test_memory_of_a_long_series_is_bounded_by_the_budget(monkeypatch):
    """3,000 samples hold 4.5 million pairs (≈ 216 MB at 48 B each, all at once); with an 8 MB budget the peak
    traced allocation stays within a few budgets."""
    budget = 8 * 2**20
    monkeypatch.setattr(trends_pairs, "PAIR_BUDGET_BYTES", budget)
    x = _logger_series(3000)
    tracemalloc.start()
    try:
        res = trends.analyze_trends(x, np.arange(x.size))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * budget, f"peak {peak / 2**20:.0f} MiB"
    assert res.mann_kendall.s == pymannkendall.original_test(x).s
