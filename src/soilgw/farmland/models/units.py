"""Assessment units, rule sets, classification runs and every stored unit decision."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, ImportBatch, RegistryModel, Township

from .. import geo
from ..choices import Category, LandUse

#: The department that keeps the farmland registries (agriculture and rural affairs bureau, soil tasks 4–7).
RESPONSIBLE_DEPARTMENT = "agri"


def agri_department_ids() -> set[int]:
    return set(Department.objects.filter(code=RESPONSIBLE_DEPARTMENT).values_list("pk", flat=True))


class FarmlandUnit(RegistryModel):
    """A farmland assessment unit (评价单元) with its current category and the basis of that category.

    ``category`` changes only through the first classification or an approved ``CategoryAdjustment``.
    """

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    dataset = models.SlugField(_("survey / dataset"), max_length=40, blank=True)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="farmland_units", verbose_name=_("township"))
    geometry = models.JSONField(_("geometry (GeoJSON, EPSG:4326)"))
    min_lon = models.FloatField(editable=False, db_index=True, default=0)
    min_lat = models.FloatField(editable=False, db_index=True, default=0)
    max_lon = models.FloatField(editable=False, db_index=True, default=0)
    max_lat = models.FloatField(editable=False, db_index=True, default=0)
    centroid_lon = models.FloatField(_("centroid longitude"), editable=False, default=0)
    centroid_lat = models.FloatField(_("centroid latitude"), editable=False, default=0)
    area_mu = models.FloatField(_("area [mu]"), editable=False, default=0)
    area_ha = models.FloatField(_("area [ha]"), editable=False, default=0)
    area_crs = models.CharField(_("area computed in"), max_length=60, editable=False, blank=True)
    permanent_basic = models.BooleanField(_("permanent basic farmland"), default=False)
    land_use = models.CharField(_("land use"), max_length=20, choices=LandUse.choices)
    zone = models.CharField(_("recommendation zone"), max_length=60, blank=True)
    toxic_history = models.BooleanField(
        _("once used to produce, use, store or dispose of toxic substances"), default=False)
    slightly_polluted = models.BooleanField(_("slightly polluted (priority protection with exceedance)"),
                                            default=False, editable=False)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, blank=True, editable=False)
    category_basis = models.TextField(_("basis of the category"), blank=True, editable=False)
    category_since = models.DateField(_("category since"), null=True, blank=True, editable=False)
    rule_set_id = models.CharField(_("rule set"), max_length=60, blank=True, editable=False)
    rule_set_version = models.CharField(_("rule set version"), max_length=20, blank=True, editable=False)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("farmland assessment unit")
        verbose_name_plural = _("farmland assessment units")

    def __str__(self) -> str:
        return self.name or self.code

    def get_absolute_url(self) -> str:
        return reverse("farmland:units_detail", args=[self.pk])

    def clean(self) -> None:
        try:
            geo.polygon(self.geometry)
        except ValueError as exc:
            raise ValidationError({"geometry": str(exc)}) from None

    def save(self, *args, **kwargs):
        m = geo.measure(self.geometry)
        for k in ("min_lon", "min_lat", "max_lon", "max_lat", "centroid_lon", "centroid_lat", "area_mu", "area_ha",
                  "area_crs"):
            setattr(self, k, m[k])
        super().save(*args, **kwargs)


class ClassificationRuleSet(RegistryModel):
    """A province's refinement of the classification rules stored in the database (shipped ones are YAML).

    ``parameters`` is the YAML structure :func:`soilgw.assessment.farmland_units.rule_set_from_dict` reads.
    """

    rule_set_id = models.CharField(_("rule set id"), max_length=60)
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=200, blank=True)
    parameters = models.JSONField(_("parameters"))

    class Meta:
        ordering = ["rule_set_id", "version"]
        constraints = [models.UniqueConstraint(fields=["rule_set_id", "version"], name="farmland_ruleset_version")]
        verbose_name = _("classification rule set")
        verbose_name_plural = _("classification rule sets")

    def __str__(self) -> str:
        return f"{self.rule_set_id} v{self.version}"

    def clean(self) -> None:
        from soilgw.assessment.farmland_units import rule_set_from_dict

        try:
            rule = rule_set_from_dict(self.parameters or {}, source=str(self))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValidationError({"parameters": str(exc)}) from None
        if (rule.id, rule.version) != (self.rule_set_id, self.version):
            raise ValidationError({"parameters": _("id and version inside the parameters must match the record")})


class ClassificationRun(models.Model):
    """One run of the classification over a survey: the rule set, interpolation and pH assumption used."""

    dataset = models.SlugField(_("survey / dataset"), max_length=40)
    survey_year = models.PositiveSmallIntegerField(_("survey year"))
    run_at = models.DateTimeField(_("run at"), auto_now_add=True)
    rule_set_id = models.CharField(_("rule set"), max_length=60)
    rule_set_version = models.CharField(_("rule set version"), max_length=20)
    rule_set = models.JSONField(_("rule set parameters"))
    interpolation = models.JSONField(_("interpolation (method, variogram, cross-validation)"), default=dict)
    assumed_ph = models.FloatField(_("assumed pH"), null=True, blank=True)
    assumption = models.TextField(_("recorded assumption"), blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict)

    class Meta:
        ordering = ["-run_at"]
        verbose_name = _("classification run")
        verbose_name_plural = _("classification runs")

    def __str__(self) -> str:
        return f"{self.dataset} {self.survey_year} · {self.rule_set_id} v{self.rule_set_version}"


class UnitClassification(models.Model):
    """The decision for one unit in one run, with every input (counts per level, crops, estimates)."""

    run = models.ForeignKey(ClassificationRun, on_delete=models.CASCADE, related_name="decisions")
    unit = models.ForeignKey(FarmlandUnit, on_delete=models.CASCADE, related_name="classifications")
    category = models.CharField(_("computed category"), max_length=30, blank=True)
    soil_category = models.CharField(_("category from the soil"), max_length=30, blank=True)
    basis = models.CharField(_("basis"), max_length=20)
    adjustment = models.CharField(_("crop adjustment"), max_length=200, blank=True)
    slightly_polluted = models.BooleanField(default=False)
    values_verified = models.BooleanField(default=True)
    ph_assumed = models.BooleanField(default=False)
    rule_set_id = models.CharField(max_length=60)
    rule_set_version = models.CharField(max_length=20)
    inputs = models.JSONField(_("inputs"), default=dict)

    class Meta:
        ordering = ["-run__run_at"]
        indexes = [models.Index(fields=["unit", "run"])]
        verbose_name = _("unit classification")
        verbose_name_plural = _("unit classifications")

    def __str__(self) -> str:
        return f"{self.unit} → {self.category or self.basis}"
