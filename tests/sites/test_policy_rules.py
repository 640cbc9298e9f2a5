"""Report acceptance is the bureau's, after an expert review without conflicts of interest (sites.policy)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from soilgw.core.models import ExternalAccount
from soilgw.enforcement.loaders import sample_credit_code
from soilgw.enforcement.models import Expert, ExpertConflict, Practitioner
from soilgw.sites.choices import Stage
from soilgw.sites.models import StageRecord

pytestmark = pytest.mark.django_db
URL = "/api/site-stage-records/"
ACCEPTED = {"stage": Stage.PRELIMINARY, "started_on": "2023-05-01", "completed_on": "2023-06-01",
            "review": "accepted", "reviewed_on": "2023-06-10", "conclusion": "negligible"}


def _expert(name: str, organisation: str = "某大学") -> Expert:
    return Expert.objects.create(name=name, organisation=organisation, field="soil")


def test_consultant_cannot_accept_its_own_report(api_client, make_user, make_site):
    site = make_site("ACC-1")
    user = make_user("consultant-acc")
    ExternalAccount.objects.create(user=user, scope_type=ContentType.objects.get_for_model(site), scope_id=site.pk)
    api_client.force_authenticate(user)
    resp = api_client.post(URL, {"site": site.pk, **ACCEPTED})
    assert resp.status_code == 400
    body = resp.json()
    assert "review" in body and "conclusion" in body and "accept" in body["review"][0]
    assert not StageRecord.objects.filter(site=site).exists()


def test_only_the_bureau_accepts_and_with_experts(api_client, make_user, make_site):
    site = make_site("ACC-2")
    api_client.force_authenticate(make_user("nrb-acc", "nrb", "editor"))
    resp = api_client.post(URL, {"site": site.pk, **ACCEPTED, "experts": [_expert("甲").pk]})
    assert resp.status_code == 400 and "accept" in resp.json()["review"][0]
    api_client.force_authenticate(make_user("eeb-acc", "eeb", "editor"))
    resp = api_client.post(URL, {"site": site.pk, **ACCEPTED})
    assert resp.status_code == 400 and "experts" in resp.json()
    resp = api_client.post(URL, {"site": site.pk, **ACCEPTED, "experts": [_expert("乙").pk]})
    assert resp.status_code == 201, resp.content


def test_conflicted_expert_is_refused_as_reviewer(api_client, make_user, make_site):
    firm = Practitioner.objects.create(credit_code=sample_credit_code(301), name="某调查公司", kind="investigation")
    site = make_site("ACC-3")
    conflicted = _expert("丙")
    ExpertConflict.objects.create(expert=conflicted, practitioner=firm, kind="employment")
    api_client.force_authenticate(make_user("eeb-acc3", "eeb", "editor"))
    resp = api_client.post(URL, {"site": site.pk, **ACCEPTED, "practitioner": firm.pk,
                                 "experts": [conflicted.pk]})
    assert resp.status_code == 400 and "丙" in resp.json()["experts"][0]
    assert not StageRecord.objects.filter(site=site).exists()


def test_register_entry_cannot_predate_its_risk_assessment(make_site, walk):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from soilgw.sites.models import RegisterEntry

    site = walk(make_site("REG-DATE"), Stage.RISK_ASSESSMENT)
    ra = site.latest(Stage.RISK_ASSESSMENT)
    basis = ra.reviewed_on or ra.completed_on
    early = RegisterEntry(site=site, entered_on=basis - dt.timedelta(days=1), entry_basis="风险不可接受")
    with pytest.raises(ValidationError) as exc:
        early.full_clean()
    assert "entered_on" in exc.value.message_dict


def test_map_gate_and_register_share_one_definition(api_client, make_user, make_site, walk):
    site = walk(make_site("REG-ONE"), Stage.ON_REGISTER)
    assert site.on_register and site.open_register_entry() is not None
    api_client.force_authenticate(make_user("eeb-map", "eeb", "viewer"))
    features = api_client.get("/api/sites/geojson/").json()["features"]
    assert next(f for f in features if f["id"] == site.pk)["properties"]["on_register"] is True
    entry = site.open_register_entry()
    type(entry).objects.filter(pk=entry.pk).update(exited_on=entry.entered_on)  # closed: no longer on it
    features = api_client.get("/api/sites/geojson/").json()["features"]
    assert next(f for f in features if f["id"] == site.pk)["properties"]["on_register"] is False
