"""Edge tests of every gate rule (R1–R4, W1, no_site_record); the rules file quotes the seed plan verbatim.

Expected answers follow the seed plan's wording (shared/seed, soil tasks 8–10 and 15), cited per test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pyproj import Geod

from soilgw.sites import gates
from soilgw.sites.choices import Conclusion, Industry, Stage
from soilgw.sites.models import LandActionCheck, StageRecord

pytestmark = pytest.mark.django_db


def rules_of(check) -> set[str]:
    return {r["rule"] for r in check.reasons}


def warnings_of(check) -> set[str]:
    return {w["rule"] for w in check.warnings}


# ---- the rules file ------------------------------------------------------------------------------------------
def test_every_clause_is_quoted_verbatim_from_the_seed(shared):
    seed = (shared / "seed" / "jiang_county_2023_soil_and_groundwater_action_plans.txt").read_text(encoding="utf-8")
    rules, params, version = gates.load_rules()
    assert {r["id"] for r in rules} == {"R1", "R2", "R3", "R4", "W1", "no_site_record"}
    for rule in rules:
        assert rule["clause"] in seed, rule["id"]
    assert params["w1_distance_m"] == 500  # issue 10: default 500 m
    assert len(version) == 12


@pytest.mark.parametrize("bad, message", [
    ({"rules": [{"id": "X", "task": "t", "clause": "c", "effect": "forbid", "message": "m"}]}, "effect"),
    ({"rules": [{"id": "X", "task": "t", "clause": "c", "effect": "block", "message": "m",
                 "when": [{"fact": "moon_phase", "is": True}]}]}, "unknown fact"),
    ({"rules": [{"id": "X", "task": "t", "clause": "c", "effect": "block", "message": "m",
                 "when": [{"fact": "on_register", "equals": True}]}]}, "exactly one of"),
    ({"rules": [{"id": "X", "task": "t", "clause": "c", "effect": "block", "message": "m",
                 "actions": ["demolish"]}]}, "unknown action"),
    ({"rules": [{"id": "X", "task": "t", "effect": "block", "message": "m"}]}, "missing clause"),
])
def test_malformed_rules_are_refused_naming_the_rule(bad, message):
    with pytest.raises(gates.RuleFileError, match=message):
        gates.validate_rules(bad)


def test_unknown_action_or_use_is_an_error_and_not_logged(make_site):
    site = make_site("A-1")
    with pytest.raises(ValueError, match="unknown action"):
        gates.check(site, "demolish", "R2")
    with pytest.raises(ValueError, match="unknown land use"):
        gates.check(site, "supply", "moon base")
    assert LandActionCheck.objects.count() == 0


# ---- R1 (soil task 9: register sites may not be recovered, acquired, supplied or re-zoned for 一住两公) ------------
@pytest.fixture
def register_site(make_site, walk):
    return walk(make_site("R1-1", planned="G2"), Stage.ON_REGISTER)


@pytest.mark.parametrize("action", ["recovery", "acquisition", "supply", "use_change"])
def test_r1_blocks_each_listed_action_for_a_sensitive_use(register_site, action):
    check = gates.check(register_site, action, "R2")
    assert not check.allowed and "R1" in rules_of(check)
    r1 = next(r for r in check.reasons if r["rule"] == "R1")
    assert r1["task"] == "soil task 9" and r1["clause"].startswith("对列入建设用地土壤污染风险管控和修复名录的地块")


def test_r1_covers_an_office_that_is_second_class_but_sensitive(register_site):
    check = gates.check(register_site, "supply", "A1")  # 行政办公: GB 36600 second-class, but 一住两公
    assert "R1" in rules_of(check)


def test_r1_does_not_apply_to_a_non_sensitive_use_or_other_actions(register_site):
    assert "R1" not in rules_of(gates.check(register_site, "supply", "B1"))
    assert "R1" not in rules_of(gates.check(register_site, "planning_permit", "R2"))


def test_r1_ends_when_the_site_leaves_the_register(register_site, walk):
    walk(register_site, Stage.OFF_REGISTER, start=dt.date(2024, 1, 1))
    assert "R1" not in rules_of(gates.check(register_site, "supply", "R2"))


# ---- R2 (soil task 8: a change to 一住两公 needs investigation and, where required, risk assessment) ------------
def test_r2_blocks_a_sensitive_use_without_investigation(make_site):
    check = gates.check(make_site("R2-1", current="M2"), "use_change", "R2")
    assert rules_of(check) == {"R2"}
    assert "missing: investigation" in check.reasons[0]["message"]


def test_r2_exempts_a_site_whose_original_use_is_sensitive(make_site):
    """Seed task 8: 原用途为“一住两公”用地的地块除外."""
    assert gates.check(make_site("R2-2", current="R2"), "use_change", "A33").allowed


def test_r2_a_pending_investigation_does_not_count(make_site, walk):
    site = walk(make_site("R2-3"), Stage.PRELIMINARY, last_accepted=False)
    assert "R2" in rules_of(gates.check(site, "supply", "R2"))


def test_r2_allows_after_an_accepted_investigation_below_screening(make_site, walk):
    site = walk(make_site("R2-4"), Stage.PRELIMINARY, last_conclusion=Conclusion.NEGLIGIBLE)
    assert gates.check(site, "supply", "R2").allowed


def test_r2_above_screening_also_needs_the_risk_assessment(make_site, walk):
    site = walk(make_site("R2-5"), Stage.DETAILED, last_conclusion=Conclusion.INVESTIGATE)
    check = gates.check(site, "supply", "R2")
    assert "R2" in rules_of(check) and "missing: risk assessment" in check.reasons[0]["message"]
    walk(site, Stage.RISK_ASSESSMENT, start=dt.date(2023, 6, 1), last_conclusion=Conclusion.ACCEPTABLE)
    assert gates.check(site, "supply", "R2").allowed


def test_r2_not_for_a_non_sensitive_use(make_site):
    assert gates.check(make_site("R2-6"), "use_change", "M1").allowed


# ---- R3 (soil task 9: targets not met → no construction unrelated to control or remediation) -------------------
@pytest.fixture
def assessed_site(make_site, walk):
    return walk(make_site("R3-1", planned="B1"), Stage.RISK_ASSESSMENT)  # accepted, risk unacceptable


def test_r3_blocks_unrelated_construction_until_targets_are_met(assessed_site):
    check = gates.check(assessed_site, "construction", "B1")
    assert rules_of(check) == {"R3"}


def test_r3_allows_construction_serving_remediation(assessed_site):
    assert gates.check(assessed_site, "construction", "B1", for_remediation=True).allowed


def test_r3_only_for_construction(assessed_site):
    assert "R3" not in rules_of(gates.check(assessed_site, "supply", "B1"))


def test_r3_lifted_by_an_accepted_evaluation_of_targets_met(assessed_site, walk):
    walk(assessed_site, Stage.EVALUATION, start=dt.date(2023, 6, 1))
    assert gates.check(assessed_site, "construction", "B1").allowed


def test_r3_not_when_the_risk_is_acceptable(make_site, walk):
    site = walk(make_site("R3-2", planned="B1"), Stage.RISK_ASSESSMENT, last_conclusion=Conclusion.ACCEPTABLE)
    assert gates.check(site, "construction", "B1").allowed


# ---- R4 (soil task 9: heavily polluted pesticide/coking/chemical sites: no school or housing planned) ------------
@pytest.mark.parametrize("industry, heavy, use, blocked", [
    (Industry.COKING, True, "R2", True),
    (Industry.PESTICIDE, True, "A33", True),
    (Industry.CHEMICAL, True, "080404", True),  # kindergarten (national code): a school
    (Industry.CHEMICAL, True, "B1", False),  # commercial: not school or housing
    (Industry.CHEMICAL, False, "R2", False),  # not heavily polluted
    (Industry.NONFERROUS, True, "R2", False),  # not one of the three industries
])
def test_r4_edges(make_site, industry, heavy, use, blocked):
    site = make_site(f"R4-{industry}-{heavy}-{use}", industry=industry, heavily_polluted=heavy, current="R2")
    assert ("R4" in rules_of(gates.check(site, "planning_permit", use))) is blocked


def test_r4_only_for_planning_permits(make_site):
    site = make_site("R4-x", industry=Industry.COKING, heavily_polluted=True, current="R2")
    assert "R4" not in rules_of(gates.check(site, "supply", "R2"))


# ---- W1 (soil task 10: sensitive uses come last near sites under control or remediation) -----------------------
def _north_of(lat: float, metres: float) -> float:
    lon, lat2, _ = Geod(ellps="GRS80").fwd(111.6, lat, 0, metres)
    return lat2


@pytest.fixture
def remediating(make_site, walk):
    return walk(make_site("W1-0", planned="B1", lat=35.48), Stage.CONTROL)


@pytest.mark.parametrize("gap_m, warned", [(480.0, True), (520.0, False)])
def test_w1_warns_within_500_m_with_the_distance(make_site, remediating, gap_m, warned):
    """Two 100 m squares whose facing edges are ``gap_m`` apart along the meridian (geodesic, GRS80)."""
    lat = _north_of(35.48, gap_m + 100.0)
    site = make_site(f"W1-{gap_m}", lat=lat, current="R2")  # R2-exempt: only W1 speaks
    check = gates.check(site, "supply", "R2")
    assert ("W1" in warnings_of(check)) is warned
    if warned:
        w = next(w for w in check.warnings if w["rule"] == "W1")
        # square() uses 111 km per degree: the edge gap differs from the nominal by < 0.5 % (111 km vs the
        # meridian degree at 35.5°N, 110.95 km); GK scale error at 0.6° from the CM is < 0.01 %.
        assert w["distance_m"] == pytest.approx(gap_m, rel=0.006)
        assert w["site"] == "W1-0" and check.allowed


def test_w1_distance_is_configurable(make_site, remediating, settings):
    settings.SOILGW_SITES_W1_DISTANCE_M = 700
    site = make_site("W1-cfg", lat=_north_of(35.48, 700.0))
    assert "W1" in warnings_of(gates.check(site, "supply", "R2"))


def test_w1_not_for_non_sensitive_uses_or_finished_sites(make_site, remediating, walk):
    site = make_site("W1-ns", lat=_north_of(35.48, 400.0))
    assert "W1" not in warnings_of(gates.check(site, "supply", "B1"))
    walk(remediating, Stage.EVALUATION, start=dt.date(2024, 1, 1))
    assert "W1" not in warnings_of(gates.check(site, "supply", "R2"))


# ---- no site record (batch) and the log -----------------------------------------------------------------------
def test_a_parcel_without_site_is_r2_if_sensitive_else_allowed_with_warning(codes):
    sensitive = gates.check(None, "supply", "R2", parcel_code="NO-SITE")
    assert not sensitive.allowed and rules_of(sensitive) == {"R2"}
    other = gates.check(None, "supply", "M1", parcel_code="NO-SITE")
    assert other.allowed and warnings_of(other) == {"no_site_record"}


def test_every_answer_is_logged_with_inputs_and_rules_version(register_site, editor):
    check = gates.check(register_site, "supply", "R2", user=editor)
    stored = LandActionCheck.objects.get(pk=check.pk)
    assert stored.facts["on_register"] is True and stored.facts["proposed_sensitive"] is True
    assert stored.rules_version == gates.load_rules()[2] and stored.checked_by == editor
    assert StageRecord.objects.filter(site=register_site, stage=Stage.ON_REGISTER).exists()
