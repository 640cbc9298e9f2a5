"""The quarterly dispatch (季度调度): who must report on a task for a quarter, who has, who is missing or late,
the reminder list, the task's status for the quarter from all required reports, and the lead's review.

Sources: soil plan task 11 (每季度调度分析…及时通报存在问题并督促整改) and the safeguards of both plans
(加强对年度重点任务进展情况的调度通报，对重点工作进度滞后的及时预警、督办).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from soilgw.core.clock import as_of, quarter_bounds
from soilgw.core.models import Department
from soilgw.core.permissions import step_refusal

from .choices import ProgressStatus, ReviewState, TaskRoleKind
from .models import ProgressReport, Task, TaskRole

#: A quarter's reports are due on this day after the quarter ends (Q3 2023 → 2023-10-05). The plans call for
#: quarterly dispatch (soil task 11: 每季度调度; safeguards: 调度通报) but print no reporting day, so this is the
#: platform's convention; change it here when the county's dispatch notice sets another day.
REPORTING_DAYS_AFTER_QUARTER_END = 5

#: Every role on a task must report: the plans name lead (牵头/负责), jointly responsible (按职责分工负责) and
#: cooperating (配合) departments, and every township implements (以下均需各乡镇人民政府负责落实).
REQUIRED_ROLES = (TaskRoleKind.LEAD, TaskRoleKind.JOINT, TaskRoleKind.COOPERATING, TaskRoleKind.IMPLEMENTING)

#: The step name of the review in ``plans.policy`` (who may accept or return a report).
REVIEW_STEP = "review"


def reporting_deadline(year: int, quarter: int) -> dt.date:
    """The last day on which a report for the quarter is on time (``REPORTING_DAYS_AFTER_QUARTER_END``)."""
    return quarter_bounds(year, quarter)[1] + dt.timedelta(days=REPORTING_DAYS_AFTER_QUARTER_END)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    """(year, quarter) of the quarter before."""
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def counts(report: ProgressReport | None) -> bool:
    """True when ``report`` counts as reported: it exists and the lead has not returned it."""
    return report is not None and report.review_state != ReviewState.RETURNED


def derive_status(required: Iterable[int], reports: Mapping[int, ProgressReport]) -> str:
    """A task's status (a ``ProgressStatus`` value) from the counted reports of its required reporters.

    ``required``: department ids; ``reports``: department id → its counted report. Rule: completed only when
    every required reporter reports completed; else delayed when any reports delayed; else in progress when
    any reports progress; else not started. Never the last report alone.
    """
    required = list(required)
    got = [reports[d] for d in required if d in reports]
    if required and len(got) == len(required) and all(r.status == ProgressStatus.COMPLETED for r in got):
        return ProgressStatus.COMPLETED
    if any(r.status == ProgressStatus.DELAYED for r in got):
        return ProgressStatus.DELAYED
    if any(r.status in (ProgressStatus.IN_PROGRESS, ProgressStatus.COMPLETED) for r in got):
        return ProgressStatus.IN_PROGRESS
    return ProgressStatus.NOT_STARTED


@dataclass(frozen=True)
class ReporterLine:
    """One required reporter of a task for a quarter: its role, its report (or None) and whether it is late."""

    department: Department
    role: str
    report: ProgressReport | None
    late: bool

    @property
    def reported(self) -> bool:
        return counts(self.report)

    @property
    def percent(self) -> int:
        """The reported percent; a reporter without a counted report counts as 0."""
        return self.report.percent if self.reported else 0


@dataclass(frozen=True)
class TaskDispatch:
    """The dispatch of one task for one quarter (``task_dispatch``).

    ``status`` is ``derive_status`` over all required reporters; ``percent`` is the lowest percent among them
    (one without a counted report counts as 0: the task is only as far as its least advanced reporter).
    ``late``: reporters whose counted report was filed after ``deadline``, and, once the deadline has passed
    (``today``), those still missing. ``returned`` reports count as missing until resubmitted.
    """

    task: Task
    year: int
    quarter: int
    deadline: dt.date
    today: dt.date
    lines: list[ReporterLine] = field(default_factory=list)

    @property
    def required(self) -> list[Department]:
        return [line.department for line in self.lines]

    @property
    def reported(self) -> list[Department]:
        return [line.department for line in self.lines if line.reported]

    @property
    def missing(self) -> list[Department]:
        return [line.department for line in self.lines if not line.reported]

    @property
    def late(self) -> list[Department]:
        return [line.department for line in self.lines if line.late]

    @property
    def returned(self) -> list[Department]:
        return [line.department for line in self.lines
                if line.report is not None and line.report.review_state == ReviewState.RETURNED]

    @property
    def awaiting_review(self) -> list[ProgressReport]:
        return [line.report for line in self.lines
                if line.report is not None and line.report.review_state == ReviewState.PENDING]

    @property
    def status(self) -> str:
        return derive_status([line.department.pk for line in self.lines],
                             {line.department.pk: line.report for line in self.lines if line.reported})

    @property
    def percent(self) -> int:
        return min((line.percent for line in self.lines), default=0)


def _lines(task: Task, year: int, quarter: int, deadline: dt.date, today: dt.date) -> list[ReporterLine]:
    reports = {r.department_id: r for r in task.reports.all() if (r.year, r.quarter) == (year, quarter)}
    lines = []
    roles = sorted((r for r in task.roles.all() if r.role in REQUIRED_ROLES),
                   key=lambda r: (REQUIRED_ROLES.index(r.role), r.department.order, r.department.pk))
    for role in roles:
        report = reports.get(role.department_id)
        if counts(report):
            late = report.filed_on > deadline
        else:
            late = today > deadline
        lines.append(ReporterLine(department=role.department, role=role.role, report=report, late=late))
    return lines


def dispatch_tasks(year: int, quarter: int):
    """The tasks of ``year``'s plans with their roles and that quarter's reports prefetched."""
    reports = ProgressReport.objects.filter(year=year, quarter=quarter).select_related(
        "department", "reviewed_by", "submitted_by")
    return Task.objects.filter(plan__year=year).select_related("plan").prefetch_related(
        Prefetch("roles", queryset=TaskRole.objects.select_related("department")),
        Prefetch("reports", queryset=reports))


def task_dispatch(task: Task, year: int, quarter: int, today: dt.date | None = None) -> TaskDispatch:
    """Who must report on ``task`` for (``year``, ``quarter``), who has, who is missing and who is late.

    ``today`` defaults to the platform clock (``core.clock.as_of``). Raises ``ValueError`` for a quarter
    outside 1–4. Prefetch ``roles`` and ``reports`` (``dispatch_tasks``) when calling it for many tasks;
    ``reports`` may hold other quarters too, they are filtered here.
    """
    deadline = reporting_deadline(year, quarter)
    today = today or as_of()
    return TaskDispatch(task=task, year=year, quarter=quarter, deadline=deadline, today=today,
                        lines=_lines(task, year, quarter, deadline, today))


def quarter_dispatch(year: int, quarter: int, today: dt.date | None = None,
                     plan: str = "") -> list[TaskDispatch]:
    """``task_dispatch`` of every task of the plans of ``year`` (``plan``: a medium to keep only one plan)."""
    tasks = dispatch_tasks(year, quarter)
    if plan:
        tasks = tasks.filter(plan__medium=plan)
    return [task_dispatch(t, year, quarter, today) for t in tasks]


def reminders(dispatches: Iterable[TaskDispatch]) -> list[tuple[Department, list[TaskDispatch]]]:
    """The reminder list: each department with the tasks it has not (or not acceptably) reported on.

    Returns (department, [dispatches where it is missing]) ordered by department; returned reports included.
    """
    found: dict[int, tuple[Department, list[TaskDispatch]]] = {}
    for d in dispatches:
        for dept in d.missing:
            found.setdefault(dept.pk, (dept, []))[1].append(d)
    return sorted(found.values(), key=lambda x: (x[0].kind == "township", x[0].order, x[0].pk))


def review_refusal(user, report: ProgressReport) -> str | None:
    """Why ``user`` may not review ``report`` (None when allowed): the policy's ``review`` step
    (``plans.policy``: the task's lead or jointly responsible departments, never the person who submitted it)."""
    return step_refusal(user, report, REVIEW_STEP)


def review(report: ProgressReport, user, accept: bool, comment: str = "") -> ProgressReport:
    """Accept or return ``report`` as ``user``, recording who reviewed it and when.

    Raises ``PermissionDenied`` (the policy's reason) when ``user`` may not review it, and ``ValidationError``
    on ``review_comment`` when a report is returned without a comment.
    """
    refusal = review_refusal(user, report)
    if refusal:
        raise PermissionDenied(refusal)
    comment = (comment or "").strip()
    if not accept and not comment:
        raise ValidationError({"review_comment": _("A returned report needs a comment saying what to change.")})
    report.review_state = ReviewState.ACCEPTED if accept else ReviewState.RETURNED
    report.review_comment = comment
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.save()
    return report
