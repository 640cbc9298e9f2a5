"""Background jobs on Django's task framework (the ``django-tasks`` backport, database backend by default).

A job is a registered function ``fn(job, **arguments) -> dict`` run by a worker (``soilgw worker``). Each run
is tracked in a ``Job`` row: status, progress [0–100 %], a message, the result or a clear failure message, and
its arguments so it can be retried. One Django task, ``run_job``, runs every job: the task backend (settings
``TASKS``) is the only thing a deployment changes to use another queue.

Import lifecycle (DESIGN, "Imports"): storing an accepted batch (and the evaluation its kind runs after
storing) is the job ``import.accept``; a batch whose job died — its worker was killed or restarted, or its
heartbeat is older than ``SOILGW_JOB_TIMEOUT`` seconds — is marked failed with the reason and can be retried
or discarded from its page; ``import.undo`` removes exactly the rows of an accepted batch.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from . import imports
from .choices import ACCEPTABLE_IMPORT_STATUSES, ImportStatus, JobStatus
from .models import ImportBatch, Job
from .templatetags.bilingual import in_language

logger = logging.getLogger(__name__)

#: Sent inside the undo transaction, before a batch's rows are removed, with ``batch``. A receiver may
#: return a callable; it is called after the rows are gone (e.g. to re-evaluate the points they touched).
import_undo = Signal()

_JOBS: dict[str, Callable[..., dict]] = {}
#: job name → ``may_run(user, job) -> bool``: who may start or retry it from a page (read from the policy).
_MAY_RUN: dict[str, Callable[..., bool]] = {}


def register(name: str, *, may_run: Callable[..., bool]):
    """Decorator: register ``fn(job, **arguments) -> dict`` as the job ``name``; ``may_run(user, job)``
    decides who may retry it (through ``core.permissions``, so the policy in ``core.policy`` decides)."""
    def wrap(fn):
        _JOBS[name] = fn
        _MAY_RUN[name] = may_run
        return fn
    return wrap


def may_run(user, job: Job) -> bool:
    """May ``user`` retry ``job``? Superusers always; others as its registered ``may_run`` says."""
    return bool(getattr(user, "is_superuser", False) or _MAY_RUN[job.name](user, job))


def timeout() -> dt.timedelta:
    """How long a running job may go without a progress report before it counts as dead."""
    return dt.timedelta(seconds=getattr(settings, "SOILGW_JOB_TIMEOUT", 3600))


def start(name: str, *, user=None, department=None, batch: ImportBatch | None = None, **arguments) -> Job:
    """Queue the job ``name`` with JSON ``arguments``; returns its ``Job`` (already finished under an
    immediate backend, as in tests). Raises ``KeyError`` for an unknown job name."""
    if name not in _JOBS:
        raise KeyError(f"unknown job {name!r}; registered jobs: {', '.join(sorted(_JOBS))}")
    job = Job.objects.create(name=name, arguments=arguments, created_by=user if user and user.pk else None,
                             department=department, batch=batch)
    return _enqueue(job)


def retry(job: Job, user=None) -> Job:
    """Queue a failed job again with the same arguments. Raises ``ValueError`` unless it failed and
    ``PermissionError`` when ``user`` (None: the operator's command line) may not run it."""
    if job.status != JobStatus.FAILED:
        raise ValueError(f"job #{job.pk} is {job.status}; only a failed job can be retried")
    if user is not None and not may_run(user, job):
        raise PermissionError(_("you may not run this job"))
    if job.batch_id:
        ImportBatch.objects.filter(pk=job.batch_id, status=ImportStatus.FAILED).update(status=ImportStatus.QUEUED)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, progress=0, message="", error="",
                                         started_at=None, finished_at=None, heartbeat_at=None)
    job.refresh_from_db()
    return _enqueue(job)


def _enqueue(job: Job) -> Job:
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def progress(job: Job, percent: int, message: str = "") -> None:
    """Record a job's progress (and so its heartbeat); its own short transaction."""
    job.progress, job.message, job.heartbeat_at = max(0, min(100, int(percent))), message[:500], timezone.now()
    Job.objects.filter(pk=job.pk).update(progress=job.progress, message=job.message, heartbeat_at=job.heartbeat_at)


