"""The land-action gate engine: rules as data (``data/gate_rules.yaml``), facts computed here, every answer
logged as a ``LandActionCheck`` with its inputs and the rules version (DESIGN "Rules").

A rule applies when the action is one of its ``actions`` (all when omitted) and every ``when`` condition holds;
``block`` rules give reasons (the action is not allowed), ``warn`` rules give warnings. Conditions compare a
named fact with ``is`` (equality), ``in`` (membership) or ``nonempty``; nothing in the file is executed.
"""

from __future__ import annotations

import hashlib
import math
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from django.conf import settings

from . import geo
from .choices import INVESTIGATION_STAGES, Action, CheckSource, Conclusion, Stage
from .models import LandActionCheck, LandUseCode, Site

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "is": lambda fact, value: fact == value,
    "in": lambda fact, value: fact in value,
    "nonempty": lambda fact, value: bool(fact) == bool(value),
}
EFFECTS = ("block", "warn")
RULES_FILE = "gate_rules.yaml"


class RuleFileError(ValueError):
    """The rules file is malformed (names the rule and the problem)."""


@dataclass
class Context:
    """What a check is about. ``site`` is None for a parcel without a site record."""

    site: Site | None
    action: str
    code: LandUseCode
    proposed_use: str
    parcel_code: str
    for_remediation: bool = False
    parameters: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------- facts
def _investigation_state(site: Site | None) -> tuple[bool, list[str]]:
    """(done, missing steps): an accepted investigation and, if it found values above screening, an accepted
    risk assessment (soil task 8)."""
    if site is None:
        return False, ["site record", "investigation"]
    inv = site.latest(*INVESTIGATION_STAGES)
    if inv is None:
        return False, ["investigation"]
    if inv.conclusion == Conclusion.NEGLIGIBLE or site.latest(Stage.RISK_ASSESSMENT) is not None:
        return True, []
    return False, ["risk assessment"]


def _targets_pending(site: Site | None) -> bool:
    """Targets of an accepted risk assessment set and not yet confirmed met by an accepted evaluation."""
    if site is None:
        return False
    ra = site.latest(Stage.RISK_ASSESSMENT)
    if ra is None or ra.conclusion != Conclusion.UNACCEPTABLE:
        return False
    ev = site.latest(Stage.EVALUATION)
    met = ev is not None and ev.conclusion == Conclusion.TARGETS_MET and ev.completed_on >= ra.completed_on
    return not met


def nearby_sites(site: Site | None, distance_m: float, stages: list[str]) -> list[dict]:
    """Sites at ``stages`` within ``distance_m`` [m] of ``site`` (EPSG:4546), nearest first."""
    if site is None or not site.geometry:
        return []
    dlat = distance_m / 111_000.0
    dlon = dlat / max(math.cos(math.radians((site.min_lat + site.max_lat) / 2)), 0.01)
    candidates = Site.objects.filter(stage__in=stages, geometry__isnull=False,
                                     min_lon__lte=site.max_lon + dlon, max_lon__gte=site.min_lon - dlon,
                                     min_lat__lte=site.max_lat + dlat, max_lat__gte=site.min_lat - dlat
                                     ).exclude(pk=site.pk)
    found = []
    for other in candidates:
        d = geo.distance_m(site.geometry, other.geometry)
        if d <= distance_m:
            found.append({"site": other.parcel_code, "site_id": other.pk, "distance_m": round(d, 1)})
    return sorted(found, key=lambda f: f["distance_m"])


def _original_sensitive(site: Site | None) -> bool:
    return bool(site and site.current_use_id and site.current_use.sensitive_use)


FACTS: dict[str, Callable[[Context], Any]] = {
    "action": lambda c: c.action,
    "parcel_code": lambda c: c.parcel_code,
    "proposed_use": lambda c: str(c.code),
    "proposed_sensitive": lambda c: c.code.sensitive_use,
    "proposed_group": lambda c: c.code.group,
    "site_exists": lambda c: c.site is not None,
    "on_register": lambda c: bool(c.site and c.site.on_register),
    "original_use_sensitive": lambda c: _original_sensitive(c.site),
    "investigation_done": lambda c: _investigation_state(c.site)[0],
    "missing_steps": lambda c: ", ".join(_investigation_state(c.site)[1]),
    "targets_pending": lambda c: _targets_pending(c.site),
    "for_remediation": lambda c: c.for_remediation,
    "industry": lambda c: c.site.get_industry_display() if c.site else "",
    "heavily_polluted_heavy_industry": lambda c: bool(c.site and c.site.heavily_polluted and c.site.heavy_industry),
    "nearby_remediation_sites": lambda c: nearby_sites(c.site, c.parameters["w1_distance_m"],
                                                       c.parameters["w1_stages"]),
    "w1_distance_m": lambda c: c.parameters["w1_distance_m"],
}


