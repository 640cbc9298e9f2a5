"""Groundwater drinking-water sources, their protection zones and recharge areas, and the cause determination
of an exceeding source (groundwater plan 2023 tasks 12–15)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Township

from ..choices import (
    Cause,
    ConstructionStatus,
    DelineationStatus,
    InvestigationStatus,
    RemediationStatus,
    SourceScale,
    SourceType,
    ZoneLevel,
)
from .base import Area, GroundwaterRecord, Located, notes_field, sample_flag

#: "千吨万人": a rural source supplying ≥ 1,000 m³/d or ≥ 10,000 people (tasks 13 and 14).
THOUSAND_TONS_M3D = 1000.0
TEN_THOUSAND_PEOPLE = 10000


class DrinkingWaterSource(GroundwaterRecord, Located):
    """A groundwater drinking-water source; ``lon/lat`` is its intake (well field centre)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    scale = models.CharField(_("scale"), max_length=20, choices=SourceScale.choices)
    source_type = models.CharField(_("type"), max_length=20, choices=SourceType.choices,
                                   default=SourceType.ORDINARY)
    capacity_m3d = models.FloatField(_("supply [m³/d]"), null=True, blank=True)
    population = models.PositiveIntegerField(_("people supplied"), null=True, blank=True)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="drinking_water_sources", verbose_name=_("township"))
    operator = models.CharField(_("water-supply unit"), max_length=200, blank=True)
    target_class = models.CharField(_("target class (GB/T 14848)"), max_length=3, default="III")
    construction_status = models.CharField(_("standardised construction"), max_length=20,
                                           choices=ConstructionStatus.choices, default=ConstructionStatus.NOT_STARTED)
    surroundings_investigation = models.CharField(
        _("surrounding-environment investigation"), max_length=20, choices=InvestigationStatus.choices,
        default=InvestigationStatus.NOT_STARTED)
    exceedance_found_on = models.DateField(
        _("exceedance found on"), null=True, blank=True,
        help_text=_("date the source was found to exceed its target class; starts the cause determination"))
    exceeding_analytes = models.CharField(_("exceeding analytes"), max_length=300, blank=True)
    monitoring_points = models.ManyToManyField("monitoring.MonitoringPoint", blank=True,
                                               related_name="drinking_water_sources",
                                               verbose_name=_("monitoring points"))
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["code"]
        verbose_name = _("drinking-water source")
        verbose_name_plural = _("drinking-water sources")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("groundwater:drinking-water-sources_detail", args=[self.pk])

    @property
    def thousand_tons_or_more(self) -> bool:
        """True for urban and "千吨万人" sources, or any source supplying ≥ 1,000 m³/d or ≥ 10,000 people."""
        return (self.scale in (SourceScale.URBAN, SourceScale.THOUSAND_TON)
                or (self.capacity_m3d or 0) >= THOUSAND_TONS_M3D or (self.population or 0) >= TEN_THOUSAND_PEOPLE)

    def facts(self) -> list[str]:
        return [str(_("千吨万人 or larger: recharge area to be delineated by 2023-12-31 (task 14)."))
                if self.thousand_tons_or_more else str(_("Below 千吨万人 scale."))]

    def clean(self) -> None:
        super().clean()
        if (self.scale == SourceScale.THOUSAND_TON and self.capacity_m3d is not None
                and self.population is not None and self.capacity_m3d < THOUSAND_TONS_M3D
                and self.population < TEN_THOUSAND_PEOPLE):
            raise ValidationError({"scale": _("A 千吨万人 source supplies ≥ 1,000 m³/d or ≥ 10,000 people.")})
        if self.exceeding_analytes and not self.exceedance_found_on:
            raise ValidationError({"exceedance_found_on": _("Give the date the exceedance was found.")})
        if self.target_class not in ("I", "II", "III", "IV", "V"):
            raise ValidationError({"target_class": _("Use a GB/T 14848 class I–V.")})


class ProtectionZone(Area, GroundwaterRecord):
    """A protection zone (first, second, quasi) of a drinking-water source (task 13)."""

    source = models.ForeignKey(DrinkingWaterSource, on_delete=models.CASCADE, related_name="protection_zones",
                               verbose_name=_("drinking-water source"))
    level = models.CharField(_("level"), max_length=10, choices=ZoneLevel.choices)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_document = models.CharField(_("approval document"), max_length=200, blank=True)
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["source", "level"]
        constraints = [models.UniqueConstraint(fields=["source", "level"], name="gw_zone_source_level")]
        verbose_name = _("protection zone")
        verbose_name_plural = _("protection zones")

    def __str__(self) -> str:
        return f"{self.source.name} · {self.get_level_display()}"


