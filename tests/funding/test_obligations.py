"""The quarterly report obligation of a funded project at due − 1, due and due + 1 (fixed clock).

Soil task 13 "每季度对下达资金项目进行跟踪调度" names no day; the platform default (rule file,
``report_days: 10``) is the 10th day after the quarter: 2023 Q1 ends 2023-03-31 → due 2023-04-10;
Q4 ends 2023-12-31 → due 2024-01-10 (worked out by hand from the calendar).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from soilgw.funding.models import Disbursement
from soilgw.plans.models import Obligation
from soilgw.plans.obligations import engine

from . import builders as b

RULE = "fund-project-quarterly-report"
ONE = dt.timedelta(days=1)
D = dt.date


@pytest.fixture
def quarters(county):
    with engine.paused():
        p = b.admitted_project()
    return {q.quarter: q for q in p.disbursements.all()}


def _status(q, on):
    with engine.paused():
        engine.refresh([RULE], on=on)
    return Obligation.objects.get(rule_id=RULE, subject_id=q.pk)


def _report(q, day):
    with engine.paused():
        Disbursement.objects.filter(pk=q.pk).update(reported_on=day, spent=Decimal(0))


@pytest.mark.parametrize("quarter, due", [(1, D(2023, 4, 10)), (4, D(2024, 1, 10))])
def test_open_until_the_tenth_day_then_overdue(quarters, quarter, due):
    q = quarters[quarter]
    assert _status(q, due - ONE).status == "open"
    ob = _status(q, due)
    assert ob.status == "open" and ob.due == due and ob.due_is_default
    ob = _status(q, due + ONE)
    assert ob.status == "overdue" and ob.days_overdue == 1
    assert ob.plan_task.number == 13 and ob.holder.code == "eeb" and ob.department.code == "eeb"


def test_report_on_the_due_date_is_done_a_day_late_is_late(quarters):
    q1, q2 = quarters[1], quarters[2]
    _report(q1, D(2023, 4, 10))
    ob = _status(q1, D(2023, 4, 11))
    assert ob.status == "done" and ob.evidence_date == D(2023, 4, 10)
    _report(q2, D(2023, 7, 11))  # Q2 due 2023-07-10
    ob = _status(q2, D(2023, 7, 11))
    assert ob.status == "overdue" and ob.evidence_late


def test_no_obligation_before_the_quarter_or_for_unadmitted_projects(county):
    with engine.paused():
        p = b.admitted_project()
        other = b.project(code="T-XM-7")  # proposed: its quarter rows, if any, carry no obligation
        Disbursement.objects.create(project=other, year=2023, quarter=1)
    engine.refresh([RULE], on=D(2023, 3, 31))
    periods = set(Obligation.objects.filter(rule_id=RULE).values_list("subject_id", flat=True))
    assert periods == {p.disbursements.get(quarter=1).pk}  # Q2 starts 2023-04-01


def test_reporting_through_the_step_recomputes(quarters, settings):
    settings.SOILGW_AS_OF = "2023-04-12"
    q = quarters[1]
    engine.refresh([RULE])
    assert Obligation.objects.get(rule_id=RULE, subject_id=q.pk).status == "overdue"
    q.report(reported_on=D(2023, 4, 9), allocated=Decimal(100), spent=Decimal(50), progress_percent=5,
             narrative="开工")
    assert Obligation.objects.get(rule_id=RULE, subject_id=q.pk).status == "done"
