"""Filters of the risk-assessment list (API and page)."""

import django_filters

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

    def filter_chemical(self, queryset, name, value):
        """Assessments whose inputs include ``value`` (resolved name or CAS; matched in Python: portable JSON)."""
        value = value.strip().casefold()
        ids = [a.pk for a in queryset.select_related(None).only("pk", "concentrations")
               if any(value in (str(r.get("chemical", "")).casefold(), str(r.get("cas", "")).casefold(),
                                str(r.get("name_zh", "")).casefold()) for r in a.concentrations)]
        return queryset.filter(pk__in=ids)
