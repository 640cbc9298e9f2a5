from django.db.models import Prefetch
from rest_framework import viewsets

from soilgw.core.api.views import ScopedViewSetMixin
from soilgw.core.clock import as_of

from ..filtersets import ActionPlanFilterSet, ProgressReportFilterSet, TaskFilterSet
from ..models import ActionPlan, ProgressReport, Task, TaskRole
from .serializers import ActionPlanSerializer, ProgressReportSerializer, TaskSerializer


class ActionPlanViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = ActionPlan.objects.prefetch_related("targets")
    serializer_class = ActionPlanSerializer
    filterset_class = ActionPlanFilterSet


class TaskViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Tasks; departments with a lead or joint role may edit title, section and deadline."""

    queryset = Task.objects.select_related("plan").prefetch_related(
        Prefetch("roles", queryset=TaskRole.objects.select_related("department")), "deadlines", "reports")
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    http_method_names = ["get", "patch", "put", "head", "options"]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "as_of": as_of()}


class ProgressReportViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Quarterly progress reports; a department files and edits only its own."""

    queryset = ProgressReport.objects.select_related("task__plan", "department", "submitted_by")
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilterSet

    def perform_create(self, serializer):
        serializer.save(submitted_by=self.request.user)
