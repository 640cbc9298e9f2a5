"""Dynamic category adjustment (soil task 7): raised by new monitoring results, reviewed, approved or rejected by
the county government, reported; only an approved proposal changes the category.

Expected categories follow GB 15618-2018 for paddy soil at 5.5 < pH ≤ 6.5: Cd risk screening value 0.4 mg/kg
(Table 1) and risk intervention value 2.0 mg/kg (Table 3): Cd 0.2 → priority protection (≤ screening),
0.8 and 0.9 and 1.0 → safe utilization (between), 3.0 → strict control (> intervention).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from soilgw.farmland.models import CategoryAdjustment, FarmlandUnit, FarmlandWarning
from soilgw.farmland.services.classify import Survey, classify_survey
from soilgw.farmland.services.warnings import compare_surveys

from .conftest import centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveyed(make_unit, soil_results):
    units = [make_unit(f"U{i}", i, 0) for i in (1, 2, 3)]
    soil_results("t", 2023, {"P1": (*centre(1, 0), 0.2, 6.0), "P2": (*centre(2, 0), 0.8, 6.0),
                             "P3": (*centre(3, 0), 3.0, 6.0)})
    first = classify_survey(Survey("t", 2023))
    soil_results("t", 2024, {"P1": (*centre(1, 0), 0.9, 6.0), "P2": (*centre(2, 0), 0.8, 6.0),
                             "P3": (*centre(3, 0), 1.0, 6.0)})
    second = classify_survey(Survey("t", 2024))
    return units, first, second


@pytest.fixture
def people(make_user):
    return {"agri": make_user("agri-ed", "agri", "editor"), "agri_approver": make_user("agri-ap", "agri", "approver"),
            "county_editor": make_user("gov-ed", "county-gov", "editor"),
            "county": make_user("gov-ap", "county-gov", "approver")}


def test_first_run_sets_categories_with_rule_set(surveyed):
    cats = dict(FarmlandUnit.objects.values_list("code", "category"))
    assert cats == {"U1": "priority_protection", "U2": "safe_utilization", "U3": "strict_control"}
    u = FarmlandUnit.objects.get(code="U1")
    assert (u.rule_set_id, u.rule_set_version) == ("soilgw_worst", "1")
    d = u.classifications.get(run=surveyed[1])
    assert d.inputs["unit"]["n_points"] == 1 and d.rule_set_id == "soilgw_worst"


def test_new_results_raise_proposals_and_only_approval_changes_category(surveyed, people):
    proposals = {a.unit.code: a for a in CategoryAdjustment.objects.select_related("unit")}
    assert set(proposals) == {"U1", "U3"}  # U2 unchanged: no proposal
    up, down = proposals["U1"], proposals["U3"]
    assert (up.old_category, up.new_category, up.trigger) == ("priority_protection", "safe_utilization",
                                                              "new_results")
    assert up.classification.run == surveyed[2]
    assert FarmlandUnit.objects.get(code="U1").category == "priority_protection"  # not yet approved

    day = dt.date(2025, 3, 1)
    with pytest.raises(ValidationError):  # approval before review
        up.approve(people["county"], day)
    with pytest.raises(PermissionDenied):  # the county government does not review
        up.review(people["county_editor"], day)
    up.review(people["agri"], day)
    for who in ("agri_approver", "county_editor"):
        with pytest.raises(PermissionDenied):
            up.approve(people[who], day)
    assert FarmlandUnit.objects.get(code="U1").category == "priority_protection"
    up.approve(people["county"], dt.date(2025, 3, 8), "同意")
    unit = FarmlandUnit.objects.get(code="U1")
    assert unit.category == "safe_utilization" and unit.category_since == dt.date(2025, 3, 8)
    assert (up.decided_by, up.decided_on, up.reviewed_by) == (people["county"], dt.date(2025, 3, 8), people["agri"])
    up.report(people["agri"], dt.date(2025, 3, 15))
    up.refresh_from_db()
    assert (up.status, up.reported_on, up.reported_by) == ("reported", dt.date(2025, 3, 15), people["agri"])

    down.review(people["agri"], day)
    down.reject(people["county"], dt.date(2025, 3, 9), "证据不足")
    down.refresh_from_db()
    assert down.status == "rejected" and down.decided_by == people["county"]
    assert FarmlandUnit.objects.get(code="U3").category == "strict_control"  # rejected: unchanged
    with pytest.raises(ValidationError):
        down.approve(people["county"], day)


def test_worsening_and_priority_area_warnings(surveyed):
    _, first, second = surveyed
    compare_surveys(first, second)
    worse = FarmlandWarning.objects.get(kind="unit_worsened")
    assert worse.unit.code == "U1" and worse.inputs["before"] == "priority_protection"
    drop = FarmlandWarning.objects.get(kind="priority_decrease")
    # U1 is a 100 m × 100 m square = 1 ha = 15 mu (1 mu = 10000/15 m²); EPSG:4546 round trip ≪ 0.001 mu
    assert drop.inputs["before_mu"] == pytest.approx(15.0, abs=1e-3) and drop.inputs["after_mu"] == 0.0


def test_reclamation_of_toxic_land_into_edible_crops_refused(make_unit):
    unit = make_unit("T1", 5, 5, land_use="other", toxic_history=True, category="strict_control")
    with pytest.raises(ValidationError, match="toxic"):
        CategoryAdjustment.objects.create(unit=unit, trigger="land_use_change", new_category="safe_utilization",
                                          proposed_land_use="paddy", reason="复垦为水田")
    assert not CategoryAdjustment.objects.exists()


def test_api_approval_only_by_county_government(surveyed, people, api_client):
    up = CategoryAdjustment.objects.get(unit__code="U1")
    api_client.force_authenticate(people["agri"])
    assert api_client.post(f"/api/category-adjustments/{up.pk}/review/", {"date": "2025-03-01"}).status_code == 200
    api_client.force_authenticate(people["agri_approver"])
    assert api_client.post(f"/api/category-adjustments/{up.pk}/approve/", {"date": "2025-03-02"}).status_code == 403
    api_client.force_authenticate(people["county"])
    assert api_client.post(f"/api/category-adjustments/{up.pk}/approve/", {"date": "2025-03-02"}).status_code == 200
    assert FarmlandUnit.objects.get(code="U1").category == "safe_utilization"
    data = api_client.get("/api/farmland-units/?category=safe_utilization").json()
    assert {r["code"] for r in data["results"]} == {"U1", "U2"}


def test_reclassify_under_another_rule_set_from_the_map(surveyed, people, client, monkeypatch):
    from soilgw.farmland import loaders
    from soilgw.farmland.models import ClassificationRuleSet

    # a province's refinement stored in the database: majority of points; U1 has one point, so the same result
    ClassificationRuleSet.objects.create(rule_set_id="prov_majority", version="1", parameters={
        "id": "prov_majority", "version": "1",
        "point_level": {"classification_elements": ["cd", "hg", "as", "pb", "cr"], "comparison": "full_value"},
        "unit_level": {"aggregation": "majority"}, "crop_adjustment": {"enabled": False}})
    monkeypatch.setitem(loaders.SURVEYS, "t", Survey("t", 2024))
    client.force_login(people["county"])
    assert client.post("/farmland/classify/", {"dataset": "t", "rule_set": "prov_majority"}).status_code == 403
    client.force_login(people["agri"])
    before = CategoryAdjustment.objects.count()
    resp = client.post("/farmland/classify/", {"dataset": "t", "rule_set": "prov_majority"})
    assert resp.status_code == 302
    run = surveyed[2].__class__.objects.order_by("-pk").first()
    assert (run.rule_set_id, run.rule_set_version) == ("prov_majority", "1")
    # U1 and U3 already have open proposals: no duplicates; U2 computes as before
    assert CategoryAdjustment.objects.count() == before
    assert client.post("/farmland/classify/", {"dataset": "t", "rule_set": "nope"}).status_code == 400
