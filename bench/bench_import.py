"""Import of a 1,000,000-result lab CSV on the embedded SQLite database: time and peak memory.

Run: ``.venv/bin/python bench/bench_import.py [N]`` (default N = 1,000,000 results). A fresh database in a
temporary directory; 200 groundwater wells; a long CSV with the Chinese template headers (20 analytes of
GB/T 14848, one sample per well and date, about 40 % non-detects written ``<x`` or ``xL``). The upload goes
through the import framework exactly as ``/api/imports/`` does (sha256, raw file kept, whole-file validation,
one transaction). Prints the time of validation (parse), of the bulk write, of the evaluation (QA, classes,
trends per point × analyte) — wall and CPU time, since other work may share the cores — and the
process's peak RSS.
"""

from __future__ import annotations

import io
import os
import resource
import sys
import tempfile
import time

os.environ["SOILGW_VAR_DIR"] = tempfile.mkdtemp(prefix="soilgw-bench-import-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soilgw.settings")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from soilgw.core import imports  # noqa: E402
from soilgw.monitoring import evaluate, importers  # noqa: E402
from soilgw.monitoring.models import MonitoringPoint, Result  # noqa: E402

ANALYTES = [("硝酸盐(以N计)", "mg/L", 5.0), ("氯化物", "mg/L", 80.0), ("硫酸盐", "mg/L", 120.0), ("氟化物", "mg/L", 0.6),
            ("总硬度", "mg/L", 300.0), ("溶解性总固体", "mg/L", 600.0), ("铁", "mg/L", 0.2), ("锰", "mg/L", 0.05),
            ("砷", "μg/L", 3.0), ("铅", "μg/L", 2.0), ("镉", "μg/L", 0.3), ("六价铬", "mg/L", 0.01),
            ("汞", "μg/L", 0.2), ("苯", "μg/L", 0.8), ("甲苯", "μg/L", 5.0), ("四氯乙烯", "μg/L", 2.0),
            ("三氯乙烯", "μg/L", 3.0), ("氨氮", "mg/L", 0.2), ("钠", "mg/L", 60.0), ("pH", "无量纲", 7.4)]
WELLS = 200


def make_csv(n: int) -> bytes:
    rng = np.random.default_rng(1)
    per_sample = len(ANALYTES)
    n_samples = n // per_sample
    well = np.arange(n_samples) % WELLS
    day = np.arange(n_samples) // WELLS
    dates = (np.datetime64("2000-01-01") + day * 7).astype(str)
    names = np.array([a for a, _, _ in ANALYTES] * n_samples)
    units = np.array([u for _, u, _ in ANALYTES] * n_samples)
    median = np.tile(np.array([m for _, _, m in ANALYTES]), n_samples)
    values = median * rng.lognormal(0.0, 0.6, n_samples * per_sample)
    nd = (rng.random(values.size) < 0.4) & (names != "pH")
    dl = median * 0.3
    text = np.where(nd, np.where(rng.random(values.size) < 0.5, "<" + np.char.mod("%.3g", dl),
                                 np.char.mod("%.3g", dl) + "L"), np.char.mod("%.4g", values))
    frame = pd.DataFrame({
        "点位编号": np.repeat(np.char.add("BW-", np.char.zfill(well.astype(str), 3)), per_sample),
        "样品编号": np.repeat(np.char.add("S", np.arange(n_samples).astype(str)), per_sample),
        "采样日期": np.repeat(dates, per_sample), "检测项目": names, "检测结果": text, "单位": units,
    })
    buf = io.StringIO()
    frame.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


def main(n: int) -> None:
    call_command("migrate", verbosity=0)
    MonitoringPoint.objects.bulk_create([MonitoringPoint(code=f"BW-{i:03d}", kind="groundwater_well", target_class="III",
                                                         origin="benchmark (synthetic)") for i in range(WELLS)])
    user = get_user_model().objects.create_superuser("bench", password="bench-pw")
    t0 = time.perf_counter()
    content = make_csv(n)
    print(f"CSV: {n:,} results, {len(content) / 1e6:.1f} MB, generated in {time.perf_counter() - t0:.1f} s")
    settings.SOILGW_MAX_UPLOAD_BYTES = max(settings.SOILGW_MAX_UPLOAD_BYTES, len(content) + 1)
    timings = {}
    parse, commit = importers.parse_lab_results, importers.commit_results

    def clock():
        return time.perf_counter(), time.process_time()

    def since(t):
        return time.perf_counter() - t[0], time.process_time() - t[1]

    def timed_parse(*a, **k):
        t = clock()
        out = parse(*a, **k)
        timings["validate"] = since(t)
        return out

    def timed_commit(parsed, batch, user):
        t = clock()
        summary = commit(parsed, batch, user, evaluate_after=False)
        timings["write"] = since(t)
        t = clock()
        summary["evaluation"] = evaluate.evaluate_points(None)
        timings["evaluate"] = since(t)
        return summary

    kind = imports.get_kind("lab_results")
    imports.register(kind.__class__(**{**kind.__dict__, "parse": timed_parse, "commit": timed_commit}))
    t0 = clock()
    batch = imports.run_import("lab_results", "bench.csv", content, user)
    total, total_cpu = since(t0)
    assert batch.status == "accepted", batch.report["problems"][:3]
    assert Result.objects.count() == n
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for step, (wall, cpu) in timings.items():
        print(f"{step:9s} wall {wall:6.1f} s, CPU {cpu:6.1f} s")
    print(f"total     wall {total:6.1f} s, CPU {total_cpu:6.1f} s ({n / total:,.0f} results/s wall); "
          f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"evaluation: {batch.report['summary']['evaluation']}")
    print(f"peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
