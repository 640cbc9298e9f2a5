"""A case is decided, rewritten and closed only by the department that opened it (enforcement.policy)."""

from __future__ import annotations

import pytest

from soilgw.enforcement.choices import CaseStatus

from .builders import case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["police", "agri"])
def test_other_departments_cannot_close_or_rewrite_the_bureaus_case(api_client, county, make_user, code):
    c = case("T-POL-1")
    api_client.force_authenticate(make_user(f"{code}-ed", code, "editor"))
    resp = api_client.post(f"/api/enforcement-cases/{c.pk}/close/", {"closed_on": "2023-05-01", "note": "结案"})
    assert resp.status_code == 403 and "policy" in resp.json()["detail"]
    assert api_client.patch(f"/api/enforcement-cases/{c.pk}/", {"description": "改写"}).status_code == 403
    c.refresh_from_db()
    assert c.status != CaseStatus.CLOSED and c.description == "倾倒废渣"


def test_a_department_opens_cases_only_for_itself(api_client, county, make_user):
    from soilgw.core.models import Department

    api_client.force_authenticate(make_user("police-ed", "police", "editor"))
    body = {"number": "T-POL-2", "opened_on": "2023-03-10", "violation": "illegal_dumping", "description": "x"}
    eeb = Department.objects.get(code="eeb").pk
    assert api_client.post("/api/enforcement-cases/", {**body, "handling_department": eeb}).status_code == 403
    police = Department.objects.get(code="police").pk
    assert api_client.post("/api/enforcement-cases/", {**body, "handling_department": police}).status_code == 201
