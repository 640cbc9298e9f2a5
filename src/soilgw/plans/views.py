"""Web pages of the plans app: home, task dashboard, task page with the progress form, plan page."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Prefetch
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soilgw.core.clock import as_of
from soilgw.core.models import Department
from soilgw.core.permissions import can_edit, is_internal

from .choices import RESPONSIBLE_ROLES, ProgressStatus, ReviewState, TaskRoleKind, TaskState
from .dispatch import previous_quarter, quarter_dispatch, reporting_deadline, review, review_refusal
from .forms import ProgressReportForm
from .models import ActionPlan, ProgressReport, QuarterlyReport, Task, TaskRole
from .tables import ProgressReportTable, TaskTable

STATE_ORDER = [TaskState.OVERDUE, TaskState.DELAYED, TaskState.NOT_STARTED, TaskState.IN_PROGRESS,
               TaskState.COMPLETED]


def _require_internal(request) -> None:
    if not is_internal(request.user):
        raise PermissionDenied(_("Only members of a department may see the plans' progress."))


def _tasks():
    return Task.objects.select_related("plan").prefetch_related(
        Prefetch("roles", queryset=TaskRole.objects.select_related("department")), "reports")


def _rows(tasks, today):
    rows = []
    for task in tasks:
        state = task.state(today)
        rows.append({
            "task": task, "plan_label": task.plan.get_medium_display(), "number": task.number,
            "title": task.title, "url": task.get_absolute_url(),
            "lead": "、".join(r.department.name for r in task.roles.all() if r.role in RESPONSIBLE_ROLES),
            "deadline": task.deadline, "deadline_is_default": task.deadline_is_default,
            "state_code": state, "state": TaskState(state).label, "reports": len(task.reports.all()),
        })
    rows.sort(key=lambda r: (STATE_ORDER.index(r["state_code"]), r["deadline"], r["task"].plan.medium, r["number"]))
    return rows


@login_required
def home(request):
    """Targets of the plans, task status counts, overdue items and links to every area."""
    _require_internal(request)
    today = as_of()
    rows = _rows(_tasks(), today)
    counts = Counter(r["state_code"] for r in rows)
    return render(request, "plans/home.html", {
        "plans": ActionPlan.objects.prefetch_related("targets"),
        "counts": [(TaskState(s).label, s, counts.get(s, 0)) for s in STATE_ORDER],
        "overdue": [r for r in rows if r["state_code"] == TaskState.OVERDUE],
        "today": today, "total": len(rows),
    })


@login_required
def dashboard(request):
    """Task dashboard: every task overdue first, then counts by department and by township."""
    _require_internal(request)
    today = as_of()
    tasks = _tasks()
    plan = request.GET.get("plan", "")
    dept_code = request.GET.get("department", "")
    if plan:
        tasks = tasks.filter(plan__medium=plan)
    if dept_code:
        tasks = tasks.filter(roles__department__code=dept_code).distinct()
    rows = _rows(tasks, today)
    by_dept: dict[Department, Counter] = defaultdict(Counter)
    for row in rows:
        for role in row["task"].roles.all():
            if role.role != TaskRoleKind.IMPLEMENTING:
                by_dept[role.department][row["state_code"]] += 1
    townships = Department.objects.filter(kind="township")
    reports = Counter(ProgressReport.objects.filter(department__kind="township").values_list("department", flat=True))
    # The quarter offered by default is the last one ended (the one being dispatched now).
    report_year, report_quarter = previous_quarter(today.year, (today.month - 1) // 3 + 1)
    dispatches = quarter_dispatch(report_year, report_quarter, today=today, plan=plan)
    return render(request, "plans/dashboard.html", {
        "late": late_list(dispatches), "deadline": reporting_deadline(report_year, report_quarter),
        "table": TaskTable(rows), "today": today, "plan": plan, "department": dept_code,
        "departments": Department.objects.exclude(kind="township"),
        "states": STATE_ORDER, "state_labels": [TaskState(s).label for s in STATE_ORDER],
        "by_dept": sorted(((d, [c.get(s, 0) for s in STATE_ORDER]) for d, c in by_dept.items()),
                          key=lambda x: (-x[1][0], x[0].order)),
        "by_township": [(t, reports.get(t.pk, 0)) for t in townships],
        "can_report": can_see_reports(request.user),
        "report_year": report_year, "report_quarter": report_quarter, "quarters": (1, 2, 3, 4),
        "stored_reports": QuarterlyReport.objects.select_related("generated_by")[:20],
    })


def late_list(dispatches) -> list[dict]:
    """Who is late for the dispatched quarter: each department or township with a late line (filed after the
    deadline, or still missing once it has passed), its late tasks and whether a report was returned
    (``plans.dispatch``), departments before townships."""
    found: dict[int, dict] = {}
    for d in dispatches:
        for line in d.lines:
            if line.late:
                row = found.setdefault(line.department.pk, {"department": line.department, "tasks": []})
                row["tasks"].append({"task": d.task, "filed": line.reported,
                                     "returned": line.report is not None and not line.reported})
    return sorted(found.values(), key=lambda r: (r["department"].kind == "township", r["department"].order,
                                                 r["department"].code))


@login_required
def task_detail(request, pk: int):
    """A task: its text, roles, deadlines and reports, and the form to file a quarterly report."""
    _require_internal(request)
    task = get_object_or_404(_tasks().prefetch_related("deadlines"), pk=pk)
    form = ProgressReportForm(task=task, user=request.user)
    if request.method == "POST":
        form = ProgressReportForm(request.POST, task=task, user=request.user)
        if not form.fields["department"].queryset.exists():
            raise PermissionDenied(_("You may not report on this task."))
        if form.is_valid():
            report = form.save(commit=False)
            report.submitted_by = request.user
            report.save()
            messages.success(request, _("Progress report filed."))
            return redirect(task.get_absolute_url())
    reports = ProgressReport.objects.filter(task=task).select_related("department", "submitted_by", "task__plan")
    reviewable = [r for r in reports if r.review_state == ReviewState.PENDING and review_refusal(request.user, r) is None]
    return render(request, "plans/task.html", {
        "reviewable": reviewable,
        "task": task, "state": TaskState(task.state(as_of())).label,
        "roles": task.roles.all(), "form": form if form.fields["department"].queryset.exists() else None,
        "reports": ProgressReportTable(reports), "can_edit": can_edit(request.user, task),
        "statuses": ProgressStatus,
    })


@login_required
def plan_detail(request, code: str):
    _require_internal(request)
    plan = get_object_or_404(ActionPlan.objects.prefetch_related("targets"), code=code)
    rows = _rows(_tasks().filter(plan=plan), as_of())
    return render(request, "plans/plan.html", {"plan": plan, "table": TaskTable(rows)})


@login_required
@require_POST
def report_review(request, pk: int):
    """The lead accepts or returns a quarterly report (``plans.dispatch.review``: the policy's ``review`` step;
    a return needs a comment). Back to the task page with the outcome as a message."""
    _require_internal(request)
    report = get_object_or_404(ProgressReport.objects.select_related("task"), pk=pk)
    try:
        review(report, request.user, accept=request.POST.get("decision") == "accept",
               comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Report accepted.") if report.review_state == ReviewState.ACCEPTED
                         else _("Report returned to %(department)s.") % {"department": report.department.name})
    return redirect(report.task.get_absolute_url())


def can_see_reports(user) -> bool:
    """Who may generate and download quarterly reports: whoever may see the plans' progress (department
    members and superusers); the report gathers every area's internal records."""
    return is_internal(user)


