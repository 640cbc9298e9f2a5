"""Sites (地块), their dated lifecycle stages, the remediation register and on-site supervision records."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from soilgw.core.fields import ChoiceListField
from soilgw.core.models import RegistryModel, Township

from ..choices import (
    HEAVY_INDUSTRIES,
    INVESTIGATION_STAGES,
    NEXT_STAGES,
    STAGE_ORDER,
    Conclusion,
    GroundwaterPathway,
    Industry,
    LandClass,
    Review,
    SiteSource,
    Stage,
)
from ._base import GeometryMixin, RegistryUrlMixin
from .codes import LandUseCode

#: Reports that must include groundwater content where groundwater was sampled (groundwater task 11).
GROUNDWATER_REPORT_STAGES = (Stage.PRELIMINARY, Stage.DETAILED, Stage.RISK_ASSESSMENT)
#: Stages only the register decisions set (RegisterEntry), never a free stage record.
REGISTER_STAGES = (Stage.ON_REGISTER, Stage.OFF_REGISTER)
#: An open register entry: entered and not (yet) removed.
OPEN_ENTRY = {"exited_on__isnull": True}


def with_register_flag(queryset):
    """``queryset`` of sites annotated ``has_open_entry`` (what ``Site.on_register`` reads, in one query)."""
    from django.db.models import Exists, OuterRef

    return queryset.annotate(has_open_entry=Exists(
        RegisterEntry.objects.filter(site=OuterRef("pk"), **OPEN_ENTRY)))


class Site(RegistryUrlMixin, GeometryMixin, RegistryModel):
    """A development-land site (地块) identified by its parcel code."""

    registry_url = "sites:sites"

    parcel_code = models.CharField(_("parcel code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("township"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=SiteSource.choices)
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="sites", verbose_name=_("enterprise (former user)"))
    current_use = models.ForeignKey(LandUseCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("current use"),
                                    help_text=_("the use before the change (原用途)"))
    former_use = models.ForeignKey(LandUseCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("former use"))
    industry = models.CharField(_("former industry"), max_length=20, choices=Industry.choices, blank=True)
    heavily_polluted = models.BooleanField(_("heavily polluted"), default=False,
                                           help_text=_("set from the investigation (soil task 9)"))
    planned_use = models.ForeignKey(LandUseCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("planned use"))
    odour_voc = models.BooleanField(_("odour or volatile pollutants"), default=False,
                                    help_text=_("remediation needs on-site supervision records (soil task 12)"))
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices, default=Stage.SUSPECTED,
                             editable=False)
    stage_since = models.DateField(_("stage since"), null=True, blank=True, editable=False)
    monitoring_points = models.ManyToManyField("monitoring.MonitoringPoint", blank=True, related_name="sites",
                                               verbose_name=_("investigation points"))
    cases = models.ManyToManyField("enforcement.Case", blank=True, related_name="sites",
                                   verbose_name=_("enforcement cases"))
    fund_projects = models.ManyToManyField("funding.FundProject", blank=True, related_name="sites",
                                           verbose_name=_("fund projects"))
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["parcel_code"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return f"{self.parcel_code} {self.name}"

    def clean(self) -> None:
        self.clean_geometry()
        if self.heavily_polluted and not self.industry:
            raise ValidationError({"industry": _("Give the former industry of a heavily polluted site.")})

    def save(self, *args, **kwargs):
        from ..supply import notify_site_change, rematch_for

        before = (Site.objects.filter(pk=self.pk).values_list("stage", "planned_use_id", "geometry").first()
                  if self.pk else None)
        self.set_bbox()
        super().save(*args, **kwargs)
        notify_site_change(self, *(before[:2] if before else (None, None)))
        if before is None or before[2] != self.geometry:
            rematch_for(self)

    # ---- derived -------------------------------------------------------------------------------------
    @property
    def land_class(self) -> str:
        """GB 36600 class for the planned use; first-class when the use is not determined (§5.3.1)."""
        return (self.planned_use.gb36600_class if self.planned_use_id else "") or LandClass.CLASS_1

    @property
    def heavy_industry(self) -> bool:
        return self.industry in HEAVY_INDUSTRIES

    def latest(self, *stages: str, accepted: bool = True) -> StageRecord | None:
        qs = self.stage_records.filter(stage__in=stages)
        if accepted:
            qs = qs.filter(review=Review.ACCEPTED)
        return qs.order_by("-completed_on", "-pk").first()

    def open_register_entry(self) -> RegisterEntry | None:
        """The register entry without removal date, or None: the one definition of "on the register" (soil
        task 9: 建立建设用地土壤污染风险管控和修复名录), used by the gate, the map, the register page and the API."""
        return self.register_entries.filter(**OPEN_ENTRY).first()

    @property
    def on_register(self) -> bool:
        """True while the site has an open register entry (``open_register_entry``)."""
        flag = getattr(self, "has_open_entry", None)  # set by ``with_register_flag``
        return bool(flag) if flag is not None else self.open_register_entry() is not None

    def next_stages(self) -> tuple[str, ...]:
        return tuple(s for s in NEXT_STAGES[Stage(self.stage)] if s not in REGISTER_STAGES)

    def move_to(self, stage: str, on: dt.date | None) -> None:
        self.stage, self.stage_since = stage, on
        self.save(update_fields=["stage", "stage_since", "revision", "updated_at"])


class StageRecord(RegistryUrlMixin, RegistryModel):
    """One dated lifecycle stage of a site: report, consultant, expert review and conclusion.

    Soil task 8: the investigation report of a key unit's land is filed with the real-estate registry and the
    bureau. Groundwater task 11: where groundwater was sampled, the report has its groundwater section.
    """

    registry_url = "sites:stage-records"

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="stage_records", verbose_name=_("site"))
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    started_on = models.DateField(_("started on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    report_title = models.CharField(_("report"), max_length=200, blank=True)
    report_number = models.CharField(_("report number"), max_length=80, blank=True)
    practitioner = models.ForeignKey("enforcement.Practitioner", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="site_stages", verbose_name=_("consultant"))
    experts = models.ManyToManyField("enforcement.Expert", blank=True, related_name="site_reviews",
                                     verbose_name=_("review experts"))
    review = models.CharField(_("expert review"), max_length=10, choices=Review.choices, default=Review.PENDING)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=Conclusion.choices, blank=True)
    filed_registry_on = models.DateField(_("filed with the real-estate registry on"), null=True, blank=True)
    filed_bureau_on = models.DateField(_("filed with the bureau on"), null=True, blank=True)
    groundwater_sampled = models.BooleanField(_("groundwater sampled"), default=False)
    groundwater_classes = models.CharField(_("groundwater classes (GB/T 14848)"), max_length=40, blank=True,
                                           help_text=_("e.g. III, IV"))
    groundwater_pathways = ChoiceListField(_("groundwater pathways (HJ 25.3)"), max_length=120, blank=True,
                                           item_choices=GroundwaterPathway.choices,
                                           help_text=_("The exposure pathways through groundwater the report "
                                                       "assessed."))
    risk_assessment = models.ForeignKey("risk.RiskAssessment", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="site_stages", verbose_name=_("risk assessment computed"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["site", "started_on", "pk"]
        verbose_name = _("stage record")
        verbose_name_plural = _("stage records")

    def __str__(self) -> str:
        return f"{self.site.parcel_code} · {self.get_stage_display()} {self.started_on:%Y-%m-%d}"

    @property
    def decided_on(self):
        """The date the stage's finding stands from: the expert review, else completion, else the start."""
        return self.reviewed_on or self.completed_on or self.started_on

    def link_errors(self, links: dict) -> dict[str, str]:
        """Expert-review rules on the submitted relations (``links``: field → objects, as a form gives them).

        An accepted report has its review experts recorded; an expert with a declared conflict of interest in
        force on the review date with the report's consultant, or who worked for the site's owner enterprise,
        may not review it. Returns field → reason.
        """
        experts = list(links["experts"]) if "experts" in links else (
            list(self.experts.all()) if self.pk else [])
        if self.review != Review.ACCEPTED:
            return {}
        if not experts:
            return {"experts": _("An accepted report needs the experts who reviewed it.")}
        on = self.decided_on
        owner = self.site.enterprise.name if self.site_id and self.site.enterprise_id else None
        conflicted = []
        for expert in experts:
            if self.practitioner_id and expert.conflicts_with(self.practitioner, on):
                conflicted.append(expert.name)
            elif owner and (expert.organisation == owner or expert.conflicts.filter(organisation=owner).exists()):
                conflicted.append(expert.name)
        if conflicted:
            return {"experts": _("Conflict of interest: %(names)s worked for the site's consultant or owner and "
                                 "may not review its report.") % {"names": "、".join(conflicted)}}
        return {}

    def clean(self) -> None:
        errors = {}
        if self.completed_on and self.started_on and self.completed_on < self.started_on:
            errors["completed_on"] = _("A stage cannot end before it starts.")
        if self.review != Review.PENDING and not self.reviewed_on:
            errors["reviewed_on"] = _("Give the date of the expert review.")
        if self.review == Review.ACCEPTED and not self.completed_on:
            errors["completed_on"] = _("An accepted report has a completion date.")
        if (self.groundwater_classes or self.groundwater_pathways) and not self.groundwater_sampled:
            errors["groundwater_sampled"] = _("A groundwater section needs groundwater to have been sampled.")
        if (self.groundwater_sampled and self.review == Review.ACCEPTED and self.stage in GROUNDWATER_REPORT_STAGES
                and not self.groundwater_classes):
            errors["groundwater_classes"] = _("Groundwater was sampled: the report needs its groundwater section "
                                              "(GB/T 14848 classes; groundwater task 11).")
        try:
            self._meta.get_field("groundwater_pathways").clean_items(self)
        except ValidationError as exc:
            errors["groundwater_pathways"] = exc.messages
        if (self.filed_registry_on or self.filed_bureau_on) and self.stage not in INVESTIGATION_STAGES:
            errors["filed_registry_on"] = _("Only an investigation report is filed with the registry and bureau.")
        if self.site_id and not errors:
            self._check_transition(errors)
        if errors:
            raise ValidationError(errors)

    def _check_transition(self, errors: dict) -> None:
        """A new record opens the site's next stage (after an accepted report) or updates the current one."""
        if self.pk and StageRecord.objects.filter(pk=self.pk, stage=self.stage).exists():
            return
        if self.stage in REGISTER_STAGES and not getattr(self, "_from_register", False):
            errors["stage"] = _("Entering and leaving the register is recorded by a register decision.")
            return
        site = self.site
        if self.stage == site.stage:
            return
        if self.stage not in NEXT_STAGES[Stage(site.stage)]:
            errors["stage"] = _("A site at stage %(now)s can move only to: %(next)s.") % {
                "now": site.get_stage_display(),
                "next": ", ".join(str(Stage(s).label) for s in NEXT_STAGES[Stage(site.stage)]) or "—"}
            return
        current = site.latest(site.stage)
        if site.stage != Stage.SUSPECTED and site.stage not in REGISTER_STAGES and current is None:
            errors["stage"] = _("The %(now)s report must be accepted by the expert review first.") % {
                "now": site.get_stage_display()}
        elif self.stage == Stage.OFF_REGISTER and (current is None or current.conclusion != Conclusion.TARGETS_MET):
            errors["stage"] = _("Leaving the register needs an accepted evaluation that the targets are met.")

    @transaction.atomic
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        site = self.site
        if STAGE_ORDER[self.stage] > STAGE_ORDER[site.stage] or (
                site.stage == Stage.EVALUATION and self.stage == Stage.CONTROL):
            site.move_to(self.stage, self.started_on)


