import django_filters

from soilgw.core.filters import FilterSet
from soilgw.core.models import Department

from .choices import Medium, ProgressStatus, TaskRoleKind
from .models import ActionPlan, ProgressReport, Task


class ActionPlanFilterSet(FilterSet):
    class Meta:
        model = ActionPlan
        fields = ["code", "year", "medium"]


class TaskFilterSet(FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code")
    medium = django_filters.ChoiceFilter(field_name="plan__medium", choices=Medium.choices)
    year = django_filters.NumberFilter(field_name="plan__year")
    department = django_filters.ModelChoiceFilter(field_name="roles__department", queryset=Department.objects.all(),
                                                  distinct=True)
    role = django_filters.ChoiceFilter(field_name="roles__role", choices=TaskRoleKind.choices, distinct=True)
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte")
    q = django_filters.CharFilter(method="search")

    class Meta:
        model = Task
        fields = ["plan", "medium", "year", "number", "department", "role", "deadline_is_default"]

    def search(self, queryset, name, value):
        return queryset.filter(title__icontains=value) | queryset.filter(text__icontains=value)


class ProgressReportFilterSet(FilterSet):
    plan = django_filters.CharFilter(field_name="task__plan__code")
    status = django_filters.ChoiceFilter(choices=ProgressStatus.choices)

    class Meta:
        model = ProgressReport
        fields = ["task", "department", "year", "quarter", "status", "plan"]
