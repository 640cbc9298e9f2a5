"""Who lags: overdue township milestones and overdue plan tasks, as candidates for a summons or order."""

from __future__ import annotations

import datetime as dt

from soilgw.plans.choices import RESPONSIBLE_ROLES, TaskState
from soilgw.plans.models import Task

from .models import PlanMilestone, Summons, SummonsCommitment


def lagging(on: dt.date) -> dict[str, list]:
    """Overdue milestones, overdue or delayed tasks with their responsible departments, summons so far and
    summons commitments past their due date and not fulfilled by ``on``."""
    milestones = [m for m in PlanMilestone.objects.select_related("township_plan__township", "task__plan")
                  .filter(due_on__lt=on) if m.state(on) == "overdue"]
    tasks = []
    for task in Task.objects.select_related("plan").prefetch_related("roles__department", "reports"):
        state = task.state(on)
        if state in (TaskState.OVERDUE, TaskState.DELAYED):
            tasks.append({"task": task, "state": TaskState(state).label,
                          "departments": [r.department for r in task.roles.all() if r.role in RESPONSIBLE_ROLES]})
    summons = Summons.objects.select_related("department", "task", "milestone").order_by("-held_on")[:50]
    commitments = (SummonsCommitment.objects.select_related("summons__department").filter(due_on__lt=on)
                   .exclude(fulfilled_on__lte=on).order_by("due_on"))
    return {"milestones": milestones, "tasks": tasks, "summons": summons, "commitments": list(commitments)}
