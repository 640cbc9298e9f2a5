"""Township implementation plans with milestones per plan task; summons interviews and supervision orders.

Soil plan safeguards (加强组织领导): 各乡镇人民政府要…制定实施方案，细化任务分解…进一步细化推进措施和时间节点;
(强化督察考核): 对…重点任务进展严重滞后…的地区…以及履职不到位…的行业主管部门，按程序实施约谈或督办.
Groundwater plan safeguards: 对重点工作进度滞后的及时预警、督办…必要时进行约谈.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from soilgw.core.clock import as_of
from soilgw.core.models import Department, RegistryModel, Township
from soilgw.plans.choices import TaskState

from ..choices import SummonsKind, SummonsReason
from ._base import RegistryUrlMixin, not_before, raise_if


class TownshipPlan(RegistryUrlMixin, RegistryModel):
    """A township's implementation plan (实施方案) of one county action plan."""

    registry_url = "enforcement:township-plans"

    code = models.CharField(_("code"), max_length=40, unique=True)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, related_name="+", verbose_name=_("township"))
    plan = models.ForeignKey("plans.ActionPlan", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("action plan"))
    title = models.CharField(_("title"), max_length=200)
    adopted_on = models.DateField(_("adopted on"))
    document_number = models.CharField(_("document"), max_length=100, blank=True)

    class Meta:
        ordering = ["township", "plan"]
        unique_together = [("township", "plan")]
        verbose_name = _("township implementation plan")
        verbose_name_plural = _("township implementation plans")

    def __str__(self) -> str:
        return self.title

    def progress(self, on: dt.date | None = None) -> dict[str, int]:
        """Milestones by state on ``on`` (default the platform clock): ``{"done", "open", "overdue", "total"}``."""
        on = on or as_of()
        counts = {"done": 0, "open": 0, "overdue": 0}
        for m in self.milestones.all():
            counts[m.state(on)] += 1
        return {**counts, "total": sum(counts.values())}


class PlanMilestone(RegistryUrlMixin, RegistryModel):
    """A milestone of one plan task in a township plan, and the progress reported against it."""

    registry_url = "enforcement:milestones"

    township_plan = models.ForeignKey(TownshipPlan, on_delete=models.CASCADE, related_name="milestones",
                                      verbose_name=_("township plan"))
    task = models.ForeignKey("plans.Task", on_delete=models.PROTECT, related_name="+", verbose_name=_("plan task"))
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    percent = models.PositiveSmallIntegerField(_("percent complete"), default=0, editable=False,
                                               validators=[MaxValueValidator(100)])
    reported_on = models.DateField(_("progress reported on"), null=True, blank=True, editable=False)
    done_on = models.DateField(_("done on"), null=True, blank=True, editable=False)
    progress_note = models.TextField(_("progress"), blank=True, editable=False)

    class Meta:
        ordering = ["township_plan", "task", "due_on"]
        unique_together = [("township_plan", "task", "title")]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%Y-%m-%d})"

    def clean(self) -> None:
        errors: dict = {}
        if self.task_id and self.township_plan_id and self.task.plan_id != self.township_plan.plan_id:
            errors["task"] = _("The task belongs to another action plan than the township plan.")
        if (self.done_on is not None) != (self.percent == 100):
            errors["percent"] = _("A milestone is done exactly when it is 100 percent complete.")
        not_before(errors, self.done_on, "done_on", self.township_plan.adopted_on if self.township_plan_id else None,
                   _("the plan's adoption"))
        raise_if(errors)

    def state(self, on: dt.date) -> str:
        """``done`` when done by ``on``; ``overdue`` when due before ``on`` and not done; else ``open``."""
        if self.done_on is not None and self.done_on <= on:
            return "done"
        return "overdue" if on > self.due_on else "open"

    def report_progress(self, *, reported_on: dt.date, percent: int, note: str) -> PlanMilestone:
        """Report progress; 100 percent marks the milestone done on the report date. Progress never goes back."""
        if self.done_on is not None:
            raise ValidationError(_("This milestone is already done."))
        if percent < self.percent:
            raise ValidationError({"percent": _("Progress cannot go back (last reported %(p)s%%).") % {"p": self.percent}})
        errors: dict = {}
        not_before(errors, reported_on, "reported_on", self.reported_on, _("the last report"))
        raise_if(errors)
        self.reported_on, self.percent, self.progress_note = reported_on, percent, note
        self.done_on = reported_on if percent == 100 else None
        self.full_clean()
        self.save()
        return self


class Summons(RegistryUrlMixin, RegistryModel):
    """A summons interview (约谈) or supervision order (督办) of a township government or a department."""

    registry_url = "enforcement:summons"

    number = models.CharField(_("document number"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SummonsKind.choices)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("township government or department"))
    reason = models.CharField(_("reason"), max_length=30, choices=SummonsReason.choices)
    task = models.ForeignKey("plans.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("lagging plan task"))
    milestone = models.ForeignKey(PlanMilestone, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="summons", verbose_name=_("overdue milestone"))
    held_on = models.DateField(_("date"))
    issued_by = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("issued by"))
    details = models.TextField(_("what happened"))

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("summons or supervision order")
        verbose_name_plural = _("summons and supervision orders")

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()} · {self.department}"

    def clean(self) -> None:
        errors: dict = {}
        if self.reason == SummonsReason.TASK_OVERDUE:
            if not self.task_id:
                errors["task"] = _("Name the task that is overdue or seriously delayed.")
            elif self.held_on and self.task.state(self.held_on) not in (TaskState.OVERDUE, TaskState.DELAYED):
                errors["task"] = _("On %(d)s this task is %(s)s, neither overdue nor delayed.") % {
                    "d": self.held_on, "s": TaskState(self.task.state(self.held_on)).label}
            elif self.department_id and not self.task.roles.filter(department_id=self.department_id).exists():
                errors["department"] = _("This department has no role on the task.")
        if self.reason == SummonsReason.MILESTONE_OVERDUE:
            if not self.milestone_id:
                errors["milestone"] = _("Name the overdue milestone.")
            elif self.held_on and self.milestone.state(self.held_on) != "overdue":
                errors["milestone"] = _("On %(d)s this milestone is not overdue.") % {"d": self.held_on}
            elif self.department_id and self.milestone.township_plan.township.department_id != self.department_id:
                errors["department"] = _("The milestone belongs to another township.")
        raise_if(errors)


class SummonsCommitment(RegistryUrlMixin, RegistryModel):
    """A commitment made at a summons (整改承诺), due on a date: a follow-up obligation of the summoned body."""

    registry_url = "enforcement:summons-commitments"

    summons = models.ForeignKey(Summons, on_delete=models.CASCADE, related_name="commitments",
                                verbose_name=_("summons or supervision order"))
    commitment = models.CharField(_("commitment"), max_length=300)
    due_on = models.DateField(_("due"))
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    evidence = models.TextField(_("evidence of fulfilment"), blank=True)

    class Meta:
        ordering = ["due_on"]
        unique_together = [("summons", "commitment")]
        verbose_name = _("summons commitment")
        verbose_name_plural = _("summons commitments")

    def __str__(self) -> str:
        return self.commitment

    def clean(self) -> None:
        errors: dict = {}
        if self.summons_id:
            not_before(errors, self.due_on, "due_on", self.summons.held_on, _("the summons"))
            not_before(errors, self.fulfilled_on, "fulfilled_on", self.summons.held_on, _("the summons"))
        if self.fulfilled_on and not self.evidence:
            errors["evidence"] = _("Say what shows the commitment fulfilled.")
        raise_if(errors)
