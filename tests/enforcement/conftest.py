"""Fixtures of the enforcement tests: small valid records built on the loaded county (departments, plans)."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


def dept(code: str):
    from soilgw.core.models import Department

    return Department.objects.get(code=code)


def township(name: str = "古绛镇"):
    from soilgw.core.models import Township

    return Township.objects.get(name=name)


def soil_task(number: int):
    from soilgw.plans.models import Task

    return Task.objects.get(plan__code="jiang-2023-soil", number=number)


@pytest.fixture
def eeb_editor(county, make_user):
    return make_user("eeb-editor", "eeb", "editor")
