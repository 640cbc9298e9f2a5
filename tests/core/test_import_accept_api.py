"""Accepting a validated import through the API works as the web page does (was 403)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.testapp.models import Firm, FirmRecord

pytestmark = pytest.mark.django_db


def test_editor_accepts_a_validated_batch_through_the_api(api_client, county, make_user):
    Firm.objects.create(name="A")
    buf = io.BytesIO()
    pd.DataFrame([{"企业": "A", "记录": "接口导入"}]).to_excel(buf, index=False)
    api_client.force_authenticate(make_user("importer", "eeb", "editor"))
    upload = SimpleUploadedFile("r.xlsx", buf.getvalue())
    resp = api_client.post("/api/imports/", {"kind": "registry_firm_records", "file": upload, "accept": "false"},
                           format="multipart")
    assert resp.status_code == 201 and resp.json()["status"] == "validated", resp.content
    resp = api_client.post(f"/api/imports/{resp.json()['id']}/accept/")
    assert resp.status_code == 200 and resp.json()["status"] == "accepted", resp.content
    assert FirmRecord.objects.filter(text="接口导入").exists()
    api_client.force_authenticate(make_user("agri-importer", "agri", "editor"))  # not the policy's department
    upload = SimpleUploadedFile("r.xlsx", buf.getvalue())
    assert api_client.post("/api/imports/", {"kind": "registry_firm_records", "file": upload},
                           format="multipart").status_code == 403
