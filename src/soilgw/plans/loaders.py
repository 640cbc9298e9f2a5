"""Loader of the 2023 action plans (``plans/data/action_plans_2023.yaml``); idempotent on natural keys."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from soilgw.core.loaders import read_yaml, register_loader
from soilgw.core.models import Department

from .choices import TaskRoleKind
from .models import ActionPlan, Target, Task, TaskDeadline, TaskRole

DEFAULT_DEADLINE_WHAT = "计划年度末（文本未给出日期，平台默认） / plan year end (no date in the text; platform default)"


@register_loader("plans", depends_on=("departments",))
@transaction.atomic
def load_plans() -> str:
    """Create or update the plans, targets, tasks, deadlines and roles; townships implement every task."""
    data = read_yaml("soilgw.plans.data", "action_plans_2023.yaml")
    n_tasks = store_plans(data["plans"])
    return f"{len(data['plans'])} plans, {n_tasks} tasks"


def store_plans(plans: list[dict]) -> int:
    """Create or update ``plans`` (dicts shaped like the curated YAML, as ``plan_text.parse_plans`` returns
    them); townships implement every task. Returns the number of tasks stored. Call inside a transaction."""
    departments = {d.code: d for d in Department.objects.all()}
    townships = [d for d in departments.values() if d.kind == "township"]
    n_tasks = 0
    for p in plans:
        plan, _ = ActionPlan.objects.update_or_create(
            code=p["code"],
            defaults={"title": p["title"], "year": p["year"], "medium": p["medium"],
                      "preamble": p["targets_text"], "source": p["source"],
                      "interpreting_department": departments[p["interpreting_department"]]},
        )
        for order, t in enumerate(p["targets"]):
            Target.objects.update_or_create(plan=plan, order=order, defaults={
                "text": t["text"], "indicator": t["indicator"], "required_value": t["required_value"]})
        year_end = dt.date(p["year"], 12, 31)
        for t in p["tasks"]:
            dated = [dt.date.fromisoformat(d["due"]) for d in t["deadlines"]]
            task, _ = Task.objects.update_or_create(plan=plan, number=t["number"], defaults={
                "section": t["section"], "title": t["title"], "text": t["text"],
                "deadline": max(dated) if dated else year_end,
                "deadline_is_default": not dated})
            n_tasks += 1
            for d in t["deadlines"]:
                TaskDeadline.objects.update_or_create(task=task, what=d["what"], defaults={
                    "due": dt.date.fromisoformat(d["due"]), "quote": d["quote"], "is_default": False})
            if not dated:
                TaskDeadline.objects.update_or_create(task=task, what=DEFAULT_DEADLINE_WHAT, defaults={
                    "due": year_end, "quote": "", "is_default": True})
            for r in t["roles"]:
                TaskRole.objects.update_or_create(task=task, department=departments[r["department"]],
                                                  defaults={"role": r["role"]})
            for town in townships:
                TaskRole.objects.get_or_create(task=task, department=town,
                                               defaults={"role": TaskRoleKind.IMPLEMENTING})
    return n_tasks
