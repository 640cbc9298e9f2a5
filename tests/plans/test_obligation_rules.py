"""Every obligation rule at due − 1 day, on the due date and at due + 1 day with a fixed clock.

Each case builds the rule's subject and states the due date as the plan (or the rule file's documented
platform default) gives it — computed here by hand from the clause, not read from the engine:
- soil task 1 "新增…应在纳入名录一年内开展隐患排查": listed 2023-03-15 → 2024-03-15;
- "重点监管单位要于2023年底前，开展一次全面、系统的…自行监测": 2023-12-31;
- yearly self-monitoring (platform default 31 December): period 2024 → 2024-12-31;
- permits (platform default: later of 2023-12-31 and listing + 90 days): listed 2024-02-01 → 2024-05-01;
  groundwater discharger listed 2023-01-01 → 2023-12-31;
- plant-specific plan (platform default 180 days after the periphery monitoring of 2024-01-10) → 2024-07-08;
- demolition plan (platform default 15 days before the planned start 2024-06-20) → 2024-06-05;
- demolition closing report (platform default 30 days after the end 2024-07-31) → 2024-08-30;
- particulate monitor (platform default: later of 2023-12-31 and listing + 1 year): listed 2023-05-01 →
  2024-05-01.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from soilgw.enterprises.choices import DutyKind, ListKind, PermitStatus
from soilgw.enterprises.models import Demolition, DischargePermit, DutyRecord, Listing
from soilgw.plans.models import Obligation
from soilgw.plans.obligations import engine
from soilgw.plans.obligations.rules import rules
from tests.enterprises.factories import d, enterprise

ONE = dt.timedelta(days=1)
KSU = ListKind.KEY_SUPERVISED_UNIT


def _record(kind, **extra):
    return lambda ent, day: DutyRecord.objects.create(enterprise=ent, kind=kind, date=day, **extra)


def _permit(ent, day):
    return DischargePermit.objects.create(enterprise=ent, number=f"P-{ent.pk}-{day}", issued_on=day)


def _listing(kind, listed):
    def make(ent):
        return Listing.objects.create(enterprise=ent, list_kind=kind, listed_on=d(listed))
    return make


def _periphery(ent):
    return DutyRecord.objects.create(enterprise=ent, kind=DutyKind.PERIPHERY_MONITORING, date=d("2024-01-10"),
                                     exceeds_beyond_boundary=True)


def _demolition(ent):
    return Demolition.objects.create(enterprise=ent, description="拆除", planned_start=d("2024-06-20"),
                                     ended_on=d("2024-07-31"))


#: rule id → (make subject, due date, period, make evidence(enterprise, date))
CASES = {
    "ksu-hazard-investigation": (_listing(KSU, "2023-03-15"), "2024-03-15", "",
                                 _record(DutyKind.HAZARD_INVESTIGATION)),
    "ksu-self-monitoring-comprehensive-2023": (_listing(KSU, "2022-06-01"), "2023-12-31", "",
                                               _record(DutyKind.SELF_MONITORING, comprehensive=True)),
    "ksu-self-monitoring-yearly": (_listing(KSU, "2022-06-01"), "2024-12-31", "2024",
                                   _record(DutyKind.SELF_MONITORING)),
    "ksu-discharge-permit": (_listing(KSU, "2024-02-01"), "2024-05-01", "", _permit),
    "periphery-exceedance-plant-plan": (_periphery, "2024-07-08", "", _record(DutyKind.PLANT_SPECIFIC_PLAN)),
    "demolition-plan-before-start": (_demolition, "2024-06-05", "",
                                     _record(DutyKind.DEMOLITION_PLAN, planned_start=d("2024-06-20"))),
    "demolition-closing-report": (_demolition, "2024-08-30", "", _record(DutyKind.DEMOLITION_REPORT)),
    "heavy-metal-particulate-monitor": (_listing(ListKind.HEAVY_METAL_DISCHARGER, "2023-05-01"), "2024-05-01", "",
                                        _record(DutyKind.PARTICULATE_MONITOR, connected=True)),
    "groundwater-discharger-permit": (_listing(ListKind.GROUNDWATER_DISCHARGER, "2023-01-01"), "2023-12-31", "",
                                      _permit),
}


def test_every_rule_in_the_file_has_an_edge_case():
    """Each rule's due − 1 / due / due + 1 tests live in a ``tests/<app>/test_obligation*.py`` naming its id
    (docs/obligations.md); the enterprises' rules are the ``CASES`` here."""
    texts = [p.read_text(encoding="utf-8") for p in Path(__file__).parents[1].glob("*/test_obligation*.py")]
    untested = [rid for rid in rules() if not any(f'"{rid}"' in text for text in texts)]
    assert not untested, f"rules without an edge test in tests/*/test_obligation*.py: {untested}"
    assert set(CASES) <= set(rules())


