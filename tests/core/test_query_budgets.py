"""Query budgets of the import and job pages and the imports API list: a fixed number of queries, whatever
the number of batches and jobs listed (no query per row)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from soilgw.core.models import ImportBatch, Job

pytestmark = pytest.mark.django_db

#: Queries allowed per page (session, user, memberships, navigation, the listed rows …).
BUDGET = 15


def _batches(user, n):
    for i in range(n):
        b = ImportBatch.objects.create(kind="progress_reports", filename=f"f{i}.csv", sha256=f"{i:064d}", size=1,
                                       status="failed", uploaded_by=user, report={"failure": "worker died"})
        Job.objects.create(name="import.accept", batch=b, status="failed", created_by=user, error="worker died")
    return ImportBatch.objects.order_by("-pk").first()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/imports/", "/imports/{batch}/", "/jobs/{job}/", "/api/imports/"])
def test_pages_stay_within_budget_whatever_the_number_of_rows(client, county, make_user, url):
    user = make_user("budget", "eeb", "editor")
    client.force_login(user)
    batch = _batches(user, 1)
    few = _count(client, url.format(batch=batch.pk, job=batch.jobs.get().pk))
    batch = _batches(user, 15)
    many = _count(client, url.format(batch=batch.pk, job=batch.jobs.get().pk))
    assert many == few and many <= BUDGET, (few, many)
