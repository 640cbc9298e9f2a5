from django_filters import rest_framework as filters
from rest_framework import viewsets

from soilgw.core.api.views import ScopedViewSetMixin

from ..choices import ListKind, PermitStatus
from ..models import Listing
from ..registries import LISTING
from ..views import vacated_permits
from .serializers import VacatedSiteSerializer


class KeySupervisedUnitViewSet(LISTING.viewset()):
    """Listings on the key soil-pollution supervised unit list (``/api/key-supervised-units/``)."""

    queryset = Listing.objects.filter(list_kind=ListKind.KEY_SUPERVISED_UNIT).select_related("enterprise")


class VacatedSiteFilterSet(filters.FilterSet):
    status = filters.ChoiceFilter(choices=PermitStatus.choices)
    township = filters.CharFilter(field_name="enterprise__township__name")
    since = filters.DateFilter(field_name="status_changed_on", lookup_expr="gte")


class VacatedSiteViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """``/api/vacated-sites/``: enterprises whose discharge permit was cancelled or revoked."""

    serializer_class = VacatedSiteSerializer
    filterset_class = VacatedSiteFilterSet
    scope_field = "enterprise"

    def get_queryset(self):
        self.queryset = vacated_permits()
        return super().get_queryset()
