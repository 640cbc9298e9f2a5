"""``/api/risk-assessments/``: list, create (runs the assessment), retrieve (results), delete, and the
Excel/Word reports at ``/{id}/report/xlsx/`` and ``/{id}/report/docx/``.

Assessments are not updated: new inputs make a new assessment, so a stored result always matches its inputs.
"""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from soilgw.core.api.views import ScopedViewSetMixin

from .. import permissions, reports
from ..filtersets import RiskAssessmentFilterSet
from ..models import RiskAssessment
from ..services import AssessmentInputError
from .serializers import RiskAssessmentInputSerializer, RiskAssessmentListSerializer, RiskAssessmentSerializer


class RiskAssessmentViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin,
                            mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    queryset = RiskAssessment.objects.select_related("created_by", "department")
    filterset_class = RiskAssessmentFilterSet

    def get_queryset(self):
        return permissions.visible(self.request.user, self.queryset.all())

    def get_serializer_class(self):
        if self.action == "create":
            return RiskAssessmentInputSerializer
        return RiskAssessmentListSerializer if self.action == "list" else RiskAssessmentSerializer

    def can_create(self, request) -> bool:
        return permissions.can_create(request.user)

    def can_edit_object(self, request, obj) -> bool:
        return permissions.can_change(request.user, obj)

    @extend_schema(request=RiskAssessmentInputSerializer, responses=RiskAssessmentSerializer)
    def create(self, request, *args, **kwargs):
        serializer = RiskAssessmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            obj = RiskAssessment.create_computed(**serializer.validated_data, created_by=request.user,
                                                 department=permissions.owning_department(request.user))
        except AssessmentInputError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(RiskAssessmentSerializer(obj, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
                   parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=["xlsx", "docx"])])
    @action(detail=True, methods=["get"], url_path=r"report/(?P<kind>xlsx|docx)")
    def report(self, request, pk=None, kind=None):
        """The Excel or Word report listing every parameter and its source."""
        obj = self.get_object()
        build, content_type = {"xlsx": (reports.xlsx, reports.XLSX), "docx": (reports.docx, reports.DOCX)}[kind]
        resp = HttpResponse(build(obj), content_type=content_type)
        resp["Content-Disposition"] = f'attachment; filename="risk-assessment-{obj.pk}.{kind}"'
        return resp
