"""Measures per unit and year, the technology library, crop recommendations by zone, township plans."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import RegistryModel, Township

from ..choices import PRIORITY_MEASURES, SAFE_MEASURES, STRICT_MEASURES, Category, MeasureKind
from .units import FarmlandUnit

#: Which category each measure kind serves (a measure of the wrong family does not count in the rate).
MEASURE_CATEGORY = {**{k: Category.SAFE_UTILIZATION for k in SAFE_MEASURES},
                    **{k: Category.STRICT_CONTROL for k in STRICT_MEASURES},
                    **{k: Category.PRIORITY_PROTECTION for k in PRIORITY_MEASURES}}


class Measure(RegistryModel):
    """A measure taken on a unit in a year (area, crop, cost); for safe utilization, the crop-compliance evidence.

    ``crop_compliant`` with its ``evidence`` is the unit's C-term evidence for the safe-utilization rate
    (the accounting method's detail for C could not be retrieved; see docs/farmland.md).
    """

    unit = models.ForeignKey(FarmlandUnit, on_delete=models.PROTECT, related_name="measures", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("measure"), max_length=30, choices=MeasureKind.choices)
    area_mu = models.FloatField(_("area [mu]"), validators=[MinValueValidator(0)])
    crop = models.CharField(_("crop"), max_length=60, blank=True)
    cost_yuan = models.FloatField(_("cost [yuan]"), null=True, blank=True, validators=[MinValueValidator(0)])
    crop_compliant = models.BooleanField(_("crop meets GB 2762 this year"), null=True, blank=True)
    evidence = models.TextField(_("evidence (crop tests, records)"), blank=True)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["-year", "unit__code", "kind"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "kind"], name="farmland_measure_key")]
        verbose_name = _("safe-utilization measure")
        verbose_name_plural = _("safe-utilization measures")

    def __str__(self) -> str:
        return f"{self.unit} {self.year} · {self.get_kind_display()}"

    def clean(self) -> None:
        if self.unit_id and self.area_mu is not None and self.area_mu > self.unit.area_mu * 1.0001:
            raise ValidationError({"area_mu": _t("The measure covers more than the unit's %(a).1f mu.")
                                   % {"a": self.unit.area_mu}})
        if self.crop_compliant and not self.evidence:
            raise ValidationError({"evidence": _t("Crop compliance needs its evidence.")})

    @property
    def serves(self) -> str:
        return MEASURE_CATEGORY[MeasureKind(self.kind)]


class Technology(RegistryModel):
    """An entry of the technology library (variety, regulation, barrier, conditioner …) for a zone."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("measure"), max_length=30, choices=MeasureKind.choices)
    zone = models.CharField(_("zone"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["zone", "kind", "name"]
        verbose_name = _("technology")
        verbose_name_plural = _("technology library")

    def __str__(self) -> str:
        return self.name


class CropRecommendation(RegistryModel):
    """A crop (variety) recommended in a zone for a category (低积累品种, 替代种植)."""

    zone = models.CharField(_("zone"), max_length=60)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    crop = models.CharField(_("crop / variety"), max_length=100)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["zone", "category", "crop"]
        constraints = [models.UniqueConstraint(fields=["zone", "category", "crop"], name="farmland_crop_rec_key")]
        verbose_name = _("crop recommendation")
        verbose_name_plural = _("crop recommendations")

    def __str__(self) -> str:
        return f"{self.zone} · {self.crop}"


class SafeUtilizationPlan(RegistryModel):
    """A township's annual safe-utilization plan (target rate and planned areas)."""

    township = models.ForeignKey(Township, on_delete=models.PROTECT, related_name="farmland_plans",
                                 verbose_name=_("township"))
    year = models.PositiveSmallIntegerField(_("year"))
    target_rate = models.FloatField(_("target safe-utilization rate [%]"), validators=[MinValueValidator(0)])
    planned_safe_mu = models.FloatField(_("planned safe-utilization area [mu]"), default=0)
    planned_strict_mu = models.FloatField(_("planned strict-control area [mu]"), default=0)
    content = models.TextField(_("content"), blank=True)

    class Meta:
        ordering = ["-year", "township"]
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="farmland_plan_key")]
        verbose_name = _("safe-utilization plan")
        verbose_name_plural = _("safe-utilization plans")

    def __str__(self) -> str:
        return f"{self.township} {self.year}"

    def clean(self) -> None:
        if self.target_rate is not None and self.target_rate > 100:
            raise ValidationError({"target_rate": _t("A rate is at most 100 %.")})
