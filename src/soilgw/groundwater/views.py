"""Pages beyond the generic registry pages: the groundwater map and the protection-zone overlay question."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from soilgw.core.permissions import is_internal

from . import geo
from .models import (
    AbandonedWell,
    CountyBoundary,
    DrinkingWaterSource,
    GroundwaterKeyZone,
    MiningWasteSite,
    PollutionSource,
    ProtectionZone,
    RechargeArea,
    ReinjectionProject,
)
from .registries import REGISTRIES
from .spatial import zone_hits


def _internal(request) -> None:
    if not is_internal(request.user):
        raise PermissionDenied


@login_required
def overview(request):
    """The registries with their counts, the map and the protection-zone question."""
    _internal(request)
    registries = [(c.model._meta.verbose_name_plural, reverse(f"{c.namespace}:{c.url_name('list')}"),
                   c.model._default_manager.count()) for c in REGISTRIES]
    return render(request, "groundwater/overview.html", {
        "registries": registries, "hits": zone_hits(), "tile_url": getattr(settings, "SOILGW_MAP_TILE_URL", "")})


def _feature(geometry: dict, props: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


@login_required
def layers(request):
    """GeoJSON FeatureCollections per layer (EPSG:4326) for the map."""
    _internal(request)

    def points(qs, layer):
        return [_feature(geo.point(o.lon, o.lat), {"layer": layer, "label": str(o), "url": o.get_absolute_url()})
                for o in qs]

    def areas(qs, layer):
        return [_feature(o.geometry, {"layer": layer, "label": str(o),
                                      "url": o.get_absolute_url() if hasattr(o, "get_absolute_url") else ""})
                for o in qs.exclude(geometry=None)]

    county = CountyBoundary.objects.first()
    features = [
        *([_feature(county.geometry, {"layer": "county", "label": county.name, "url": ""})] if county else []),
        *areas(GroundwaterKeyZone.objects.all(), "key_zone"),
        *areas(RechargeArea.objects.select_related("source"), "recharge"),
        *areas(ProtectionZone.objects.select_related("source"), "protection"),
        *areas(MiningWasteSite.objects.all(), "mining_waste"),
        *points(PollutionSource.objects.all(), "pollution_source"),
        *points(AbandonedWell.objects.all(), "abandoned_well"),
        *points(DrinkingWaterSource.objects.all(), "drinking_source"),
        *points(ReinjectionProject.objects.all(), "reinjection"),
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
