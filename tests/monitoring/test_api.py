"""API: filters of points, samples, results and levels; imports through /api/imports/."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from soilgw.monitoring.models import Result

pytestmark = pytest.mark.django_db

DATA = ("点位编号,样品编号,采样日期,检测项目,检测结果,单位\n"
        "JX-01,A,2022-05-06,硝酸盐(以N计),25,mg/L\n"
        "JX-01,A,2022-05-06,苯,<0.5,μg/L\n"
        "JX-02,B,2023-05-06,硝酸盐(以N计),4.0,mg/L\n"
        "JX-02,B,2023-05-06,苯,2.0,μg/L\n")


@pytest.fixture
def loaded(mappings, points, editor, api_client):
    api_client.force_authenticate(editor)
    resp = api_client.post("/api/imports/", {"kind": "lab_results", "file": SimpleUploadedFile("d.csv", DATA.encode())},
                           format="multipart")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["status"] == "accepted"
    return points


def _ids(resp):
    assert resp.status_code == 200, resp.content
    return {r["id"] for r in resp.json()["results"]}


def test_result_filters(loaded, api_client):
    p = loaded["shallow"]
    assert len(_ids(api_client.get("/api/results/"))) == 4
    assert {r.point_id for r in Result.objects.filter(pk__in=_ids(api_client.get(f"/api/results/?point={p.pk}")))} == {p.pk}
    assert len(_ids(api_client.get("/api/results/?analyte=benzene"))) == 2
    assert len(_ids(api_client.get("/api/results/?date_from=2023-01-01"))) == 2
    assert len(_ids(api_client.get("/api/results/?date_to=2022-12-31&analyte=nitrate_n"))) == 1
    nd = _ids(api_client.get("/api/results/?status=nondetect"))
    assert Result.objects.get(pk__in=nd).reported == "<0.5"
    # GB/T 14848-2017 Table 1 item 24: 25 mg/L nitrate as N is class IV
    iv = _ids(api_client.get("/api/results/?class=IV"))
    assert Result.objects.get(pk__in=iv).value == 25.0


def test_point_sample_level_filters(loaded, api_client):
    resp = api_client.get("/api/monitoring-points/?aquifer=confined")
    assert [r["code"] for r in resp.json()["results"]] == ["JX-02"]
    # sample B: nitrate as N 4.0 mg/L is II (≤ 5.0) but benzene 2.0 μg/L is III (Table 1 item 36: II ≤ 1.0,
    # III ≤ 10.0); the worst indicator decides (GB/T 14848-2017 §6.3)
    assert resp.json()["results"][0]["latest_class"] == "III"
    resp = api_client.get("/api/samples/?meets_target=false")
    assert [r["code"] for r in resp.json()["results"]] == ["A"]
    assert api_client.get("/api/water-levels/").json()["count"] == 0


def test_point_create_computes_lonlat(loaded, api_client):
    resp = api_client.post("/api/monitoring-points/", {"code": "F_0568", "kind": "groundwater_well", "dataset": "basel",
                                                      "x": 2611662, "y": 1270277, "crs": "EPSG:2056"}, format="json")
    assert resp.status_code == 201, resp.json()
    # data/basel_groundwater_quality/wells.csv: 47.58308 N, 7.59365 E (LV95 to 1 m ≈ 1e-5°)
    assert resp.json()["lat"] == pytest.approx(47.58308, abs=1e-5)
    bad = api_client.post("/api/monitoring-points/", {"code": "X", "kind": "groundwater_well", "crs": "EPSG:0"},
                          format="json")
    assert bad.status_code == 400 and "crs" in bad.json()


def test_anonymous_sees_nothing(api_client, db):
    assert api_client.get("/api/results/").status_code == 401