def _status(rule_id, subject, period, on):
    with engine.paused():
        engine.refresh([rule_id], on=on)
    ob = Obligation.objects.get(rule_id=rule_id, subject_id=subject.pk, period=period)
    return ob


@pytest.fixture
def setup(county):
    def make(rule_id):
        make_subject, due, period, make_evidence = CASES[rule_id]
        with engine.paused():
            ent = enterprise()
            subject = make_subject(ent)
        return ent, subject, d(due), period, make_evidence
    return make


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_open_until_the_due_date_then_overdue(setup, rule_id):
    ent, subject, due, period, _ = setup(rule_id)
    assert _status(rule_id, subject, period, due - ONE).status == "open"
    ob = _status(rule_id, subject, period, due)
    assert ob.status == "open" and ob.due == due and ob.as_of == due
    ob = _status(rule_id, subject, period, due + ONE)
    assert ob.status == "overdue" and ob.days_overdue == 1
    assert ob.inputs["fields"] and ob.rules_version
    assert ob.plan_task is not None and f"{ob.plan_task.plan.code}#{ob.plan_task.number}" == rules()[rule_id].plan_task
    assert ob.holder == ent and ob.department.code == "eeb"


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_evidence_on_the_due_date_is_done(setup, rule_id):
    ent, subject, due, period, make_evidence = setup(rule_id)
    with engine.paused():
        evidence = make_evidence(ent, due)
    assert _status(rule_id, subject, period, due - ONE).status == "open"  # not yet dated by the judging day
    ob = _status(rule_id, subject, period, due + ONE)
    assert ob.status == "done" and ob.evidence_date == due and ob.evidence_id == evidence.pk


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_evidence_a_day_late_leaves_it_overdue(setup, rule_id):
    ent, subject, due, period, make_evidence = setup(rule_id)
    with engine.paused():
        make_evidence(ent, due + ONE)
    ob = _status(rule_id, subject, period, due + ONE)
    assert ob.status == "overdue" and ob.evidence_late and ob.evidence_date == due + ONE


def test_evidence_of_another_enterprise_does_not_count(setup):
    ent, subject, due, period, make_evidence = setup("ksu-hazard-investigation")
    with engine.paused():
        other = enterprise(2)
        make_evidence(other, due)
    assert _status("ksu-hazard-investigation", subject, period, due + ONE).status == "overdue"


def test_hazard_investigation_before_listing_does_not_count(setup):
    # "纳入名录一年内": the window opens on the listing date.
    ent, subject, due, period, make_evidence = setup("ksu-hazard-investigation")
    with engine.paused():
        make_evidence(ent, d("2023-03-14"))
    assert _status("ksu-hazard-investigation", subject, period, due + ONE).status == "overdue"


def test_cancelled_permit_is_not_evidence(setup):
    ent, subject, due, period, _ = setup("ksu-discharge-permit")
    with engine.paused():
        DischargePermit.objects.create(enterprise=ent, number="X1", issued_on=due - ONE,
                                       status=PermitStatus.CANCELLED, status_changed_on=due)
    assert _status("ksu-discharge-permit", subject, period, due + ONE).status == "overdue"


