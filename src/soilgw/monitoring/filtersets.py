import django_filters

from soilgw.core.filters import FilterSet

from .choices import Aquifer, Medium, PointKind, Programme
from .models import MonitoringPoint, Result, Sample, WaterLevel


class MonitoringPointFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(choices=PointKind.choices)
    programme = django_filters.ChoiceFilter(choices=Programme.choices)
    aquifer = django_filters.ChoiceFilter(choices=Aquifer.choices)
    on_map = django_filters.BooleanFilter(field_name="lon", lookup_expr="isnull", exclude=True)
    q = django_filters.CharFilter(method="search")

    class Meta:
        model = MonitoringPoint
        fields = ["dataset", "code", "kind", "programme", "target_class", "aquifer", "aquifer_order", "nest", "crs",
                  "department", "on_map"]

    def search(self, queryset, name, value):
        return queryset.filter(code__icontains=value) | queryset.filter(name__icontains=value)


class SampleFilterSet(FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    dataset = django_filters.CharFilter(field_name="point__dataset")
    medium = django_filters.ChoiceFilter(choices=Medium.choices)
    class_label = django_filters.CharFilter()
    meets_target = django_filters.BooleanFilter()

    class Meta:
        model = Sample
        fields = ["point", "dataset", "code", "date_from", "date_to", "medium", "qc_type", "class_label",
                  "meets_target", "batch", "event"]


class ResultFilterSet(FilterSet):
    """``point``, ``analyte``, date range, ``status`` (detect / nondetect / text / flagged) and ``class``."""

    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    dataset = django_filters.CharFilter(field_name="point__dataset")
    status = django_filters.ChoiceFilter(method="by_status", choices=[
        ("detect", "detect"), ("nondetect", "non-detect"), ("text", "text"), ("flagged", "QA flagged"),
        ("duplicate", "duplicate")])
    class_label = django_filters.CharFilter(field_name="class_label")

    class Meta:
        model = Result
        fields = ["point", "sample", "analyte", "catalogued", "date_from", "date_to", "dataset", "status",
                  "class_label", "batch", "unit", "qualifier"]

    def by_status(self, queryset, name, value):
        return {
            "detect": lambda q: q.filter(qualifier="", value__isnull=False),
            "nondetect": lambda q: q.filter(qualifier="<"),
            "text": lambda q: q.exclude(text_value=""),
            "flagged": lambda q: q.exclude(qa_flags=""),
            "duplicate": lambda q: q.filter(duplicate=True),
        }[value](queryset)



# ``?class=IV``: a filter named by a Python keyword, so declared after the class body.
ResultFilterSet.base_filters["class"] = django_filters.CharFilter(field_name="class_label")


class WaterLevelFilterSet(FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    dataset = django_filters.CharFilter(field_name="point__dataset")

    class Meta:
        model = WaterLevel
        fields = ["point", "dataset", "date_from", "date_to", "aggregation", "batch"]
