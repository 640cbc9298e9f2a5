"""Compute obligations from the rules against the platform clock, and keep them current when data change.

``refresh()`` evaluates every rule (or some) for every subject (or some) and writes the ``Obligation`` rows:
new ones are created, changed ones updated, ones whose rule no longer applies deleted. Status on ``as_of``:
*done* when an evidence record of the required kind is dated within ``[window_start, due]`` (and not after
``as_of``); otherwise *overdue* when ``as_of > due``, else *open*. Evidence dated after the due date is
recorded as late evidence on the overdue obligation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from soilgw.core.clock import as_of as clock_as_of
from soilgw.core.models import Department

from .models import Obligation, ObligationStatus
from .rules import Rule, condition_q, resolve, rules, rules_version

_STATE = threading.local()
#: Fields compared to decide whether a recomputed obligation changed (``as_of`` alone is updated in place).
COMPARED = ["plan_task_id", "what", "clause", "subject_label", "holder_type_id", "holder_id", "holder_label",
            "department_id", "township_id", "window_start", "due", "due_is_default", "status", "evidence_type_id",
            "evidence_id", "evidence_date", "evidence_late", "inputs", "rules_version"]


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)}
    return value


def _relations(rule: Rule) -> list[str]:
    """``select_related`` paths for the relation prefixes of the fields a rule reads."""
    out = set()
    for path in rule.field_paths():
        parts = path.split("__")
        model = rule.model
        for i, name in enumerate(parts):
            f = model._meta.get_field(name)
            if not f.is_relation or not (f.many_to_one or f.one_to_one):
                break
            out.add("__".join(parts[: i + 1]))
            model = f.related_model
    return sorted(out)


def _evidence_index(rule: Rule, on: dt.date, subjects: list) -> dict[tuple, list[tuple[dt.date, int]]]:
    """Evidence records by match key, each list sorted by date: ``{key: [(date, pk), …]}``."""
    dw = rule.done_when
    qs = dw.model._default_manager.filter(**{f"{dw.date_field}__lte": on})
    if dw.where:
        qs = qs.filter(condition_q(dw.where, on))
    ev_fields = list(dw.match)
    if subjects is not None and len(ev_fields) == 1:
        values = {_key_value(resolve(s, dw.match[ev_fields[0]])) for s in subjects}
        qs = qs.filter(**{f"{ev_fields[0]}__in": [v for v in values if v is not None]})
    index: dict[tuple, list] = defaultdict(list)
    for row in qs.values_list(dw.date_field, "pk", *ev_fields):
        index[tuple(row[2:])].append((row[0], row[1]))
    for rows in index.values():
        rows.sort()
    return index


def _key_value(value):
    return value.pk if isinstance(value, models.Model) else value


def evaluate(rule: Rule, obj, on: dt.date, index, context) -> list[Obligation]:
    """The obligations of one subject under one rule, judged on ``on`` (not saved)."""
    department = context["departments"][rule.department]
    holder = resolve(obj, rule.holder) if rule.holder else None
    holder = holder or department
    township = resolve(obj, rule.township) if rule.township else None
    key = tuple(_key_value(resolve(obj, p)) for p in rule.done_when.match.values())
    evidence = index.get(key, [])
    inputs_base = {"fields": {p: _plain(resolve(obj, p)) for p in sorted(rule.field_paths())},
                   "parameters": rule.parameters, "due": rule.raw["due"], "starts": rule.raw.get("starts"),
                   "condition": rule.raw.get("condition"), "done_when": rule.raw["done_when"]}
    inputs_base = json.loads(json.dumps(inputs_base, cls=DjangoJSONEncoder))  # as stored, so it compares equal
    out = []
    for period, due, start in rule.periods(obj, on):
        in_window = [(d, pk) for d, pk in evidence if start is None or d >= start]
        done = next(((d, pk) for d, pk in in_window if d <= due), None)
        late = next(((d, pk) for d, pk in in_window if d > due), None) if done is None else None
        if done is not None:
            status = ObligationStatus.DONE
        else:
            status = ObligationStatus.OVERDUE if on > due else ObligationStatus.OPEN
        found = done or late
        out.append(Obligation(
            rule_id=rule.id, plan_task=context["tasks"].get(rule.plan_task), what=rule.title, clause=rule.clause,
            subject_type=context["ct"](type(obj)), subject_id=obj.pk, subject_label=str(obj)[:300],
            holder_type=context["ct"](type(holder)), holder_id=holder.pk, holder_label=str(holder)[:300],
            department=department, township=township, period=period, window_start=start, due=due,
            due_is_default=rule.due_is_default, status=status,
            evidence_type=context["ct"](rule.done_when.model) if found else None,
            evidence_id=found[1] if found else None, evidence_date=found[0] if found else None,
            evidence_late=late is not None,
            inputs=inputs_base, rules_version=context["version"], as_of=on,
        ))
    return out


def _context() -> dict:
    from ..models import Task

    tasks = {f"{t.plan.code}#{t.number}": t for t in Task.objects.select_related("plan")}
    return {"departments": {d.code: d for d in Department.objects.all()}, "tasks": tasks,
            "ct": ContentType.objects.get_for_model, "version": rules_version()}


def refresh(rule_ids=None, *, on: dt.date | None = None, subject_ids=None) -> dict[str, int]:
    """Recompute obligations; returns counts ``{"created", "updated", "deleted", "open", "done", "overdue"}``.

    Parameters
    ----------
    rule_ids : iterable of str, optional
        Rules to evaluate (default all). An unknown id raises ``KeyError`` listing the known ones.
    on : datetime.date, optional
        Judging date (default ``soilgw.core.clock.as_of()``).
    subject_ids : iterable of int, optional
        Restrict to these primary keys of each rule's ``applies_to`` model.
    """
    on = on or clock_as_of()
    all_rules = rules()
    selected = list(all_rules) if rule_ids is None else list(rule_ids)
    unknown = [r for r in selected if r not in all_rules]
    if unknown:
        raise KeyError(f"unknown rule(s) {unknown}; rules: {', '.join(sorted(all_rules))}")
    context = _context()
    counts = defaultdict(int)
    with transaction.atomic():
        for rid in selected:
            rule = all_rules[rid]
            if rule.department not in context["departments"]:
                continue  # departments not loaded yet: nothing can be assigned
            qs = rule.queryset(on).select_related(*_relations(rule))
            existing = Obligation.objects.filter(rule_id=rid, subject_type=ContentType.objects.get_for_model(rule.model))
            if subject_ids is not None:
                ids = list(subject_ids)
                qs = qs.filter(pk__in=ids)
                existing = existing.filter(subject_id__in=ids)
            subjects = list(qs)
            index = _evidence_index(rule, on, subjects if subject_ids is not None else None)
            old = {(o.subject_id, o.period): o for o in existing}
            new, changed, same = [], [], []
            for obj in subjects:
                for ob in evaluate(rule, obj, on, index, context):
                    counts[str(ob.status)] += 1
                    prev = old.pop((ob.subject_id, ob.period), None)
                    if prev is None:
                        new.append(ob)
                    elif all(getattr(prev, f) == getattr(ob, f) for f in COMPARED):
                        same.append(prev.pk)
                    else:
                        ob.pk = prev.pk  # replaced in place: the obligation keeps its id
                        changed.append(ob)
            # delete + insert is far faster than a many-field bulk_update on SQLite and PostgreSQL alike
            _delete([o.pk for o in old.values()] + [o.pk for o in changed])
            Obligation.objects.bulk_create(changed + new, batch_size=500)
            for i in range(0, len(same), 500):
                Obligation.objects.filter(pk__in=same[i:i + 500]).exclude(as_of=on).update(as_of=on)
            counts["created"] += len(new)
            counts["updated"] += len(changed)
            counts["deleted"] += len(old)
    return dict(counts)


def _delete(pks: list[int]) -> None:
    for i in range(0, len(pks), 500):
        Obligation.objects.filter(pk__in=pks[i:i + 500]).delete()


def ensure_current(on: dt.date | None = None) -> bool:
    """Refresh everything if any obligation was judged on another day than ``on`` (the clock moved on).

    Pages and the API call this so statuses never lag the clock; returns True when it refreshed.
    """
    on = on or clock_as_of()
    if Obligation.objects.exclude(as_of=on).exists():
        refresh(on=on)
        return True
    return False


# ------------------------------------------------------------------------------ recompute when data change

@contextlib.contextmanager
def paused():
    """Suspend the save/delete hooks (bulk imports and loaders call ``refresh`` once at the end)."""
    _STATE.paused = getattr(_STATE, "paused", 0) + 1
    try:
        yield
    finally:
        _STATE.paused -= 1


def _affected(sender, instance, *, as_subject: bool = True) -> list[tuple[str, list[int]]]:
    """``(rule id, subject ids)`` to recompute after ``instance`` changed (as subject and/or as evidence)."""
    out = []
    for rule in rules().values():
        if as_subject and rule.model is sender:
            out.append((rule.id, [instance.pk]))
        if rule.done_when.model is sender:
            lookup = {path: getattr(instance, sender._meta.get_field(ev).attname)
                      for ev, path in rule.done_when.match.items()}
            ids = list(rule.model._default_manager.filter(**lookup).values_list("pk", flat=True))
            if ids:
                out.append((rule.id, ids))
    # obligations that cited this record as evidence (its link may have moved to another subject)
    ct = ContentType.objects.get_for_model(sender)
    cited: dict[str, list[int]] = defaultdict(list)
    for rid, sid in Obligation.objects.filter(evidence_type=ct, evidence_id=instance.pk).values_list(
            "rule_id", "subject_id"):
        cited[rid].append(sid)
    out += [(rid, ids) for rid, ids in cited.items() if rid in rules()]
    return out


def refresh_for(instances, *, on: dt.date | None = None) -> dict[str, int]:
    """Recompute what depends on ``instances`` (saved records of any model), one pass per rule.

    Bulk writers call it once after writing inside ``paused()``.
    """
    pending: dict[str, set[int]] = defaultdict(set)
    for instance in instances:
        for rid, ids in _affected(type(instance), instance):
            pending[rid].update(ids)
    counts: dict[str, int] = defaultdict(int)
    for rid, ids in pending.items():
        for key, value in refresh([rid], on=on, subject_ids=sorted(ids)).items():
            counts[key] += value
    return dict(counts)


def _on_save(sender, instance, raw=False, **kwargs):
    if raw or getattr(_STATE, "paused", 0):
        return
    refresh_for([instance])


def _on_delete(sender, instance, **kwargs):
    if getattr(_STATE, "paused", 0):
        return
    ct = ContentType.objects.get_for_model(sender)
    Obligation.objects.filter(subject_type=ct, subject_id=instance.pk).delete()
    for rid, ids in _affected(sender, instance, as_subject=False):
        refresh([rid], subject_ids=ids)


def connect() -> None:
    """Hook every model the rules read (``applies_to`` and ``done_when``) to recompute on save and delete."""
    senders = {r.model for r in rules().values()} | {r.done_when.model for r in rules().values()}
    for model in senders:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"obligations-save-{model._meta.label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"obligations-delete-{model._meta.label}")
