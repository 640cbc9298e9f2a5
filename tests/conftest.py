"""Shared fixtures: the loaded county data, users with roles, API clients, the shared/ folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    """The read-only ``shared/`` folder beside the repository (CI lays it there), if present."""
    for candidate in (os.environ.get("SOILGW_SHARED_DIR"), ROOT.parent / "shared", Path("/work/shared")):
        if candidate and Path(candidate, "seed").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(autouse=True)
def _source_language():
    """Each test starts in the settings' language: a request's LocaleMiddleware leaves its language active in
    the thread, and messages made outside a request (imports, jobs) would follow the previous test's page."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("the shared/ folder (seed plans) is not beside this clone; set SOILGW_SHARED_DIR")
    return path


@pytest.fixture
def county(db):
    """Departments, townships and the two action plans, loaded as `soilgw load-county-data` does."""
    from soilgw.core.loaders import load_departments
    from soilgw.plans.loaders import load_plans

    load_departments()
    load_plans()


@pytest.fixture
def make_user(db):
    """``make_user(username, department_code=None, role="editor")`` → a user with that membership."""
    from django.contrib.auth import get_user_model

    from soilgw.core.models import Department, Membership

    def make(username: str, department_code: str | None = None, role: str = "editor", **extra):
        user = get_user_model().objects.create_user(username=username, password="pw-" + username, **extra)
        if department_code:
            Membership.objects.create(user=user, department=Department.objects.get(code=department_code), role=role)
        return user

    return make


@pytest.fixture
def keep_test_connection(monkeypatch):
    """`soilgw` commands close every connection when they end (BaseCommand.run_from_argv); inside a test's
    transaction that would drop the test database connection on PostgreSQL."""
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def pytest_collection_modifyitems(config, items):
    """Mark every test that touches the database ``db`` so CI can rerun exactly those on PostgreSQL."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & {"db", "transactional_db", "live_server", "django_db_setup"} or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.db)
