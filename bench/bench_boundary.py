"""Throughput of ``soilgw assess`` end to end on a lab file as text: read, the lab-results boundary
(reported-value parsing, units, non-detects, validation), GB/T 14848-2017 classification and writing.

Run: ``.venv/bin/python bench/bench_boundary.py [N]`` (default N = 1,000,000 result rows). The file is a CSV
with canonical headers, values as labs write them (numbers, ``<0.05``, ``ND`` with a ``detection_limit``,
μg/L beside mg/L); 10 analytes per sample. Prints results/s (wall, one process) end to end and for reading
plus classification alone (writing the result CSV, pandas' ``to_csv``, takes most of the end-to-end time), and
peak RSS.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from soilgw.assessment.screening import assess_in_chunks  # noqa: E402
from soilgw.assessment.sheets import read_table  # noqa: E402
from soilgw.cli import main  # noqa: E402
from soilgw.commands.assess import CHUNK_ROWS  # noqa: E402

#: (analyte, unit, typical value) — GB/T 14848-2017 Table 1 indicators.
ANALYTES = [("cd", "mg/L", 0.002), ("pb", "mg/L", 0.008), ("nitrate_n", "mg/L", 8.0), ("ammonia_n", "mg/L", 0.3),
            ("fluoride", "mg/L", 0.8), ("as", "mg/L", 0.004), ("hg", "mg/L", 0.0003), ("benzene", "μg/L", 2.0),
            ("tetrachloroethylene", "μg/L", 5.0), ("chloride", "mg/L", 120.0)]


def lab_file(path: Path, n: int, seed: int = 0) -> None:
    """Write ``n`` result rows (n // 10 samples) to ``path``."""
    rng = np.random.default_rng(seed)
    k = len(ANALYTES)
    samples = np.arange(n) // k
    idx = np.arange(n) % k
    typical = np.array([a[2] for a in ANALYTES])[idx]
    values = typical * rng.lognormal(0, 0.8, n)
    text = pd.Series(values).map("{:.4g}".format)
    nd = rng.random(n) < 0.2
    text[nd] = np.where(rng.random(nd.sum()) < 0.5, "ND", "<" + pd.Series(typical[nd] / 10).map("{:.3g}".format))
    frame = pd.DataFrame({
        "point_id": pd.Series(samples % 500).map("JX-{:03d}".format),
        "sample_id": pd.Series(samples).map("S{:07d}".format),
        "date": "2023-05-06",
        "analyte": np.array([a[0] for a in ANALYTES])[idx],
        "value": text,
        "unit": np.array([a[1] for a in ANALYTES])[idx],
        "detection_limit": pd.Series(typical / 10).map("{:.3g}".format),
    })
    frame.to_csv(path, index=False)


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "lab.csv", Path(tmp) / "out.csv"
        lab_file(src, n)
        t0 = time.perf_counter()
        code = main(["assess", str(src), "--standard", "gbt14848", "--out", str(out)])
        wall = time.perf_counter() - t0
        assert code == 0, code
        t0 = time.perf_counter()
        frame = read_table(str(src)).frame
        t_read = time.perf_counter() - t0
        classified = sum(len(p.results) for p in assess_in_chunks(frame, "gbt14848", chunk_rows=CHUNK_ROWS))
        t_all = time.perf_counter() - t0
        assert classified == n, classified
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"soilgw assess gbt14848 on {n:,} text rows: {wall:.2f} s wall = {n / wall / 1e3:,.0f} k results/s; "
          f"read + boundary + classify without writing: {t_all:.2f} s (read {t_read:.2f} s) = "
          f"{n / t_all / 1e3:,.0f} k results/s; peak RSS {rss:,.0f} MB; numpy {np.__version__}, pandas {pd.__version__}")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
