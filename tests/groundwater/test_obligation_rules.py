"""The groundwater rules of obligation_rules.yaml at due − 1 day, on the due date and at due + 1 day.

Due dates are worked out by hand from the clauses of the county groundwater plan 2023 (and the documented
platform defaults of the rule file):
- task 8 "于2023年6月底前建立报废矿井、钻井、取水井清单" → 2023-06-30 for each township's register;
- task 8 owner sealing, platform default 12 months after registration: registered 2023-03-15 → 2024-03-15;
- task 1 "2023年底前，完成重点区域地下水环境状况调查评估工作" → 2023-12-31 for each 一企一库/两场两区 source;
- task 4 "2023年底前，完成地下水污染防治重点区初步划定" → 2023-12-31 for the county;
- task 14 "2023年底前完成“千吨万人”及以上规模…补给区初步划定" → 2023-12-31 for a 1,200 m³/d source;
- task 10 "按相关要求定期报备", platform default one filing per calendar year: period 2023 → 2023-12-31;
- task 13 cause analysis, platform default 6 months after the exceedance: found 2023-05-10 → 2023-11-10.
"""

from __future__ import annotations

import datetime as dt

import pytest

from soilgw.plans.models import Obligation
from soilgw.plans.obligations import engine
from soilgw.plans.obligations.rules import rules
from tests.groundwater.conftest import SQUARE, day, make_source

ONE = dt.timedelta(days=1)


def _town():
    from soilgw.core.models import Township

    return Township.objects.get(name="古绛镇")


def _well(owner="某矿业公司"):
    from soilgw.groundwater.models import AbandonedWell

    return AbandonedWell.objects.create(code=f"FJ-{owner or 'x'}", kind="mine_shaft", township=_town(), lon=111.6,
                                        lat=35.49, owner=owner, registered_on=day("2023-03-15"))


def _sealed(well, on):
    type(well).objects.filter(pk=well.pk).update(status="sealed", sealed_on=on)
    return well


def _register_return(town, on, complete=True):
    from soilgw.groundwater.models import WellRegisterReturn

    return WellRegisterReturn.objects.create(township=town, submitted_on=on, well_count=3, complete=complete)


def _pollution_source(kind="tailings_pond"):
    from soilgw.groundwater.models import PollutionSource

    return PollutionSource.objects.create(code=f"GS-{kind}", name="尾矿库", kind=kind, lon=111.7, lat=35.43,
                                          township=_town())


def _investigated(source, on):
    type(source).objects.filter(pk=source.pk).update(investigation_status="completed", investigated_on=on)
    return source


def _county():
    from soilgw.groundwater.models import CountyBoundary

    return CountyBoundary.objects.create(admin_code="140826", name="绛县", geometry=SQUARE, source="t",
                                         conversion="t")


def _key_zone(county, on):
    from soilgw.groundwater.models import GroundwaterKeyZone

    return GroundwaterKeyZone.objects.create(code=f"ZD-{on}", name="重点区", geometry=SQUARE, delineated_on=on)


def _recharge(source, on):
    from soilgw.groundwater.models import RechargeArea

    return RechargeArea.objects.create(source=source, geometry=SQUARE, delineated_on=on)


def _project():
    from soilgw.groundwater.models import ReinjectionProject

    return ReinjectionProject.objects.create(code="HG-1", name="地热项目", operator="某公司", kind="geothermal",
                                             lon=111.6, lat=35.49, aquifers="热储层", started_on=day("2022-11-15"))


def _filing(project, on):
    from soilgw.groundwater.models import ReinjectionFiling

    return ReinjectionFiling.objects.create(project=project, filed_on=on, period="采暖季")


def _cause(source, on, cause="geological"):
    from soilgw.groundwater.models import CauseDetermination

    return CauseDetermination.objects.create(source=source, analyte="fluoride", started_on=day("2023-05-20"),
                                             determined_on=on, cause=cause, evidence="区域背景")


#: rule id → (make subject, due date, period, make evidence(subject, date))
CASES = {
    "gw-abandoned-well-register": (_town, "2023-06-30", "", _register_return),
    "gw-abandoned-well-sealing": (_well, "2024-03-15", "", _sealed),
    "gw-source-investigation": (_pollution_source, "2023-12-31", "", _investigated),
    "gw-key-zone-delineation": (_county, "2023-12-31", "", _key_zone),
    "gw-recharge-area-delineation": (lambda: make_source(scale="township", capacity_m3d=1200), "2023-12-31", "",
                                     _recharge),
    "gw-reinjection-quality-filing": (_project, "2023-12-31", "2023", _filing),
    "gw-exceeding-source-cause": (lambda: make_source(exceedance_found_on=day("2023-05-10")), "2023-11-10", "",
                                  _cause),
}


