"""The one map page and its GeoJSON feeds (internal users; EPSG:4326 longitude/latitude)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from soilgw.core.models import Township
from soilgw.core.permissions import is_internal

from .layers import BY_KEY, LAYERS, BBoxError, parse_bbox


def _internal(request) -> None:
    if not is_internal(request.user):
        raise PermissionDenied


def county_geometry() -> dict:
    """The county outline (EPSG:4326): the loaded boundary record, else the bundled file converted to WGS84."""
    from soilgw.groundwater.loaders import county_geometry as bundled
    from soilgw.groundwater.models import CountyBoundary

    record = CountyBoundary.objects.first()
    return record.geometry if record else bundled()


@login_required
def index(request):
    """The one map: every layer, legend, filters, search and export; opens on the county."""
    _internal(request)
    config = {
        "outline_url": reverse("maps:outline"),
        "tiles": settings.SOILGW_MAP_TILES,
        "layers": [{"key": layer.key, "label": str(layer.label), "colour": layer.colour, "point": layer.point,
                    "url": reverse("maps:layer", args=[layer.key]),
                    "filters": [name for name in ("township", "status", "year") if getattr(layer, name)],
                    "statuses": [k for k, _ in layer.status_choices()]}
                   for layer in LAYERS],
    }
    statuses = sorted({(k, v) for layer in LAYERS for k, v in layer.status_choices()}, key=lambda kv: kv[1])
    return render(request, "maps/index.html", {
        "map_config": config, "townships": Township.objects.all(), "statuses": statuses, "layers": LAYERS})


@login_required
def outline(request):
    """The county boundary and every township outline known to the platform."""
    _internal(request)
    features = [{"type": "Feature", "geometry": county_geometry(), "properties": {"layer": "county",
                                                                                  "label": "county"}}]
    features += [{"type": "Feature", "geometry": t.geometry, "properties": {"layer": "township", "label": t.name}}
                 for t in Township.objects.exclude(geometry=None)]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@login_required
def layer(request, key: str):
    """One layer as a FeatureCollection; ``bbox``, ``township`` (id), ``status`` and ``year`` filter it."""
    _internal(request)
    found = BY_KEY.get(key)
    if found is None:
        raise Http404(key)
    try:
        bbox = parse_bbox(request.GET["bbox"]) if request.GET.get("bbox") else None
        year = request.GET.get("year", "")
        if year and not year.isdigit():
            raise BBoxError("year: give a four-digit year")
    except BBoxError as exc:
        return HttpResponseBadRequest(str(exc))
    qs = found.queryset(request.user, bbox=bbox, township=request.GET.get("township", ""), status=request.GET.get("status", ""),
                        year=year)
    return JsonResponse({"type": "FeatureCollection", "features": [found.feature(o) for o in qs]},
                        json_dumps_params={"ensure_ascii": False})


