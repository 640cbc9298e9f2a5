"""Pages of the sites app beyond the generic registry pages: overview, site page extras, land-action checks
(single and batch), investigation-data import, manifest reconciliation, clear-to-zero and notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from soilgw.core import imports
from soilgw.core.clock import as_of
from soilgw.core.permissions import can_edit, is_internal, memberships, scope_queryset

from . import batch, gates, reconcile, supply
from .choices import Direction, LandClass, Stage
from .forms import BatchCheckForm, CheckForm
from .investigation import assess_site
from .models import LandActionCheck, Notification, Site


def _internal(request) -> None:
    if not is_internal(request.user):
        raise PermissionDenied


@login_required
def index(request):
    """Sites by stage, the register, manifests flagged, open violations and unread notifications."""
    _internal(request)
    from .registries import REGISTRIES

    by_stage = dict(Site.objects.values_list("stage").annotate(n=Count("id")))
    stages = [(Stage(s).label, by_stage.get(s, 0), f"{reverse('sites:sites_list')}?stage={s}") for s in Stage.values]
    rows = [{"title": c.model._meta.verbose_name_plural, "url": reverse(f"sites:{c.url_name('list')}"),
             "count": c.model._default_manager.count()} for c in REGISTRIES]
    return render(request, "sites/index.html", {
        "stages": stages, "rows": rows, "violations": len([v for v in supply.violations() if v.resolved_on is None]),
        "unread": Notification.objects.filter(read_at__isnull=True).count(), "vacated": vacated_without_site()})


def vacated_without_site():
    """Cancelled or revoked permits whose enterprise has no site record yet (soil task 8: 腾退地块监管)."""
    from soilgw.enterprises.views import vacated_permits

    return vacated_permits().exclude(enterprise__sites__isnull=False)


def risk_url() -> str | None:
    """The risk app's assessment page (the site page posts the site's data to it), if installed."""
    try:
        return reverse("risk:new")
    except NoReverseMatch:
        return None


def site_context(request, site: Site) -> dict:
    """Extras of the site page: lifecycle, register, assessment by depth, checks, manifests, supply."""
    assessed = assess_site(site)
    rec = reconcile.reconcile(site.pk)
    return {
        "stage_records": site.stage_records.select_related("practitioner").prefetch_related("experts"),
        "register_entries": site.register_entries.all(),
        "assessed": assessed, "by_depth": assessed.by_depth.to_dict("records"),
        "checks": site.checks.all()[:20], "check_form": CheckForm(),
        "reconciliation": rec, "supply_records": site.supply_records.all(),
        "supervision": site.supervision_records.all(), "risk_url": risk_url(),
        "risk_land_class": 1 if site.land_class == LandClass.CLASS_1 else 2,
        "land_class_label": LandClass(assessed.land_class).label if assessed.land_class else "",
        "points": site.monitoring_points.all(), "can_edit_site": can_edit(request.user, site, "id"),
        "next_stages": [Stage(s).label for s in site.next_stages()],
        "map_bbox": _bbox_around(site, MAP_MARGIN_DEG),
    }


#: Margin of the site map around the site [°] (about 1 km).
MAP_MARGIN_DEG = 0.01


def _bbox_around(site: Site, margin: float) -> str:
    if site.min_lon is None:
        return ""
    return ",".join(f"{v:.6f}" for v in (site.min_lon - margin, site.min_lat - margin, site.max_lon + margin,
                                         site.max_lat + margin))


@login_required
def land_action_check(request, pk: int):
    """The gate check from the site page (logged with source ``page``)."""
    site = get_object_or_404(scope_queryset(request.user, Site.objects.all(), "id"), pk=pk)
    form = CheckForm(request.POST or None)
    answer = error = None
    if request.method == "POST" and form.is_valid():
        try:
            answer = gates.check(site, form.cleaned_data["action"], form.cleaned_data["proposed_use"],
                                 user=request.user, source="page",
                                 for_remediation=form.cleaned_data["for_remediation"])
        except ValueError as exc:
            error = str(exc)
    return render(request, "sites/check.html", {"site": site, "form": form, "answer": answer, "error": error})


@login_required
def batch_check(request):
    """Upload a list of parcels; every parcel is checked and logged."""
    _internal(request)
    form = BatchCheckForm(request.POST or None, request.FILES or None)
    results = problems = None
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        rows, problems = batch.parse_parcels(f.read(), f.name)
        if not problems:
            results = batch.run_batch(rows, request.user)
    return render(request, "sites/batch_check.html", {"form": form, "results": results, "problems": problems})


@login_required
def batch_template(request):
    _internal(request)
    from django.http import HttpResponse

    resp = HttpResponse(batch.template_xlsx(), content_type="application/vnd.openxmlformats-officedocument."
                                                            "spreadsheetml.sheet")
    resp["Content-Disposition"] = 'attachment; filename="parcels_template.xlsx"'
    return resp


@login_required
def import_investigation(request, pk: int):
    """Import the site's borings/wells and lab results with the monitoring importers; link the points."""
    site = get_object_or_404(Site, pk=pk)
    if not can_edit(request.user, site, "id"):
        raise PermissionDenied
    batches = []
    if request.method == "POST":
        dataset = f"site-{site.pk}"
        dept = memberships(request.user)[0].department if memberships(request.user) else None
        for kind, field in (("points", "points_file"), ("lab_results", "results_file")):
            upload = request.FILES.get(field)
            if upload is None:
                continue
            b = imports.run_import(kind, upload.name, upload.read(), request.user, department=dept,
                                   options={"dataset": dataset, "medium": "soil", "origin": str(site)})
            batches.append(b)
            if b.status != "accepted":
                break
        from soilgw.monitoring.models import MonitoringPoint

        site.monitoring_points.add(*MonitoringPoint.objects.filter(dataset=dataset))
        if batches and all(b.status == "accepted" for b in batches):
            return redirect(site.get_absolute_url())
    return render(request, "sites/import_investigation.html", {"site": site, "batches": batches})


