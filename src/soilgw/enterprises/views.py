"""Pages of the enterprises app beyond the generic registry pages: the duties timeline and vacated sites."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from soilgw.core.clock import as_of
from soilgw.core.permissions import external_account, is_internal, scope_queryset
from soilgw.plans.models import Obligation
from soilgw.plans.obligations.views import obligations_of

from .choices import VACATING_STATUSES
from .models import DischargePermit, Enterprise


@login_required
def index(request):
    """The app's registries with their record counts, the vacated sites and the obligations."""
    from .registries import REGISTRIES

    if not is_internal(request.user) and external_account(request.user) is None:
        raise PermissionDenied
    rows = [{"title": c.model._meta.verbose_name_plural, "url": reverse(f"enterprises:{c.url_name('list')}"),
             "count": scope_queryset(request.user, c.model._default_manager.all(), c.scope_field).count()}
            for c in REGISTRIES]
    return render(request, "enterprises/index.html", {
        "rows": rows, "vacated": vacated_permits().count(),
        "tile_url": getattr(settings, "SOILGW_MAP_TILE_URL", "")})


@login_required
def layers(request):
    """GeoJSON for the map: the county outline, concentrated farmland areas and enterprises (EPSG:4326)."""
    from . import geo
    from .models import ConcentratedFarmlandArea

    if not is_internal(request.user):
        raise PermissionDenied
    overdue = set(Obligation.objects.filter(status="overdue", holder_type=ContentType.objects.get_for_model(
        Enterprise)).values_list("holder_id", flat=True))
    features = [{"type": "Feature", "geometry": geo.county_geometry(), "properties": {"layer": "county",
                                                                                       "label": "绛县", "url": ""}}]
    features += [{"type": "Feature", "geometry": a.geometry, "properties": {"layer": "area", "label": a.name,
                                                                            "url": ""}}
                 for a in ConcentratedFarmlandArea.objects.all()]
    features += [{"type": "Feature", "geometry": e.geometry, "properties": {
        "layer": "overdue" if e.pk in overdue else "enterprise", "label": e.name, "url": e.get_absolute_url()}}
        for e in Enterprise.objects.exclude(lon=None)]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@login_required
def duties_timeline(request, pk: int):
    """An enterprise's duties and evidence in date order: obligations by due date, records by date."""
    enterprise = get_object_or_404(scope_queryset(request.user, Enterprise.objects.all(), "id"), pk=pk)
    events = [{"date": o.due, "kind": "obligation", "obligation": o} for o in obligations_of(enterprise)]
    events += [{"date": r.date, "kind": "record", "record": r} for r in enterprise.duty_records.all()]
    events += [{"date": p.issued_on, "kind": "permit", "permit": p} for p in enterprise.permits.all()]
    events += [{"date": li.listed_on, "kind": "listing", "listing": li} for li in enterprise.listings.all()]
    events.sort(key=lambda e: (e["date"], e["kind"]))
    return render(request, "enterprises/timeline.html", {"enterprise": enterprise, "events": events,
                                                         "today": as_of()})


def vacated_permits():
    """Permits cancelled or revoked: their enterprises' sites go on the vacated-site list (soil task 8)."""
    return DischargePermit.objects.filter(status__in=VACATING_STATUSES).select_related(
        "enterprise__township").order_by("-status_changed_on")


@login_required
def vacated_sites(request):
    if not is_internal(request.user):
        raise PermissionDenied
    return render(request, "enterprises/vacated_sites.html", {"permits": vacated_permits()})
