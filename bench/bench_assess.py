"""Throughput of the vectorized assessment core (GB/T 14848-2017 and GB 15618-2018) versus a row loop.

Run: ``.venv/bin/python bench/bench_assess.py [N]`` (default N = 10,000,000 results per standard).
Input is numeric columns plus categoricals (sample_id, analyte, unit, land_use). The 10 M results go
through ``assess_in_chunks`` (250,000 input rows per chunk as in the CLI, whole samples per chunk), each chunk's result table
being consumed as a streaming writer would (row count and per-sample table kept). Prints results/s (one
core: single-threaded numpy/pandas), the speed-up over a row-by-row Python implementation of the same
lookup-and-compare rules on 100,000 rows, and the process's peak RSS.
"""

from __future__ import annotations

import os
import resource
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # measure per core

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from soilgw.assessment.farmland import assess_gb15618  # noqa: E402
from soilgw.assessment.groundwater import assess_gbt14848  # noqa: E402
from soilgw.assessment.screening import assess_in_chunks  # noqa: E402
from soilgw.standards.analytes import lookup  # noqa: E402
from soilgw.standards.limits import PH_EDGES, gb15618, gbt14848  # noqa: E402
from soilgw.standards.units import conversion_factor  # noqa: E402

CHUNK_ROWS = 250_000  # as the CLI
SOIL = ["Cd", "Hg", "As", "Pb", "Cr", "Cu", "Ni", "Zn", "苯并[a]芘", "滴滴涕总量"]
WATER = ["硝酸盐(以N计)", "砷", "氟化物", "溶解性总固体", "总硬度", "硫酸盐", "氯化物", "铁", "锰", "苯"]
WATER_UNITS = ["mg/L"] * 9 + ["μg/L"]


def make(n: int, names, units, soil: bool, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    k = len(names)
    a = np.tile(np.arange(k, dtype=np.int8), n // k + 1)[:n]
    df = pd.DataFrame({
        "sample_id": pd.Categorical.from_codes(np.arange(n) // k, categories=np.arange(n // k + 1).astype(str)),
        "analyte": pd.Categorical.from_codes(a, categories=names),
        "value": rng.lognormal(0.0, 1.5, n),
        "unit": pd.Categorical.from_codes(np.isin(a, [i for i, u in enumerate(units) if u != units[0]])
                                          .astype(np.int8), categories=list(dict.fromkeys(units))),
    })
    if soil:
        samples = n // k + 1
        df["ph"] = np.repeat(rng.uniform(4.0, 9.0, samples).round(2), k)[:n]
        df["land_use"] = pd.Categorical.from_codes(np.repeat(rng.integers(0, 3, samples), k)[:n].astype(np.int8),
                                                   categories=["paddy", "dryland", "orchard"])
    return df


def loop_gb15618(df: pd.DataFrame) -> list:
    """Row-by-row reference: same rules, one Python step per result."""
    lim = gb15618()
    land = {"paddy": 0, "dryland": 1, "other": 1, "orchard": 2}
    out = []
    for sid, name, value, unit, ph, lu in zip(df["sample_id"], df["analyte"], df["value"], df["unit"],
                                              df["ph"], df["land_use"], strict=True):
        code = lookup(name).code
        v = value * conversion_factor(unit, "mg/kg")
        i = lim.codes.index(code)
        b = int(np.searchsorted(PH_EDGES, ph, side="left"))
        s, g = lim.screening[i, land[lu], b], lim.intervention[i, b]
        level = 3 if v > g else (2 if v > s else 1)
        out.append((sid, code, s, g, level))
    return out


def loop_gbt14848(df: pd.DataFrame) -> list:
    lim = gbt14848()
    out = []
    for sid, name, value, unit in zip(df["sample_id"], df["analyte"], df["value"], df["unit"], strict=True):
        code = lookup(name).code
        i = lim.codes.index(code)
        v = value * conversion_factor(unit, lim.units[i])
        cls = 1 + sum(v > b for b in lim.bounds[i, :4])
        out.append((sid, code, cls))
    return out


def run_chunks(df: pd.DataFrame, standard: str) -> tuple[int, int]:
    n_results = n_samples = 0
    for part in assess_in_chunks(df, standard, chunk_rows=CHUNK_ROWS):
        n_results += len(part.results)
        n_samples += len(part.samples)
    return n_results, n_samples


def per_row_calls(func, df: pd.DataFrame, n_rows: int) -> None:
    for i in range(n_rows):
        func(df.iloc[i:i + 1])


def timed(fn, *args, **kw):
    """Run ``fn`` and return (result, CPU seconds of this process): per-core cost, robust to a busy machine."""
    t0, w0 = time.process_time(), time.perf_counter()
    res = fn(*args, **kw)
    timed.wall = time.perf_counter() - w0
    return res, time.process_time() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    n_loop = 100_000
    print(f"results per standard: {n:,}; loop rows: {n_loop:,}; numpy {np.__version__}, pandas {pd.__version__}")
    for label, std, names, units, soil, vec, loop in (
        ("GB 15618-2018", "gb15618", SOIL, ["mg/kg"], True, assess_gb15618, loop_gb15618),
        ("GB/T 14848-2017", "gbt14848", WATER, WATER_UNITS, False, assess_gbt14848, loop_gbt14848),
    ):
        df = make(n, names, units, soil)
        (n_res, _), t_vec = timed(run_chunks, df, std)
        wall = timed.wall
        assert n_res == n
        small = make(n_loop, names, units, soil, seed=2)
        _, t_loop = timed(loop, small)
        _, t_vec_small = timed(vec, small)
        n_call = 300  # the public function called once per row, as a naive script would
        _, t_call = timed(per_row_calls, vec, small, n_call)
        rate, loop_rate = n / t_vec, n_loop / t_loop
        print(f"{label}: vectorized {t_vec:.2f} CPU-s ({wall:.2f} s wall) = {rate / 1e6:.2f} M results/s/core; "
              f"loop {t_loop:.2f} CPU-s on {n_loop:,} = {loop_rate / 1e3:.1f} k results/s; "
              f"speed-up {rate / loop_rate:.0f}x (vectorized on the same {n_loop:,}: {t_vec_small:.3f} CPU-s); "
              f"public function once per row: {n_call / t_call:,.0f} results/s = {rate * t_call / n_call:,.0f}x slower")
        del df
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"peak RSS of the process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
