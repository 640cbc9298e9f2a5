"""Step forms of the site workflow and the gate forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Action
from .models import RegisterEntry, StageRecord

DATE = forms.DateInput(attrs={"type": "date"})


class StageForm(forms.ModelForm):
    """Record a lifecycle stage of the site (the site is the page's)."""

    class Meta:
        model = StageRecord
        exclude = ["site"]
        widgets = {f: DATE for f in ("started_on", "completed_on", "reviewed_on", "filed_registry_on",
                                     "filed_bureau_on")}


class EnterRegisterForm(forms.ModelForm):
    class Meta:
        model = RegisterEntry
        fields = ["entered_on", "entry_basis", "entry_document"]
        widgets = {"entered_on": DATE}


class ExitRegisterForm(forms.Form):
    exited_on = forms.DateField(label=_("removed on"), widget=DATE)
    exit_basis = forms.CharField(label=_("basis of removal"), widget=forms.Textarea)
    exit_document = forms.CharField(label=_("removal decision document"), max_length=120, required=False)


class CheckForm(forms.Form):
    action = forms.ChoiceField(label=_("action"), choices=Action.choices)
    proposed_use = forms.CharField(label=_("proposed use (code or name)"), max_length=80)
    for_remediation = forms.BooleanField(label=_("project serves control or remediation"), required=False)


class BatchCheckForm(forms.Form):
    file = forms.FileField(label=_("Excel list of parcels"),
                           help_text=_("columns: 地块编号 (parcel code), 拟用途 (proposed use), 事项 (action)"))
