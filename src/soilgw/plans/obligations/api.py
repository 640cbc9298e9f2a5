"""``/api/obligations/``: read-only; filters status, department, township, rule, holder."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from .models import Obligation
from .views import apply_filters, ordered, visible


class ObligationSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    township = serializers.StringRelatedField(allow_null=True)  # null: a county-wide obligation
    plan_task = serializers.SerializerMethodField()
    subject_type = serializers.CharField(source="subject_type.model_class._meta.label", read_only=True)
    holder_type = serializers.CharField(source="holder_type.model_class._meta.label", read_only=True)

    class Meta:
        model = Obligation
        fields = ["id", "rule_id", "plan_task", "what", "clause", "subject_type", "subject_id", "subject_label",
                  "holder_type", "holder_id", "holder_label", "department", "township", "period", "window_start",
                  "due", "due_is_default", "status", "evidence_id", "evidence_date", "evidence_late", "inputs",
                  "rules_version", "as_of", "computed_at"]

    def get_plan_task(self, obj) -> str:
        return f"{obj.plan_task.plan.code}#{obj.plan_task.number}" if obj.plan_task_id else ""


class ObligationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ObligationSerializer
    queryset = Obligation.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Obligation.objects.none()
        return ordered(apply_filters(visible(self.request.user), self.request.query_params)).select_related(
            "subject_type", "holder_type")