@login_required
@require_POST
def quarterly_report(request):
    """Generate the quarterly report (Word or Excel) for the posted year and quarter, store it, download it."""
    if not can_see_reports(request.user):
        raise PermissionDenied(_("Only members of a department may generate the quarterly report."))
    from .quarterly_files import generate

    try:
        year, quarter = int(request.POST.get("year", "")), int(request.POST.get("quarter", ""))
        if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
            raise ValueError
        stored, _data = generate(year, quarter, request.POST.get("format", "docx"), user=request.user)
    except ValueError:
        return HttpResponseBadRequest(_("Give a year, a quarter (1–4) and the format docx or xlsx."))
    return redirect(stored.get_absolute_url())


@login_required
def report_download(request, pk: int):
    """A stored quarterly report, as it was generated."""
    if not can_see_reports(request.user):
        raise PermissionDenied(_("Only members of a department may download the quarterly report."))
    from .quarterly_files import CONTENT_TYPES

    stored = get_object_or_404(QuarterlyReport, pk=pk)
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.download_name,
                        content_type=CONTENT_TYPES[stored.file_format])


def _plan_year(today) -> int:
    """The year a yearly page opens on: the latest plan year up to the clock's year (the plans are the
    measure of the year), else the clock's year."""
    latest = ActionPlan.objects.filter(year__lte=today.year).aggregate(latest=Max("year"))["latest"]
    return latest or today.year


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        year = default
    return year if 2000 <= year <= 2100 else default


@login_required
def kpi_table(request):
    """The KPIs (``plans.kpis``) of a year (``?year=``, default :func:`_plan_year`), each quarter's value
    linking to the records it counts."""
    _require_internal(request)
    from .kpis import KPIS, drill_url, value

    today = as_of()
    year = _year(request, _plan_year(today))
    rows = [(k, [(value(k, year, q, today), drill_url(k, year, q)) for q in (1, 2, 3, 4)]) for k in KPIS]
    return render(request, "plans/kpis.html", {"rows": rows, "year": year, "today": today, "quarters": (1, 2, 3, 4)})


@login_required
def kpi_records(request, key: str, year: int, quarter: int):
    """The records one KPI value reads, counted ones first; 404 for an unknown KPI or quarter."""
    _require_internal(request)
    from .kpis import kpi, value

    try:
        v = value(kpi(key), year, quarter, as_of())
    except (KeyError, ValueError) as exc:
        raise Http404(str(exc)) from exc
    records = sorted(v.records, key=lambda r: not r.counted)
    return render(request, "plans/kpi_records.html", {"v": v, "records": records})


@login_required
def evaluation(request):
    """The annual evaluation (``plans.evaluation``) of a year (``?year=``, default :func:`_plan_year`)."""
    _require_internal(request)
    from .evaluation import evaluate_year

    today = as_of()
    year = _year(request, _plan_year(today))
    rows = evaluate_year(year, today)
    return render(request, "plans/evaluation.html", {
        "year": year, "today": today, "departments": [r for r in rows if r.department.kind != "township"],
        "townships": [r for r in rows if r.department.kind == "township"]})
