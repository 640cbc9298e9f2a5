from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from soilgw.core.api.views import ScopedViewSetMixin
from soilgw.core.clock import as_of

from ..dispatch import review
from ..filtersets import ActionPlanFilterSet, ProgressReportFilterSet, TaskFilterSet
from ..models import ActionPlan, ProgressReport, Task, TaskRole
from .serializers import ActionPlanSerializer, ProgressReportSerializer, ReviewSerializer, TaskSerializer


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
    """Quarterly progress reports; a department files and edits only its own (an edit is a resubmission);
    ``POST …/{id}/review/`` is the lead's review (``plans.dispatch.review``)."""

    queryset = ProgressReport.objects.select_related("task__plan", "department", "submitted_by")
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilterSet

    def perform_create(self, serializer):
        serializer.save(submitted_by=self.request.user)

    def perform_update(self, serializer):
        serializer.save(submitted_by=self.request.user)

    @extend_schema(request=ReviewSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"], url_path="review", url_name="review")
    def step_review(self, request, pk=None):
        """Accept or return the report (``{"accept": false, "comment": "…"}``); the policy's ``review`` step."""
        report = self.get_object()
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            review(report, request.user, body.validated_data["accept"], body.validated_data["comment"])
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict) from None
        return Response(ProgressReportSerializer(report, context=self.get_serializer_context()).data)
