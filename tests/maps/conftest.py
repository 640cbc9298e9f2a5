"""Fixtures of the one-map tests: the sites fixtures (land-use codes, site factory) and an internal viewer."""

from __future__ import annotations

import pytest

from tests.sites.conftest import codes, make_site  # noqa: F401  shared fixtures


@pytest.fixture
def viewer(county, make_user):
    return make_user("map-viewer", "eeb", "viewer")
