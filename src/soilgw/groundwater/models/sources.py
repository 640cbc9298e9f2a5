"""Pollution sources, legacy mining waste, abandoned wells, key zones, reinjection projects, the county outline.

Groundwater plan 2023 tasks 1, 3, 4, 6–8 and 10; soil plan 2023 task 3.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Township

from ..choices import (
    INVESTIGATED_KINDS,
    ONE_ENTERPRISE_ONE_POND,
    DelineationStatus,
    DiscoveryMethod,
    GeothermalTechnique,
    InvestigationStatus,
    Priority,
    ReinjectionKind,
    RemediationStatus,
    RiskLevel,
    SeepageStatus,
    SourceKind,
    TreatmentPhase,
    Trend,
    WellKind,
    WellStatus,
)
from .base import Area, GroundwaterRecord, Located, department_ids, notes_field, sample_flag


def _zone_facts(feature) -> list[str]:
    from ..spatial import zones_containing

    return [str(_("Inside the %(zone)s of drinking-water source %(source)s") % {"zone": label, "source": src})
            for src, label in zones_containing(feature)]


class CountyBoundary(models.Model):
    """The county outline loaded from the bundled DataV/AMap boundary, converted from GCJ-02 to WGS84."""

    admin_code = models.CharField(_("administrative code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=50)
    geometry = models.JSONField(_("geometry (GeoJSON, EPSG:4326)"))
    source = models.CharField(_("source"), max_length=300)
    conversion = models.CharField(_("coordinate conversion"), max_length=300)

    class Meta:
        verbose_name = _("county boundary")
        verbose_name_plural = _("county boundaries")

    def __str__(self) -> str:
        return self.name


class PollutionSource(Area, GroundwaterRecord, Located):
    """A groundwater pollution source: 一企一库, 两场两区 or a petrol station (tasks 1, 3, 6, 7).

    ``lon/lat`` is its representative point; ``geometry`` its optional footprint (a park, a landfill).
    """

    geometry_required = False
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=SourceKind.choices)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="groundwater_sources", verbose_name=_("linked enterprise"))
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="groundwater_sources", verbose_name=_("township"))
    investigation_status = models.CharField(_("investigation status"), max_length=20,
                                            choices=InvestigationStatus.choices, default=InvestigationStatus.NOT_STARTED)
    investigated_on = models.DateField(_("investigation completed on"), null=True, blank=True)
    pollutants = models.CharField(_("pollutants found"), max_length=300, blank=True)
    extent = models.CharField(_("extent of pollution"), max_length=300, blank=True)
    trend = models.CharField(_("trend"), max_length=20, choices=Trend.choices, blank=True)
    risk_level = models.CharField(_("groundwater risk"), max_length=10, choices=RiskLevel.choices, blank=True)
    anti_seepage = models.CharField(_("anti-seepage measures"), max_length=20, choices=SeepageStatus.choices,
                                    blank=True)
    leak_monitoring = models.BooleanField(_("leak monitoring in place"), default=False)
    risk_control = models.TextField(_("risk-control measures"), blank=True)
    follow_up_monitoring = models.TextField(_("follow-up monitoring after risk control"), blank=True)
    monitoring_points = models.ManyToManyField("monitoring.MonitoringPoint", blank=True,
                                               related_name="pollution_sources",
                                               verbose_name=_("monitoring wells"))
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["code"]
        verbose_name = _("groundwater pollution source")
        verbose_name_plural = _("groundwater pollution sources")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("groundwater:pollution-sources_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.investigation_status == InvestigationStatus.COMPLETED and not self.investigated_on:
            raise ValidationError({"investigated_on": _("A completed investigation needs its completion date.")})
        if self.investigated_on and self.investigation_status != InvestigationStatus.COMPLETED:
            raise ValidationError({"investigation_status": _("A completion date is given: mark it completed.")})

    def facts(self) -> list[str]:
        out = [str(_("Group: %(g)s (investigation due by 2023-12-31, task 1)") % {"g": self.category})
               if self.category else str(_("Not a 一企一库 / 两场两区 source (no task-1 investigation deadline)"))]
        if self.area_m2:
            out.append(str(_("Footprint %(a).0f m² (EPSG:4546)") % {"a": self.area_m2}))
        return out + _zone_facts(self)

    @property
    def category(self) -> str:
        """一企一库, 两场两区 or "" (task 1's groups)."""
        if self.kind in ONE_ENTERPRISE_ONE_POND:
            return "一企一库"
        return "两场两区" if self.kind in INVESTIGATED_KINDS else ""


class MiningWasteSite(Area, GroundwaterRecord):
    """Legacy solid waste at a heavy-metal mining area (soil plan task 3): found, planned, treated in phases.

    ``priority`` is derived: high when farmland around or downstream is polluted (the task: "优先对周边及下游
    耕地土壤污染较重地区进行整治"). The distance to the nearest irrigation-water point is computed in EPSG:4546.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="mining_waste_sites", verbose_name=_("township"))
    mine = models.CharField(_("mine / ore (heavy non-ferrous, stone coal, pyrite …)"), max_length=200, blank=True)
    discovered_by = models.CharField(_("found by"), max_length=20, choices=DiscoveryMethod.choices)
    discovered_on = models.DateField(_("found on"))
    volume_m3 = models.FloatField(_("volume [m³]"), null=True, blank=True)
    metals = models.CharField(_("metals"), max_length=200, blank=True)
    downstream_farmland_polluted = models.BooleanField(_("surrounding / downstream farmland polluted"),
                                                       default=False)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, editable=False,
                                default=Priority.NORMAL)
    nearest_irrigation_point = models.CharField(_("nearest irrigation-water point"), max_length=60,
                                                editable=False, blank=True)
    irrigation_distance_m = models.FloatField(_("distance to nearest irrigation-water point [m]"),
                                              editable=False, null=True)
    treatment_plan = models.TextField(_("treatment plan"), blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=TreatmentPhase.choices,
                             default=TreatmentPhase.FOUND)
    phase_due = models.DateField(_("current phase due"), null=True, blank=True)
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["code"]
        verbose_name = _("legacy mining-waste site")
        verbose_name_plural = _("legacy mining-waste sites")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("groundwater:mining-waste-sites_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.phase != TreatmentPhase.FOUND and not self.treatment_plan:
            raise ValidationError({"treatment_plan": _("Treatment beyond 'found' needs the treatment plan.")})

    def facts(self) -> list[str]:
        out = [str(_("Priority high: surrounding or downstream farmland is polluted (soil task 3)."))
               if self.priority == Priority.HIGH else str(_("Priority normal."))]
        if self.irrigation_distance_m is not None:
            out.append(str(_("Nearest irrigation-water point %(p)s at %(d).0f m (EPSG:4546)")
                           % {"p": self.nearest_irrigation_point, "d": self.irrigation_distance_m}))
        else:
            out.append(str(_("No irrigation-water monitoring point registered yet.")))
        return out

    def save(self, *args, **kwargs):
        from ..spatial import nearest_irrigation_point

        self.priority = Priority.HIGH if self.downstream_farmland_polluted else Priority.NORMAL
        if self.geometry:
            self.nearest_irrigation_point, self.irrigation_distance_m = nearest_irrigation_point(self.geometry)
        super().save(*args, **kwargs)


class AbandonedWell(GroundwaterRecord, Located):
    """An abandoned mine shaft, borehole or water well (task 8): registered → sealing plan → sealed → verified.

    The owner seals and remediates; when the owner is unknown, the township government is responsible.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=WellKind.choices)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, related_name="abandoned_wells",
                                 verbose_name=_("township"))
    depth_m = models.FloatField(_("depth [m]"), null=True, blank=True)
    aquifers = models.CharField(_("aquifers penetrated"), max_length=200, blank=True)
    owner = models.CharField(_("owner (blank: unknown)"), max_length=200, blank=True)
    registered_on = models.DateField(_("registered on"))
    status = models.CharField(_("status"), max_length=20, choices=WellStatus.choices, default=WellStatus.REGISTERED)
    sealing_plan_on = models.DateField(_("sealing plan made on"), null=True, blank=True)
    sealed_on = models.DateField(_("sealed and backfilled on"), null=True, blank=True)
    verified_on = models.DateField(_("sealing verified on"), null=True, blank=True)
    cross_contamination = models.BooleanField(_("cross-aquifer contamination found"), default=False)
    remediation = models.TextField(_("remediation of the contamination"), blank=True)
    remediation_status = models.CharField(_("remediation status"), max_length=20, blank=True,
                                          choices=RemediationStatus.choices)
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["code"]
        verbose_name = _("abandoned well")
        verbose_name_plural = _("abandoned wells")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("groundwater:abandoned-wells_detail", args=[self.pk])

    @property
    def owner_known(self) -> bool:
        return bool(self.owner.strip())

    @property
    def responsible_party(self) -> str:
        """The owner, or the township government when the owner is unknown (task 8)."""
        return self.owner if self.owner_known else self.township.department.name

    def facts(self) -> list[str]:
        who = (_("owner %(o)s") % {"o": self.owner} if self.owner_known
               else _("owner unknown: %(t)s is responsible") % {"t": self.township.department.name})
        return [str(_("Sealing and remediation: %(w)s (task 8)") % {"w": who}), *_zone_facts(self)]

    def clean(self) -> None:
        super().clean()
        needs = {WellStatus.SEALING_PLAN: ("sealing_plan_on",), WellStatus.SEALED: ("sealed_on",),
                 WellStatus.VERIFIED: ("sealed_on", "verified_on")}
        for name in needs.get(self.status, ()):
            if getattr(self, name) is None:
                raise ValidationError({name: _("Status %(s)s needs this date.") % {"s": self.get_status_display()}})
        order = [("registered_on", self.registered_on), ("sealing_plan_on", self.sealing_plan_on),
                 ("sealed_on", self.sealed_on), ("verified_on", self.verified_on)]
        dated = [(n, d) for n, d in order if d is not None]
        for (_n1, d1), (n2, d2) in zip(dated, dated[1:], strict=False):
            if d2 < d1:
                raise ValidationError({n2: _("Dates must follow registration → plan → sealing → verification.")})
        if self.remediation_status and not self.cross_contamination:
            raise ValidationError({"remediation_status": _("Remediation applies only to cross-aquifer contamination.")})


