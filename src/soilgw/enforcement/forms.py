"""Forms of the workflow steps (each step is a ``RegistryAction`` running a model method)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department

from .choices import PenaltyKind, ReferralGround, Violation

DATE = forms.DateInput(attrs={"type": "date"})


class VerifyLeadForm(forms.Form):
    verified_on = forms.DateField(label=_("verified on"), widget=DATE)
    founded = forms.BooleanField(label=_("founded (a violation is likely)"), required=False)
    findings = forms.CharField(label=_("verification findings"), widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.CharField(label=_("verification document"), max_length=100, required=False)


class OpenCaseForm(forms.Form):
    number = forms.CharField(label=_("case number"), max_length=60)
    opened_on = forms.DateField(label=_("opened on"), widget=DATE)
    violation = forms.ChoiceField(label=_("violation"), choices=Violation.choices)
    handling_department = forms.ModelChoiceField(label=_("handling department"),
                                                 queryset=Department.objects.filter(kind="bureau"))
    description = forms.CharField(label=_("facts"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecideForm(forms.Form):
    decided_on = forms.DateField(label=_("decided on"), widget=DATE)
    decision_number = forms.CharField(label=_("decision document"), max_length=100)
    penalty_kind = forms.ChoiceField(label=_("penalty"), choices=PenaltyKind.choices)
    fine_yuan = forms.DecimalField(label=_("fine [yuan]"), max_digits=12, decimal_places=2, min_value=0,
                                   required=False)
    rectify_by = forms.DateField(label=_("rectify by"), widget=DATE, required=False)


class RectifyForm(forms.Form):
    rectified_on = forms.DateField(label=_("rectification verified on"), widget=DATE)
    findings = forms.CharField(label=_("rectification findings"), widget=forms.Textarea(attrs={"rows": 3}))


class ReferForm(forms.Form):
    referred_on = forms.DateField(label=_("referred on"), widget=DATE)
    referral_number = forms.CharField(label=_("referral document"), max_length=100)
    ground = forms.ChoiceField(label=_("referral ground"), choices=ReferralGround.choices)


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("closed on"), widget=DATE)
    note = forms.CharField(label=_("closing note"), widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneProgressForm(forms.Form):
    reported_on = forms.DateField(label=_("progress reported on"), widget=DATE)
    percent = forms.IntegerField(label=_("percent complete"), min_value=0, max_value=100)
    note = forms.CharField(label=_("progress"), widget=forms.Textarea(attrs={"rows": 3}))
