"""Obligation rules: parse and validate ``plans/data/obligation_rules.yaml``; evaluate conditions and due dates.

The file format is described in ``docs/obligations.md``. Everything is declarative: a condition is a tree of
``all`` / ``any`` / ``not`` over leaves ``{field: path, <op>: value}`` translated into a Django ``Q`` (never
``eval``); a due date is one of ``date``, ``field`` + ``offset``, ``yearly``, ``later_of`` / ``earlier_of``.
A bad rule raises ``RuleError`` naming the rule and the key when the file is loaded (at start), not when
the rule fires.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

RULES_PACKAGE = "soilgw.plans.data"
RULES_FILE = "obligation_rules.yaml"
PLANS_FILE = "action_plans_2023.yaml"
#: Leaf operators of a condition and the Django lookup each becomes.
OPERATORS = {"eq": "exact", "ne": "exact", "in": "in", "gt": "gt", "gte": "gte", "lt": "lt", "lte": "lte",
             "isnull": "isnull"}
AS_OF = "$as_of"
RULE_KEYS = {"id", "plan_task", "clause", "title", "applies_to", "condition", "starts", "due", "due_is_default",
             "default_note", "parameters", "responsible", "done_when"}
REQUIRED_KEYS = ("id", "plan_task", "clause", "title", "applies_to", "due", "responsible", "done_when")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")


class RuleError(ValueError):
    """A rule in the rules file is malformed; the message names the rule and the key."""


@dataclass(frozen=True)
class DoneWhen:
    model: type[models.Model]
    date_field: str
    match: dict[str, str]  # evidence field → subject field path
    where: dict | None


@dataclass(frozen=True)
class Rule:
    """One validated rule (see ``docs/obligations.md``)."""

    id: str
    plan_task: str
    clause: str
    title: str
    model: type[models.Model]
    condition: dict | None
    starts: dict | None
    due: dict
    due_is_default: bool
    default_note: str
    parameters: dict[str, int]
    department: str
    holder: str
    township: str
    done_when: DoneWhen
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @property
    def applies_to(self) -> str:
        return self.model._meta.label

    def queryset(self, as_of: dt.date):
        """Subjects the rule applies to, judged on ``as_of``."""
        qs = self.model._default_manager.all()
        return qs.filter(condition_q(self.condition, as_of)) if self.condition else qs

    def field_paths(self) -> set[str]:
        """Every subject field path the rule reads (for ``select_related`` and the stored inputs)."""
        paths = set(formula_fields(self.due)) | set(formula_fields(self.starts))
        paths |= set(self.done_when.match.values())
        paths |= {p for p in (self.holder, self.township) if p}
        return paths

    def periods(self, obj, as_of: dt.date) -> list[tuple[str, dt.date, dt.date | None]]:
        """``(period, due, window_start)`` of each obligation of ``obj`` that has arisen by ``as_of``."""
        start = evaluate_date(self.starts, obj, self.parameters) if self.starts else None
        if "yearly" in self.due:
            out = []
            spec = self.due["yearly"]
            begin = resolve(obj, spec["active_from"]) if spec.get("active_from") else None
            until = resolve(obj, spec["active_until"]) if spec.get("active_until") else None
            for year in range(spec["from_year"], as_of.year + 1):
                due = dt.date(year, spec["month"], spec["day"])
                window = max(d for d in (dt.date(year, 1, 1), start) if d is not None)
                if (begin is not None and begin > due) or (until is not None and until <= due) or window > as_of:
                    continue
                out.append((str(year), due, window))
            return out
        due = evaluate_date(self.due, obj, self.parameters)
        if due is None or (start is not None and start > as_of):
            return []
        return [("", due, start)]


def resolve(obj, path: str):
    """Follow a ``__``-separated field path from ``obj`` (None if a link is empty)."""
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def condition_q(cond: dict, as_of: dt.date) -> Q:
    """Translate a validated condition into a ``Q``; ``$as_of`` values become ``as_of``."""
    if "all" in cond:
        q = Q()
        for c in cond["all"]:
            q &= condition_q(c, as_of)
        return q
    if "any" in cond:
        q = Q(pk__in=[])
        for c in cond["any"]:
            q |= condition_q(c, as_of)
        return q
    if "not" in cond:
        return ~condition_q(cond["not"], as_of)
    (op, value), = ((k, v) for k, v in cond.items() if k != "field")
    value = as_of if value == AS_OF else value
    q = Q(**{f"{cond['field']}__{OPERATORS[op]}": value})
    return ~q if op == "ne" else q


def _offset(spec: dict | None, params: dict[str, int]) -> relativedelta:
    values = {}
    for unit, v in (spec or {}).items():
        if isinstance(v, str):
            sign = -1 if v.startswith("-") else 1
            v = sign * params[v.lstrip("-")]
        values[unit] = v
    return relativedelta(**values)


def evaluate_date(formula: dict, obj, params: dict[str, int]) -> dt.date | None:
    """Evaluate a single-date formula on ``obj`` (None when a field it needs is empty)."""
    if "date" in formula:
        return formula["date"]
    if "field" in formula:
        base = resolve(obj, formula["field"])
        return None if base is None else base + _offset(formula.get("offset"), params)
    key = "later_of" if "later_of" in formula else "earlier_of"
    dates = [evaluate_date(f, obj, params) for f in formula[key]]
    if any(d is None for d in dates):
        return None
    return max(dates) if key == "later_of" else min(dates)


def formula_fields(formula: dict | None) -> list[str]:
    if not formula:
        return []
    if "field" in formula:
        return [formula["field"]]
    if "yearly" in formula:
        return [formula["yearly"][k] for k in ("active_from", "active_until") if formula["yearly"].get(k)]
    return [p for f in formula.get("later_of", formula.get("earlier_of", [])) for p in formula_fields(f)]


# ---------------------------------------------------------------------------------------------- validation

def _model(label: str, where: str) -> type[models.Model]:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        raise RuleError(f"{where}: unknown model {label!r} (write app_label.Model)") from None


def _field(model: type[models.Model], path: str, where: str) -> models.Field:
    """The field at the end of ``path``; RuleError if any step is not a field."""
    current = model
    f = None
    for i, name in enumerate(str(path).split("__")):
        if current is None:
            raise RuleError(f"{where}: {path!r} goes past a non-relation field")
        try:
            f = current._meta.get_field(name)
        except FieldDoesNotExist:
            names = sorted(x.name for x in current._meta.get_fields())
            raise RuleError(f"{where}: {current._meta.label} has no field {name!r} (fields: {', '.join(names)})") \
                from None
        current = f.related_model if f.is_relation and i < len(path.split("__")) else None
    return f


def _is_date(f: models.Field) -> bool:
    return isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)


def _check_condition(model, cond, where: str) -> None:
    if not isinstance(cond, dict) or not cond:
        raise RuleError(f"{where}: a condition is a mapping (all / any / not / field)")
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        if len(cond) != 1 or not isinstance(cond[key], list) or not cond[key]:
            raise RuleError(f"{where}.{key}: a non-empty list of conditions and nothing else")
        for i, c in enumerate(cond[key]):
            _check_condition(model, c, f"{where}.{key}[{i}]")
        return
    if "not" in cond:
        if len(cond) != 1:
            raise RuleError(f"{where}.not: takes one condition and nothing else")
        _check_condition(model, cond["not"], f"{where}.not")
        return
    ops = [k for k in cond if k != "field"]
    if "field" not in cond or len(ops) != 1 or ops[0] not in OPERATORS:
        raise RuleError(f"{where}: a leaf is {{field: path, OP: value}} with one OP of {', '.join(OPERATORS)}; "
                        f"got keys {sorted(cond)}")
    f = _field(model, cond["field"], where)
    value = cond[ops[0]]
    if ops[0] == "isnull" and not isinstance(value, bool):
        raise RuleError(f"{where}: isnull takes true or false")
    if ops[0] == "in" and not isinstance(value, list):
        raise RuleError(f"{where}: in takes a list")
    if f.choices and ops[0] in ("eq", "ne", "in"):
        allowed = {str(c[0]) for c in f.choices}
        bad = [v for v in (value if isinstance(value, list) else [value]) if str(v) not in allowed]
        if bad:
            raise RuleError(f"{where}: {bad} not among the choices of {cond['field']} ({', '.join(sorted(allowed))})")
    if _is_date(f) and ops[0] != "isnull" and value != AS_OF and not isinstance(value, dt.date):
        raise RuleError(f"{where}: {cond['field']} is a date; compare it with a YYYY-MM-DD date or $as_of")


def _check_offset(spec, params: dict, where: str) -> None:
    if spec is None:
        return
    if not isinstance(spec, dict) or not set(spec) <= {"years", "months", "days"}:
        raise RuleError(f"{where}.offset: a mapping of years / months / days")
    for unit, v in spec.items():
        if isinstance(v, str) and v.lstrip("-") not in params:
            raise RuleError(f"{where}.offset.{unit}: {v!r} names no parameter (parameters: {sorted(params)})")
        if not isinstance(v, (int, str)) or isinstance(v, bool):
            raise RuleError(f"{where}.offset.{unit}: a whole number or a parameter name")


def _check_date_formula(model, formula, params: dict, where: str, *, allow_yearly: bool) -> None:
    kinds = [k for k in ("date", "field", "yearly", "later_of", "earlier_of") if isinstance(formula, dict) and k in formula]
    if len(kinds) != 1:
        raise RuleError(f"{where}: one of date / field (+ offset) / yearly / later_of / earlier_of")
    kind = kinds[0]
    if kind == "date":
        if not isinstance(formula["date"], dt.date) or set(formula) != {"date"}:
            raise RuleError(f"{where}.date: a YYYY-MM-DD date")
    elif kind == "field":
        if not set(formula) <= {"field", "offset"}:
            raise RuleError(f"{where}: field takes only an offset")
        if not _is_date(_field(model, formula["field"], where)):
            raise RuleError(f"{where}: {formula['field']} is not a date field")
        _check_offset(formula.get("offset"), params, where)
    elif kind == "yearly":
        spec = formula["yearly"]
        if not allow_yearly:
            raise RuleError(f"{where}: yearly is allowed only as the whole due formula")
        if not isinstance(spec, dict) or not {"month", "day", "from_year"} <= set(spec) \
                or not set(spec) <= {"month", "day", "from_year", "active_from", "active_until"}:
            raise RuleError(f"{where}.yearly: month, day, from_year (+ active_from / active_until fields)")
        try:
            dt.date(int(spec["from_year"]), spec["month"], spec["day"])
        except (TypeError, ValueError) as exc:
            raise RuleError(f"{where}.yearly: {exc}") from None
        for key in ("active_from", "active_until"):
            if spec.get(key) and not _is_date(_field(model, spec[key], f"{where}.yearly.{key}")):
                raise RuleError(f"{where}.yearly.{key}: {spec[key]} is not a date field")
    else:
        if not isinstance(formula[kind], list) or len(formula[kind]) < 2 or len(formula) != 1:
            raise RuleError(f"{where}.{kind}: a list of at least two date formulas")
        for i, f in enumerate(formula[kind]):
            _check_date_formula(model, f, params, f"{where}.{kind}[{i}]", allow_yearly=False)


@lru_cache(maxsize=1)
def plan_tasks() -> dict[str, str]:
    """``{"<plan code>#<task number>": task text}`` from the plans data file."""
    data = yaml.safe_load((resources.files(RULES_PACKAGE) / PLANS_FILE).read_text(encoding="utf-8"))
    return {f"{p['code']}#{t['number']}": t["text"] for p in data["plans"] for t in p["tasks"]}


def _department_codes() -> set[str]:
    data = yaml.safe_load((resources.files("soilgw.core.data") / "departments.yaml").read_text(encoding="utf-8"))
    return {d["code"] for d in data["departments"]} | {t["code"] for t in data["townships"]}


def parse_rule(raw: dict, departments: set[str]) -> Rule:
    """Validate one rule mapping and return the ``Rule``; ``RuleError`` names the rule and the key."""
    if not isinstance(raw, dict):
        raise RuleError(f"a rule is a mapping, got {raw!r}")
    rid = str(raw.get("id", "?"))
    where = f"rule {rid}"
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    unknown = sorted(set(raw) - RULE_KEYS)
    if missing or unknown:
        raise RuleError(f"{where}: missing {missing} / unknown keys {unknown} (allowed: {sorted(RULE_KEYS)})")
    if not ID_PATTERN.match(rid):
        raise RuleError(f"{where}: id must be lower-case letters, digits and hyphens")
    tasks = plan_tasks()
    if raw["plan_task"] not in tasks:
        raise RuleError(f"{where}.plan_task: {raw['plan_task']!r} is not a task of the plans data "
                        "(write <plan code>#<number>, e.g. jiang-2023-soil#1)")
    if not raw["clause"] or str(raw["clause"]) not in tasks[raw["plan_task"]]:
        raise RuleError(f"{where}.clause: not quoted verbatim from the text of {raw['plan_task']}")
    model = _model(raw["applies_to"], f"{where}.applies_to")
    params = raw.get("parameters") or {}
    if not isinstance(params, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in params.values()):
        raise RuleError(f"{where}.parameters: a mapping of names to whole numbers")
    if raw.get("condition") is not None:
        _check_condition(model, raw["condition"], f"{where}.condition")
    if raw.get("starts") is not None:
        _check_date_formula(model, raw["starts"], params, f"{where}.starts", allow_yearly=False)
    _check_date_formula(model, raw["due"], params, f"{where}.due", allow_yearly=True)
    if raw.get("due_is_default") and not raw.get("default_note"):
        raise RuleError(f"{where}: a platform-default due date needs default_note saying why")
    resp = raw["responsible"]
    if not isinstance(resp, dict) or "department" not in resp or not set(resp) <= {"department", "holder", "township"}:
        raise RuleError(f"{where}.responsible: department (code), optional holder and township field paths")
    if resp["department"] not in departments:
        raise RuleError(f"{where}.responsible.department: unknown department code {resp['department']!r}")
    for key in ("holder", "township"):
        if resp.get(key) and not _field(model, resp[key], f"{where}.responsible.{key}").is_relation:
            raise RuleError(f"{where}.responsible.{key}: {resp[key]} is not a link to a record")
    if resp.get("township") and _field(model, resp["township"], where).related_model._meta.label != "core.Township":
        raise RuleError(f"{where}.responsible.township: {resp['township']} does not lead to core.Township")
    dw = raw["done_when"]
    w = f"{where}.done_when"
    if not isinstance(dw, dict) or not {"model", "date_field", "match"} <= set(dw) \
            or not set(dw) <= {"model", "date_field", "match", "where"}:
        raise RuleError(f"{w}: model, date_field, match (+ where)")
    evidence = _model(dw["model"], f"{w}.model")
    if not _is_date(_field(evidence, dw["date_field"], f"{w}.date_field")):
        raise RuleError(f"{w}.date_field: {dw['date_field']} is not a date field")
    if not isinstance(dw["match"], dict) or not dw["match"]:
        raise RuleError(f"{w}.match: a mapping of evidence field → subject field path")
    for ev_field, subj_path in dw["match"].items():
        _field(evidence, ev_field, f"{w}.match")
        _field(model, subj_path, f"{w}.match")
    if dw.get("where") is not None:
        _check_condition(evidence, dw["where"], f"{w}.where")
    return Rule(id=rid, plan_task=raw["plan_task"], clause=raw["clause"], title=raw["title"], model=model,
                condition=raw.get("condition"), starts=raw.get("starts"), due=raw["due"],
                due_is_default=bool(raw.get("due_is_default")), default_note=raw.get("default_note", ""),
                parameters=params, department=resp["department"], holder=resp.get("holder", ""),
                township=resp.get("township", ""),
                done_when=DoneWhen(evidence, dw["date_field"], dict(dw["match"]), dw.get("where")), raw=raw)


def parse_rules(text: str) -> tuple[dict[str, Rule], str]:
    """Parse and validate the whole rules file; returns ``({id: Rule}, version)``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{RULES_FILE}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(f"{RULES_FILE}: needs a top-level 'rules' list")
    departments = _department_codes()
    rules: dict[str, Rule] = {}
    for raw in data["rules"]:
        rule = parse_rule(raw, departments)
        if rule.id in rules:
            raise RuleError(f"rule {rule.id}: id used twice")
        rules[rule.id] = rule
    version = f"{data.get('version', 0)}:{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    return rules, version


@lru_cache(maxsize=1)
def load_rules() -> tuple[dict[str, Rule], str]:
    """The validated rules of the shipped file (cached) and its version string."""
    return parse_rules((resources.files(RULES_PACKAGE) / RULES_FILE).read_text(encoding="utf-8"))


def rules() -> dict[str, Rule]:
    return load_rules()[0]


def rules_version() -> str:
    return load_rules()[1]
