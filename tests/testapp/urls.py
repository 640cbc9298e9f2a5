from rest_framework import serializers, viewsets
from rest_framework.routers import DefaultRouter

from soilgw.core.api.views import ScopedViewSetMixin
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


router = DefaultRouter()
router.register("firm-records", FirmRecordViewSet)
from django.urls import include, path  # noqa: E402

urlpatterns = [path("test-api/", include(router.urls)), *platform_urls]
