"""Action plans, their targets and key tasks, departments' roles on tasks, and quarterly progress reports."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, RegistryModel

from .choices import Medium, ProgressStatus, ReviewState, TaskRoleKind, TaskState


class ActionPlan(RegistryModel):
    """One action plan as published (e.g. 绛县土壤污染防治2023年行动计划)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    preamble = models.TextField(_("preamble"), blank=True)
    interpreting_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("interpreting department"),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "-medium"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.code])


class Target(models.Model):
    """A work target of a plan (工作目标), e.g. national regional points not worse than class V."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("target"))
    indicator = models.CharField(_("indicator"), max_length=100, blank=True)
    required_value = models.CharField(_("required value"), max_length=50, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        unique_together = [("plan", "order")]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.text


class Task(RegistryModel):
    """A key task (重点任务) with its number as printed; the groundwater plan has no task 2."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="tasks")
    section = models.CharField(_("section"), max_length=100)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("full text"))
    deadline = models.DateField(_("deadline"))
    deadline_is_default = models.BooleanField(
        _("default deadline"), default=False,
        help_text=_("The text gives no date: the plan year's end applies."),
    )
    departments = models.ManyToManyField(Department, through="TaskRole", related_name="tasks")

    class Meta:
        ordering = ["plan__year", "plan__medium", "number"]
        unique_together = [("plan", "number")]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"{self.plan.get_medium_display()} {self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.pk])

    def latest_reports(self) -> list[ProgressReport]:
        """The latest report of each department (prefetch ``reports`` for speed)."""
        latest: dict[int, ProgressReport] = {}
        for report in sorted(self.reports.all(), key=lambda r: (r.year, r.quarter, r.submitted_at)):
            latest[report.department_id] = report
        return list(latest.values())

    def state(self, today: dt.date) -> str:
        """The task's state from the latest counted report of every department with a role on it, and the clock.

        Completed only when every required reporter (``plans.dispatch.required_roles``: lead, joint,
        cooperating and each implementing township) reports it completed; a returned report does not count.
        Otherwise overdue once the deadline has passed, then delayed / in progress / not started as
        ``plans.dispatch.derive_status`` gives it. Prefetch ``roles`` and ``reports`` for speed.
        """
        from .dispatch import derive_status

        latest: dict[int, ProgressReport] = {}
        for report in sorted(self.reports.all(), key=lambda r: (r.year, r.quarter, r.submitted_at)):
            if report.review_state != ReviewState.RETURNED:
                latest[report.department_id] = report
        status = derive_status([r.department_id for r in self.roles.all()], latest)
        if status == ProgressStatus.COMPLETED:
            return TaskState.COMPLETED
        if today > self.deadline:
            return TaskState.OVERDUE
        return TaskState(status)


class TaskDeadline(models.Model):
    """A dated deadline found in a task's text (or the plan year's end, marked default)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deadlines")
    due = models.DateField(_("due"))
    what = models.CharField(_("what"), max_length=200)
    quote = models.CharField(_("quoted text"), max_length=200, blank=True)
    is_default = models.BooleanField(_("default"), default=False)

    class Meta:
        ordering = ["due"]
        unique_together = [("task", "what")]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self) -> str:
        return f"{self.due:%Y-%m-%d} {self.what}"


class TaskRole(models.Model):
    """A department's role on a task: lead, jointly responsible, cooperating or implementing."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="roles")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="task_roles")
    role = models.CharField(_("role"), max_length=20, choices=TaskRoleKind.choices)

    class Meta:
        unique_together = [("task", "department")]
        ordering = ["task", "role", "department__order"]
        verbose_name = _("task role")
        verbose_name_plural = _("task roles")

    def __str__(self) -> str:
        return f"{self.task} · {self.department} ({self.get_role_display()})"