@login_required
def reconciliation(request):
    """Manifest reconciliation of every site with manifests: unbalanced and overdue manifests flagged."""
    _internal(request)
    ids = Site.objects.filter(manifests__isnull=False).distinct().values_list("pk", flat=True)
    sites = Site.objects.in_bulk(list(ids))
    rows = [(sites[i], reconcile.reconcile(i)) for i in ids]
    return render(request, "sites/reconciliation.html", {
        "rows": rows, "tolerance_pct": reconcile.tolerance() * 100, "open_days": reconcile.open_days(),
        "defaults": reconcile.is_default(), "today": as_of()})


@login_required
def clear_to_zero(request):
    """Violations (sensitive-use supply without steps; supply-plan parcels without investigation), per quarter."""
    _internal(request)
    year = int(request.GET.get("year") or as_of().year)
    found = supply.violations()
    return render(request, "sites/clear_to_zero.html", {
        "year": year, "open": [v for v in found if v.resolved_on is None],
        "resolved": [v for v in found if v.resolved_on is not None],
        "quarters": supply.open_per_quarter(found, year)})


@login_required
def notifications(request):
    """Messages between the bureau and the natural resources bureau; each side sees what is addressed to it."""
    _internal(request)
    codes = {m.department.code for m in memberships(request.user)}
    qs = Notification.objects.select_related("site")
    if not request.user.is_superuser:
        wanted = ([Direction.TO_NRB] if "nrb" in codes else []) + ([Direction.TO_EEB] if "eeb" in codes else [])
        qs = qs.filter(direction__in=wanted)
    return render(request, "sites/notifications.html", {"notifications": qs[:200]})


@login_required
@require_POST
def notification_read(request, pk: int):
    _internal(request)
    Notification.objects.filter(pk=pk, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("sites:notifications")


@login_required
def checks_log(request):
    _internal(request)
    return render(request, "sites/checks_log.html",
                  {"checks": LandActionCheck.objects.select_related("site", "checked_by")[:200]})
