"""The spatial question as an API: features inside drinking-water source zones."""

from __future__ import annotations

from rest_framework import permissions, viewsets
from rest_framework.response import Response

from soilgw.core.permissions import is_internal

from ..spatial import zone_hits


class InternalOnly(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return is_internal(request.user)


class ZoneHitViewSet(viewsets.ViewSet):
    """Pollution sources and abandoned wells inside protection zones or recharge areas of drinking-water
    sources; ``?source=<id>`` restricts to one source. Distances [m] in EPSG:4546."""

    permission_classes = [permissions.IsAuthenticated, InternalOnly]

    def list(self, request):
        from ..models import DrinkingWaterSource

        sources = DrinkingWaterSource.objects.all()
        if request.query_params.get("source", "").isdigit():
            sources = sources.filter(pk=int(request.query_params["source"]))
        return Response([{
            "source": h.source.pk, "source_code": h.source.code, "zone": h.zone_kind,
            "feature_model": h.feature._meta.model_name, "feature": h.feature.pk, "feature_label": str(h.feature),
            "distance_to_intake_m": round(h.distance_to_intake_m, 1)} for h in zone_hits(sources)])
