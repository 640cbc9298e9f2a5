"""Forms of the fund project workflow steps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ReserveLevel

DATE = forms.DateInput(attrs={"type": "date"})
MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class DeclareForm(forms.Form):
    declared_on = forms.DateField(label=_("declared on"), widget=DATE)
    reserve_level = forms.ChoiceField(label=_("reserve"), choices=ReserveLevel.choices)


class AdmitForm(forms.Form):
    admitted_on = forms.DateField(label=_("admitted on"), widget=DATE)
    note = forms.CharField(label=_("reserve decision"), required=False)


class RefuseForm(forms.Form):
    decided_on = forms.DateField(label=_("decided on"), widget=DATE)
    note = forms.CharField(label=_("reason"))


class CompleteForm(forms.Form):
    """No fields: completion needs every quarter reported (checked by the model)."""


class ReportQuarterForm(forms.Form):
    reported_on = forms.DateField(label=_("reported on"), widget=DATE)
    allocated = forms.DecimalField(label=_("funds allocated [10⁴ yuan]"), required=False, **MONEY)
    spent = forms.DecimalField(label=_("funds spent [10⁴ yuan]"), **MONEY)
    progress_percent = forms.IntegerField(label=_("progress [%]"), min_value=0, max_value=100)
    narrative = forms.CharField(label=_("progress report"), widget=forms.Textarea(attrs={"rows": 3}))
