"""The spatial question as an API: features inside drinking-water source zones."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from soilgw.core.permissions import is_internal

from ..choices import ZoneLevel
from ..spatial import zone_hits


class InternalOnly(permissions.BasePermission):
    """Internal (bureau) accounts only: the zone hits name features outside any external account's scope."""

    def has_permission(self, request, view) -> bool:
        return is_internal(request.user)


class ZoneHitQuerySerializer(serializers.Serializer):
    """``?source=<id>``: one drinking-water source (all when absent)."""

    source = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class ZoneHitSerializer(serializers.Serializer):
    """One pollution source or abandoned well inside one zone of a drinking-water source."""

    source = serializers.IntegerField()
    source_code = serializers.CharField()
    zone = serializers.ChoiceField(choices=[*ZoneLevel.values, "recharge"])
    feature_model = serializers.ChoiceField(choices=["pollutionsource", "abandonedwell"])
    feature = serializers.IntegerField()
    feature_label = serializers.CharField()
    distance_to_intake_m = serializers.FloatField(help_text="[m], EPSG:4546")


class ZoneHitViewSet(viewsets.ViewSet):
    """Pollution sources and abandoned wells inside protection zones or recharge areas of drinking-water
    sources; ``?source=<id>`` restricts to one source. Distances [m] in EPSG:4546."""

    permission_classes = [permissions.IsAuthenticated, InternalOnly]

    @extend_schema(parameters=[ZoneHitQuerySerializer], responses=ZoneHitSerializer(many=True))
    def list(self, request):
        """Every zone hit, or those of one source."""
        from ..models import DrinkingWaterSource

        query = ZoneHitQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        sources = DrinkingWaterSource.objects.all()
        if "source" in query.validated_data:
            sources = sources.filter(pk=query.validated_data["source"])
        return Response(ZoneHitSerializer([{
            "source": h.source.pk, "source_code": h.source.code, "zone": h.zone_kind,
            "feature_model": h.feature._meta.model_name, "feature": h.feature.pk, "feature_label": str(h.feature),
            "distance_to_intake_m": round(h.distance_to_intake_m, 1)} for h in zone_hits(sources)], many=True).data)
