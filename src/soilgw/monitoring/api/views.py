"""REST API of the monitoring app. Points are editable by their department; bulk rows are read-only
(they arrive through ``/api/imports/`` with kind lab_results, gwsdat, water_levels or points)."""

from django.db.models import OuterRef, Subquery
from rest_framework import viewsets

from soilgw.core.api.views import ScopedViewSetMixin

from ..filtersets import MonitoringPointFilterSet, ResultFilterSet, SampleFilterSet, WaterLevelFilterSet
from ..models import MonitoringPoint, Result, Sample, WaterLevel
from .serializers import MonitoringPointSerializer, ResultSerializer, SampleSerializer, WaterLevelSerializer


def latest_class_subquery(field: str = "class_label"):
    """``field`` of the point's latest classed sample (``class_bounded``: whether that class is only a bound)."""
    latest = Sample.objects.filter(point=OuterRef("pk")).exclude(class_label="").order_by("-date")
    return Subquery(latest.values(field)[:1])


class MonitoringPointViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = MonitoringPoint.objects.annotate(latest_class=latest_class_subquery())
    serializer_class = MonitoringPointSerializer
    filterset_class = MonitoringPointFilterSet

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    def _save(self, serializer):
        serializer.save()  # lon/lat set by MonitoringPointSerializer.validate from the checked coordinates


class SampleViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Sample.objects.select_related("point")
    serializer_class = SampleSerializer
    filterset_class = SampleFilterSet


class ResultViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Result.objects.order_by("id")
    serializer_class = ResultSerializer
    filterset_class = ResultFilterSet


class WaterLevelViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = WaterLevel.objects.order_by("point", "date")
    serializer_class = WaterLevelSerializer
    filterset_class = WaterLevelFilterSet
