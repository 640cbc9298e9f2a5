"""Serializers of ``/api/risk-assessments/``: the input of a new assessment, its summary and its full result."""

from __future__ import annotations

import math
import numbers

from django.utils.translation import gettext as _
from rest_framework import serializers

from ..choices import LandClass, Method
from ..models import RiskAssessment
from ..services import CONCENTRATION_FIELDS, AssessmentInputError, resolve_chemical


class ConcentrationRowSerializer(serializers.Serializer):
    """One chemical: name, alias or CAS and its representative concentrations [mg/kg], [mg/L]."""

    chemical = serializers.CharField(max_length=200)
    surface_soil_mg_per_kg = serializers.FloatField(min_value=0, required=False, allow_null=True)
    subsurface_soil_mg_per_kg = serializers.FloatField(min_value=0, required=False, allow_null=True)
    groundwater_mg_per_l = serializers.FloatField(min_value=0, required=False, allow_null=True)

    def validate(self, attrs):
        if all(attrs.get(k) is None for k in CONCENTRATION_FIELDS):
            raise serializers.ValidationError(_("give at least one concentration (surface soil, subsurface soil "
                                                "or groundwater)"))
        try:
            row = resolve_chemical(attrs["chemical"])
        except AssessmentInputError as exc:
            raise serializers.ValidationError({"chemical": str(exc)}) from None
        return {**row, **{k: attrs.get(k) for k in CONCENTRATION_FIELDS}}


class RiskAssessmentInputSerializer(serializers.Serializer):
    """What ``POST /api/risk-assessments/`` accepts; the assessment is computed on creation."""

    title = serializers.CharField(max_length=200)
    land_class = serializers.ChoiceField(choices=LandClass.choices)
    method = serializers.ChoiceField(choices=Method.choices, default=Method.HJ25_3_2019)
    concentrations = ConcentrationRowSerializer(many=True, allow_empty=False)
    overrides = serializers.DictField(required=False, default=dict,
                                      help_text="parameter symbol → number (risk.exposure_defaults), "
                                                "groundwater_drinking → true/false")
    notes = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_concentrations(self, rows):
        seen = {}
        for i, row in enumerate(rows):
            if row["chemical"] in seen:
                raise serializers.ValidationError(
                    _("rows %(a)d and %(b)d are the same chemical (%(c)s)") % {"a": seen[row["chemical"]] + 1, "b": i + 1,
                                                                              "c": row["chemical"]})
            seen[row["chemical"]] = i
        return rows

    def validate_overrides(self, value):
        clean = {}
        for key, v in value.items():
            if key == "groundwater_drinking":
                if not isinstance(v, bool):
                    raise serializers.ValidationError({key: _("must be true or false")})
                clean[key] = v
            elif isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
                raise serializers.ValidationError({key: _("must be a finite number")})
            else:
                clean[key] = float(v)
        return clean


class RiskAssessmentListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="risk-assessments-detail")
    chemicals = serializers.SerializerMethodField()

    class Meta:
        model = RiskAssessment
        fields = ["id", "url", "title", "land_class", "method", "chemicals", "max_carcinogenic_risk",
                  "max_hazard_index", "exceeds_acceptable", "parameters_verified", "computed_at", "core_version",
                  "created_by", "department"]

    def get_chemicals(self, obj) -> list[str]:
        return [r["chemical"] for r in obj.concentrations]


class RiskAssessmentSerializer(RiskAssessmentListSerializer):
    """The full record: inputs, every parameter with its source, results, control values, sensitivity."""

    class Meta(RiskAssessmentListSerializer.Meta):
        fields = [*RiskAssessmentListSerializer.Meta.fields, "concentrations", "overrides", "notes", "standard",
                  "results", "control_values", "parameters", "chemical_parameters", "sensitivity", "revision",
                  "created_at"]
