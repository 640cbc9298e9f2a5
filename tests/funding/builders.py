"""Builders of valid funding records for the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from soilgw.core.models import Department
from soilgw.funding.models import Disbursement, FundProject, PerformanceTarget

D = dt.date


def project(code="T-XM-1", **kw):
    values = {"name": "测试矿渣治理项目", "kind": "legacy_mining_slag", "department": Department.objects.get(code="eeb"),
              "budget": Decimal("1000"), "requested": Decimal("800"), "starts_on": D(2023, 1, 1),
              "ends_on": D(2023, 12, 31)}
    values.update(kw)
    return FundProject.objects.get_or_create(code=code, defaults=values)[0]


def admitted_project(code="T-XM-2"):
    p = project(code)
    if p.status == "proposed":
        p.declare(declared_on=D(2022, 11, 1), reserve_level="central")
        p.admit(admitted_on=D(2022, 12, 20))
    return p


def disbursement():
    return Disbursement.objects.get_or_create(project=project(), year=2023, quarter=1,
                                              defaults={"allocated": Decimal("200")})[0]


def target():
    return PerformanceTarget.objects.get_or_create(project=project(), indicator="矿渣治理量",
                                                   defaults={"unit": "t", "target_value": Decimal("20000")})[0]