def _status(rule_id, subject, period, on):
    with engine.paused():
        engine.refresh([rule_id], on=on)
    return Obligation.objects.get(rule_id=rule_id, subject_id=subject.pk, period=period)


@pytest.fixture
def setup(county):
    def make(rule_id):
        make_subject, due, period, make_evidence = CASES[rule_id]
        with engine.paused():
            subject = make_subject()
        return subject, day(due), period, make_evidence
    return make


def test_every_groundwater_rule_has_an_edge_case():
    assert {r for r in rules() if r.startswith("gw-")} == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_open_until_the_due_date_then_overdue(setup, rule_id):
    subject, due, period, _ = setup(rule_id)
    assert _status(rule_id, subject, period, due - ONE).status == "open"
    ob = _status(rule_id, subject, period, due)
    assert ob.status == "open" and ob.due == due
    ob = _status(rule_id, subject, period, due + ONE)
    assert ob.status == "overdue" and ob.days_overdue == 1
    assert f"{ob.plan_task.plan.code}#{ob.plan_task.number}" == rules()[rule_id].plan_task
    assert ob.department.code == "eeb"


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_evidence_on_the_due_date_is_done(setup, rule_id):
    subject, due, period, make_evidence = setup(rule_id)
    with engine.paused():
        evidence = make_evidence(subject, due)
    ob = _status(rule_id, subject, period, due + ONE)
    assert ob.status == "done" and ob.evidence_date == due and ob.evidence_id == evidence.pk


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_evidence_a_day_late_leaves_it_overdue(setup, rule_id):
    subject, due, period, make_evidence = setup(rule_id)
    with engine.paused():
        make_evidence(subject, due + ONE)
    ob = _status(rule_id, subject, period, due + ONE)
    assert ob.status == "overdue" and ob.evidence_late and ob.evidence_date == due + ONE


def test_platform_defaults_are_marked_and_configurable():
    assert rules()["gw-abandoned-well-sealing"].parameters == {"sealing_months": 12}
    assert rules()["gw-exceeding-source-cause"].parameters == {"cause_months": 6}
    for rid in ("gw-abandoned-well-sealing", "gw-reinjection-quality-filing", "gw-exceeding-source-cause"):
        assert rules()[rid].due_is_default and rules()[rid].default_note
    for rid in ("gw-abandoned-well-register", "gw-source-investigation", "gw-key-zone-delineation",
                "gw-recharge-area-delineation"):
        assert not rules()[rid].due_is_default  # the plan gives these dates


def test_register_is_held_by_the_township_government_and_needs_a_complete_return(setup):
    town, due, period, _ = setup("gw-abandoned-well-register")
    with engine.paused():
        _register_return(town, due - ONE, complete=False)
    ob = _status("gw-abandoned-well-register", town, period, due + ONE)
    assert ob.status == "overdue" and ob.holder == town.department and ob.township == town


def test_no_sealing_obligation_when_the_owner_is_unknown(county):
    with engine.paused():
        well = _well(owner="")
    engine.refresh(["gw-abandoned-well-sealing"], on=day("2024-06-01"))
    assert not Obligation.objects.filter(rule_id="gw-abandoned-well-sealing", subject_id=well.pk).exists()
    assert well.responsible_party == "古绛镇人民政府"


def test_petrol_stations_and_small_sources_are_not_subject(county):
    with engine.paused():
        station = _pollution_source("petrol_station")
        small = make_source("SY-S", scale="township", capacity_m3d=500, population=4000)
    engine.refresh(["gw-source-investigation", "gw-recharge-area-delineation"], on=day("2024-01-01"))
    assert not Obligation.objects.filter(rule_id="gw-source-investigation", subject_id=station.pk).exists()
    assert not Obligation.objects.filter(rule_id="gw-recharge-area-delineation", subject_id=small.pk).exists()


def test_cause_under_analysis_is_not_a_determination(setup):
    source, due, period, _ = setup("gw-exceeding-source-cause")
    with engine.paused():
        _cause(source, None, cause="undetermined")
    assert _status("gw-exceeding-source-cause", source, period, due + ONE).status == "overdue"


def test_saving_the_evidence_recomputes(setup, settings):
    settings.SOILGW_AS_OF = "2024-01-02"
    source, due, period, _ = setup("gw-exceeding-source-cause")
    _status("gw-exceeding-source-cause", source, period, due + ONE)
    _cause(source, due)  # saved with the hooks on
    ob = Obligation.objects.get(rule_id="gw-exceeding-source-cause", subject_id=source.pk)
    assert ob.status == "done"
