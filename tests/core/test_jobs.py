"""Background jobs: imports stored by a job with progress and a result page; failures say why and can be
retried; dead jobs are marked failed; batches can be discarded; the database backend's worker runs jobs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from soilgw.core import imports, jobs
from soilgw.core.models import ImportBatch, Job
from soilgw.plans.models import ProgressReport
from tests.core.progress_files import GOOD, progress_xlsx

pytestmark = pytest.mark.django_db

@pytest.fixture
def editor(county, make_user):
    return make_user("job-editor", "eeb", "editor")


def _upload(client, user, content, accept=True):
    client.force_login(user)
    data = {"kind": "progress_reports", "file": io.BytesIO(content)}
    data["file"].name = "q3.xlsx"
    if accept:
        data["accept"] = "on"
    return client.post("/imports/", data)


def test_an_upload_is_stored_by_a_job_whose_page_shows_the_result(client, editor):
    resp = _upload(client, editor, progress_xlsx([GOOD, {**GOOD, "任务编号": 3}]))
    batch = ImportBatch.objects.get()
    assert resp.status_code == 302 and batch.status == "accepted"
    job = Job.objects.get(batch=batch)
    assert (job.name, job.status, job.progress, job.attempts) == ("import.accept", "succeeded", 100, 1)
    assert job.result == {"status": "accepted", "created": 2, "updated": 0}
    assert job.task_id and job.worker_id
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "created: 2" in page
    assert ProgressReport.objects.count() == 2


def test_a_failing_job_marks_the_batch_failed_with_the_reason_and_can_be_retried(client, editor, monkeypatch):
    import dataclasses

    def broken(parsed, batch, user):
        raise RuntimeError("disk full")

    kind = imports.get_kind("progress_reports")
    monkeypatch.setitem(imports._KINDS, "progress_reports", dataclasses.replace(kind, commit=broken))
    _upload(client, editor, progress_xlsx([GOOD]))
    batch = ImportBatch.objects.get()
    job = Job.objects.get(batch=batch)
    assert batch.status == "failed" and batch.report["failure"] == "RuntimeError: disk full"
    assert job.status == "failed" and job.error == "RuntimeError: disk full"
    assert ProgressReport.objects.count() == 0
    assert "RuntimeError: disk full" in client.get(f"/jobs/{job.pk}/").content.decode()
    assert "disk full" in client.get(f"/imports/{batch.pk}/").content.decode()

    monkeypatch.setitem(imports._KINDS, "progress_reports", kind)  # the fault is fixed
    client.post(f"/imports/{batch.pk}/", {"action": "retry"})
    batch.refresh_from_db()
    job.refresh_from_db()
    assert batch.status == "accepted" and job.status == "succeeded" and job.attempts == 2
    assert Job.objects.count() == 1 and ProgressReport.objects.count() == 1


def _running(batch, worker_id="w-1", heartbeat=None):
    batch.status = "running"
    batch.save()
    return Job.objects.create(name="import.accept", batch=batch, status="running", worker_id=worker_id,
                              arguments={"batch_id": batch.pk, "user_id": None},
                              started_at=heartbeat or timezone.now(), heartbeat_at=heartbeat or timezone.now())


@override_settings(SOILGW_JOB_TIMEOUT=600)
def test_a_job_without_heartbeat_past_the_timeout_is_marked_failed_and_its_batch_can_be_discarded(client, editor):
    _upload(client, editor, progress_xlsx([GOOD]), accept=False)
    batch = ImportBatch.objects.get()
    assert batch.status == "validated"
    fresh = _running(ImportBatch.objects.create(kind="progress_reports", filename="b.xlsx", sha256="b" * 64,
                                                size=1, status="validated", uploaded_by=editor))
    dead = _running(batch, heartbeat=timezone.now() - dt.timedelta(seconds=601))
    page = client.get(f"/imports/{batch.pk}/").content.decode()  # opening the page finds the dead job
    batch.refresh_from_db()
    dead.refresh_from_db()
    fresh.refresh_from_db()
    assert batch.status == "failed" and dead.status == "failed" and "the worker probably died" in dead.error
    assert "the worker probably died" in page
    assert fresh.status == "running"  # within the timeout: left alone
    client.post(f"/imports/{batch.pk}/", {"action": "discard"})
    batch.refresh_from_db()
    assert batch.status == "discarded"
    assert [h.status for h in batch.history.order_by("history_date")][-2:] == ["failed", "discarded"]
    assert batch.history.latest("history_date").history_user == editor
    client.post(f"/imports/{batch.pk}/", {"action": "retry"})  # a discarded batch cannot be stored
    batch.refresh_from_db()
    assert batch.status == "discarded" and ProgressReport.objects.count() == 0


def test_a_worker_restarting_under_the_same_id_fails_the_jobs_it_was_running(editor):
    batch = ImportBatch.objects.create(kind="progress_reports", filename="a.xlsx", sha256="a" * 64, size=1,
                                       status="validated", uploaded_by=editor)
    job = _running(batch, worker_id="serve-8000")
    other = _running(ImportBatch.objects.create(kind="progress_reports", filename="c.xlsx", sha256="c" * 64,
                                                size=1, status="validated"), worker_id="serve-9000")
    assert jobs.fail_stale(worker_id="serve-8000") == 1
    job.refresh_from_db()
    other.refresh_from_db()
    batch.refresh_from_db()
    assert job.status == "failed" and "the worker serve-8000 restarted" in job.error
    assert batch.status == "failed" and batch.report["failure"] == job.error
    assert other.status == "running"


def test_another_users_batch_and_job_are_not_shown(client, editor, make_user):
    _upload(client, editor, progress_xlsx([GOOD]))
    job = Job.objects.get()
    client.force_login(make_user("outsider", "agri", "editor"))
    assert client.get(f"/jobs/{job.pk}/").status_code == 403
    assert client.get(f"/imports/{job.batch_id}/").status_code == 403


def test_a_viewer_of_the_department_sees_a_batch_but_may_not_discard_or_undo_it(client, editor, make_user):
    _upload(client, editor, progress_xlsx([GOOD]), accept=False)
    batch = ImportBatch.objects.get()
    viewer = make_user("job-viewer", "eeb", "viewer")
    client.force_login(viewer)
    assert client.get(f"/imports/{batch.pk}/").status_code == 200
    for action in ("discard", "accept"):
        client.post(f"/imports/{batch.pk}/", {"action": action})
        batch.refresh_from_db()
        assert batch.status == "validated"
    with pytest.raises(PermissionError):
        jobs.discard(batch, viewer)
    jobs.queue_accept(batch, editor)
    batch.refresh_from_db()
    assert batch.status == "accepted"
    with pytest.raises(PermissionError):
        jobs.queue_undo(batch, viewer)


@pytest.mark.django_db(transaction=True)  # the worker claims tasks in its own (exclusive) transaction
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_backend_queues_until_a_worker_runs_the_job(client, editor):
    _upload(client, editor, progress_xlsx([GOOD]))
    batch = ImportBatch.objects.get()
    job = Job.objects.get()
    assert batch.status == "queued" and job.status == "queued"
    assert "meta http-equiv=\"refresh\"" in client.get(f"/imports/{batch.pk}/").content.decode()
    call_command("worker", "--batch", "--no-startup-delay", "--worker-id", "test-worker", "-v", "0")
    batch.refresh_from_db()
    job.refresh_from_db()
    assert batch.status == "accepted" and job.status == "succeeded" and job.worker_id == "test-worker"
    assert ProgressReport.objects.count() == 1
