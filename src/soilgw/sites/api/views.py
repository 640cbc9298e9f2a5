"""REST API of the sites app: the registries plus the land-action check (single and batch) and its log."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from soilgw.core.api.views import ScopedViewSetMixin
from soilgw.core.permissions import is_internal

from .. import batch, gates
from ..models import LandActionCheck
from ..models.sites import with_register_flag
from ..registries import REGISTER, SITE


class SiteViewSet(SITE.viewset()):
    """``/api/sites/`` and ``/api/sites/{id}/land-action-check/?action=…&proposed_use=…``."""

    # the GeoJSON action's box and the land-action check's question, beside the list's filters
    extra_query_params = ("bbox", "action", "proposed_use", "for_remediation")

    @action(detail=True, methods=["get"], url_path="land-action-check", url_name="land-action-check")
    def land_action_check(self, request, pk=None):
        """Answer ``{"allowed", "reasons": [{"rule", "clause", "message"}], "warnings": [...]}``; logged."""
        site = self.get_object()
        try:
            check = gates.check(site, request.query_params.get("action", ""),
                                request.query_params.get("proposed_use", ""), user=request.user, source="api",
                                for_remediation=request.query_params.get("for_remediation") in ("1", "true"))
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(check.as_answer())

    @extend_schema(responses={(200, "application/json"): OpenApiTypes.OBJECT})
    @action(detail=False, methods=["get"], url_path="geojson", url_name="geojson")
    def geojson(self, request):
        """Sites as a GeoJSON FeatureCollection (EPSG:4326) for the one map (soil task 11), with the list's
        filters and ``bbox=min_lon,min_lat,max_lon,max_lat``; a malformed bbox is a 400."""
        qs = self.filter_queryset(self.get_queryset()).filter(geometry__isnull=False)
        if request.query_params.get("bbox"):
            try:
                x0, y0, x1, y1 = (float(v) for v in request.query_params["bbox"].split(","))
                if not (x0 <= x1 and y0 <= y1):
                    raise ValueError
            except ValueError:
                return Response({"bbox": "give min_lon,min_lat,max_lon,max_lat in degrees"},
                                status=status.HTTP_400_BAD_REQUEST)
            qs = qs.filter(min_lon__lte=x1, max_lon__gte=x0, min_lat__lte=y1, max_lat__gte=y0)
        qs = with_register_flag(qs)
        features = [{"type": "Feature", "id": s.pk, "geometry": s.geometry,
                     "properties": {"parcel_code": s.parcel_code, "name": s.name, "stage": s.stage,
                                    "on_register": s.on_register,
                                    "area_m2": s.area_m2}} for s in qs]
        return Response({"type": "FeatureCollection", "features": features})

    @action(detail=False, methods=["post"], url_path="land-action-check-batch", url_name="land-action-check-batch",
            parser_classes=[MultiPartParser, FormParser])
    def land_action_check_batch(self, request):
        """POST ``file`` (Excel/CSV: 地块编号, 拟用途, 事项): one answer per parcel, or 400 with every problem."""
        if not is_internal(request.user):
            return Response(status=status.HTTP_403_FORBIDDEN)
        upload = request.FILES.get("file")
        if upload is None:
            return Response({"file": "upload an Excel or CSV list of parcels"}, status=status.HTTP_400_BAD_REQUEST)
        rows, problems = batch.parse_parcels(upload.read(), upload.name)
        if problems:
            return Response({"problems": [p.__dict__ for p in problems]}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"results": batch.run_batch(rows, request.user)})


class LandActionCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = LandActionCheck
        fields = "__all__"


class LandActionCheckViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """``/api/land-action-checks/``: the log of every answer (internal users)."""

    queryset = LandActionCheck.objects.all()
    serializer_class = LandActionCheckSerializer
    filterset_fields = ["site", "parcel_code", "action", "allowed", "source"]


class RegisterEntrySerializer(REGISTER.serializer_class):
    site_parcel_code = serializers.CharField(source="site.parcel_code", read_only=True)
    site_name = serializers.CharField(source="site.name", read_only=True)
    site_stage = serializers.CharField(source="site.stage", read_only=True)


class RegisterEntryViewSet(REGISTER.viewset()):
    """``/api/remediation-register/``: the public register, each entry with its site."""

    queryset = REGISTER.model.objects.select_related("site")
    serializer_class = RegisterEntrySerializer
