"""Farmland in the browser: the category map (units drawn from the GeoJSON, legend, per-township areas) and the
adjustment queue, where a county-government approver approves a reviewed proposal."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _units():
    from soilgw.core.models import Township
    from soilgw.farmland.models import FarmlandUnit
    from tests.farmland.conftest import square

    town = Township.objects.get(name="古绛镇")
    made = []
    for i, cat in enumerate(["priority_protection", "safe_utilization", "strict_control"]):
        u = FarmlandUnit(code=f"B{i}", geometry=square(i, 0), township=town, land_use="paddy", dataset="t")
        u.save()
        FarmlandUnit.objects.filter(pk=u.pk).update(category=cat, rule_set_id="soilgw_worst", rule_set_version="1")
        made.append(u)
    return made


def test_category_map_and_adjustment_queue(page, live_server, login, county, make_user):
    from soilgw.farmland.models import CategoryAdjustment, FarmlandUnit

    units = _units()
    agri = make_user("agri-officer", "agri", "editor")
    make_user("gov-approver", "county-gov", "approver")
    proposal = CategoryAdjustment.objects.create(unit=FarmlandUnit.objects.get(code="B1"), trigger="remediation",
                                                 new_category="priority_protection", reason="修复效果评估达标")
    proposal.review(agri, dt.date(2025, 3, 1))

    login("gov-approver", "pw-gov-approver")
    page.goto(f"{live_server.url}/farmland/?dataset=t")
    page.wait_for_selector("#farmland-map.loaded")
    assert int(page.get_attribute("#farmland-map", "data-features")) == len(units)
    assert page.locator("#farmland-map path.leaflet-interactive").count() == len(units)
    assert page.locator("#legend li").count() == 4
    areas = page.locator("#township-areas").inner_text()
    assert "古绛镇" in areas and "45.0" in areas  # three 1-ha squares = 3 × 15 mu

    page.goto(f"{live_server.url}/farmland/adjustment-queue/")
    assert "B1" in page.locator("#open-proposals").inner_text()
    page.click("#open-proposals >> text=B1 >> xpath=../.. >> a.button")
    page.click("a[href$='/approve/']")
    page.fill("input[name=date]", "2025-03-08")
    page.click("section.card form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/farmland/category-adjustments/{proposal.pk}/")
    assert FarmlandUnit.objects.get(code="B1").category == "priority_protection"
    page.goto(f"{live_server.url}/farmland/adjustment-queue/")
    assert "B1" in page.locator("#decided").inner_text()
