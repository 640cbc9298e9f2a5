"""The annual evaluation (年度目标任务完成情况评估) of each department and township against its tasks.

Source: groundwater plan safeguards (三) “实行年度目标任务完成情况评估机制，对任务完成情况进行全面总结和评估考核，
对不认真履行职责、采取措施不力、不能按时完成目标和任务的进行专项督察，必要时进行约谈”; soil plan safeguards (五)
(对…重点任务进展严重滞后…按程序实施约谈或督办).

Read from the quarterly dispatch of the year's four quarters (``plans.dispatch``), so "reported", "late" and
"returned" mean exactly what they mean in each quarter's dispatch. A department's task counts as completed
when its latest counted report of the year says completed, and as completed on time when that report was filed
by the task's deadline (``Task.deadline``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from soilgw.core.clock import as_of
from soilgw.core.models import Department

from .choices import ProgressStatus
from .dispatch import quarter_dispatch


@dataclass
class DepartmentEvaluation:
    """One department's or township's year: ``tasks`` (tasks it must report on), ``required`` (task × quarter
    reports due), ``reported`` (counted reports), ``on_time``, ``late`` (filed late, or missing after the
    deadline), ``returned`` (returned and not yet resubmitted), ``completed`` and ``completed_on_time`` (tasks)."""

    department: Department
    tasks: int = 0
    required: int = 0
    reported: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    completed: int = 0
    completed_on_time: int = 0

    @property
    def completion_rate(self) -> float | None:
        """completed / tasks × 100 [%]; None without tasks."""
        return self.completed / self.tasks * 100.0 if self.tasks else None

    @property
    def on_time_rate(self) -> float | None:
        """on-time reports / required reports × 100 [%]; None when nothing was required."""
        return self.on_time / self.required * 100.0 if self.required else None


def evaluate_year(year: int, today: dt.date | None = None) -> list[DepartmentEvaluation]:
    """Each department (then each township) with its year's figures, judged on ``today`` (default the platform
    clock). Departments first, then townships, each in the county's order."""
    today = today or as_of()
    rows: dict[int, DepartmentEvaluation] = {}
    latest: dict[tuple[int, int], tuple] = {}  # (department, task) → (report, task) of the latest counted report
    for quarter in (1, 2, 3, 4):
        for d in quarter_dispatch(year, quarter, today=today):
            for line in d.lines:
                row = rows.setdefault(line.department.pk, DepartmentEvaluation(line.department))
                row.required += 1
                row.reported += line.reported
                row.on_time += line.reported and not line.late
                row.late += line.late
                row.returned += line.report is not None and not line.reported
                key = (line.department.pk, d.task.pk)
                latest.setdefault(key, (None, d.task))
                if line.reported:
                    latest[key] = (line.report, d.task)
    for (dept_pk, _task_pk), (report, task) in latest.items():
        row = rows[dept_pk]
        row.tasks += 1
        if report is not None and report.status == ProgressStatus.COMPLETED:
            row.completed += 1
            row.completed_on_time += report.filed_on <= task.deadline
    return sorted(rows.values(), key=lambda r: (r.department.kind == "township", r.department.order,
                                                r.department.code))
