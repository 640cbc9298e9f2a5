"""A unit's category and land use change only through the approval chain (soil task 7; farmland.policy)."""

from __future__ import annotations

import pytest

from soilgw.farmland.models import FarmlandUnit

from .test_registries import _unit

pytestmark = pytest.mark.django_db


def test_direct_edit_of_land_use_is_refused_with_the_reason(api_client, county, make_user):
    unit = _unit("T7-1", toxic_history=True)
    api_client.force_authenticate(make_user("agri-ed", "agri", "editor"))
    resp = api_client.patch(f"/api/farmland-units/{unit.pk}/", {"land_use": "dryland"})
    assert resp.status_code == 400 and "soil task 7" in resp.json()["land_use"][0]
    assert FarmlandUnit.objects.get(pk=unit.pk).land_use == "paddy"
    assert api_client.patch(f"/api/farmland-units/{unit.pk}/", {"name": "新名"}).status_code == 200
