"""Who lags and how far their escalation has gone: overdue township milestones, overdue or delayed plan tasks and
obligations past due, each with the warnings (预警), supervision orders (督办) and summons interviews (约谈) already
issued and the next rung to raise.

Sources: groundwater plan safeguards (三) “对重点工作进度滞后的及时预警、督办…必要时进行约谈”; soil plan safeguards (五)
“对…重点任务进展严重滞后…按程序实施约谈或督办”. The ladder's order (warning, then order, then interview) is the
platform's reading of “及时预警、督办…必要时进行约谈”: each rung is a ``Summons`` record saying who, when and what
happened, and its follow-up is the ``SummonsCommitment`` s made at it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlencode

from django.urls import reverse

from soilgw.plans.choices import RESPONSIBLE_ROLES, TaskState
from soilgw.plans.models import Task
from soilgw.plans.obligations.models import Obligation, ObligationStatus

from .choices import SummonsKind, SummonsReason
from .models import PlanMilestone, Summons, SummonsCommitment

#: The escalation ladder, mildest first.
LADDER = (SummonsKind.WARNING, SummonsKind.ORDER, SummonsKind.INTERVIEW)


def next_rung(issued: Iterable[str]) -> str | None:
    """The ``SummonsKind`` to raise after the kinds already ``issued`` for one lag: the rung above the highest
    issued (a warning when none was); None once a summons interview has been held."""
    top = max((LADDER.index(k) for k in issued if k in LADDER), default=-1)
    return LADDER[top + 1] if top + 1 < len(LADDER) else None


def raise_url(kind: str, department, reason: str, **links) -> str:
    """The summons form prefilled with ``kind``, the ``department`` summoned, the ``reason`` and the lagging
    ``task`` or ``milestone`` (ids); the issuing department and what happened are left to the person raising it."""
    params = {"kind": kind, "department": department.pk, "reason": reason,
              **{k: v.pk for k, v in links.items() if v is not None}}
    return f"{reverse('enforcement:summons_create')}?{urlencode(params)}"


def _escalation(summons: list, department, reason: str, **links) -> dict:
    issued = [s for s in summons if s.department_id == department.pk and s.reason == reason
              and all(getattr(s, f"{k}_id") == v.pk for k, v in links.items())]
    rung = next_rung(s.kind for s in issued)
    return {"department": department, "issued": issued,
            "next": SummonsKind(rung) if rung else None,
            "raise_url": raise_url(rung, department, reason, **links) if rung else ""}


def lagging(on: dt.date) -> dict[str, list]:
    """What lags on ``on`` and its escalation so far.

    Returns ``milestones`` (overdue milestones, each ``{"milestone", "escalation"}``), ``tasks`` (overdue or
    delayed tasks: ``{"task", "state", "escalations": [one per responsible department]}``), ``obligations``
    (per supervising department, obligations past due and not done on ``on``: ``{"department", "overdue",
    "escalation"}``, escalated for duties not performed), ``summons`` (the
    latest 50) and ``commitments`` (past due and not fulfilled by ``on``). An escalation is ``{"department",
    "issued": [Summons…], "next": SummonsKind | None, "raise_url"}``.
    """
    summons = list(Summons.objects.select_related("department", "task", "milestone").order_by("held_on", "pk"))
    milestones = []
    for m in (PlanMilestone.objects.select_related("township_plan__township__department", "task__plan")
              .filter(due_on__lt=on)):
        if m.state(on) == "overdue":
            milestones.append({"milestone": m, "escalation": _escalation(
                summons, m.township_plan.township.department, SummonsReason.MILESTONE_OVERDUE, milestone=m)})
    tasks = []
    for task in Task.objects.select_related("plan").prefetch_related("roles__department", "reports"):
        state = task.state(on)
        if state in (TaskState.OVERDUE, TaskState.DELAYED):
            tasks.append({"task": task, "state": TaskState(state).label, "escalations": [
                _escalation(summons, r.department, SummonsReason.TASK_OVERDUE, task=task)
                for r in task.roles.all() if r.role in RESPONSIBLE_ROLES]})
    overdue = Counter()
    departments = {}
    for o in Obligation.objects.filter(due__lt=on).exclude(status=ObligationStatus.DONE).select_related("department"):
        overdue[o.department_id] += 1
        departments[o.department_id] = o.department
    obligations = [{"department": dept, "overdue": overdue[pk],
                    "escalation": _escalation(summons, dept, SummonsReason.DUTY_NOT_PERFORMED)}
                   for pk, dept in sorted(departments.items(), key=lambda x: (x[1].order, x[1].code))]
    commitments = (SummonsCommitment.objects.select_related("summons__department").filter(due_on__lt=on)
                   .exclude(fulfilled_on__lte=on).order_by("due_on"))
    return {"milestones": milestones, "tasks": tasks, "obligations": obligations,
            "summons": list(reversed(summons))[:50],
            "commitments": list(commitments)}
