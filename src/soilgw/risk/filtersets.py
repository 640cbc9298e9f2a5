"""Filters of the risk-assessment list (API and page): every stored field except the JSON tables, plus the
chemicals of the inputs."""

import django_filters
from django.contrib.auth import get_user_model

from soilgw.core.filters import FilterSet

from .models import RiskAssessment

#: The filters shown on the list page (the API accepts all).
PAGE_FILTERS = ("title", "chemical", "land_class", "exceeds_acceptable", "parameters_verified", "created_by")


class RiskAssessmentFilterSet(FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    chemical = django_filters.CharFilter(method="filter_chemical", label="chemical (name or CAS)")

    class Meta:
        model = RiskAssessment
        fields = {
            "id": ["exact"], "title": ["exact"], "land_class": ["exact"], "method": ["exact"],
            "notes": ["exact", "icontains"], "max_carcinogenic_risk": ["exact", "gte", "lte"],
            "max_hazard_index": ["exact", "gte", "lte"], "exceeds_acceptable": ["exact"],
            "parameters_verified": ["exact"], "standard": ["exact", "icontains"], "core_version": ["exact"],
            "computed_at": ["exact", "gte", "lte"], "created_by": ["exact"], "department": ["exact"],
            "created_at": ["exact", "gte", "lte"], "updated_at": ["exact", "gte", "lte"], "revision": ["exact"],
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the creators of assessments the user may read (an external account sees only itself).
        creators = self.queryset.values("created_by")
        self.filters["created_by"].queryset = get_user_model().objects.filter(pk__in=creators)

    def filter_chemical(self, queryset, name, value):
        """Assessments whose inputs include ``value`` (resolved name or CAS; matched in Python: portable JSON)."""
        value = value.strip().casefold()
        ids = [a.pk for a in queryset.select_related(None).only("pk", "concentrations")
               if any(value in (str(r.get("chemical", "")).casefold(), str(r.get("cas", "")).casefold(),
                                str(r.get("name_zh", "")).casefold()) for r in a.concentrations)]
        return queryset.filter(pk__in=ids)
