"""The API routes of the issue, the register site blocked for residential supply, the batch check."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from soilgw.sites.choices import Stage
from soilgw.sites.models import LandActionCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_site(make_site, walk):
    return walk(make_site("API-1", planned="G2"), Stage.ON_REGISTER)


@pytest.mark.parametrize("url", ["/api/sites/", "/api/remediation-register/", "/api/transfer-manifests/",
                                 "/api/receiving-facilities/", "/api/land-supply-records/"])
def test_issue_routes_exist(api_client, editor, url):
    api_client.force_authenticate(editor)
    assert api_client.get(url).status_code == 200


def test_register_site_blocked_for_residential_supply(api_client, editor, register_site):
    api_client.force_authenticate(editor)
    resp = api_client.get(f"/api/sites/{register_site.pk}/land-action-check/",
                          {"action": "supply", "proposed_use": "R2"})
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) >= {"allowed", "reasons", "warnings"} and body["allowed"] is False
    r1 = next(r for r in body["reasons"] if r["rule"] == "R1")
    assert set(r1) >= {"rule", "clause", "message"} and "名录" in r1["clause"]
    logged = LandActionCheck.objects.get(pk=body["check_id"])
    assert logged.source == "api" and logged.checked_by == editor and not logged.allowed


def test_check_by_use_name_and_bad_input(api_client, editor, register_site):
    api_client.force_authenticate(editor)
    url = f"/api/sites/{register_site.pk}/land-action-check/"
    assert api_client.get(url, {"action": "supply", "proposed_use": "居住用地"}).json()["allowed"] is False
    bad = api_client.get(url, {"action": "sell", "proposed_use": "R2"})
    assert bad.status_code == 400 and "unknown action" in bad.json()["detail"]
    assert api_client.get(url, {"action": "supply", "proposed_use": "?"}).status_code == 400


def test_check_refused_to_anonymous(api_client, register_site):
    assert api_client.get(f"/api/sites/{register_site.pk}/land-action-check/",
                          {"action": "supply", "proposed_use": "R2"}).status_code == 401


def test_register_is_public_with_its_site(api_client, register_site):
    data = api_client.get("/api/remediation-register/").json()
    entry = data["results"][0]
    assert data["count"] == 1 and entry["site"] == register_site.pk
    assert (entry["site_parcel_code"], entry["site_stage"]) == ("API-1", "on_register")


def _xlsx(rows) -> bytes:
    buf = io.BytesIO()
    pd.DataFrame(rows).to_excel(buf, index=False)
    return buf.getvalue()


def test_batch_check(api_client, editor, register_site):
    api_client.force_authenticate(editor)
    content = _xlsx([{"地块编号": "API-1", "拟用途": "R2", "事项": "供应"},
                     {"地块编号": "NOPE-1", "拟用途": "A33", "事项": "供应"},
                     {"地块编号": "NOPE-2", "拟用途": "M1", "事项": "供应"}])
    from django.core.files.uploadedfile import SimpleUploadedFile

    resp = api_client.post("/api/sites/land-action-check-batch/",
                           {"file": SimpleUploadedFile("parcels.xlsx", content)}, format="multipart")
    assert resp.status_code == 200, resp.content
    rows = {r["parcel_code"]: r for r in resp.json()["results"]}
    assert not rows["API-1"]["allowed"] and "R1" in {x["rule"] for x in rows["API-1"]["reasons"]}
    assert not rows["NOPE-1"]["allowed"] and {x["rule"] for x in rows["NOPE-1"]["reasons"]} == {"R2"}
    assert rows["NOPE-2"]["allowed"] and {x["rule"] for x in rows["NOPE-2"]["warnings"]} == {"no_site_record"}
    assert LandActionCheck.objects.filter(source="batch").count() == 3


def test_batch_reports_every_bad_row(api_client, editor, codes):
    api_client.force_authenticate(editor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = _xlsx([{"地块编号": "", "拟用途": "R2"}, {"地块编号": "X", "拟用途": "moon"}])
    resp = api_client.post("/api/sites/land-action-check-batch/",
                           {"file": SimpleUploadedFile("p.xlsx", content)}, format="multipart")
    assert resp.status_code == 400
    problems = resp.json()["problems"]
    assert {(p["row"], p["column"]) for p in problems} == {(2, "地块编号"), (3, "拟用途")}


def test_geojson_for_the_one_map(api_client, editor, make_site):
    make_site("MAP-1", lon=111.60, lat=35.48)
    make_site("MAP-2", lon=111.70, lat=35.48)
    api_client.force_authenticate(editor)
    data = api_client.get("/api/sites/geojson/", {"bbox": "111.59,35.47,111.61,35.49"}).json()
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["parcel_code"] for f in data["features"]] == ["MAP-1"]
    assert api_client.get("/api/sites/geojson/", {"bbox": "111.7,35.4"}).status_code == 400
    assert api_client.get("/api/sites/geojson/", {"stage": "suspected"}).json()["features"]
