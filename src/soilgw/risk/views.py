"""Web pages of the risk app: list, new assessment (form → computed result), result page, reports, delete."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import permissions, presentation, reports
from .filtersets import PAGE_FILTERS, RiskAssessmentFilterSet
from .forms import PREFIX, ConcentrationFormSet, RiskAssessmentForm
from .models import RiskAssessment
from .services import CONCENTRATION_FIELDS, AssessmentInputError, chemical_choices, read_concentration_file


@login_required
def index(request):
    """The assessments the user may see, filtered."""
    qs = permissions.visible(request.user).select_related("created_by")
    filterset = RiskAssessmentFilterSet(request.GET, queryset=qs)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(request, "risk/index.html", {
        "page": page, "filter": filterset, "filter_fields": [filterset.form[n] for n in PAGE_FILTERS],
        "can_create": permissions.can_create(request.user)})


@login_required
def new(request):
    """The form: chemicals and concentrations, land class, overrides; on success the result page."""
    if not permissions.can_create(request.user):
        raise PermissionDenied(_("Only editors of the eco-environment branch and consultant accounts may run "
                                 "risk assessments."))
    if request.method == "POST" and "load_file" in request.POST:
        return _load_file(request)
    initial, rows = _initial_from(request)
    form = RiskAssessmentForm(request.POST or None, initial=initial)
    formset = ConcentrationFormSet(request.POST or None, prefix="chem", initial=rows)
    core_error = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            obj = RiskAssessment.create_computed(
                title=data["title"], land_class=data["land_class"], method=data["method"],
                concentrations=formset.rows, overrides=form.overrides(), notes=data["notes"],
                created_by=request.user, department=permissions.owning_department(request.user))
        except AssessmentInputError as exc:
            core_error = str(exc)
        else:
            messages.success(request, _("Assessment computed and stored."))
            return redirect(obj)
    return render(request, "risk/form.html", {
        "form": form, "formset": formset, "core_error": core_error, "chemicals": chemical_choices()})


def _load_file(request):
    """Fill the chemical rows from an uploaded CSV (the CLI's INPUT format) for review; nothing is run."""
    upload = request.FILES.get("concentration_file")
    initial = {k: v for k, v in request.POST.items() if not k.startswith("chem-") and k != "csrfmiddlewaretoken"}
    rows, file_error = [], ""
    if upload is None:
        file_error = _("Choose a CSV file first.")
    elif upload.size > settings.SOILGW_MAX_UPLOAD_BYTES:
        file_error = _("The file is too large.")
    else:
        try:
            rows = read_concentration_file(upload.name, upload.read())
        except AssessmentInputError as exc:
            file_error = str(exc)
    if rows:
        messages.info(request, _("%(n)d chemicals read from %(file)s; check them and run the assessment.")
                      % {"n": len(rows), "file": upload.name})
    return render(request, "risk/form.html", {
        "form": RiskAssessmentForm(initial=initial),
        "formset": ConcentrationFormSet(prefix="chem", initial=rows),
        "file_error": file_error, "chemicals": chemical_choices()})


def _initial_from(request) -> tuple[dict, list[dict]]:
    """Form and row initial values copied from ``?from=<id>`` (an assessment the user may read)."""
    pk = request.GET.get("from")
    if request.method != "GET" or not pk or not pk.isdigit():
        return {}, []
    src = _visible_or_404(request, int(pk))
    initial = {"title": _("%(title)s (new inputs)") % {"title": src.title}, "land_class": src.land_class,
               "method": src.method, "notes": src.notes,
               "groundwater_drinking": bool(src.overrides.get("groundwater_drinking"))}
    initial.update({PREFIX + k: v for k, v in src.overrides.items() if k != "groundwater_drinking"})
    rows = [{"chemical": r.get("query") or r["chemical"], **{k: r.get(k) for k in CONCENTRATION_FIELDS}}
            for r in src.concentrations]
    return initial, rows


def _visible_or_404(request, pk) -> RiskAssessment:
    return get_object_or_404(permissions.visible(request.user).select_related("created_by", "department"), pk=pk)


@login_required
def detail(request, pk):
    """Results table, pathway chart, sensitivity table, parameters with sources, report links."""
    obj = _visible_or_404(request, pk)
    return render(request, "risk/detail.html", {
        "obj": obj, "chemicals": presentation.chemicals(obj), "chart": presentation.chart_data(obj),
        "sensitivity": presentation.sensitivity(obj), "unverified": obj.unverified_parameters,
        "overridden": [p for p in obj.parameters if p.get("overridden")],
        "can_change": permissions.can_change(request.user, obj),
        "can_create": permissions.can_create(request.user)})


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    resp = HttpResponse(content, content_type=content_type)
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


@login_required
def report_xlsx(request, pk):
    obj = _visible_or_404(request, pk)
    return _download(reports.xlsx(obj), reports.XLSX, f"risk-assessment-{obj.pk}.xlsx")


@login_required
def report_docx(request, pk):
    obj = _visible_or_404(request, pk)
    return _download(reports.docx(obj), reports.DOCX, f"risk-assessment-{obj.pk}.docx")


@login_required
@require_POST
def delete(request, pk):
    obj = _visible_or_404(request, pk)
    if not permissions.can_change(request.user, obj):
        raise PermissionDenied(_("You may not delete this assessment."))
    obj.delete()
    messages.success(request, _("Assessment deleted."))
    return redirect("risk:index")