class RechargeArea(Area, GroundwaterRecord):
    """The recharge area of a drinking-water source (task 14: preliminary delineation by 2023-12-31)."""

    source = models.OneToOneField(DrinkingWaterSource, on_delete=models.CASCADE, related_name="recharge_area",
                                  verbose_name=_("drinking-water source"))
    status = models.CharField(_("delineation status"), max_length=20, choices=DelineationStatus.choices,
                              default=DelineationStatus.PRELIMINARY)
    delineated_on = models.DateField(_("delineated on"))
    method = models.CharField(_("delineation method"), max_length=200, blank=True)
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["source"]
        verbose_name = _("recharge area")
        verbose_name_plural = _("recharge areas")

    def __str__(self) -> str:
        return f"{self.source.name} · {_('recharge area')}"


class CauseDetermination(GroundwaterRecord):
    """The cause of an exceeding source (task 13): geological background with its evidence, or human
    activity with its remediation plan.

    For a geological cause, ``background_*`` hold the background threshold value computed by
    :func:`soilgw.assessment.stats_background.background_threshold` from background points (method, n and
    parameters kept), to compare with ``observed_value``.
    """

    source = models.ForeignKey(DrinkingWaterSource, on_delete=models.CASCADE, related_name="cause_determinations",
                               verbose_name=_("drinking-water source"))
    analyte = models.CharField(_("exceeding analyte"), max_length=120)
    unit = models.CharField(_("unit"), max_length=20, default="mg/L")
    observed_value = models.FloatField(_("observed concentration"), null=True, blank=True)
    started_on = models.DateField(_("analysis started on"))
    determined_on = models.DateField(_("determined on"), null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices, default=Cause.UNDETERMINED)
    evidence = models.TextField(_("evidence"), blank=True)
    background_points = models.CharField(_("background points (codes)"), max_length=300, blank=True)
    background_value = models.FloatField(_("background threshold value"), null=True, blank=True)
    background_method = models.CharField(_("background method"), max_length=40, blank=True)
    background_n = models.PositiveIntegerField(_("background samples"), null=True, blank=True)
    background_parameters = models.JSONField(_("background method parameters"), default=dict, blank=True)
    remediation_plan = models.TextField(_("remediation plan (human cause)"), blank=True)
    remediation_status = models.CharField(_("remediation status"), max_length=20, blank=True,
                                          choices=RemediationStatus.choices)
    remediation_due = models.DateField(_("remediation due"), null=True, blank=True)
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["source", "-started_on"]
        constraints = [models.UniqueConstraint(fields=["source", "analyte", "started_on"],
                                               name="gw_cause_source_analyte_start")]
        verbose_name = _("cause determination")
        verbose_name_plural = _("cause determinations")

    def __str__(self) -> str:
        return f"{self.source.name} · {self.analyte} · {self.get_cause_display()}"

    def get_absolute_url(self) -> str:
        return reverse("groundwater:cause-determinations_detail", args=[self.pk])

    @property
    def within_background(self) -> bool | None:
        """Whether the observed concentration lies at or below the background threshold value."""
        if self.observed_value is None or self.background_value is None:
            return None
        return self.observed_value <= self.background_value

    def facts(self) -> list[str]:
        if self.within_background is None:
            return []
        verdict = _("within") if self.within_background else _("above")
        return [str(_("Observed %(o)s %(u)s is %(v)s the background threshold value %(b).4g %(u)s (%(m)s, n = %(n)s)")
                    % {"o": self.observed_value, "u": self.unit, "v": verdict, "b": self.background_value,
                       "m": self.background_method, "n": self.background_n})]

    def clean(self) -> None:
        super().clean()
        if self.cause != Cause.UNDETERMINED and not self.determined_on:
            raise ValidationError({"determined_on": _("A determined cause needs its date.")})
        if self.determined_on and self.determined_on < self.started_on:
            raise ValidationError({"determined_on": _("The determination cannot precede the analysis.")})
        if self.cause == Cause.GEOLOGICAL and not (self.evidence or self.background_value is not None):
            raise ValidationError({"evidence": _("A geological-background cause needs its evidence "
                                                 "(e.g. the background threshold value).")})
        if self.cause == Cause.HUMAN and not self.remediation_plan:
            raise ValidationError({"remediation_plan": _("A human cause needs its remediation plan.")})
        if self.cause != Cause.HUMAN and self.remediation_status:
            raise ValidationError({"remediation_status": _("Remediation applies to a human cause.")})


__all__ = ["CauseDetermination", "DrinkingWaterSource", "ProtectionZone", "RechargeArea"]
