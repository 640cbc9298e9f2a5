"""Filters of the risk-assessment list (API and page)."""

import django_filters
from django.contrib.auth import get_user_model

from .models import RiskAssessment


class RiskAssessmentFilterSet(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    chemical = django_filters.CharFilter(method="filter_chemical", label="chemical (English name or CAS)")
    computed_after = django_filters.DateTimeFilter(field_name="computed_at", lookup_expr="gte")
    computed_before = django_filters.DateTimeFilter(field_name="computed_at", lookup_expr="lte")

    class Meta:
        model = RiskAssessment
        fields = ["title", "land_class", "method", "exceeds_acceptable", "parameters_verified", "created_by",
                  "department", "core_version"]

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
