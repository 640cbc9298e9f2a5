"""Time of ``soilgw obligations refresh`` on a synthetic county-scale registry (fresh SQLite database).

Run: ``.venv/bin/python bench/bench_obligations.py [N]`` (default N = 2,000 enterprises). Each enterprise is a
key supervised unit (listed 2022 or 2024) with self-monitoring records; every tenth is a heavy-metal emitter
and every twentieth has a demolition. Prints the obligations computed and the time of a full refresh
(first run: all inserts; second: all updates) and of one save-triggered recompute.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time

os.environ["SOILGW_VAR_DIR"] = tempfile.mkdtemp(prefix="soilgw-bench-")
os.environ["SOILGW_AS_OF"] = "2026-06-30"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soilgw.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from soilgw.core.loaders import load_departments  # noqa: E402
from soilgw.enterprises import credit_code  # noqa: E402
from soilgw.enterprises.models import Demolition, DutyRecord, Enterprise, Listing  # noqa: E402
from soilgw.plans.loaders import load_plans  # noqa: E402
from soilgw.plans.obligations import engine  # noqa: E402


def main(n: int) -> None:
    call_command("migrate", verbosity=0)
    load_departments()
    load_plans()
    ents = []
    for i in range(n):
        first17 = f"91140826MA{i:06d}Y"
        ents.append(Enterprise(name=f"基准企业{i}", credit_code=first17 + credit_code.check_character(first17),
                               lon=111.6, lat=35.5))
    Enterprise.objects.bulk_create(ents, batch_size=1000)
    ents = list(Enterprise.objects.order_by("pk"))
    Listing.objects.bulk_create([Listing(enterprise=e, list_kind="key_supervised_unit",
                                         listed_on=dt.date(2022 if i % 2 else 2024, 3, 1)) for i, e in enumerate(ents)],
                                batch_size=1000)
    Listing.objects.bulk_create([Listing(enterprise=e, list_kind="heavy_metal_discharger", listed_on=dt.date(2023, 1, 1))
                                 for e in ents[::10]], batch_size=1000)
    DutyRecord.objects.bulk_create([DutyRecord(enterprise=e, kind="self_monitoring", date=dt.date(y, 9, 1),
                                               comprehensive=y == 2023)
                                    for i, e in enumerate(ents) for y in (2023, 2024, 2025) if (i + y) % 3],
                                   batch_size=1000)
    Demolition.objects.bulk_create([Demolition(enterprise=e, description="拆除", planned_start=dt.date(2026, 8, 1))
                                    for e in ents[::20]], batch_size=1000)
    for label in ("first refresh (inserts)", "second refresh (updates)"):
        t0 = time.perf_counter()
        counts = engine.refresh()
        dt_s = time.perf_counter() - t0
        total = counts.get("open", 0) + counts.get("done", 0) + counts.get("overdue", 0)
        print(f"{label}: {total} obligations for {n} enterprises in {dt_s:.2f} s ({total / dt_s:,.0f}/s); {counts}")
    t0 = time.perf_counter()
    DutyRecord.objects.create(enterprise=ents[0], kind="hazard_investigation", date=dt.date(2024, 6, 1))
    print(f"one evidence save with its recompute: {1000 * (time.perf_counter() - t0):.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
