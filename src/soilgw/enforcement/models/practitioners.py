"""Practitioner organisations and staff with credit records, report-quality spot checks, the expert pool.

Safeguards of the soil plan (推进信息公开): 加强土壤污染防治相关活动从业单位和个人信用管理，依法将相关从业单位
及个人的执业情况、违法行为记入信用记录; soil task 8: 采取第三方评估或跨区域交叉检查等方式…报告质量抽查机制;
groundwater safeguards: 强化地下水污染防治专家库建设.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import RegistryModel
from soilgw.enterprises.models import validate_credit_code

from ..choices import (
    CheckMethod,
    CheckOutcome,
    ConflictKind,
    CreditKind,
    CreditRating,
    ExpertField,
    PractitionerKind,
    ReportKind,
)
from ._base import RegistryUrlMixin, department_ids, not_before, raise_if


def _bureau() -> set[int]:
    return department_ids("eeb")


class Practitioner(RegistryUrlMixin, RegistryModel):
    """An organisation working in soil or groundwater (investigation, assessment, remediation, monitoring)."""

    registry_url = "enforcement:practitioners"

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[validate_credit_code])
    kind = models.CharField(_("main business"), max_length=30, choices=PractitionerKind.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("practitioner organisation")
        verbose_name_plural = _("practitioner organisations")

    def __str__(self) -> str:
        return self.name

    def current_rating(self, on: dt.date | None = None) -> CreditRecord | None:
        """The latest rating record (on or before ``on``), or None."""
        qs = self.credit_records.filter(kind=CreditKind.RATING, staff__isnull=True)
        if on is not None:
            qs = qs.filter(recorded_on__lte=on)
        return qs.order_by("-recorded_on", "-pk").first()


class PractitionerStaff(RegistryUrlMixin, RegistryModel):
    """A person working for a practitioner organisation (从业人员)."""

    registry_url = "enforcement:practitioner-staff"

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="staff",
                                     verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=50)
    position = models.CharField(_("position"), max_length=100, blank=True)
    qualification = models.CharField(_("qualification"), max_length=200, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)

    class Meta:
        ordering = ["practitioner", "name"]
        unique_together = [("practitioner", "name")]
        verbose_name = _("practitioner staff member")
        verbose_name_plural = _("practitioner staff")

    def __str__(self) -> str:
        return f"{self.name} ({self.practitioner})"


class CreditRecord(RegistryUrlMixin, RegistryModel):
    """A credit record of an organisation or one of its staff: a violation, a rating or a commendation."""

    registry_url = "enforcement:credit-records"

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="credit_records",
                                     verbose_name=_("organisation"))
    staff = models.ForeignKey(PractitionerStaff, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="credit_records", verbose_name=_("staff member"))
    recorded_on = models.DateField(_("recorded on"))
    kind = models.CharField(_("kind"), max_length=20, choices=CreditKind.choices)
    rating = models.CharField(_("rating"), max_length=1, choices=CreditRating.choices, blank=True)
    description = models.TextField(_("description"))
    document_number = models.CharField(_("document"), max_length=100, blank=True)
    shared_on = models.DateField(_("shared with the national credit platform on"), null=True, blank=True)

    class Meta:
        ordering = ["-recorded_on"]
        verbose_name = _("credit record")
        verbose_name_plural = _("credit records")

    def __str__(self) -> str:
        who = self.staff.name if self.staff_id else self.practitioner.name
        return f"{who} · {self.get_kind_display()} · {self.recorded_on:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict = {}
        if (self.kind == CreditKind.RATING) != bool(self.rating):
            errors["rating"] = _("A rating record gives the rating; other records give none.")
        if self.staff_id and self.practitioner_id and self.staff.practitioner_id != self.practitioner_id:
            errors["staff"] = _("This person does not work for that organisation.")
        not_before(errors, self.shared_on, "shared_on", self.recorded_on, _("the record"))
        raise_if(errors)


class Expert(RegistryUrlMixin, RegistryModel):
    """A member of the expert pool (专家库), used by expert reviews and spot checks."""

    registry_url = "enforcement:experts"

    name = models.CharField(_("name"), max_length=50)
    field = models.CharField(_("field"), max_length=30, choices=ExpertField.choices)
    organisation = models.CharField(_("organisation"), max_length=200)
    title = models.CharField(_("professional title"), max_length=100, blank=True)
    active = models.BooleanField(_("in the pool"), default=True)

    class Meta:
        ordering = ["field", "name"]
        unique_together = [("name", "organisation")]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    def conflicts_with(self, practitioner: Practitioner, on: dt.date) -> list[ExpertConflict]:
        """Declared conflicts of interest with ``practitioner`` that are in force on ``on``."""
        return list(self.conflicts.filter(
            Q(practitioner=practitioner) | Q(organisation=practitioner.name),
            Q(since__isnull=True) | Q(since__lte=on), Q(until__isnull=True) | Q(until__gte=on)))


class ExpertConflict(RegistryUrlMixin, RegistryModel):
    """A declared conflict of interest of an expert with an organisation."""

    registry_url = "enforcement:expert-conflicts"

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="conflicts",
                               verbose_name=_("expert"))
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="expert_conflicts", verbose_name=_("practitioner organisation"))
    organisation = models.CharField(_("other organisation"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["expert"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return f"{self.expert.name} · {self.practitioner or self.organisation} ({self.get_kind_display()})"

    def clean(self) -> None:
        errors: dict = {}
        if not self.practitioner_id and not self.organisation:
            errors["organisation"] = _("Name the organisation (or choose a registered practitioner).")
        not_before(errors, self.until, "until", self.since, _("the start"))
        raise_if(errors)


class ReportSpotCheck(RegistryUrlMixin, RegistryModel):
    """A quality spot check of a report (soil task 8: 报告质量抽查机制)."""

    registry_url = "enforcement:report-spot-checks"

    report_title = models.CharField(_("report"), max_length=200)
    report_kind = models.CharField(_("report kind"), max_length=30, choices=ReportKind.choices)
    practitioner = models.ForeignKey(Practitioner, on_delete=models.PROTECT, related_name="spot_checks",
                                     verbose_name=_("author organisation"))
    checked_on = models.DateField(_("checked on"))
    method = models.CharField(_("check method"), max_length=20, choices=CheckMethod.choices)
    reviewer = models.ForeignKey(Expert, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="spot_checks", verbose_name=_("reviewing expert"))
    checking_body = models.CharField(_("checking body or region"), max_length=200, blank=True)
    score = models.DecimalField(_("score [0–100]"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    findings = models.TextField(_("findings"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)

    class Meta:
        ordering = ["-checked_on"]
        verbose_name = _("report spot check")
        verbose_name_plural = _("report spot checks")

    def __str__(self) -> str:
        return f"{self.report_title} · {self.checked_on:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict = {}
        if self.method == CheckMethod.EXPERT and not self.reviewer_id:
            errors["reviewer"] = _("An expert review names the expert.")
        if self.method != CheckMethod.EXPERT and not self.checking_body:
            errors["checking_body"] = _("Name the third party or the region that checked.")
        if self.reviewer_id and self.practitioner_id and self.checked_on:
            conflicts = self.reviewer.conflicts_with(self.practitioner, self.checked_on)
            if conflicts:
                errors["reviewer"] = _("This expert has a conflict of interest with the author: %(c)s.") % {
                    "c": "; ".join(str(c) for c in conflicts)}
        raise_if(errors)
