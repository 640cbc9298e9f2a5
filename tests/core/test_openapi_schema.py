"""The OpenAPI schema generates without a warning or error and validates (drf-spectacular's own checks)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from drf_spectacular import drainage


def test_schema_generates_without_warnings(tmp_path):
    drainage.GENERATOR_STATS.reset()
    try:
        # The product's routes only: the test app's own registry (tests.testapp) is not part of the API.
        call_command("spectacular", "--validate", "--fail-on-warn", "--urlconf", "soilgw.urls",
                     "--file", str(tmp_path / "schema.yaml"))
    except Exception as exc:  # drf-spectacular raises its own SchemaGenerationError
        pytest.fail(f"schema generation: {exc}")
    assert (tmp_path / "schema.yaml").stat().st_size > 0
    assert not drainage.GENERATOR_STATS


@pytest.mark.django_db
def test_previously_missing_operations_are_documented(api_client):
    paths = api_client.get("/api/schema/?format=json").json()["paths"]
    for route in ("/api/drinking-water-source-zone-hits/", "/api/safe-utilization-rate/", "/api/maps/within/",
                  "/api/maps/sites-in-protection-zones/", "/api/maps/farmland-near-mining-waste/",
                  "/api/public/", "/api/public/{slug}/"):
        assert "get" in paths[route], route
