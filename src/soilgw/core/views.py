"""Core pages: the import page, departments, health check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import page_not_found

from . import imports, jobs
from .forms import ImportForm
from .models import Department, ImportBatch, Job
from .permissions import department_ids, is_internal, memberships


@login_required
def import_page(request):
    """Upload a file of any registered kind; shows the validation report of the batch."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        dept = memberships(request.user)[0].department if memberships(request.user) else None
        try:
            batch = jobs.import_upload(form.cleaned_data["kind"], f.name, f.read(), request.user,
                                       department=dept, accept=form.cleaned_data["accept"])
        except PermissionError as exc:
            raise PermissionDenied(str(exc)) from None
        return redirect("import_batch", pk=batch.pk)
    batches = ImportBatch.objects.all() if request.user.is_superuser else \
        ImportBatch.objects.filter(uploaded_by=request.user)
    # (kind, has a template): a template tag would call the builder, making every template file per page view
    kinds = [(k, k.template is not None) for k in imports.kinds().values()]
    return render(request, "core/imports.html", {"form": form, "batches": batches[:20], "kinds": kinds})


#: Actions on a batch's page: POST ``action`` → the function doing it (each checks status and permission).
BATCH_ACTIONS = {"accept": jobs.queue_accept, "retry": jobs.queue_accept, "discard": jobs.discard,
                 "undo": jobs.queue_undo}


def _can_see(user, obj) -> bool:
    owner = obj.uploaded_by_id if isinstance(obj, ImportBatch) else obj.created_by_id
    return user.is_superuser or owner == user.pk or obj.department_id in department_ids(user)


@login_required
def import_batch(request, pk: int):
    """A batch's report and its lifecycle: store (accept), retry a failed job, discard, undo."""
    jobs.fail_stale()
    batch = get_object_or_404(ImportBatch, pk=pk)
    if not _can_see(request.user, batch):
        raise PermissionDenied
    action = BATCH_ACTIONS.get(request.POST.get("action", "")) if request.method == "POST" else None
    if action is not None:
        try:
            action(batch, request.user)
        except (ValueError, PermissionError) as exc:
            messages.error(request, str(exc))
        return redirect("import_batch", pk=batch.pk)
    return render(request, "core/import_batch.html", {"batch": batch, "jobs": batch.jobs.all()[:10],
                                                      "summary": summary_rows(batch.report.get("summary") or {})})


#: What an import's summary counts, as its page names it (keys written by the importers and the evaluation).
SUMMARY_LABELS = {
    "created": gettext_lazy("records created"), "updated": gettext_lazy("records updated"), "samples": gettext_lazy("samples"),
    "results": gettext_lazy("results"), "levels": gettext_lazy("water levels"), "points": gettext_lazy("monitoring points"),
    "evaluation": gettext_lazy("evaluation"), "qa_detect_below_dl": gettext_lazy("detects below their detection limit"),
    "qa_ion_balance": gettext_lazy("samples failing the ion balance"), "qa_rpd": gettext_lazy("duplicate pairs beyond the RPD"),
    "classed_samples": gettext_lazy("samples classed"),
    "irrigation_points_without_crop": gettext_lazy("irrigation points without a crop"),
    "nondetects_without_limit": gettext_lazy("non-detects without a limit (left out)"),
    "follow_ups": gettext_lazy("follow-ups opened"), "series": gettext_lazy("series with statistics"),
}


def summary_rows(summary: dict, depth: int = 0) -> list[tuple[int, str, object]]:
    """``(depth, label, value)`` rows of an import summary; a nested count table is indented under its key."""
    rows = []
    for key, value in summary.items():
        label = str(SUMMARY_LABELS.get(key, key))
        if isinstance(value, dict):
            rows.append((depth, label, ""))
            rows += summary_rows(value, depth + 1)
        else:
            rows.append((depth, label, len(value) if isinstance(value, list) else value))
    return rows


@login_required
def job_page(request, pk: int):
    """A background job: progress while it runs, then its result or failure message; retry when failed."""
    jobs.fail_stale()
    job = get_object_or_404(Job.objects.select_related("batch"), pk=pk)
    if not _can_see(request.user, job):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "retry":
        try:
            if job.name == "import.accept" and job.batch is not None:
                jobs.queue_accept(job.batch, request.user)  # checks the batch's status and the import permission
            else:
                jobs.retry(job, request.user)  # checks who may run it (the job's policy)
        except (ValueError, PermissionError) as exc:
            messages.error(request, str(exc))
        return redirect("job", pk=job.pk)
    return render(request, "core/job.html", {"job": job})


@login_required
def import_template(request, kind: str):
    try:
        k = imports.get_kind(kind)
    except KeyError:
        raise PermissionDenied from None
    if k.template is None:
        raise PermissionDenied
    resp = HttpResponse(k.template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="{kind}_template.xlsx"'
    return resp


@login_required
def departments(request):
    if not is_internal(request.user):
        raise PermissionDenied
    return render(request, "core/departments.html", {
        "departments": Department.objects.prefetch_related("memberships")})


def health(request):
    return JsonResponse({"status": "ok"})


def no_access(request):
    messages.info(request, _("Your account belongs to no department yet; ask an administrator."))
    return redirect("login")


def not_found(request, exception=None):
    """404 for every unmatched URL: JSON under ``/api/`` (an API client never gets an HTML page), else the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return page_not_found(request, exception)
