"""Browser: an officer files a hazard investigation for an overdue key supervised unit and sees the
obligation turn done; the obligations page lists overdue first."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_overdue_obligation_turns_done_when_evidence_is_filed(page, live_server, login, county, make_user, settings):
    from soilgw.enterprises.models import Enterprise, Listing
    from soilgw.plans.models import Obligation
    from tests.enterprises.factories import d, enterprise

    settings.SOILGW_AS_OF = "2024-04-01"
    ent = enterprise(1, name="浏览器测试化工有限公司")
    Listing.objects.create(enterprise=ent, list_kind="key_supervised_unit", listed_on=d("2023-03-15"))
    make_user("eeb-officer", "eeb", "editor")
    login("eeb-officer", "pw-eeb-officer")
    page.goto(f"{live_server.url}/plans/obligations/?group=holder")
    first = page.locator("#obligations tbody tr").first
    assert "obligation-overdue" in first.get_attribute("class")
    assert "浏览器测试化工有限公司" in page.locator("#obligation-groups").inner_text()
    page.goto(f"{live_server.url}/enterprises/duty-records/new/")
    page.select_option("select[name=enterprise]", label="浏览器测试化工有限公司")
    page.select_option("select[name=kind]", "hazard_investigation")
    page.fill("input[name=date]", "2024-03-10")
    page.click("main form button.primary")
    page.wait_for_url("**/duty-records/*/")
    page.goto(f"{live_server.url}/enterprises/enterprises/{Enterprise.objects.get().pk}/duties/")
    timeline = page.locator("#timeline").inner_text()
    assert "2024-03-10" in timeline and "隐患排查" in timeline
    ob = Obligation.objects.get(rule_id="ksu-hazard-investigation")
    assert ob.status == "done" and ob.evidence_date == d("2024-03-10")


def test_index_map_draws_every_feature(page, live_server, login, county, make_user):
    from soilgw.enterprises.loaders import load_sample_registry

    load_sample_registry()
    make_user("eeb-viewer", "eeb", "viewer")
    login("eeb-viewer", "pw-eeb-viewer")
    page.goto(f"{live_server.url}/enterprises/")
    page.wait_for_selector("#enterprise-map[data-features]")
    # county outline + 1 sample area + 8 sample enterprises
    assert page.get_attribute("#enterprise-map", "data-features") == "10"
    assert page.locator("#enterprise-map path.leaflet-interactive").count() >= 10