class GroundwaterKeyZone(Area, GroundwaterRecord):
    """A groundwater pollution prevention key zone (task 4), delineated in batches, with its differentiated
    requirements for access, hazard checks, risk control and remediation stored as data."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    batch = models.PositiveSmallIntegerField(_("delineation batch"), default=1)
    status = models.CharField(_("delineation status"), max_length=20, choices=DelineationStatus.choices,
                              default=DelineationStatus.PRELIMINARY)
    delineated_on = models.DateField(_("delineated on"), null=True, blank=True)
    access_requirements = models.TextField(_("environmental access requirements"), blank=True)
    hazard_check_requirements = models.TextField(_("hazard-check requirements"), blank=True)
    risk_control_requirements = models.TextField(_("risk-control requirements"), blank=True)
    remediation_requirements = models.TextField(_("remediation requirements"), blank=True)
    county = models.ForeignKey(CountyBoundary, on_delete=models.SET_NULL, null=True, editable=False,
                               related_name="key_zones", verbose_name=_("county"))
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["batch", "code"]
        verbose_name = _("groundwater key zone")
        verbose_name_plural = _("groundwater key zones")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("groundwater:groundwater-key-zones_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        # the county whose delineation duty (task 4) this zone serves: the one county of the platform
        self.county = self.county or CountyBoundary.objects.order_by("pk").first()
        super().save(*args, **kwargs)


class ReinjectionProject(GroundwaterRecord, Located):
    """A reinjection, geothermal or multi-aquifer abstraction project (task 10) and its filings."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    operator = models.CharField(_("operator"), max_length=200)
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="reinjection_projects", verbose_name=_("linked enterprise"))
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="reinjection_projects", verbose_name=_("township"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReinjectionKind.choices)
    technique = models.CharField(_("geothermal technique"), max_length=30, choices=GeothermalTechnique.choices,
                                 blank=True)
    aquifers = models.CharField(_("aquifers used"), max_length=200)
    quality_differs = models.BooleanField(_("aquifer water quality differs markedly"), default=False)
    layered_abstraction = models.BooleanField(_("layered abstraction"), default=False)
    mixes_polluted = models.BooleanField(_("mixes polluted phreatic and confined water"), default=False)
    quality_monitored = models.BooleanField(_("reinjection water quality monitored"), default=False)
    started_on = models.DateField(_("operating since"))
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["code"]
        verbose_name = _("reinjection project")
        verbose_name_plural = _("reinjection projects")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("groundwater:reinjection-projects_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.kind != ReinjectionKind.GEOTHERMAL and self.technique:
            raise ValidationError({"technique": _("A geothermal technique applies only to geothermal projects.")})

    def facts(self) -> list[str]:
        return self.findings or [str(_("No breach of task 10's abstraction and monitoring rules recorded."))]

    @property
    def findings(self) -> list[str]:
        """Breaches of task 10's rules (recorded, not refused: the registry must hold non-compliant projects)."""
        out = []
        if self.quality_differs and not self.layered_abstraction:
            out.append(str(_("Aquifer quality differs markedly but abstraction is not layered (task 10).")))
        if self.mixes_polluted:
            out.append(str(_("Polluted phreatic and confined water must not be abstracted mixed (task 10).")))
        if not self.quality_monitored:
            out.append(str(_("Reinjection water quality is not monitored (task 10).")))
        return out


class WellRegisterReturn(GroundwaterRecord):
    """A township's return of its complete abandoned-well register (清单, task 8: by the end of June 2023)."""

    township = models.ForeignKey(Township, on_delete=models.PROTECT, related_name="well_register_returns",
                                 verbose_name=_("township"))
    submitted_on = models.DateField(_("submitted on"))
    well_count = models.PositiveIntegerField(_("wells listed"))
    complete = models.BooleanField(_("register complete (底数摸清)"), default=True)
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["township", "-submitted_on"]
        constraints = [models.UniqueConstraint(fields=["township", "submitted_on"], name="gw_register_return_day")]
        verbose_name = _("abandoned-well register return")
        verbose_name_plural = _("abandoned-well register returns")

    def __str__(self) -> str:
        return f"{self.township} · {self.submitted_on:%Y-%m-%d}"


class ReinjectionFiling(GroundwaterRecord):
    """A periodic filing of a project's geothermal / reinjection water quality monitoring (task 10)."""

    project = models.ForeignKey(ReinjectionProject, on_delete=models.CASCADE, related_name="filings",
                                verbose_name=_("reinjection project"))
    filed_on = models.DateField(_("filed on"))
    period = models.CharField(_("period covered"), max_length=40)
    meets_requirements = models.BooleanField(_("reinjection water meets the quality requirements"), null=True)
    summary = models.TextField(_("monitoring summary"), blank=True)
    is_sample = sample_flag()
    notes = notes_field()

    class Meta:
        ordering = ["project", "-filed_on"]
        constraints = [models.UniqueConstraint(fields=["project", "filed_on"], name="gw_filing_project_day")]
        verbose_name = _("reinjection water-quality filing")
        verbose_name_plural = _("reinjection water-quality filings")

    def __str__(self) -> str:
        return f"{self.project.name} · {self.filed_on:%Y-%m-%d}"

    def clean(self) -> None:
        super().clean()
        if self.project_id and self.filed_on and self.filed_on < self.project.started_on:
            raise ValidationError({"filed_on": _("A filing cannot precede the start of operation.")})


__all__ = ["AbandonedWell", "CountyBoundary", "GroundwaterKeyZone", "MiningWasteSite", "PollutionSource",
           "ReinjectionFiling", "ReinjectionProject", "WellRegisterReturn", "department_ids"]
