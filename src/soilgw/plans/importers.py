"""Import of quarterly progress reports from Excel/CSV (townships and bureaus report in spreadsheets)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from soilgw.core.choices import Role
from soilgw.core.imports import ImportKind, Parsed, Problem, check_time, read_sheets, register
from soilgw.core.models import Department
from soilgw.core.permissions import department_ids
from soilgw.core.xlsx import TemplateColumn, template_workbook

from .choices import Medium, ProgressStatus
from .models import ProgressReport, Task, quarter_is_future

#: Accepted headers (Chinese template headers and English names) → field.
COLUMNS = {
    "计划": "plan", "plan": "plan",
    "任务编号": "task_number", "task_number": "task_number",
    "部门": "department", "department": "department",
    "年度": "year", "year": "year",
    "季度": "quarter", "quarter": "quarter",
    "状态": "status", "status": "status",
    "完成比例(%)": "percent", "percent": "percent",
    "进展情况": "narrative", "narrative": "narrative",
}
REQUIRED = ("plan", "task_number", "department", "year", "quarter", "status", "percent")
PLAN_WORDS = {"土壤": Medium.SOIL, "soil": Medium.SOIL, "地下水": Medium.GROUNDWATER,
              "groundwater": Medium.GROUNDWATER}
STATUS_WORDS = {str(label): value for value, label in ProgressStatus.choices} | {
    "未开始": "not_started", "进行中": "in_progress", "已完成": "completed", "滞后": "delayed",
    **{v: v for v in ProgressStatus.values}}


def _int(text: str, lo: int, hi: int) -> int | None:
    try:
        value = int(float(text))
    except ValueError:
        return None
    return value if lo <= value <= hi else None


def parse(path: Path, filename: str, options: dict, user) -> Parsed:
    """Validate every row; a row is a report of one department on one task for one quarter."""
    parsed = Parsed(payload=[])
    allowed = None if user.is_superuser else department_ids(user, Role.EDITOR)
    tasks = {(t.plan.medium, t.number, t.plan.year): t for t in Task.objects.select_related("plan")}
    for sheet, df in read_sheets(path, filename).items():
        head = {COLUMNS.get(str(c).strip(), str(c).strip()): str(c).strip() for c in df.columns}
        df = df.rename(columns=lambda c: COLUMNS.get(str(c).strip(), str(c).strip()))
        missing = [c for c in REQUIRED if c not in df.columns]
        if missing:
            parsed.problems.append(Problem(_("missing column(s): %(columns)s") % {"columns": "、".join(
                next(h for h, f in COLUMNS.items() if f == c) for c in missing)}, filename, sheet))
            continue
        seen = set()
        for i, row in enumerate(df.to_dict("records")):
            check_time()
            where = {"file": filename, "sheet": sheet, "row": i + 2}
            year = _int(row["year"], 2000, 2100)
            quarter = _int(row["quarter"], 1, 4)
            percent = _int(row["percent"], 0, 100)
            medium = PLAN_WORDS.get(row["plan"].strip().lower()) or PLAN_WORDS.get(row["plan"].strip())
            status = STATUS_WORDS.get(row["status"].strip())
            checks = [
                (year is None, "year", _("not a year")),
                (quarter is None, "quarter", _("the quarter must be 1, 2, 3 or 4")),
                (percent is None, "percent", _("the percentage must be a whole number 0–100")),
                (medium is None, "plan", _("unknown plan '%(plan)s'; use 土壤 or 地下水") % {"plan": row["plan"]}),
                (status is None, "status", _("unknown status '%(status)s'; use 未开始/进行中/已完成/滞后")
                 % {"status": row["status"]}),
            ]
            bad = [Problem(reason, column=head[col], **where) for failed, col, reason in checks if failed]
            task = dept = None
            if not bad:
                task = tasks.get((medium, _int(row["task_number"], 1, 99), year))
                if task is None:
                    bad.append(Problem(_("no task %(number)s in the %(year)s %(plan)s plan")
                                       % {"number": row["task_number"], "year": year, "plan": row["plan"]},
                                       column=head["task_number"], **where))
                try:
                    dept = Department.by_name(row["department"])
                except Department.DoesNotExist:
                    bad.append(Problem(_("unknown department '%(name)s'") % {"name": row["department"]},
                                       column=head["department"], **where))
            if task is not None and dept is not None:
                if allowed is not None and dept.pk not in allowed:
                    bad.append(Problem(_("you may only report for your own department"),
                                       column=head["department"], **where))
                elif not task.roles.filter(department=dept).exists():
                    bad.append(Problem(_("%(department)s has no role on this task") % {"department": dept},
                                       column=head["department"], **where))
                key = (task.pk, dept.pk, year, quarter)
                if key in seen:
                    bad.append(Problem(_("the same task, department and quarter twice in this file"), **where))
                seen.add(key)
            if not bad and quarter_is_future(year, quarter):
                bad.append(Problem(_("a report cannot be filed for a quarter that has not begun"),
                                   column=head["quarter"], **where))
            if not bad and status == ProgressStatus.COMPLETED and percent != 100:
                bad.append(Problem(_("a completed task must stand at 100 percent"), column=head["percent"], **where))
            parsed.problems.extend(bad)
            if not bad:
                parsed.payload.append(dict(task=task, department=dept, year=year, quarter=quarter,
                                           status=status, percent=percent, narrative=row.get("narrative", "")))
    parsed.row_count = len(parsed.payload)
    return parsed


def commit(parsed: Parsed, batch, user) -> dict:
    """Create or update the reports (one per task, department and quarter)."""
    created = 0
    for row in parsed.payload:
        key = {k: row[k] for k in ("task", "department", "year", "quarter")}
        values = {k: row[k] for k in ("status", "percent", "narrative")}
        _, new = ProgressReport.objects.update_or_create(**key, defaults={**values, "submitted_by": user})
        created += new
    return {"created": created, "updated": len(parsed.payload) - created}


def template() -> bytes:
    """The Excel template: drop-downs for plan, department, quarter and status, a 填写说明 sheet, one example."""
    from soilgw.core.choices import DepartmentKind
    from soilgw.core.models import Department

    departments = list(Department.objects.order_by("code").values_list("name", flat=True))
    columns = [
        TemplateColumn("计划", "行动计划：土壤或地下水", True, ("土壤", "地下水")),
        TemplateColumn("任务编号", "行动计划中的任务序号（按原文）", True),
        TemplateColumn("部门", "报送进展的部门（全称）", True, departments),
        TemplateColumn("年度", "如 2023", True),
        TemplateColumn("季度", "1–4", True, ("1", "2", "3", "4")),
        TemplateColumn("状态", "任务进展状态", True, ("未开始", "进行中", "已完成", "滞后")),
        TemplateColumn("完成比例(%)", "0–100", True),
        TemplateColumn("进展情况", "本季度完成的工作、存在的问题"),
    ]
    bureau = Department.objects.filter(kind=DepartmentKind.BUREAU).values_list("name", flat=True).first()
    example = ["土壤", "1", bureau or "", "2023", "1", "进行中", "30", "示例：已完成名录更新"]  # task 1: bureau leads
    return template_workbook("季度进展", columns, [example])


register(ImportKind(
    kind="progress_reports",
    label="季度进展报告 / quarterly progress reports",
    parse=parse,
    commit=commit,
    can_import=lambda user, options: bool(user.is_superuser or department_ids(user, Role.EDITOR)),
    template=template,
    description="计划, 任务编号, 部门, 年度, 季度, 状态, 完成比例(%), 进展情况",
))
