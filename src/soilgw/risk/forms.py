"""Forms of the risk page: the assessment (land class, overrides) and one row per chemical."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from soilgw.assessment.risk.parameters import PRINTED_SYMBOLS

from .choices import LandClass, Method
from .services import CONCENTRATION_FIELDS, AssessmentInputError, parameter_fields, resolve_chemical

PREFIX = "ov_"
GROUP_LABELS = {"risk": _("Acceptable levels"), "soil": _("Soil properties"), "source": _("Contamination depth and extent"),
                "groundwater": _("Groundwater"), "building": _("Building"), "air": _("Outdoor air")}


class ConcentrationForm(forms.Form):
    """One chemical (any catalogue name, alias or CAS) and its representative concentrations."""

    chemical = forms.CharField(label=_("Pollutant"), max_length=200, required=False,
                               widget=forms.TextInput(attrs={"list": "risk-chemicals", "autocomplete": "off"}))
    surface_soil_mg_per_kg = forms.FloatField(label=_("Surface soil [mg/kg]"), min_value=0, required=False)
    subsurface_soil_mg_per_kg = forms.FloatField(label=_("Subsurface soil [mg/kg]"), min_value=0, required=False)
    groundwater_mg_per_l = forms.FloatField(label=_("Groundwater [mg/L]"), min_value=0, required=False)

    def clean(self):
        data = super().clean()
        name = (data.get("chemical") or "").strip()
        values = {k: data.get(k) for k in CONCENTRATION_FIELDS}
        if not name:
            if any(v is not None for v in values.values()):
                self.add_error("chemical", _("Name the chemical of these concentrations."))
            return data
        if all(v is None for v in values.values()):
            self.add_error("surface_soil_mg_per_kg", _("Give at least one concentration."))
        try:
            data["resolved"] = {**resolve_chemical(name), **values}
        except AssessmentInputError as exc:
            self.add_error("chemical", str(exc))
        return data


class BaseConcentrationFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        rows = [f.cleaned_data["resolved"] for f in self.forms if f.cleaned_data.get("resolved")]
        for row in rows:
            if row["chemical"] in seen:
                raise forms.ValidationError(_("%(name)s is entered twice.") % {"name": row["chemical"]})
            seen.add(row["chemical"])
        if not rows:
            raise forms.ValidationError(_("Enter at least one chemical with a concentration."))
        self.rows = rows


ConcentrationFormSet = forms.formset_factory(ConcentrationForm, formset=BaseConcentrationFormSet, extra=4,
                                             max_num=100, absolute_max=100)


class RiskAssessmentForm(forms.Form):
    """Title, land class and the parameter overrides (blank = the standard's default, shown as placeholder)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    land_class = forms.TypedChoiceField(label=_("Land class"), choices=LandClass.choices, coerce=int,
                                        initial=LandClass.FIRST)
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices, initial=Method.HJ25_3_2019)
    groundwater_drinking = forms.BooleanField(label=_("Groundwater is a drinking-water source"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parameter_rows = parameter_fields()
        for p in self.parameter_rows:
            self.fields[PREFIX + p["symbol"]] = forms.FloatField(
                label="".join(PRINTED_SYMBOLS.get(p["symbol"], (p["symbol"],))), required=False, min_value=0,
                widget=forms.NumberInput(attrs={"step": "any", "placeholder": _fmt(p["default_1"]),
                                                "data-default-1": _fmt(p["default_1"]),
                                                "data-default-2": _fmt(p["default_2"])}))

    def groups(self):
        """(group, [(bound field, parameter row)]) in the table's order, for the template."""
        out: dict[str, list] = {}
        for p in self.parameter_rows:
            out.setdefault(p["group"], []).append((self[PREFIX + p["symbol"]], p))
        return [(GROUP_LABELS.get(g, g), rows) for g, rows in out.items()]

    def overrides(self) -> dict:
        """The overrides the user entered (blank fields keep the default)."""
        data = {sym[len(PREFIX):]: v for sym, v in self.cleaned_data.items() if sym.startswith(PREFIX) and v is not None}
        if self.cleaned_data.get("groundwater_drinking"):
            data["groundwater_drinking"] = True
        return data


def _fmt(value) -> str:
    return "" if value is None else f"{value:g}"
