"""Benchmark: Mann–Kendall + Sen slope for 10,000 point × analyte series of 40 samples.

Prints the time of one vectorized pass of :func:`soilgw.assessment.trends.analyze_trends` (Mann–Kendall, Sen slope
with its confidence interval from the actual dates, MAROS verdict), and of a Python loop over
pymannkendall ``original_test`` + ``sens_slope`` (timed on a subset and scaled), and their ratio.
Targets from the issue: vectorized < 10 s, ratio ≥ 20×.

Run: ``.venv/bin/python bench/bench_trends.py [n_series] [n_samples]``; ``… bench_trends.py long N`` times one
series of N samples (a logger record, too long for one block of pairs) and prints the peak traced memory of
ours and of pymannkendall side by side.
"""

from __future__ import annotations

import sys
import time
import tracemalloc

import numpy as np
import pymannkendall

from soilgw.assessment.trends import analyze_trends


def make_series(n_series: int, n_samples: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    gaps = rng.integers(60, 120, (n_series, n_samples)).cumsum(axis=1)
    times = np.datetime64("2000-01-01") + gaps.astype("timedelta64[D]")
    trend = rng.normal(0, 0.5, (n_series, 1)) * gaps / 365.25
    values = np.round(10 + trend + rng.lognormal(0, 0.5, (n_series, n_samples)), 2)  # 2 decimals: realistic ties
    return values, times


def _loop(rows) -> None:
    for row in rows:
        pymannkendall.original_test(row)
        pymannkendall.sens_slope(row)


def main(n_series: int = 10_000, n_samples: int = 40, n_loop: int = 500, repeat: int = 3) -> None:
    values, times = make_series(n_series, n_samples)
    vec = loop = float("inf")
    for _ in range(repeat):  # best of `repeat`: the machine is shared
        t0 = time.perf_counter()
        res = analyze_trends(values, times)
        vec = min(vec, time.perf_counter() - t0)
        t0 = time.perf_counter()
        _loop(values[:n_loop])
        loop = min(loop, (time.perf_counter() - t0) * n_series / n_loop)
    mk, sen = res.mann_kendall, res.sen

    same = np.array_equal(mk.s[:n_loop], [pymannkendall.original_test(r).s for r in values[:n_loop]])
    print(f"series: {n_series} x {n_samples} samples (best of {repeat} runs)")
    print(f"vectorized Mann-Kendall + Sen slope (with CI, from dates) + MAROS verdict: {vec:.2f} s")
    print(f"pymannkendall loop (original_test + sens_slope), scaled from {n_loop} series: {loop:.1f} s")
    print(f"speed-up: {loop / vec:.1f}x")
    print(f"S identical to pymannkendall on the timed subset: {same}; finite slopes: {np.isfinite(sen.slope).all()}")


def _peak(fn):
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        fn()
        return time.perf_counter() - t0, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def long(n_samples: int) -> None:
    values, times = make_series(1, n_samples)
    ours = _peak(lambda: analyze_trends(values[0], times[0]))
    peer = _peak(lambda: _loop(values))
    print(f"one series of {n_samples} samples ({n_samples * (n_samples - 1) // 2:,} pairs)")
    print(f"ours (Mann-Kendall + Sen with CI + MAROS): {ours[0]:.1f} s, peak {ours[1]:.0f} MiB")
    print(f"pymannkendall original_test + sens_slope: {peer[0]:.1f} s, peak {peer[1]:.0f} MiB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["long"]:
        long(int(sys.argv[2]))
    else:
        main(*(int(a) for a in sys.argv[1:3]))
