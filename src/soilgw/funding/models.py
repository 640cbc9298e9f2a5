"""The fund project reserve, quarterly allocation and spending, and performance targets (soil task 13).

Soil task 13: 加强土壤污染防治项目储备，确保申报项目的入库率…每季度对下达资金项目进行跟踪调度. A project is
declared to the central or provincial reserve and admitted or not (``declare`` / ``admit`` / ``refuse``; the
admission rate per year is ``admission_rates``); an admitted project gets one ``Disbursement`` per quarter of
its period, each reported through ``Disbursement.report`` (the obligation engine tracks the report's due date).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.clock import quarter_bounds
from soilgw.core.models import Department, RegistryModel, Township

from .choices import ProjectKind, ProjectStatus, ReserveLevel

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}


def _ids(*codes: str) -> set[int]:
    return set(Department.objects.filter(code__in=codes).values_list("pk", flat=True))


def quarters_between(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """``(year, quarter)`` of every calendar quarter that overlaps ``[start, end]``."""
    out, year, quarter = [], start.year, (start.month - 1) // 3 + 1
    while quarter_bounds(year, quarter)[0] <= end:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


class FundProject(RegistryModel):
    """A project of the soil/groundwater project reserve (项目储备库)."""

    code = models.CharField(_("project code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("project type"), max_length=30, choices=ProjectKind.choices)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("township"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("responsible department"))
    pollution_source = models.ForeignKey("groundwater.PollutionSource", on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="+", verbose_name=_("pollution source"))
    mining_waste_site = models.ForeignKey("groundwater.MiningWasteSite", on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="+", verbose_name=_("mining-waste site"))
    implementer = models.CharField(_("implementing unit"), max_length=200, blank=True)
    budget = models.DecimalField(_("total investment [10⁴ yuan]"), **MONEY)
    requested = models.DecimalField(_("funds requested [10⁴ yuan]"), **MONEY)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices,
                              default=ProjectStatus.PROPOSED, editable=False)
    reserve_level = models.CharField(_("reserve"), max_length=20, choices=ReserveLevel.choices, blank=True,
                                     editable=False)
    declared_on = models.DateField(_("declared on"), null=True, blank=True, editable=False)
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True, editable=False)
    decision_note = models.TextField(_("reserve decision"), blank=True, editable=False)

    class Meta:
        ordering = ["-declared_on", "code"]
        verbose_name = _("fund project")
        verbose_name_plural = _("fund projects")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("funding:fund-projects_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The project cannot end before it starts.")
        if self.budget is not None and self.requested is not None and self.requested > self.budget:
            errors["requested"] = _("Funds requested cannot exceed the total investment.")
        if self.admitted_on and self.declared_on and self.admitted_on < self.declared_on:
            errors["admitted_on"] = _("A project is admitted after it is declared.")
        if errors:
            raise ValidationError(errors)

    # ---- workflow ---------------------------------------------------------------------------------------
    def _require(self, *states: str) -> None:
        if self.status not in states:
            raise ValidationError(_("This step is not possible for a project that is: %(s)s.")
                                  % {"s": self.get_status_display()})

    def declare(self, *, declared_on: dt.date, reserve_level: str) -> FundProject:
        """Declare the project to the central or provincial reserve (申报入库)."""
        self._require(ProjectStatus.PROPOSED)
        self.declared_on, self.reserve_level, self.status = declared_on, reserve_level, ProjectStatus.DECLARED
        self.full_clean()
        self.save()
        return self

    @transaction.atomic
    def admit(self, *, admitted_on: dt.date, note: str = "") -> FundProject:
        """Record admission to the reserve; its quarters get their disbursement rows."""
        self._require(ProjectStatus.DECLARED)
        if not (self.starts_on and self.ends_on):
            raise ValidationError({"starts_on": _("Give the project's start and end before admission: the "
                                                  "quarters to report follow from them.")})
        self.admitted_on, self.decision_note, self.status = admitted_on, note, ProjectStatus.ADMITTED
        self.full_clean()
        self.save()
        self.schedule_quarters()
        return self

    def refuse(self, *, decided_on: dt.date, note: str) -> FundProject:
        """Record that the reserve did not admit the project."""
        self._require(ProjectStatus.DECLARED)
        if decided_on < self.declared_on:
            raise ValidationError({"decided_on": _("A project is refused after it is declared.")})
        self.decision_note, self.status = f"{decided_on:%Y-%m-%d} {note}", ProjectStatus.NOT_ADMITTED
        self.save()
        return self

    def complete(self) -> FundProject:
        """Mark the project completed once every quarter is reported."""
        self._require(ProjectStatus.ADMITTED)
        if self.disbursements.filter(reported_on__isnull=True).exists():
            raise ValidationError(_("Every quarter must be reported before the project is completed."))
        self.status = ProjectStatus.COMPLETED
        self.save()
        return self

    def schedule_quarters(self) -> int:
        """Create the missing quarter rows of the project period; returns how many were created."""
        have = set(self.disbursements.values_list("year", "quarter"))
        new = [Disbursement(project=self, year=y, quarter=q) for y, q in quarters_between(self.starts_on, self.ends_on)
               if (y, q) not in have]
        for row in new:
            row.save()  # one by one: the obligation engine follows each save
        return len(new)

    def totals(self) -> dict[str, Decimal]:
        agg = self.disbursements.aggregate(allocated=Sum("allocated"), spent=Sum("spent"))
        return {k: v or Decimal(0) for k, v in agg.items()}


def admission_outcome(status: str) -> str:
    """A declared project's reserve outcome from its ``ProjectStatus``: ``"admitted"`` (admitted or completed),
    ``"not_admitted"``, or ``"pending"`` (no decision yet). The admission rate is admitted / (admitted +
    not admitted) (soil task 13: 确保申报项目的入库率)."""
    if status in (ProjectStatus.ADMITTED, ProjectStatus.COMPLETED):
        return "admitted"
    return "not_admitted" if status == ProjectStatus.NOT_ADMITTED else "pending"


def admission_rates(level: str | None = None) -> list[dict]:
    """Reserve admission rate per declaration year: admitted / decided (admitted + not admitted) [unitless].

    Projects still awaiting a decision are counted as declared but not in the rate's denominator, so a year's
    rate is not lowered by pending decisions. Rows: ``year, level, declared, admitted, not_admitted, pending,
    rate`` (None when nothing was decided).
    """
    qs = FundProject.objects.filter(declared_on__isnull=False)
    if level:
        qs = qs.filter(reserve_level=level)
    rows: dict[tuple, dict] = {}
    for declared_on, lvl, status in qs.values_list("declared_on", "reserve_level", "status"):
        row = rows.setdefault((declared_on.year, lvl), {"year": declared_on.year, "level": lvl, "declared": 0,
                                                         "admitted": 0, "not_admitted": 0, "pending": 0})
        row["declared"] += 1
        row[admission_outcome(status)] += 1
    for row in rows.values():
        decided = row["admitted"] + row["not_admitted"]
        row["rate"] = round(row["admitted"] / decided, 4) if decided else None
    return [rows[k] for k in sorted(rows)]


class Disbursement(RegistryModel):
    """One quarter of a fund project: funds allocated and spent, progress, and the quarterly report."""

    project = models.ForeignKey(FundProject, on_delete=models.CASCADE, related_name="disbursements",
                                verbose_name=_("fund project"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    period_start = models.DateField(_("quarter starts"), editable=False)
    period_end = models.DateField(_("quarter ends"), editable=False)
    allocated = models.DecimalField(_("funds allocated [10⁴ yuan]"), default=0, **MONEY)
    spent = models.DecimalField(_("funds spent [10⁴ yuan]"), default=0, editable=False, **MONEY)
    progress_percent = models.PositiveSmallIntegerField(_("progress [%]"), default=0, editable=False,
                                                        validators=[MaxValueValidator(100)])
    narrative = models.TextField(_("progress report"), blank=True, editable=False)
    reported_on = models.DateField(_("reported on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["project", "year", "quarter"]
        unique_together = [("project", "year", "quarter")]
        verbose_name = _("fund disbursement")
        verbose_name_plural = _("fund disbursements")

    def __str__(self) -> str:
        return f"{self.project.code} {self.year}Q{self.quarter}"

    def get_absolute_url(self) -> str:
        return reverse("funding:fund-disbursements_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.period_start, self.period_end = quarter_bounds(self.year, self.quarter)
        super().save(*args, **kwargs)

    def _earlier(self):
        return Disbursement.objects.filter(project_id=self.project_id).filter(
            models.Q(year__lt=self.year) | models.Q(year=self.year, quarter__lt=self.quarter)).exclude(pk=self.pk)

    def clean(self) -> None:
        errors = {}
        if self.project_id and self.year and self.quarter in (1, 2, 3, 4):
            start, end = quarter_bounds(self.year, self.quarter)
            p = self.project
            if p.starts_on and p.ends_on and (end < p.starts_on or start > p.ends_on):
                errors["quarter"] = _("This quarter lies outside the project period (%(a)s – %(b)s).") % {
                    "a": p.starts_on, "b": p.ends_on}
            before = self._earlier().aggregate(a=Sum("allocated"), s=Sum("spent"))
            allocated = (before["a"] or 0) + (self.allocated or 0)
            spent = (before["s"] or 0) + (self.spent or 0)
            if spent > allocated:
                errors["spent"] = _("Spending to date (%(s)s) exceeds funds allocated to date (%(a)s).") % {
                    "s": spent, "a": allocated}
            if self.reported_on and self.reported_on < start:
                errors["reported_on"] = _("A quarter is reported once it has begun (from %(d)s).") % {"d": start}
            last = self._earlier().filter(reported_on__isnull=False).order_by("-year", "-quarter").first()
            if self.reported_on and last and self.progress_percent < last.progress_percent:
                errors["progress_percent"] = _("Progress cannot fall below the last report (%(p)s%%).") % {
                    "p": last.progress_percent}
        if errors:
            raise ValidationError(errors)

    def report(self, *, reported_on: dt.date, spent, progress_percent: int, narrative: str,
               allocated=None) -> Disbursement:
        """File the quarterly report (季度调度): spending, progress and narrative of this quarter."""
        if self.reported_on is not None:
            raise ValidationError(_("This quarter was already reported on %(d)s.") % {"d": self.reported_on})
        if self.project.status != ProjectStatus.ADMITTED:
            raise ValidationError(_("Only projects admitted to the reserve report quarters."))
        if allocated is not None:
            self.allocated = allocated
        self.reported_on, self.spent = reported_on, spent
        self.progress_percent, self.narrative = progress_percent, narrative
        self.full_clean()
        self.save()
        return self


class PerformanceTarget(RegistryModel):
    """A performance target of a fund project (绩效目标) and what was achieved."""

    project = models.ForeignKey(FundProject, on_delete=models.CASCADE, related_name="targets",
                                verbose_name=_("fund project"))
    indicator = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=3)
    achieved_value = models.DecimalField(_("achieved value"), max_digits=14, decimal_places=3, null=True,
                                         blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)

    class Meta:
        ordering = ["project", "indicator"]
        unique_together = [("project", "indicator")]
        verbose_name = _("performance target")
        verbose_name_plural = _("performance targets")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_value} {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("funding:performance-targets_detail", args=[self.pk])

    def clean(self) -> None:
        if (self.achieved_value is None) != (self.assessed_on is None):
            raise ValidationError({"assessed_on": _("An achieved value is given with the date it was assessed.")})
