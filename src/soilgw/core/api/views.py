"""Core REST API: departments, townships, the import endpoint, the current user."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from .. import imports, jobs
from ..models import Department, ImportBatch, Township
from ..permissions import department_ids, memberships, readable_queryset
from .serializers import (
    DepartmentSerializer,
    ImportBatchSerializer,
    ImportUploadSerializer,
    TownshipSerializer,
)


class ScopedViewSetMixin:
    """Filters the queryset to what the user may read (``soilgw.core.permissions.readable_queryset``)."""

    scope_field: str | None = None
    public_read = False

    def get_queryset(self):
        return readable_queryset(self.request.user, super().get_queryset(), self.scope_field, self.public_read,
                                 self.request.method)


class DepartmentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Department.objects.all()
    serializer_class = DepartmentSerializer
    filterset_fields = ["kind", "code"]


class TownshipViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Township.objects.select_related("department")
    serializer_class = TownshipSerializer


class ImportKindSerializer(serializers.Serializer):
    """One import kind as ``/api/imports/kinds/`` lists it."""

    kind = serializers.CharField()
    label = serializers.CharField()
    extensions = serializers.ListField(child=serializers.CharField())
    columns = serializers.CharField()
    template = serializers.BooleanField()


class ImportBatchViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin,
                         viewsets.GenericViewSet):
    """``/api/imports/``: upload a file of a registered ``kind``; the report lists every problem.

    POST multipart ``kind``, ``file``, optional ``accept`` (default true) and ``options`` (JSON object).
    A clean file with ``accept`` is written at once; otherwise accept later with
    ``POST /api/imports/{id}/accept/``.
    """

    serializer_class = ImportBatchSerializer
    parser_classes = [MultiPartParser, FormParser]
    filterset_fields = ["kind", "status"]

    queryset = ImportBatch.objects.none()

    def can_edit_object(self, request, obj) -> bool:
        """Accepting is decided by the batch's import kind (``imports.accept_batch``), as on the web page; the
        queryset already limits batches to the uploader's and their departments'."""
        return True

    def get_queryset(self):
        qs = ImportBatch.objects.select_related("uploaded_by", "department")
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return qs.none()
        if user.is_superuser:
            return qs
        return qs.filter(uploaded_by=user) | qs.filter(department_id__in=department_ids(user))

    @extend_schema(request=ImportUploadSerializer, responses=ImportBatchSerializer)
    def create(self, request, *args, **kwargs):
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        file = data["file"]
        if file.size > settings.SOILGW_MAX_UPLOAD_BYTES:
            raise serializers.ValidationError({"file": "file too large"})
        dept = memberships(request.user)[0].department if memberships(request.user) else None
        try:
            batch = jobs.import_upload(data["kind"], file.name, file.read(), request.user, department=dept,
                                       options=data.get("options") or {}, accept=data.get("accept", True))
        except KeyError as exc:
            raise serializers.ValidationError({"kind": str(exc.args[0])}) from None
        except PermissionError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        code = status.HTTP_201_CREATED if batch.status in ("accepted", "validated", "queued", "running") \
            else status.HTTP_400_BAD_REQUEST
        return Response(ImportBatchSerializer(batch).data, status=code)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        batch = self.get_object()
        try:
            jobs.queue_accept(batch, request.user)
            batch.refresh_from_db()
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        except PermissionError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        return Response(ImportBatchSerializer(batch).data)

    @extend_schema(responses=ImportKindSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)  # the full list, never paged
    def kinds(self, request):
        return Response([{"kind": k.kind, "label": k.label, "extensions": k.extensions,
                          "columns": k.description, "template": bool(k.template)}
                         for k in imports.kinds().values()])

    @action(detail=False, methods=["get"], url_path=r"templates/(?P<kind>[\w-]+)")
    def template(self, request, kind=None):
        try:
            k = imports.get_kind(kind)
        except KeyError as exc:
            return Response({"detail": str(exc.args[0])}, status=status.HTTP_404_NOT_FOUND)
        if k.template is None:
            return Response({"detail": "no template for this kind"}, status=status.HTTP_404_NOT_FOUND)
        resp = HttpResponse(k.template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        resp["Content-Disposition"] = f'attachment; filename="{kind}_template.xlsx"'
        return resp
