"""Fixtures of the risk app tests: departments, users with roles, a consultant account, a valid payload."""

from __future__ import annotations

import pytest


@pytest.fixture
def departments(db):
    from soilgw.core.loaders import load_departments

    load_departments()


@pytest.fixture
def editor(departments, make_user):
    return make_user("eeb-editor", "eeb", "editor")


@pytest.fixture
def viewer(departments, make_user):
    return make_user("eeb-viewer", "eeb", "viewer")


@pytest.fixture
def other_editor(departments, make_user):
    return make_user("nrb-editor", "nrb", "editor")


def _consultant(make_user, name):
    from django.contrib.contenttypes.models import ContentType

    from soilgw.core.models import ExternalAccount

    user = make_user(name)
    # A consultant's account acts for itself: scoped to its own user record.
    ExternalAccount.objects.create(user=user, scope_type=ContentType.objects.get_for_model(type(user)),
                                   scope_id=user.pk)
    return user


@pytest.fixture
def consultant(departments, make_user):
    return _consultant(make_user, "consultant-a")


@pytest.fixture
def other_consultant(departments, make_user):
    return _consultant(make_user, "consultant-b")


@pytest.fixture
def payload():
    """Benzene by its Chinese name, benzo[a]pyrene by CAS, arsenic in English; surface = subsurface soil."""
    return {
        "title": "厂区地块风险评估",
        "land_class": 1,
        "concentrations": [
            {"chemical": "苯", "surface_soil_mg_per_kg": 2.0, "subsurface_soil_mg_per_kg": 2.0,
             "groundwater_mg_per_l": 0.05},
            {"chemical": "50-32-8", "surface_soil_mg_per_kg": 1.5, "subsurface_soil_mg_per_kg": 1.5},
            {"chemical": "arsenic", "surface_soil_mg_per_kg": 30.0, "subsurface_soil_mg_per_kg": 30.0},
        ],
        "overrides": {"Lgw": 500, "fom": 10, "ACR": 1e-5},
    }
