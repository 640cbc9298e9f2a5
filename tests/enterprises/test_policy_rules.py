"""Every relation an external account sets must be within its scope (core.registry.relation_scope_errors)."""

from __future__ import annotations

import pytest

from soilgw.enterprises.models import DutyRecord
from soilgw.monitoring.models import MonitoringPoint

from .test_scope_and_api import two  # noqa: F401  the fixture: own and other enterprise, own's account

pytestmark = pytest.mark.django_db


def test_enterprise_cannot_link_another_enterprises_points(api_client, client, two):  # noqa: F811
    own, other, user = two
    theirs = MonitoringPoint.objects.create(code="OTHER-GW-1", kind="groundwater_well", programme="self_monitoring")
    DutyRecord.objects.get(enterprise=other).points.add(theirs)
    mine = DutyRecord.objects.get(enterprise=own)
    api_client.force_authenticate(user)
    resp = api_client.patch(f"/api/duty-records/{mine.pk}/", {"points": [theirs.pk]})
    assert resp.status_code == 400 and "points" in resp.json()
    resp = api_client.post("/api/duty-records/", {"enterprise": own.pk, "kind": "hazard_investigation",
                                                  "date": "2023-10-01", "points": [theirs.pk]})
    assert resp.status_code == 400 and "points" in resp.json()
    assert not mine.points.exists()
    client.force_login(user)
    page = client.get(f"/enterprises/duty-records/{mine.pk}/")
    assert page.status_code == 200 and "OTHER-GW-1" not in page.content.decode()