def test_demolition_plan_must_be_for_that_demolition(setup):
    ent, subject, due, period, _ = setup("demolition-plan-before-start")
    with engine.paused():
        DutyRecord.objects.create(enterprise=ent, kind=DutyKind.DEMOLITION_PLAN, date=due - ONE,
                                  planned_start=d("2025-01-01"))
    assert _status("demolition-plan-before-start", subject, period, due + ONE).status == "overdue"


def test_yearly_self_monitoring_needs_a_round_in_that_year(setup):
    ent, subject, due, period, make_evidence = setup("ksu-self-monitoring-yearly")
    with engine.paused():
        make_evidence(ent, d("2023-12-30"))  # the previous year's round does not count for 2024
    assert _status("ksu-self-monitoring-yearly", subject, "2024", due + ONE).status == "overdue"
    assert Obligation.objects.get(rule_id="ksu-self-monitoring-yearly", period="2025").status == "open"


def test_no_obligation_before_it_arises(setup):
    ent, subject, due, period, _ = setup("ksu-hazard-investigation")
    engine.refresh(["ksu-hazard-investigation"], on=d("2023-03-14"))  # the day before listing
    assert not Obligation.objects.filter(rule_id="ksu-hazard-investigation").exists()


def test_saving_evidence_recomputes(setup, settings):
    settings.SOILGW_AS_OF = "2024-03-16"
    ent, subject, due, period, make_evidence = setup("ksu-hazard-investigation")
    engine.refresh(["ksu-hazard-investigation"])
    ob = Obligation.objects.get(rule_id="ksu-hazard-investigation", subject_id=subject.pk)
    assert ob.status == "overdue"
    record = make_evidence(ent, d("2024-03-01"))  # saved without pausing: the hook recomputes
    ob.refresh_from_db()
    assert ob.status == "done" and ob.evidence_id == record.pk
    record.delete()
    ob.refresh_from_db()
    assert ob.status == "overdue"
    pk = subject.pk
    subject.delete()
    assert not Obligation.objects.filter(subject_id=pk, rule_id="ksu-hazard-investigation").exists()


def test_pages_bring_statuses_up_to_the_clock(setup, settings, client, make_user):
    ent, subject, due, period, _ = setup("ksu-hazard-investigation")
    engine.refresh(["ksu-hazard-investigation"], on=due)
    assert Obligation.objects.get(rule_id="ksu-hazard-investigation").status == "open"
    settings.SOILGW_AS_OF = (due + ONE).isoformat()  # the next day: nothing saved in between
    client.force_login(make_user("viewer", "eeb", "viewer"))
    rows = client.get("/plans/obligations/").context["obligations"]
    assert [(o.rule_id, o.status, o.as_of) for o in rows if o.rule_id == "ksu-hazard-investigation"] == [
        ("ksu-hazard-investigation", "overdue", due + ONE)]


def test_moving_evidence_to_another_enterprise_reopens_the_first(setup, settings):
    settings.SOILGW_AS_OF = "2024-03-16"
    ent, subject, due, period, make_evidence = setup("ksu-hazard-investigation")
    record = make_evidence(ent, d("2024-03-01"))
    assert Obligation.objects.get(rule_id="ksu-hazard-investigation", subject_id=subject.pk).status == "done"
    with engine.paused():
        other = enterprise(2)
    record.enterprise = other
    record.save()
    assert Obligation.objects.get(rule_id="ksu-hazard-investigation", subject_id=subject.pk).status == "overdue"


def test_expired_permit_is_not_evidence(setup):
    ent, subject, due, period, _ = setup("ksu-discharge-permit")
    with engine.paused():
        DischargePermit.objects.create(enterprise=ent, number="X2", issued_on=d("2019-01-01"),
                                       valid_until=due)  # valid through the due date only
    assert _status("ksu-discharge-permit", subject, period, due).status == "done"
    assert _status("ksu-discharge-permit", subject, period, due + ONE).status == "overdue"
