from django import forms
from django.utils.translation import gettext_lazy as _

from soilgw.core.choices import Role
from soilgw.core.models import Department
from soilgw.core.permissions import department_ids

from .models import ProgressReport


class ProgressReportForm(forms.ModelForm):
    """File a quarterly report; the department list holds only the user's own departments with a role."""

    class Meta:
        model = ProgressReport
        fields = ["department", "year", "quarter", "status", "percent", "narrative", "decline_reason"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 3}),
                   "decline_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, task, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.task = task
        allowed = Department.objects.filter(task_roles__task=task)
        if not user.is_superuser:
            allowed = allowed.filter(pk__in=department_ids(user, Role.EDITOR))
        self.fields["department"].queryset = allowed.distinct()
        self.fields["department"].label = _("department")

    def validate_unique(self):
        # task is set on the instance, not a form field: include it in the unique check.
        try:
            self.instance.validate_unique()
        except forms.ValidationError as exc:
            self._update_errors(exc)