# ---------------------------------------------------------------------------------------------- rules
def validate_rules(data: dict) -> list[dict]:
    """Check a parsed rules file; return its rules. Raises ``RuleFileError`` naming the rule."""
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, list) or not rules:
        raise RuleFileError("the rules file has no 'rules' list")
    seen = set()
    for i, rule in enumerate(rules):
        rid = rule.get("id") or f"#{i + 1}"
        for key in ("id", "task", "clause", "effect", "message"):
            if not rule.get(key):
                raise RuleFileError(f"rule {rid}: missing {key}")
        if rid in seen:
            raise RuleFileError(f"rule {rid}: id used twice")
        seen.add(rid)
        if rule["effect"] not in EFFECTS:
            raise RuleFileError(f"rule {rid}: effect must be one of {', '.join(EFFECTS)}")
        bad = [a for a in rule.get("actions", []) if a not in Action.values]
        if bad:
            raise RuleFileError(f"rule {rid}: unknown action(s) {', '.join(bad)}; valid: {', '.join(Action.values)}")
        for cond in rule.get("when", []):
            if cond.get("fact") not in FACTS:
                raise RuleFileError(f"rule {rid}: unknown fact {cond.get('fact')!r}; valid: {', '.join(FACTS)}")
            ops = [k for k in cond if k != "fact"]
            if len(ops) != 1 or ops[0] not in OPERATORS:
                raise RuleFileError(f"rule {rid}: a condition needs exactly one of {', '.join(OPERATORS)}")
        if rule.get("each") and rule["each"] not in FACTS:
            raise RuleFileError(f"rule {rid}: unknown fact {rule['each']!r} in each")
    return rules


@lru_cache(maxsize=1)
def load_rules() -> tuple[list[dict], dict, str]:
    """(rules, parameters, version) from the shipped file; version is the file's sha256 prefix."""
    text = (resources.files("soilgw.sites.data") / RULES_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return validate_rules(data), dict(data.get("parameters") or {}), hashlib.sha256(text.encode()).hexdigest()[:12]


def parameters() -> dict:
    """Rule parameters: the file's platform defaults, overridden by settings."""
    params = dict(load_rules()[1])
    override = getattr(settings, "SOILGW_SITES_W1_DISTANCE_M", None)
    if override is not None:
        params["w1_distance_m"] = float(override)
    return params


class _Facts(dict):
    """Facts computed on first use; ``used`` keeps those a decision read (stored with the answer)."""

    def __init__(self, ctx: Context):
        super().__init__()
        self.ctx = ctx

    def __missing__(self, name: str):
        value = FACTS[name](self.ctx)
        self[name] = value
        return value


def evaluate(ctx: Context, rules: list[dict]) -> tuple[list[dict], list[dict], dict]:
    """Apply ``rules`` to ``ctx``: (reasons, warnings, facts used)."""
    facts = _Facts(ctx)
    reasons, warnings = [], []
    for rule in rules:
        if rule.get("actions") and ctx.action not in rule["actions"]:
            continue
        if not all(OPERATORS[op](facts[c["fact"]], c[op]) for c in rule.get("when", [])
                   for op in c if op != "fact"):
            continue
        items = facts[rule["each"]] if rule.get("each") else [{}]
        for item in items:
            fields = {name: facts[name] for name in _fields(rule["message"]) if name in FACTS and name not in item}
            entry = {"rule": rule["id"], "task": rule["task"], "clause": rule["clause"],
                     "message": rule["message"].format(**fields, **item), **item}
            (reasons if rule["effect"] == "block" else warnings).append(entry)
    return reasons, warnings, dict(facts)


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def check(site: Site | None, action: str, proposed_use: str, *, parcel_code: str = "", user=None,
          source: str = CheckSource.API, for_remediation: bool = False) -> LandActionCheck:
    """Answer whether ``action`` for ``proposed_use`` is allowed on ``site`` and log the answer.

    Raises ``ValueError`` for an unknown action or land use (nothing is logged then).
    """
    if action not in Action.values:
        raise ValueError(f"unknown action {action!r}; valid: {', '.join(Action.values)}")
    code = LandUseCode.resolve(proposed_use)
    rules, _, version = load_rules()
    ctx = Context(site=site, action=action, code=code, proposed_use=proposed_use,
                  parcel_code=site.parcel_code if site else parcel_code, for_remediation=for_remediation,
                  parameters=parameters())
    reasons, warnings, facts = evaluate(ctx, rules)
    facts["w1_distance_m"] = ctx.parameters["w1_distance_m"]
    return LandActionCheck.objects.create(
        site=site, parcel_code=ctx.parcel_code, action=action, proposed_use=proposed_use, proposed_code=code,
        allowed=not reasons, reasons=reasons, warnings=warnings, facts=facts, rules_version=version,
        source=source, checked_by=user if getattr(user, "is_authenticated", False) else None)
