"""The 示例 fund projects: valid, idempotent, with quarters reported, overdue and open on the test clock."""

from __future__ import annotations

import datetime as dt

import pytest

from soilgw.funding.loaders import load_sample_funding
from soilgw.funding.models import Disbursement, FundProject, PerformanceTarget
from soilgw.plans.models import Obligation

pytestmark = pytest.mark.django_db


def test_samples(county, make_user, client):
    load_sample_funding()
    counts = [m.objects.count() for m in (FundProject, Disbursement, PerformanceTarget)]
    assert all(counts)
    for model in (FundProject, Disbursement, PerformanceTarget):
        for obj in model.objects.all():
            obj.full_clean()
    load_sample_funding()
    assert counts == [m.objects.count() for m in (FundProject, Disbursement, PerformanceTarget)]
    assert Obligation.objects.filter(rule_id="fund-project-quarterly-report", status="overdue").count() == 1
    # Test clock 2023-10-15: the admitted project runs 2022Q1–2024Q4; 2023Q3 (ended 09-30) is left unreported.
    rows = {(d.year, d.quarter): d for d in Disbursement.objects.all()}
    assert len(rows) == 12
    assert rows[(2023, 2)].reported_on == dt.date(2023, 7, 5)
    assert rows[(2023, 3)].reported_on is None and rows[(2023, 4)].reported_on is None
    client.force_login(make_user("f", "eeb", "viewer"))
    html = client.get("/funding/").content.decode()
    assert "示例" in html and "2023Q3" in html  # listed as ended but not reported
