"""The OpenAPI schema documents the issue's routes and each step's request (the step form's fields)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_schema_has_routes_and_step_requests(api_client):
    schema = api_client.get("/api/schema/?format=json").json()
    for route in ("/api/enforcement-cases/", "/api/leads/", "/api/joint-meetings/", "/api/campaigns/",
                  "/api/practitioners/", "/api/report-spot-checks/", "/api/experts/", "/api/fund-projects/",
                  "/api/fund-disbursements/"):
        assert route in schema["paths"], route
    body = schema["paths"]["/api/leads/{id}/open-case/"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["$ref"].endswith("/LeadOpenCaseStepRequest")
    request = schema["components"]["schemas"]["LeadOpenCaseStepRequest"]
    assert set(request["required"]) == {"number", "opened_on", "violation", "handling_department"}
    assert "/api/fund-projects/admission-rates/" in schema["paths"]
