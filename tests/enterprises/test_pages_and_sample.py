"""Obligation pages (overdue first; by department, township, duty holder), the duties timeline, the sample
registry and ``soilgw obligations refresh``."""

from __future__ import annotations

import re

import pytest

from soilgw.cli import main as cli
from soilgw.core.clock import as_of
from soilgw.enterprises.loaders import load_sample_registry, sample_code
from soilgw.enterprises.models import Enterprise
from soilgw.plans.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(county):
    load_sample_registry()


@pytest.fixture
def viewer(client, make_user):
    client.force_login(make_user("viewer", "eeb", "viewer"))
    return client


def test_sample_registry_is_marked_and_has_every_status_this_year(sample):
    assert Enterprise.objects.count() == Enterprise.objects.filter(is_sample=True, name__startswith="示例").count() > 0
    year = as_of().year
    statuses = set(Obligation.objects.filter(due__year=year).values_list("status", flat=True))
    assert statuses == {"open", "done", "overdue"}
    load_sample_registry()  # idempotent
    assert Enterprise.objects.filter(credit_code=sample_code(1)).count() == 1


def test_refresh_command(sample, capsys, keep_test_connection):
    Obligation.objects.all().delete()
    assert cli(["obligations", "refresh"]) == 0
    out = capsys.readouterr().out
    counts = dict(re.findall(r"(\w+) (\d+)", out))
    assert int(counts["created"]) == Obligation.objects.count() > 0
    assert {k: int(counts[k]) for k in ("open", "done", "overdue")} == {
        s: Obligation.objects.filter(status=s).count() for s in ("open", "done", "overdue")}
    assert cli(["obligations", "refresh", "--rule", "no-such-rule"]) == 1
    assert cli(["obligations", "refresh", "--as-of", "2023-13-01"]) == 1
    assert cli(["obligations", "check"]) == 0


def test_obligation_page_lists_overdue_first(sample, viewer):
    for group in ("department", "township", "holder"):
        resp = viewer.get(f"/plans/obligations/?group={group}")
        assert resp.status_code == 200
    statuses = [o.status for o in resp.context["obligations"]]
    assert statuses == sorted(statuses, key=["overdue", "open", "done"].index) and statuses[0] == "overdue"
    town = Obligation.objects.filter(status="overdue").first().township.name
    township_rows = dict(viewer.get("/plans/obligations/?group=township").context["grouped"])
    assert township_rows[town][0] == Obligation.objects.filter(status="overdue", township__name=town).count()
    resp = viewer.get(f"/plans/obligations/?status=overdue&township={town}")
    assert {o.status for o in resp.context["obligations"]} == {"overdue"}
    assert {o.township.name for o in resp.context["obligations"]} == {town}


def test_enterprise_pages(sample, viewer):
    ent = Enterprise.objects.get(credit_code=sample_code(1))
    resp = viewer.get(f"/enterprises/enterprises/{ent.pk}/")
    assert resp.status_code == 200 and resp.context["obligations"]
    resp = viewer.get(f"/enterprises/enterprises/{ent.pk}/duties/")
    dates = [e["date"] for e in resp.context["events"]]
    assert dates == sorted(dates) and {e["kind"] for e in resp.context["events"]} >= {"obligation", "record"}
    assert viewer.get("/enterprises/").status_code == 200
    resp = viewer.get("/enterprises/vacated-sites/")
    assert [p.number for p in resp.context["permits"]] == ["91140826SAMPLE008P"]


def test_pages_need_login(client, sample):
    assert client.get("/plans/obligations/").status_code == 302
    assert client.get("/enterprises/").status_code == 302


def test_map_layers(sample, viewer):
    data = viewer.get("/enterprises/layers.geojson").json()
    layers = [f["properties"]["layer"] for f in data["features"]]
    assert layers[0] == "county" and layers.count("area") == 1
    overdue_holders = set(Obligation.objects.filter(status="overdue").values_list("holder_label", flat=True))
    marked = {f["properties"]["label"] for f in data["features"] if f["properties"]["layer"] == "overdue"}
    assert marked == overdue_holders & set(Enterprise.objects.values_list("name", flat=True))
    assert layers.count("overdue") + layers.count("enterprise") == Enterprise.objects.count()


def test_enterprise_page_lists_its_linked_sites(county, viewer):
    from soilgw.sites.loaders import load_land_use_codes
    from soilgw.sites.models import LandUseCode, Site
    from tests.enterprises.factories import enterprise

    load_land_use_codes()
    ent = enterprise(1)
    Site.objects.create(parcel_code="T-1", name="原厂区地块", source="vacated", enterprise=ent,
                        current_use=LandUseCode.resolve("M2"), planned_use=LandUseCode.resolve("R2"))
    resp = viewer.get(f"/enterprises/enterprises/{ent.pk}/")
    assert [s.name for s in resp.context["sites"]] == ["原厂区地块"]
    assert "原厂区地块" in resp.content.decode()
