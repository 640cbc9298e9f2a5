"""The rule file: every rule cites a task that exists in the plans data and quotes it; bad rules fail at load."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from soilgw.plans.models import Task
from soilgw.plans.obligations.rules import RuleError, load_rules, parse_rules, rules


@pytest.mark.django_db
def test_every_rule_cites_a_loaded_plan_task_and_quotes_its_text(county):
    tasks = {f"{t.plan.code}#{t.number}": t for t in Task.objects.select_related("plan")}
    for rule in rules().values():
        assert rule.plan_task in tasks, rule.id
        assert rule.clause in tasks[rule.plan_task].text, rule.id


def test_clauses_are_in_the_seed(shared):
    seed = "".join((shared / "seed").glob("*.txt").__next__().read_text(encoding="utf-8").split())
    for rule in rules().values():
        assert "".join(rule.clause.split()) in seed, rule.id


def test_platform_defaults_say_so():
    for rule in rules().values():
        if rule.due_is_default:
            assert rule.default_note, rule.id
    assert rules()["demolition-plan-before-start"].parameters == {"lead_days": 15}


GOOD = {
    "id": "test-rule", "plan_task": "jiang-2023-soil#1", "clause": "及时做好拆除活动总结报告", "title": "t",
    "applies_to": "enterprises.Demolition", "due": {"field": "ended_on", "offset": {"days": 30}},
    "responsible": {"department": "eeb", "holder": "enterprise", "township": "enterprise__township"},
    "done_when": {"model": "enterprises.DutyRecord", "match": {"enterprise": "enterprise"},
                  "where": {"field": "kind", "eq": "demolition_report"}, "date_field": "date"},
}


def _parse(**changes):
    rule = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            rule.pop(key)
        else:
            rule[key] = value
    return parse_rules(yaml.safe_dump({"version": 1, "rules": [rule]}, allow_unicode=True))


@pytest.mark.django_db
def test_a_good_rule_parses():
    parsed, version = _parse()
    assert parsed["test-rule"].due == {"field": "ended_on", "offset": {"days": 30}} and version.startswith("1:")


@pytest.mark.parametrize("changes, message", [
    ({"plan_task": "jiang-2023-groundwater#2"}, "not a task of the plans data"),
    ({"clause": "凭空编造的条文"}, "not quoted verbatim"),
    ({"applies_to": "enterprises.Nothing"}, "unknown model"),
    ({"due": {"field": "description"}}, "not a date field"),
    ({"due": {"field": "ended_on", "offset": {"days": "lead"}}}, "names no parameter"),
    ({"due": {"later_of": [{"yearly": {"month": 12, "day": 31, "from_year": 2024}}, {"date": dt.date(2024, 1, 1)}]}},
     "yearly is allowed only"),
    ({"due": {"yearly": {"month": 2, "day": 30, "from_year": 2024}}}, "day is out of range"),
    ({"condition": {"field": "colour", "eq": 1}}, "has no field 'colour'"),
    ({"condition": {"field": "ended_on", "like": 1}}, "one OP of"),
    ({"condition": {"field": "ended_on", "gte": "soon"}}, "is a date"),
    ({"done_when": {**GOOD["done_when"], "where": {"field": "kind", "eq": "bribe"}}}, "not among the choices"),
    ({"done_when": {**GOOD["done_when"], "date_field": "scope"}}, "not a date field"),
    ({"responsible": {"department": "nobody"}}, "unknown department code"),
    ({"responsible": {"department": "eeb", "township": "enterprise"}}, "does not lead to core.Township"),
    ({"due_is_default": True}, "needs default_note"),
    ({"title": None}, "missing \\['title'\\]"),
    ({"colour": "red"}, "unknown keys \\['colour'\\]"),
])
@pytest.mark.django_db
def test_bad_rules_fail_at_load_naming_rule_and_key(changes, message):
    with pytest.raises(RuleError, match=message) as info:
        _parse(**changes)
    assert "test-rule" in str(info.value)


@pytest.mark.django_db
def test_duplicate_ids_fail():
    text = yaml.safe_dump({"rules": [GOOD, GOOD]}, allow_unicode=True)
    with pytest.raises(RuleError, match="id used twice"):
        parse_rules(text)


def test_the_shipped_file_loads():
    loaded, version = load_rules()
    assert len(loaded) >= 9 and version
