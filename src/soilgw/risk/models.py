"""The risk app's model: one health risk assessment (HJ 25.3-2019) with its inputs, results and provenance.

An assessment is a stored decision (DESIGN.md "Rules of the house"): the representative concentrations, the
land class and method, every parameter override, and what the science core returned — every exposure, site
and chemical parameter with its source, the risk per pathway, the control values and the sensitivity table —
together with the standard clauses, the SoilGW version and the time it was computed. It is not edited: new
inputs make a new assessment, so a stored result always matches its inputs.

Standalone for now; the development-land (sites) app adds the link to a site and its investigation data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, RegistryModel

from .choices import LandClass, Method

#: Department whose editors may create and change assessments (the county eco-environment branch).
EDITING_DEPARTMENT = "eeb"


class RiskAssessment(RegistryModel):
    """A health risk assessment of development land (HJ 25.3-2019) and its audit trail.

    ``concentrations``: list of ``{"query", "chemical", "name_zh", "cas", "surface_soil_mg_per_kg",
    "subsurface_soil_mg_per_kg", "groundwater_mg_per_l"}`` (``query`` as entered, the rest as resolved; a
    missing concentration is ``null`` = pathway not assessed). ``overrides``: parameter symbol → value as
    entered (``risk.exposure_defaults`` symbols and the switch ``groundwater_drinking``). The result fields
    hold the core's tables as lists of records (NaN stored as ``null``).
    """


    title = models.CharField(_("title"), max_length=200)
    land_class = models.PositiveSmallIntegerField(_("land class"), choices=LandClass.choices)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.HJ25_3_2019)
    concentrations = models.JSONField(_("representative concentrations"), default=list)
    overrides = models.JSONField(_("parameter overrides"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    results = models.JSONField(_("risk per pathway"), default=list, editable=False)
    control_values = models.JSONField(_("risk control values"), default=list, editable=False)
    parameters = models.JSONField(_("exposure and site parameters"), default=list, editable=False)
    chemical_parameters = models.JSONField(_("chemical parameters"), default=list, editable=False)
    sensitivity = models.JSONField(_("sensitivity"), default=list, editable=False)
    max_carcinogenic_risk = models.FloatField(_("highest total carcinogenic risk"), null=True, editable=False)
    max_hazard_index = models.FloatField(_("highest hazard index"), null=True, editable=False)
    exceeds_acceptable = models.BooleanField(_("exceeds acceptable level"), default=False, editable=False)
    parameters_verified = models.BooleanField(_("all parameters verified"), default=False, editable=False)
    standard = models.CharField(_("standard and clauses"), max_length=300, editable=False)
    core_version = models.CharField(_("SoilGW version"), max_length=40, editable=False)
    computed_at = models.DateTimeField(_("computed at"), null=True, editable=False)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="risk_assessments", verbose_name=_("created by"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="risk_assessments", verbose_name=_("department"))

    class Meta:
        ordering = ["-computed_at", "-pk"]
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("risk:detail", args=[self.pk])

    @classmethod
    def create_computed(cls, *, title: str, land_class: int, method: str, concentrations: list[dict],
                        overrides: dict, notes: str = "", created_by=None, department=None) -> RiskAssessment:
        """Run the assessment (``services.compute``) and store it with its inputs.

        Raises ``services.AssessmentInputError`` (nothing stored) when the core refuses the inputs.
        """
        from .services import compute

        fields = compute(concentrations, land_class, overrides, method)
        return cls.objects.create(title=title, land_class=land_class, method=method,
                                  concentrations=list(concentrations), overrides=dict(overrides), notes=notes,
                                  created_by=created_by, department=department, **fields)

    @property
    def unverified_parameters(self) -> list[dict]:
        """Parameter records (exposure/site and chemical) that carry ``verified = false``."""
        rows = [p for p in self.parameters if not p.get("verified")]
        return rows + [p for p in self.chemical_parameters if not p.get("verified")]
