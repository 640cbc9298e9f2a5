"""Steps of the worker-kill test, each run in its own process against the platform's settings.

``python -m tests.core.worker_kill_driver setup ROWS`` — 150 monitoring wells and a validated lab file of
``ROWS`` results queued for storing; prints ``{"batch": id, "job": id}``.
``… state BATCH`` — prints the batch's status, its jobs and how many stored rows point back to it.
``… requeue BATCH`` — queues storing the batch again (the retry a user makes from its page).
"""

from __future__ import annotations

import json
import os
import sys

import django

POINTS = [f"KILL-{i:03d}" for i in range(1, 151)]


def _lab_csv(rows: int) -> bytes:
    """A long lab file in the template's Chinese headers: nitrate-N sampled daily at 150 wells (a logger
    programme's year), ``rows`` results in all."""
    import pandas as pd

    from soilgw.monitoring.importers import LAB_TEMPLATE_COLUMNS

    days = pd.date_range("2022-01-01", periods=-(-rows // len(POINTS)), freq="D").strftime("%Y-%m-%d")
    point = [POINTS[i % len(POINTS)] for i in range(rows)]
    day = [days[i // len(POINTS)] for i in range(rows)]
    frame = pd.DataFrame({c: "" for c in LAB_TEMPLATE_COLUMNS}, index=range(rows))
    frame[LAB_TEMPLATE_COLUMNS[0]] = point
    frame[LAB_TEMPLATE_COLUMNS[1]] = [f"{p}-{d}" for p, d in zip(point, day, strict=True)]
    frame[LAB_TEMPLATE_COLUMNS[2]] = day
    frame[LAB_TEMPLATE_COLUMNS[4]] = "硝酸盐(以N计)"
    frame[LAB_TEMPLATE_COLUMNS[5]] = [f"{1 + i % 40 / 2:.1f}" for i in range(rows)]
    frame[LAB_TEMPLATE_COLUMNS[6]] = "mg/L"
    return frame.to_csv(index=False).encode("utf-8")


def setup(rows: int) -> dict:
    from django.contrib.auth import get_user_model

    from soilgw.core import jobs
    from soilgw.monitoring.models import MonitoringPoint

    user = get_user_model().objects.create_superuser("kill", password="kill-pw")
    MonitoringPoint.objects.bulk_create(MonitoringPoint(dataset="kill", code=code, kind="groundwater_well",
                                                        target_class="III") for code in POINTS)
    batch = jobs.import_upload("lab_results", "big.csv", _lab_csv(rows), user, options={"dataset": "kill"},
                               accept=False)
    if batch.status != "validated":
        raise SystemExit(f"the lab file did not validate: {batch.report}")
    return {"batch": batch.pk, "job": jobs.queue_accept(batch, user).pk}


def state(batch_id: int) -> dict:
    from soilgw.core import jobs
    from soilgw.core.models import ImportBatch

    batch = ImportBatch.objects.get(pk=batch_id)
    return {"status": batch.status, "failure": batch.report.get("failure", ""),
            "jobs": [[j.status, j.error, j.attempts] for j in batch.jobs.order_by("pk")],
            "rows": {label: qs.count() for label, qs in jobs.batch_rows(batch).items()}}


def requeue(batch_id: int) -> dict:
    from django.contrib.auth import get_user_model

    from soilgw.core import jobs
    from soilgw.core.models import ImportBatch

    job = jobs.queue_accept(ImportBatch.objects.get(pk=batch_id), get_user_model().objects.get(username="kill"))
    return {"job": job.pk}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soilgw.settings")
    django.setup()
    step, arg = sys.argv[1], int(sys.argv[2])
    print(json.dumps({"setup": setup, "state": state, "requeue": requeue}[step](arg)))
