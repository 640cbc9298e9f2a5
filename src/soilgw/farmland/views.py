"""Pages: category map (with the GeoJSON it reads), unit page context, adjustment queue, safe-utilization
dashboard and exports."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soilgw.assessment.farmland_units import available_rule_sets, load_rule_set
from soilgw.core.choices import Role
from soilgw.core.clock import as_of
from soilgw.core.permissions import can_edit, department_ids, is_internal
from soilgw.core.registry import _xlsx_response
from soilgw.core.xlsx import frames_to_xlsx

from .choices import CATEGORY_COLOUR, AdjustmentStatus, Category, Disposal
from .models import (
    CategoryAdjustment,
    ClassificationRuleSet,
    ClassificationRun,
    CropRecommendation,
    FarmlandUnit,
    FarmlandWarning,
    GrainTest,
    Measure,
    Technology,
    agri_department_ids,
)
from .services.causes import mining_proximity
from .services.rate import county_rate, notes_shown

#: Default distance for "farmland near a mining-waste site" [m]; users change it on the map page.
MINING_DISTANCE_M = 1000.0


def _internal(request) -> None:
    if not is_internal(request.user):
        raise PermissionDenied(_("Farmland categories are internal information."))


def _units(request):
    qs = FarmlandUnit.objects.all()
    for key in ("dataset", "category", "land_use"):
        if request.GET.get(key):
            qs = qs.filter(**{key: request.GET[key]})
    if request.GET.get("township"):
        qs = qs.filter(township__name=request.GET["township"])
    return qs


def _parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        x0, y0, x1, y1 = (float(v) for v in text.split(","))
    except ValueError:
        raise ValueError("bbox must be min_lon,min_lat,max_lon,max_lat") from None
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise ValueError("bbox must be min_lon,min_lat,max_lon,max_lat in degrees with min ≤ max")
    return x0, y0, x1, y1


@login_required
def index(request):
    """The category map: units coloured by category, legend, per-township areas [mu]."""
    _internal(request)
    datasets = list(FarmlandUnit.objects.exclude(dataset="").values_list("dataset", flat=True).distinct()
                    .order_by("dataset"))
    current = request.GET.get("dataset") or (datasets[0] if datasets else "")
    qs = FarmlandUnit.objects.filter(dataset=current) if current else FarmlandUnit.objects.all()
    areas = (qs.values("township__name", "category").annotate(mu=Sum("area_mu"), n=Count("id"))
             .order_by("township__name", "category"))
    table: dict[str, dict] = {}
    for row in areas:
        t = table.setdefault(row["township__name"] or "—", {c.value: 0.0 for c in Category} | {"total": 0.0})
        if row["category"]:
            t[row["category"]] += row["mu"]
        t["total"] += row["mu"]
    runs = list((ClassificationRun.objects.filter(dataset=current) if current
                 else ClassificationRun.objects.none())[:5])
    titles = _rule_set_titles()
    by_id = {load_rule_set(name).id: title for name, title in titles.items() if name in available_rule_sets()}
    for run in runs:  # a run records the rule set's id (the YAML's ``id``), not its file name
        run.rule_set_title = by_id.get(run.rule_set_id) or titles.get(run.rule_set_id, run.rule_set_id)
    try:
        mining_m = max(0.0, float(request.GET.get("mining_m") or MINING_DISTANCE_M))
    except ValueError:
        mining_m = MINING_DISTANCE_M
    return render(request, "farmland/map.html", {
        "datasets": datasets, "current": current, "township_areas": sorted(table.items()),
        "legend": [(c.value, c.label, CATEGORY_COLOUR[c]) for c in Category], "runs": runs,
        "can_classify": _agri_editor(request.user), "rule_sets": sorted(titles.items()),
        "categories": list(Category), "mining": mining_proximity(mining_m), "mining_m": mining_m,
        "open_proposals": CategoryAdjustment.objects.filter(
            status__in=(AdjustmentStatus.PROPOSED, AdjustmentStatus.REVIEWED)).count(),
    })


def _agri_editor(user) -> bool:
    return bool(user.is_superuser or department_ids(user, Role.EDITOR) & agri_department_ids())


def _rule_set_names() -> list[str]:
    return sorted(_rule_set_titles())


def _rule_set_titles() -> dict[str, str]:
    """Rule-set name (as resolve_rule_set takes it) → its title in the page's language (shipped: the YAML's
    ``title_zh``/``title``; stored: the record's title); the name where no title is given."""
    zh = (get_language() or "").startswith("zh")
    titles = {}
    for name in available_rule_sets():
        rs = load_rule_set(name)
        titles[name] = (rs.title_zh if zh and rs.title_zh else rs.title) or name
    for rule_set_id, title in ClassificationRuleSet.objects.values_list("rule_set_id", "title"):
        titles.setdefault(rule_set_id, title or rule_set_id)
    return titles


