from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from soilgw.core.choices import Role
from soilgw.core.permissions import department_ids

from ..models import ActionPlan, ProgressReport, Target, Task, TaskDeadline, TaskRole


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["order", "text", "indicator", "required_value"]


class ActionPlanSerializer(serializers.ModelSerializer):
    targets = TargetSerializer(many=True, read_only=True)
    task_count = serializers.IntegerField(source="tasks.count", read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["id", "code", "title", "year", "medium", "preamble", "targets", "task_count"]


class TaskRoleSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = TaskRole
        fields = ["department", "department_name", "role"]


class TaskDeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskDeadline
        fields = ["due", "what", "quote", "is_default"]


class TaskSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)
    roles = TaskRoleSerializer(many=True, read_only=True)
    deadlines = TaskDeadlineSerializer(many=True, read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = ["id", "plan", "section", "number", "title", "text", "deadline", "deadline_is_default",
                  "deadlines", "roles", "state", "revision"]
        read_only_fields = ["plan", "number", "text", "roles", "deadlines", "revision"]

    def get_state(self, obj) -> str:
        return obj.state(self.context["as_of"])


class ProgressReportSerializer(serializers.ModelSerializer):
    submitted_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "task", "department", "year", "quarter", "status", "percent", "narrative",
                  "decline_reason", "submitted_by", "submitted_at", "filed_on", "review_state", "review_comment",
                  "reviewed_by", "reviewed_at", "revision"]
        read_only_fields = ["submitted_by", "submitted_at", "filed_on", "review_state", "review_comment",
                            "reviewed_by", "reviewed_at", "revision"]

    def validate(self, attrs):
        user = self.context["request"].user
        dept = attrs.get("department") or getattr(self.instance, "department", None)
        if not user.is_superuser and dept is not None and dept.pk not in department_ids(user, Role.EDITOR):
            raise serializers.ValidationError({"department": "you may only report for your own department"})
        instance = ProgressReport(**{**({f.name: getattr(self.instance, f.name) for f in ProgressReport._meta.fields}
                                        if self.instance else {}), **attrs})
        try:
            instance.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        return attrs


class ReviewSerializer(serializers.Serializer):
    """The lead's review of a report: accept, or return with a comment."""

    accept = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")
