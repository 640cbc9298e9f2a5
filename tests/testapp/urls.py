from django.urls import include, path
from rest_framework import serializers, viewsets
from rest_framework.routers import DefaultRouter

from soilgw.core.api.views import ScopedViewSetMixin
from soilgw.core.registry import RegistryConfig
from soilgw.urls import handler404  # noqa: F401  the platform's JSON 404 under /api/
from soilgw.urls import urlpatterns as platform_urls

from .models import FirmRecord


class FirmRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = FirmRecord
        fields = ["id", "firm", "text"]


class FirmRecordViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = FirmRecord.objects.all()
    serializer_class = FirmRecordSerializer
    scope_field = "firm"


FIRM_RECORDS = RegistryConfig(model=FirmRecord, namespace="testapp", slug="firm-records", list_fields=["text", "firm"],
                              import_columns={"企业": "firm", "记录": "text"}, fk_lookups={"firm": "name"},
                              scope_field="firm")

router = DefaultRouter()
router.register("firm-records", FirmRecordViewSet)
router.register("registry-firm-records", FIRM_RECORDS.viewset(), basename="registry-firm-records")

urlpatterns = [
    path("test-api/", include(router.urls)),
    path("testapp/", include((FIRM_RECORDS.urls(), "testapp"))),
    *platform_urls,
]