@login_required
@require_POST
def run_classification(request):
    """Classify a survey's units under a chosen rule set (agriculture bureau editors): a bundled survey, or an
    uploaded one (units and soil results imported under the same dataset).

    A unit without a category takes the computed one; where an existing category differs, a proposal goes to the
    adjustment queue.
    """
    from .loaders import SURVEYS
    from .services.classify import classify_survey, uploaded_survey

    if not _agri_editor(request.user):
        raise PermissionDenied(_("Only the agriculture bureau runs the classification."))
    dataset = request.POST.get("dataset", "")
    survey = SURVEYS.get(dataset) or uploaded_survey(dataset)
    rule = request.POST.get("rule_set", "")
    if survey is None or rule not in _rule_set_names():
        return HttpResponseBadRequest("unknown survey or rule set")
    try:
        run = classify_survey(replace(survey, rule_set=rule))
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        opened = CategoryAdjustment.objects.filter(classification__run=run).count()
        messages.success(request, _("Run #%(run)s: %(summary)s; %(n)s adjustment proposal(s) raised.") % {
            "run": run.pk, "summary": run.summary, "n": opened})
    return redirect(f"{request.path.rsplit('classify/', 1)[0]}?dataset={survey.dataset}")


@login_required
def units_geojson(request):
    """GeoJSON FeatureCollection of the units (filters: dataset, township, category, land_use, bbox)."""
    _internal(request)
    qs = _units(request).select_related("township")
    if request.GET.get("bbox"):
        try:
            x0, y0, x1, y1 = _parse_bbox(request.GET["bbox"])
        except ValueError as exc:
            return HttpResponseBadRequest(str(exc))
        qs = qs.filter(max_lon__gte=x0, min_lon__lte=x1, max_lat__gte=y0, min_lat__lte=y1)
    feats = [{"type": "Feature", "geometry": u.geometry, "properties": {
        "id": u.pk, "code": u.code, "township": u.township.name if u.township_id else "", "category": u.category,
        "category_label": u.get_category_display(), "area_mu": round(u.area_mu, 2), "land_use": u.land_use,
        "permanent_basic": u.permanent_basic, "rule_set": f"{u.rule_set_id} v{u.rule_set_version}",
        "colour": CATEGORY_COLOUR.get(u.category, "#9e9e9e"), "url": u.get_absolute_url()}} for u in qs]
    return JsonResponse({"type": "FeatureCollection", "features": feats})


def unit_context(request, unit: FarmlandUnit) -> dict:
    """What the unit page adds to the registry detail: decisions, proposals, measures, the zone's list."""
    return {
        "classifications": unit.classifications.select_related("run")[:10],
        "adjustments": unit.adjustments.all(),
        "measures": unit.measures.all(),
        "technologies": Technology.objects.filter(zone=unit.zone) if unit.zone else [],
        "crops": CropRecommendation.objects.filter(zone=unit.zone) if unit.zone else [],
        "warnings": unit.warnings.all()[:10],
        "colour": CATEGORY_COLOUR.get(unit.category, "#9e9e9e"),
        "can_propose": can_edit(request.user, unit),
    }


@login_required
def adjustment_queue(request):
    """Open proposals (proposed, reviewed) with their steps; recent decisions below."""
    _internal(request)
    base = CategoryAdjustment.objects.select_related("unit", "unit__township", "decided_by", "reviewed_by")
    return render(request, "farmland/queue.html", {
        "open": base.filter(status__in=(AdjustmentStatus.PROPOSED, AdjustmentStatus.REVIEWED)),
        "done": base.filter(~Q(status__in=(AdjustmentStatus.PROPOSED, AdjustmentStatus.REVIEWED)))[:50],
    })


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or _default_year())
    except ValueError:
        return _default_year()


def _default_year() -> int:
    latest = Measure.objects.order_by("-year").values_list("year", flat=True).first()
    return latest or as_of().year


@login_required
def dashboard(request):
    """Safe-utilization rate A = (B + C + D) / E per township and county for a year, inputs shown."""
    _internal(request)
    year = _year(request)
    dataset = request.GET.get("dataset", "")
    res = county_rate(year, FarmlandUnit.objects.filter(dataset=dataset) if dataset else None)
    years = sorted(set(Measure.objects.values_list("year", flat=True)) | {year}, reverse=True)
    datasets = FarmlandUnit.objects.exclude(dataset="").values_list("dataset", flat=True).distinct().order_by("dataset")
    return render(request, "farmland/dashboard.html", {
        "year": year, "years": years, "rate": res, "notes": notes_shown(res) if res else [], "dataset": dataset, "datasets": list(datasets),
        "townships": res.by_township.to_dict("records") if res else [],
        "county": res.county.to_dict("records")[0] if res else None,
        "evidence": res.units[res.units["in_C"]].to_dict("records") if res else [],
        "warnings": FarmlandWarning.objects.select_related("unit", "township")[:30],
        "grain_open": GrainTest.objects.filter(exceeds=True, disposal=Disposal.PENDING).count(),
    })


@login_required
def export(request):
    """One workbook: units with category and basis, the rate with inputs, the open proposals."""
    _internal(request)
    year = _year(request)
    units = pd.DataFrame(list(_units(request).values(
        "code", "township__name", "land_use", "area_mu", "area_ha", "area_crs", "permanent_basic", "category",
        "category_basis", "rule_set_id", "rule_set_version", "is_sample")))
    res = county_rate(year)
    sheets = {"units": units}
    if res is not None:
        sheets[f"rate {year}"] = pd.concat([res.by_township, res.county])
        sheets[f"rate inputs {year}"] = res.units
    sheets["adjustments"] = pd.DataFrame(list(CategoryAdjustment.objects.values(
        "unit__code", "trigger", "old_category", "new_category", "status", "reason", "proposed_on",
        "reviewed_on", "decided_on", "reported_on")))
    return _xlsx_response(frames_to_xlsx(sheets), f"farmland-{year}.xlsx")