class RegisterEntry(RegistryUrlMixin, RegistryModel):
    """A site's time on the register of development land for risk control and remediation (public list)."""

    registry_url = "sites:remediation-register"

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="register_entries",
                             verbose_name=_("site"))
    entered_on = models.DateField(_("entered on"))
    entry_basis = models.TextField(_("basis of entry"))
    entry_document = models.CharField(_("entry decision document"), max_length=120, blank=True)
    exited_on = models.DateField(_("removed on"), null=True, blank=True)
    exit_basis = models.TextField(_("basis of removal"), blank=True)
    exit_document = models.CharField(_("removal decision document"), max_length=120, blank=True)

    class Meta:
        ordering = ["-entered_on", "site"]
        verbose_name = _("register entry")
        verbose_name_plural = _("remediation register")

    def __str__(self) -> str:
        return f"{self.site} ({self.entered_on:%Y-%m-%d})"

    def clean(self) -> None:
        errors = {}
        if self.exited_on and self.entered_on and self.exited_on < self.entered_on:
            errors["exited_on"] = _("Removal cannot precede entry.")
        if self.exited_on and not self.exit_basis:
            errors["exit_basis"] = _("Give the basis of the removal.")
        if self.site_id and not errors:
            before = RegisterEntry.objects.filter(pk=self.pk).first() if self.pk else None
            if before is None:
                self._check_entry(errors)
            if self.exited_on and (before is None or before.exited_on is None):
                self._check_exit(errors)
        if errors:
            raise ValidationError(errors)

    def _check_entry(self, errors: dict) -> None:
        site = self.site
        if site.open_register_entry():
            errors["site"] = _("This site is already on the register.")
        elif site.stage != Stage.RISK_ASSESSMENT or not (
                (ra := site.latest(Stage.RISK_ASSESSMENT)) and ra.conclusion == Conclusion.UNACCEPTABLE):
            errors["site"] = _("A site enters the register after an accepted risk assessment finding the risk "
                               "unacceptable.")
        elif self.entered_on and self.entered_on < ra.decided_on:
            errors["entered_on"] = _("A register entry cannot predate the accepted risk assessment it rests on "
                                     "(%(date)s).") % {"date": ra.decided_on}

    def _check_exit(self, errors: dict) -> None:
        ev = self.site.latest(Stage.EVALUATION)
        if self.site.stage != Stage.EVALUATION or ev is None or ev.conclusion != Conclusion.TARGETS_MET:
            errors["exited_on"] = _("A site leaves the register after an accepted effectiveness evaluation "
                                    "finding the targets met.")

    @transaction.atomic
    def save(self, *args, **kwargs):
        before = RegisterEntry.objects.filter(pk=self.pk).first() if self.pk else None
        super().save(*args, **kwargs)
        if before is None:
            self._stage_record(Stage.ON_REGISTER, self.entered_on, self.entry_document, self.entry_basis)
        if self.exited_on and (before is None or before.exited_on is None):
            self._stage_record(Stage.OFF_REGISTER, self.exited_on, self.exit_document, self.exit_basis)

    def _stage_record(self, stage: str, on: dt.date, document: str, basis: str) -> None:
        record = StageRecord(site=self.site, stage=stage, started_on=on, completed_on=on, report_number=document,
                             review=Review.ACCEPTED, reviewed_on=on, notes=basis)
        record._from_register = True
        record.full_clean()
        record.save()


class SupervisionRecord(RegistryUrlMixin, RegistryModel):
    """An on-site supervision visit during risk control or remediation (odour / VOC sites, soil task 12)."""

    registry_url = "sites:supervision-records"

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="supervision_records",
                             verbose_name=_("site"))
    visited_on = models.DateField(_("visited on"))
    inspector = models.CharField(_("inspector"), max_length=100)
    findings = models.TextField(_("findings"), blank=True)
    odour_controlled = models.BooleanField(_("odour and emissions under control"), default=True)

    class Meta:
        ordering = ["-visited_on"]
        verbose_name = _("supervision record")
        verbose_name_plural = _("supervision records")

    def __str__(self) -> str:
        return f"{self.site.parcel_code} · {self.visited_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.site_id and self.site.stage not in (Stage.CONTROL, Stage.EVALUATION):
            raise ValidationError({"site": _("Supervision records belong to a site under control or remediation.")})
