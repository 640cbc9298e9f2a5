"""A township files only its own abandoned-well lists (groundwater.policy: via township__department)."""

from __future__ import annotations

import pytest

from soilgw.core.models import Township
from soilgw.groundwater.models import WellRegisterReturn

pytestmark = pytest.mark.django_db


def test_township_files_only_its_own_register_return(api_client, client, county, make_user):
    mine, theirs = Township.objects.order_by("admin_code")[:2]
    user = make_user("town-ed", mine.department.code, "editor")
    api_client.force_authenticate(user)
    body = {"submitted_on": "2023-06-20", "well_count": 2, "complete": True}
    resp = api_client.post("/api/well-register-returns/", {**body, "township": theirs.pk})
    assert resp.status_code == 403 and "departments" in resp.json()["detail"]
    assert not WellRegisterReturn.objects.filter(township=theirs).exists()
    assert api_client.post("/api/well-register-returns/", {**body, "township": mine.pk}).status_code == 201
    client.force_login(user)
    resp = client.post("/groundwater/well-register-returns/new/", {**body, "township": theirs.pk})
    assert resp.status_code == 403
    assert not WellRegisterReturn.objects.filter(township=theirs).exists()
