"""Core pages: the import page, departments, health check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import imports
from .forms import ImportForm
from .models import Department, ImportBatch
from .permissions import department_ids, is_internal, memberships


@login_required
def import_page(request):
    """Upload a file of any registered kind; shows the validation report of the batch."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        dept = memberships(request.user)[0].department if memberships(request.user) else None
        try:
            batch = imports.run_import(form.cleaned_data["kind"], f.name, f.read(), request.user,
                                       department=dept, accept=form.cleaned_data["accept"])
        except PermissionError as exc:
            raise PermissionDenied(str(exc)) from None
        return redirect("import_batch", pk=batch.pk)
    batches = ImportBatch.objects.all() if request.user.is_superuser else \
        ImportBatch.objects.filter(uploaded_by=request.user)
    return render(request, "core/imports.html", {"form": form, "batches": batches[:20],
                                                 "kinds": imports.kinds().values()})


@login_required
def import_batch(request, pk: int):
    batch = get_object_or_404(ImportBatch, pk=pk)
    if not (request.user.is_superuser or batch.uploaded_by_id == request.user.pk
            or batch.department_id in department_ids(request.user)):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "accept":
        try:
            imports.accept_batch(batch, request.user)
        except (ValueError, PermissionError) as exc:
            messages.error(request, str(exc))
        return redirect("import_batch", pk=batch.pk)
    return render(request, "core/import_batch.html", {"batch": batch})


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