@task(takes_context=True)
def run_job(context, job_id: int) -> dict:
    """The one task: run the registered function of ``Job`` ``job_id`` and record its outcome."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status != JobStatus.QUEUED:  # discarded or already run by another worker
        return {}
    now = timezone.now()
    worker = (context.task_result.worker_ids or [""])[-1]
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, worker_id=worker[:64], attempts=job.attempts + 1)
    if not claimed:
        return {}
    job.refresh_from_db()
    try:
        result = _JOBS[job.name](job, **job.arguments) or {}
    except Exception as exc:  # any failure: the job says why; nothing of an import was stored (atomic)
        logger.exception("job %s #%s failed", job.name, job.pk)
        _fail(job, f"{type(exc).__name__}: {exc}")
        return {"error": str(exc)}
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, progress=100, result=result,
                                         finished_at=timezone.now(), heartbeat_at=timezone.now())
    return result


def _fail(job: Job, reason: str) -> None:
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=reason, finished_at=timezone.now())
    if job.batch_id:
        batch = ImportBatch.objects.get(pk=job.batch_id)
        if batch.status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            batch.status = ImportStatus.FAILED
            batch.report = {**batch.report, "failure": reason}
            batch.save()


def fail_stale(*, worker_id: str = "") -> int:
    """Mark dead jobs failed: running jobs of ``worker_id`` (a worker that restarted under the same id) and
    every running job whose heartbeat is older than :func:`timeout`. Returns how many were marked."""
    cutoff = timezone.now() - timeout()
    dead = list(Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff))
    if worker_id:
        dead += list(Job.objects.filter(status=JobStatus.RUNNING, worker_id=worker_id).exclude(
            pk__in=[j.pk for j in dead]))
    for job in dead:
        reason = (f"the worker {worker_id} restarted while this job ran" if job.worker_id == worker_id and worker_id
                  else f"no progress since {job.heartbeat_at:%Y-%m-%d %H:%M:%S} (timeout {timeout()}); "
                       "the worker probably died")
        _fail(job, reason)
    return len(dead)


# --- imports ---------------------------------------------------------------------------------------------

def import_upload(kind: str, filename: str, content: bytes, user, *, department=None, options=None,
                  accept: bool = True) -> ImportBatch:
    """Validate an upload in the request (fast, no writes but the batch) and, if clean and ``accept``, queue
    its storing as a job. Returns the batch (see ``imports.run_import`` for errors raised)."""
    batch = imports.run_import(kind, filename, content, user, department=department, options=options,
                               accept=False)
    if accept and batch.status == ImportStatus.VALIDATED:
        queue_accept(batch, user)
        batch.refresh_from_db()
    return batch


def queue_accept(batch: ImportBatch, user) -> Job:
    """Queue storing a validated (or failed) batch. Raises ``ValueError`` for another status and
    ``PermissionError`` when ``user`` may not import its kind."""
    if batch.status not in ACCEPTABLE_IMPORT_STATUSES:
        raise ValueError(f"batch #{batch.pk} is {batch.status}; only a validated or failed batch can be stored")
    _check_import(batch, user)
    failed = batch.jobs.filter(name="import.accept", status=JobStatus.FAILED).first()
    _set_status(batch, ImportStatus.QUEUED, user)
    if failed is not None:
        return retry(failed)  # the import permission was checked above
    return start("import.accept", user=user, department=batch.department, batch=batch, batch_id=batch.pk,
                 user_id=user.pk if user else None)


def _may_import(user, job: Job) -> bool:
    """The permission of an import job: the batch's kind's ``can_import`` (registry kinds: the policy)."""
    batch = job.batch
    return batch is not None and bool(imports.get_kind(batch.kind).can_import(user, batch.options))


def _check_import(batch: ImportBatch, user) -> None:
    if not imports.get_kind(batch.kind).can_import(user, batch.options):
        raise PermissionError(_("you may not import %(kind)s")
                              % {"kind": in_language(imports.get_kind(batch.kind).label)})


@register("import.accept", may_run=_may_import)
def _accept(job: Job, batch_id: int, user_id: int | None) -> dict:
    batch = ImportBatch.objects.get(pk=batch_id)
    user = get_user_model().objects.filter(pk=user_id).first()
    if batch.status != ImportStatus.QUEUED:
        raise ValueError(f"batch #{batch.pk} is {batch.status}, not queued")
    _set_status(batch, ImportStatus.RUNNING, user)
    progress(job, 10, "validating and storing")
    batch = imports.accept_batch(batch, user)
    if batch.status != ImportStatus.ACCEPTED:  # rejected on the second look: the report says why
        return {"status": batch.status, "problems": len(batch.report.get("problems", []))}
    return {"status": batch.status, **batch.report.get("summary", {})}


def discard(batch: ImportBatch, user) -> None:
    """Discard a batch that was never stored (validated or failed): it stays listed, marked discarded.
    Raises ``ValueError`` for another status and ``PermissionError`` when ``user`` may not import its kind."""
    if batch.status not in ACCEPTABLE_IMPORT_STATUSES:
        raise ValueError(f"batch #{batch.pk} is {batch.status}; only a validated or failed batch can be discarded")
    _check_import(batch, user)
    _set_status(batch, ImportStatus.DISCARDED, user)


def queue_undo(batch: ImportBatch, user) -> Job:
    """Queue undoing an accepted batch. Raises ``ValueError`` unless it is accepted and ``PermissionError``
    when ``user`` may not import its kind."""
    if batch.status != ImportStatus.ACCEPTED:
        raise ValueError(f"batch #{batch.pk} is {batch.status}; only an accepted batch can be undone")
    _check_import(batch, user)
    return start("import.undo", user=user, department=batch.department, batch=batch, batch_id=batch.pk,
                 user_id=user.pk if user else None)


def batch_rows(batch: ImportBatch) -> dict[str, object]:
    """``{model label: queryset}`` of every row that points back to ``batch`` (bulk rows of any app)."""
    rows = {}
    for rel in ImportBatch._meta.related_objects:
        model = rel.related_model
        if model is Job or rel.many_to_many or model._meta.label.startswith("core.Historical"):
            continue
        rows[model._meta.label] = model._default_manager.filter(**{rel.field.name: batch})
    return rows


@register("import.undo", may_run=_may_import)
def _undo(job: Job, batch_id: int, user_id: int | None) -> dict:
    user = get_user_model().objects.filter(pk=user_id).first()
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status != ImportStatus.ACCEPTED:
            raise ValueError(f"batch #{batch.pk} is {batch.status}; only an accepted batch can be undone")
        after = [r for _, r in import_undo.send(sender=ImportBatch, batch=batch) if callable(r)]
        rows = batch_rows(batch)
        removed = {label: n for label, qs in rows.items() if (n := qs.count())}  # before cascades run
        for qs in rows.values():
            qs.delete()
        batch.report = {**batch.report, "undone": removed}
        _set_status(batch, ImportStatus.UNDONE, user)
    progress(job, 70, "re-evaluating")
    for fn in after:
        fn()
    return {"removed": removed}


def _set_status(batch: ImportBatch, status: str, user) -> None:
    batch.status = status
    batch._history_user = user if user and user.pk else None  # the change log names who did it
    batch.save()
