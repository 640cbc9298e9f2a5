"""Fixtures of the monitoring tests: mappings, an editor of the bureau, points, and an upload helper."""

from __future__ import annotations

import pytest


@pytest.fixture
def mappings(db):
    from soilgw.monitoring.loaders import load_mappings

    load_mappings()


@pytest.fixture
def editor(county, make_user):
    return make_user("mon-editor", "eeb", "editor")


@pytest.fixture
def points(db):
    """A nest of two wells (phreatic layer 1 above confined layer 2) and a lone phreatic well, target III."""
    from soilgw.monitoring.models import MonitoringPoint

    common = dict(kind="groundwater_well", target_class="III", crs="EPSG:4326")
    return {
        "shallow": MonitoringPoint.objects.create(code="JX-01", nest="N1", aquifer="phreatic", aquifer_order=1,
                                                  x=111.57, y=35.49, lon=111.57, lat=35.49, **common),
        "deep": MonitoringPoint.objects.create(code="JX-02", nest="N1", aquifer="confined", aquifer_order=2,
                                               x=111.57, y=35.49, lon=111.57, lat=35.49, **common),
        "lone": MonitoringPoint.objects.create(code="JX-03", aquifer="phreatic", aquifer_order=1, **common),
    }


@pytest.fixture
def upload():
    """``upload(kind, name, text_or_bytes, user, **options)`` → ImportBatch through the framework."""
    from soilgw.core.imports import run_import

    def do(kind, name, content, user, **options):
        data = content.encode("utf-8") if isinstance(content, str) else content
        return run_import(kind, name, data, user, options=options)

    return do
