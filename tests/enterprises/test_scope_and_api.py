"""Enterprise accounts see and submit only their own records; vacated sites; obligations API; area flag."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from soilgw.core.models import ExternalAccount, StaleEditError
from soilgw.enterprises.choices import DutyKind
from soilgw.enterprises.models import ConcentratedFarmlandArea, DischargePermit, DutyRecord, Listing
from soilgw.plans.obligations import engine
from tests.enterprises.factories import d, enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(county, make_user):
    own, other = enterprise(1), enterprise(2, lon=111.62)
    for ent in (own, other):
        Listing.objects.create(enterprise=ent, list_kind="key_supervised_unit", listed_on=d("2023-03-01"))
        DutyRecord.objects.create(enterprise=ent, kind=DutyKind.RETROFIT, date=d("2023-05-01"))
    user = make_user("ent-account")
    ExternalAccount.objects.create(user=user, scope_type=ContentType.objects.get_for_model(own), scope_id=own.pk)
    engine.refresh()
    return own, other, user


def test_enterprise_account_reads_only_its_own(api_client, two):
    own, other, user = two
    api_client.force_authenticate(user)
    for url in ("/api/enterprises/", "/api/listings/", "/api/key-supervised-units/", "/api/duty-records/"):
        rows = api_client.get(url).json()["results"]
        assert rows and {r.get("enterprise", r.get("id")) for r in rows} == {own.pk}, url
    obligations = api_client.get("/api/obligations/").json()["results"]
    assert obligations and {o["holder_id"] for o in obligations} == {own.pk}
    assert api_client.get(f"/api/duty-records/{other.duty_records.get().pk}/").status_code == 404


def test_enterprise_account_submits_only_for_itself(api_client, client, two):
    own, other, user = two
    api_client.force_authenticate(user)
    body = {"kind": "hazard_investigation", "date": "2023-09-01"}
    assert api_client.post("/api/duty-records/", {**body, "enterprise": other.pk}).status_code == 403
    resp = api_client.post("/api/duty-records/", {**body, "enterprise": own.pk})
    assert resp.status_code == 201, resp.content
    mine = resp.json()["id"]
    assert api_client.patch(f"/api/duty-records/{mine}/", {"enterprise": other.pk}).status_code == 403
    assert api_client.patch(f"/api/duty-records/{mine}/", {"findings": "已整改"}).status_code == 200
    assert api_client.post("/api/listings/", {"enterprise": own.pk, "list_kind": "key_supervised_unit",
                                              "listed_on": "2024-01-01"}).status_code == 403  # bureau's list
    client.force_login(user)
    resp = client.post("/enterprises/duty-records/new/", {**body, "enterprise": other.pk, "date": "2023-09-02"})
    assert resp.status_code == 403
    resp = client.post(f"/enterprises/duty-records/{mine}/edit/", {**body, "enterprise": other.pk,
                                                                    "revision": DutyRecord.objects.get(pk=mine).revision})
    assert resp.status_code == 403 and DutyRecord.objects.get(pk=mine).enterprise == own
    assert client.get("/plans/obligations/").status_code == 200
    assert client.get(f"/enterprises/enterprises/{other.pk}/duties/").status_code == 404
    assert DutyRecord.objects.filter(enterprise=other).count() == 1


def test_obligation_api_filters(api_client, two, make_user):
    own, other, _ = two
    api_client.force_authenticate(make_user("viewer", "eeb", "viewer"))
    base = "/api/obligations/"
    everything = api_client.get(base).json()["count"]
    assert everything > 0
    by_status = {s: api_client.get(f"{base}?status={s}").json()["count"] for s in ("open", "done", "overdue")}
    assert sum(by_status.values()) == everything
    assert api_client.get(f"{base}?department=eeb").json()["count"] == everything
    assert api_client.get(f"{base}?department=water").json()["count"] == 0
    rule = api_client.get(f"{base}?rule=ksu-hazard-investigation").json()["results"]
    assert len(rule) == 2 and {o["rule_id"] for o in rule} == {"ksu-hazard-investigation"}
    assert rule[0]["plan_task"] == "jiang-2023-soil#1" and rule[0]["inputs"]["fields"]["listed_on"] == "2023-03-01"


def test_vacated_sites(api_client, two, make_user):
    own, other, _ = two
    DischargePermit.objects.create(enterprise=own, number="A", issued_on=d("2020-01-01"))
    DischargePermit.objects.create(enterprise=other, number="B", issued_on=d("2020-01-01"), status="revoked",
                                   status_changed_on=d("2023-02-01"))
    api_client.force_authenticate(make_user("viewer", "eeb", "viewer"))
    rows = api_client.get("/api/vacated-sites/").json()["results"]
    assert [(r["credit_code"], r["permit_number"], r["status"]) for r in rows] == [(other.credit_code, "B", "revoked")]


def test_permit_rules():
    permit = DischargePermit(number="X", issued_on=d("2022-01-01"), status="cancelled")
    with pytest.raises(Exception, match="status_changed_on"):
        permit.clean()


def test_enterprise_in_concentrated_area_is_flagged(county):
    inside, outside = enterprise(1, lon=111.65, lat=35.46), enterprise(2, lon=111.40, lat=35.46)
    area = ConcentratedFarmlandArea.objects.create(name="区", geometry={"type": "Polygon", "coordinates": [
        [[111.63, 35.44], [111.68, 35.44], [111.68, 35.48], [111.63, 35.48], [111.63, 35.44]]]})
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert inside.concentrated_area == area and inside.special_limits_from == d("2023-01-01")  # "自2023年起"
    assert outside.concentrated_area is None and outside.special_limits_from is None
    inside.lon = 111.50
    inside.save()
    assert inside.concentrated_area is None


def test_second_stale_save_refused(county):
    ent = enterprise(1)
    first, second = type(ent).objects.get(pk=ent.pk), type(ent).objects.get(pk=ent.pk)
    first.name = "甲"
    first.save(expected_revision=first.revision)
    second.name = "乙"
    with pytest.raises(StaleEditError):
        second.save(expected_revision=second.revision)
    ent.refresh_from_db()
    assert ent.name == "甲"
