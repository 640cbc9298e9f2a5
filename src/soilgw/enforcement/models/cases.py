"""Leads, cases (decision, rectification, referral to public security), joint meetings and campaigns.

Soil task 14 (依法查处…; 联席会议…通报违法线索、线索核查、案件办理反馈; 移送公安机关) and task 16
(专项执法行动). A lead is verified, then becomes a case; a case's steps are dated, each with its document
number, and are taken only through the step methods, which check the state (``CASE_STEPS``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, RegistryModel, Township

from ..choices import CASE_STEPS, CaseStatus, LeadSource, LeadStatus, PenaltyKind, ReferralGround, Violation
from ._base import RegistryUrlMixin, department, not_before, raise_if

#: Departments that share enforcement under soil task 14.
ENFORCEMENT_DEPARTMENTS = ("eeb", "police", "nrb", "agri")


class Campaign(RegistryUrlMixin, RegistryModel):
    """A special enforcement campaign (专项执法行动, soil task 16)."""

    registry_url = "enforcement:campaigns"

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    lead_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+",
                                        verbose_name=_("lead department"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    scope = models.TextField(_("scope"))
    targets = models.TextField(_("targets"))
    units_inspected = models.PositiveIntegerField(_("units inspected"), default=0)
    problems_found = models.PositiveIntegerField(_("problems found"), default=0)
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("special enforcement campaign")
        verbose_name_plural = _("special enforcement campaigns")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict = {}
        not_before(errors, self.ends_on, "ends_on", self.starts_on, _("the start"))
        raise_if(errors)


class Lead(RegistryUrlMixin, RegistryModel):
    """A lead (线索) on a possible soil-environment violation, and its verification (线索核查)."""

    registry_url = "enforcement:leads"

    code = models.CharField(_("lead number"), max_length=40, unique=True)
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("source"), max_length=30, choices=LeadSource.choices)
    transferred_from = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name=_("transferred from"))
    summary = models.TextField(_("summary"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("township"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("enterprise"))
    monitoring_point = models.ForeignKey("monitoring.MonitoringPoint", on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="+", verbose_name=_("monitoring point"))
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="leads",
                                 verbose_name=_("found in campaign"))
    status = models.CharField(_("status"), max_length=20, choices=LeadStatus.choices, default=LeadStatus.RECEIVED,
                              editable=False)
    verified_on = models.DateField(_("verified on"), null=True, blank=True, editable=False)
    verification_findings = models.TextField(_("verification findings"), blank=True, editable=False)
    verification_document = models.CharField(_("verification document"), max_length=100, blank=True,
                                             editable=False)

    class Meta:
        ordering = ["-received_on", "code"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")

    def __str__(self) -> str:
        return f"{self.code} {self.summary[:30]}"

    def clean(self) -> None:
        errors: dict = {}
        if self.source == LeadSource.TRANSFER and not self.transferred_from_id:
            errors["transferred_from"] = _("A transferred lead names the department it came from.")
        if self.status != LeadStatus.RECEIVED and self.verified_on is None:
            errors["verified_on"] = _("A verified lead has a verification date.")
        not_before(errors, self.verified_on, "verified_on", self.received_on, _("the date received"))
        raise_if(errors)

    # ---- workflow ---------------------------------------------------------------------------------------
    def verify(self, *, verified_on: dt.date, founded: bool, findings: str, document: str = "") -> Lead:
        """Record the verification (线索核查): founded leads may become cases."""
        if self.status != LeadStatus.RECEIVED:
            raise ValidationError(_("Only a lead not yet verified can be verified (this one is: %(s)s).")
                                  % {"s": self.get_status_display()})
        self.verified_on, self.verification_findings = verified_on, findings
        self.verification_document = document
        self.status = LeadStatus.FOUNDED if founded else LeadStatus.UNFOUNDED
        self.full_clean()
        self.save()
        return self

    @transaction.atomic
    def open_case(self, *, number: str, opened_on: dt.date, violation: str, handling_department: Department,
                  description: str = "") -> Case:
        """Open a case (立案) on a lead whose verification found it founded."""
        if self.status != LeadStatus.FOUNDED:
            raise ValidationError(_("A case is opened only on a lead verified as founded (this one is: %(s)s).")
                                  % {"s": self.get_status_display()})
        case = Case(lead=self, number=number, opened_on=opened_on, violation=violation,
                    handling_department=handling_department, description=description or self.summary,
                    township=self.township, campaign=self.campaign, enterprise=self.enterprise,
                    monitoring_point=self.monitoring_point)
        case.full_clean()
        case.save()
        self.status = LeadStatus.CASE_OPENED
        self.save()
        return case


class Case(RegistryUrlMixin, RegistryModel):
    """An enforcement case: opened, decided (penalty), rectified, referred to public security, closed."""

    registry_url = "enforcement:cases"

    number = models.CharField(_("case number"), max_length=60, unique=True)
    lead = models.OneToOneField(Lead, on_delete=models.PROTECT, null=True, blank=True, related_name="case",
                                editable=False, verbose_name=_("lead"))
    opened_on = models.DateField(_("opened on"))
    violation = models.CharField(_("violation"), max_length=30, choices=Violation.choices)
    description = models.TextField(_("facts"))
    handling_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+",
                                            verbose_name=_("handling department"))
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("township"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("enterprise"))
    monitoring_point = models.ForeignKey("monitoring.MonitoringPoint", on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="+", verbose_name=_("monitoring point"))
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases",
                                 verbose_name=_("opened in campaign"))
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices,
                              default=CaseStatus.INVESTIGATING, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    decision_number = models.CharField(_("decision document"), max_length=100, blank=True, editable=False)
    penalty_kind = models.CharField(_("penalty"), max_length=20, choices=PenaltyKind.choices, blank=True,
                                    editable=False)
    fine_yuan = models.DecimalField(_("fine [yuan]"), max_digits=12, decimal_places=2, null=True, blank=True,
                                    editable=False, validators=[MinValueValidator(0)])
    rectify_by = models.DateField(_("rectify by"), null=True, blank=True, editable=False)
    rectified_on = models.DateField(_("rectification verified on"), null=True, blank=True, editable=False)
    rectification_findings = models.TextField(_("rectification findings"), blank=True, editable=False)
    referred_on = models.DateField(_("referred on"), null=True, blank=True, editable=False)
    referral_number = models.CharField(_("referral document"), max_length=100, blank=True, editable=False)
    referral_ground = models.CharField(_("referral ground"), max_length=30, choices=ReferralGround.choices,
                                       blank=True, editable=False)
    referred_to = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    editable=False, verbose_name=_("referred to"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    closing_note = models.TextField(_("closing note"), blank=True, editable=False)

    class Meta:
        ordering = ["-opened_on", "number"]
        verbose_name = _("enforcement case")
        verbose_name_plural = _("enforcement cases")

    def __str__(self) -> str:
        return f"{self.number} {self.get_violation_display()}"

    def clean(self) -> None:
        errors: dict = {}
        if self.lead_id:
            not_before(errors, self.opened_on, "opened_on", self.lead.verified_on, _("the lead's verification"))
        not_before(errors, self.decided_on, "decided_on", self.opened_on, _("the opening"))
        not_before(errors, self.rectify_by, "rectify_by", self.decided_on, _("the decision"))
        not_before(errors, self.rectified_on, "rectified_on", self.decided_on, _("the decision"))
        not_before(errors, self.referred_on, "referred_on", self.opened_on, _("the opening"))
        for name in ("decided_on", "rectified_on", "referred_on"):
            not_before(errors, self.closed_on, "closed_on", getattr(self, name), self._meta.get_field(name).verbose_name)
        if self.decided_on and not (self.decision_number and self.penalty_kind):
            errors["decision_number"] = _("A decision has its document number and penalty.")
        if (self.penalty_kind == PenaltyKind.FINE) != (self.fine_yuan is not None):
            errors["fine_yuan"] = _("A fine states its amount; other penalties state none.")
        if self.referred_on and not (self.referral_number and self.referral_ground):
            errors["referral_number"] = _("A referral has its document number and ground.")
        raise_if(errors)

    # ---- workflow ---------------------------------------------------------------------------------------
    def can(self, step: str) -> bool:
        return self.status in CASE_STEPS[step]

    def _step(self, step: str, status: str, **values) -> Case:
        if not self.can(step):
            raise ValidationError(_("This step is not possible for a case that is: %(s)s.")
                                  % {"s": self.get_status_display()})
        for name, value in values.items():
            setattr(self, name, value)
        self.status = status
        self.full_clean()
        self.save()
        return self

    def decide(self, *, decided_on: dt.date, decision_number: str, penalty_kind: str, fine_yuan=None,
               rectify_by: dt.date | None = None) -> Case:
        """Record the administrative decision (处罚决定) and the rectification deadline."""
        return self._step("decide", CaseStatus.DECIDED, decided_on=decided_on, decision_number=decision_number,
                          penalty_kind=penalty_kind, fine_yuan=fine_yuan, rectify_by=rectify_by)

    def rectify(self, *, rectified_on: dt.date, findings: str) -> Case:
        """Record that rectification was checked and found done (整改到位)."""
        return self._step("rectify", CaseStatus.RECTIFIED, rectified_on=rectified_on,
                          rectification_findings=findings)

    def refer(self, *, referred_on: dt.date, referral_number: str, ground: str) -> Case:
        """Refer the case to the public security bureau (移送公安机关)."""
        return self._step("refer", CaseStatus.REFERRED, referred_on=referred_on, referral_number=referral_number,
                          referral_ground=ground, referred_to=department("police"))

    def close(self, *, closed_on: dt.date, note: str) -> Case:
        """Close the case (结案)."""
        return self._step("close", CaseStatus.CLOSED, closed_on=closed_on, closing_note=note)


class JointMeeting(RegistryUrlMixin, RegistryModel):
    """A joint meeting (联席会议) of the departments on soil-environment violations (soil task 14)."""

    registry_url = "enforcement:joint-meetings"

    number = models.CharField(_("meeting number"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    convener = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("convener"))
    participants = models.TextField(_("participating departments"))
    minutes_number = models.CharField(_("minutes document"), max_length=100, blank=True)
    minutes = models.TextField(_("minutes"))
    decisions = models.TextField(_("decisions"), blank=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class MeetingFollowUp(RegistryUrlMixin, RegistryModel):
    """A follow-up a joint meeting decided: who does what by when (an obligation in the engine)."""

    registry_url = "enforcement:meeting-follow-ups"

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="follow_ups",
                                verbose_name=_("joint meeting"))
    item = models.CharField(_("item decided"), max_length=300)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("responsible department"))
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["due_on"]
        unique_together = [("meeting", "item")]
        verbose_name = _("meeting follow-up")
        verbose_name_plural = _("meeting follow-ups")

    def __str__(self) -> str:
        return self.item

    def clean(self) -> None:
        errors: dict = {}
        if self.meeting_id:
            not_before(errors, self.due_on, "due_on", self.meeting.held_on, _("the meeting"))
            not_before(errors, self.done_on, "done_on", self.meeting.held_on, _("the meeting"))
        if self.done_on and not self.result:
            errors["result"] = _("Say what was done.")
        raise_if(errors)