def quarter_is_future(year: int, quarter: int) -> bool:
    """True if quarter ``quarter`` of ``year`` begins after the platform clock's date (``SOILGW_AS_OF``)."""
    from soilgw.core.clock import as_of

    today = as_of()
    return (year, quarter) > (today.year, (today.month - 1) // 3 + 1)


class ProgressReport(RegistryModel):
    """A department's quarterly progress report on a task (季度调度)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("task"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="progress_reports",
                                   verbose_name=_("department"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1),
                                                                           MaxValueValidator(4)])
    status = models.CharField(_("status"), max_length=20, choices=ProgressStatus.choices)
    percent = models.PositiveSmallIntegerField(_("percent complete"), validators=[MaxValueValidator(100)])
    narrative = models.TextField(_("narrative"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    filed_on = models.DateField(_("submission date"), help_text=_(
        "The platform date of the latest submission; lateness is judged on it."))
    review_state = models.CharField(_("review"), max_length=20, choices=ReviewState.choices,
                                    default=ReviewState.PENDING)
    review_comment = models.TextField(_("review comment"), blank=True)
    decline_reason = models.TextField(_("reason for lower progress"), blank=True, help_text=_(
        "Required when the percent is lower than this department's report of the previous quarter."))

    #: What the reporting department states; changing any of these is a resubmission (``save``).
    CONTENT_FIELDS = ("status", "percent", "narrative", "decline_reason")

    class Meta:
        ordering = ["-year", "-quarter", "task"]
        unique_together = [("task", "department", "year", "quarter")]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.task} · {self.department} · {self.year}Q{self.quarter}"

    def save(self, *args, **kwargs):
        """Save; a new report, or a changed statement (``CONTENT_FIELDS``), is a submission: it is dated by the
        platform clock (``filed_on``) and awaits the lead's review again (``plans.dispatch.review``)."""
        from soilgw.core.clock import as_of

        resubmitted = False
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*self.CONTENT_FIELDS).first()
            resubmitted = stored is not None and any(stored[f] != getattr(self, f) for f in self.CONTENT_FIELDS)
        if self.pk is None and self.filed_on is None or resubmitted:
            self.filed_on = as_of()
        if resubmitted:
            self.review_state, self.review_comment = ReviewState.PENDING, ""
            self.reviewed_by, self.reviewed_at = None, None
        if kwargs.get("update_fields") is not None and resubmitted:
            kwargs["update_fields"] = {*kwargs["update_fields"], "filed_on", "review_state", "review_comment",
                                       "reviewed_by", "reviewed_at"}
        super().save(*args, **kwargs)

    def previous_report(self) -> ProgressReport | None:
        """The same department's counted (not returned) report on the task for the quarter before, if any."""
        if not (self.task_id and self.department_id and self.year and self.quarter):
            return None
        year, quarter = (self.year, self.quarter - 1) if self.quarter > 1 else (self.year - 1, 4)
        return ProgressReport.objects.filter(task_id=self.task_id, department_id=self.department_id, year=year,
                                             quarter=quarter).exclude(review_state=ReviewState.RETURNED).first()

    def clean(self) -> None:
        errors = {}
        if self.status == ProgressStatus.COMPLETED and self.percent != 100:
            errors["percent"] = _("A completed task is 100 percent done.")
        if self.status == ProgressStatus.NOT_STARTED and self.percent not in (0, None):
            errors["percent"] = _("A task not started is 0 percent done.")
        if self.year and self.quarter and quarter_is_future(self.year, self.quarter):
            errors["quarter"] = _("A report cannot be filed for a quarter that has not begun.")
        previous = self.previous_report()
        if previous is not None and self.percent is not None and self.percent < previous.percent \
                and not (self.decline_reason or "").strip():
            errors["decline_reason"] = _(
                "Progress is lower than this department's previous quarter (%(previous)s %%): give the reason."
            ) % {"previous": previous.percent}
        if self.task_id and self.department_id and not self.task.roles.filter(
            department_id=self.department_id
        ).exists():
            errors["department"] = _("This department has no role on the task.")
        if errors:
            raise ValidationError(errors)


class QuarterlyReport(models.Model):
    """A generated quarterly report (``plans.quarterly_files.generate``), kept as the snapshot it was.

    ``sha256`` is the file's digest (the same quarter from the same data gives the same bytes); ``as_of`` the
    judging date printed as the generation date; ``rule_versions`` the rule and standard versions it used.
    """

    FORMATS = [("docx", "Word"), ("xlsx", "Excel")]

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    file_format = models.CharField(_("format"), max_length=4, choices=FORMATS)
    title = models.CharField(_("title"), max_length=200)
    as_of = models.DateField(_("judged as of"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size [bytes]"))
    file = models.FileField(_("file"), upload_to="reports/quarterly/", max_length=300)
    rule_versions = models.JSONField(_("rule versions"), default=dict)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("generated by"))
    generated_at = models.DateTimeField(_("generated at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-quarter", "-generated_at", "-pk"]
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter} {self.file_format} {self.sha256[:12]}"

    def get_absolute_url(self) -> str:
        return reverse("plans:report-download", args=[self.pk])

    @property
    def download_name(self) -> str:
        return f"{self.title}.{self.file_format}"


from .obligations.models import Obligation, ObligationStatus  # noqa: E402,F401  the obligation engine's records
