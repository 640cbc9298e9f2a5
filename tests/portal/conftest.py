"""Fixtures of the portal tests: the sites fixtures (land-use codes, site factory, lifecycle walker)."""

from tests.sites.conftest import codes, make_site, walk  # noqa: F401  shared fixtures
