"""A fund project is declared, admitted, gets its quarters and reports one; admission rates per year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from soilgw.core.clock import quarter_bounds
from soilgw.funding.models import Disbursement, admission_rates, quarters_between

from . import builders as b

D = dt.date


def test_quarter_bounds_are_calendar_quarters():
    assert quarter_bounds(2023, 1) == (D(2023, 1, 1), D(2023, 3, 31))
    assert quarter_bounds(2024, 1) == (D(2024, 1, 1), D(2024, 3, 31))
    assert quarter_bounds(2023, 2) == (D(2023, 4, 1), D(2023, 6, 30))
    assert quarter_bounds(2023, 4) == (D(2023, 10, 1), D(2023, 12, 31))
    with pytest.raises(ValueError, match="1–4"):
        quarter_bounds(2023, 5)
    assert quarters_between(D(2023, 2, 15), D(2024, 1, 1)) == [(2023, 1), (2023, 2), (2023, 3), (2023, 4), (2024, 1)]


@pytest.mark.django_db
def test_admission_schedules_the_quarters(county):
    p = b.project()
    with pytest.raises(ValidationError, match="not possible"):
        p.admit(admitted_on=D(2023, 1, 5))  # not declared yet
    p.declare(declared_on=D(2022, 11, 1), reserve_level="central")
    p.admit(admitted_on=D(2022, 12, 20))
    rows = list(p.disbursements.values_list("year", "quarter", "period_start", "period_end"))
    assert rows == [(2023, q, *quarter_bounds(2023, q)) for q in (1, 2, 3, 4)]
    assert p.schedule_quarters() == 0  # idempotent


@pytest.mark.django_db
def test_admission_needs_the_project_period(county):
    p = b.project(code="T-XM-5", starts_on=None, ends_on=None)
    p.declare(declared_on=D(2022, 11, 1), reserve_level="provincial")
    with pytest.raises(ValidationError) as exc:
        p.admit(admitted_on=D(2022, 12, 1))
    assert "starts_on" in exc.value.message_dict


@pytest.mark.django_db
def test_quarter_report_checks(county):
    p = b.admitted_project()
    q1, q2 = (p.disbursements.get(year=2023, quarter=q) for q in (1, 2))
    with pytest.raises(ValidationError) as exc:
        q1.report(reported_on=D(2023, 4, 8), allocated=Decimal("100"), spent=Decimal("150"), progress_percent=10,
                  narrative="x")
    assert "spent" in exc.value.message_dict  # spent more than allocated to date
    q1 = Disbursement.objects.get(pk=q1.pk)
    q1.report(reported_on=D(2023, 4, 8), allocated=Decimal("200"), spent=Decimal("150"), progress_percent=20,
              narrative="清运矿渣")
    with pytest.raises(ValidationError, match="already reported"):
        q1.report(reported_on=D(2023, 4, 9), spent=Decimal("1"), progress_percent=20, narrative="x")
    with pytest.raises(ValidationError) as exc:
        q2.report(reported_on=D(2023, 7, 5), spent=Decimal("40"), progress_percent=10, narrative="x")
    assert "progress_percent" in exc.value.message_dict  # progress fell below Q1's 20 %
    q2 = Disbursement.objects.get(pk=q2.pk)
    with pytest.raises(ValidationError) as exc:
        q2.report(reported_on=D(2023, 3, 30), spent=Decimal("40"), progress_percent=30, narrative="x")
    assert "reported_on" in exc.value.message_dict  # before the quarter began
    q2 = Disbursement.objects.get(pk=q2.pk)
    q2.report(reported_on=D(2023, 7, 5), spent=Decimal("40"), progress_percent=30, narrative="x")  # 190 ≤ 200
    assert p.totals() == {"allocated": Decimal("200"), "spent": Decimal("190")}
    with pytest.raises(ValidationError, match="Every quarter"):
        p.complete()


@pytest.mark.django_db
def test_admission_rate_per_year_and_reserve(county):
    for i, outcome in enumerate(["admit", "admit", "refuse", "pending"]):
        p = b.project(code=f"T-R-{i}")
        p.declare(declared_on=D(2022, 3, 1 + i), reserve_level="central")
        if outcome == "admit":
            p.admit(admitted_on=D(2022, 6, 1))
        elif outcome == "refuse":
            p.refuse(decided_on=D(2022, 6, 1), note="评审未通过")
    p = b.project(code="T-R-9")
    p.declare(declared_on=D(2023, 3, 1), reserve_level="provincial")
    p.admit(admitted_on=D(2023, 5, 1))
    rates = admission_rates()
    assert rates == [
        {"year": 2022, "level": "central", "declared": 4, "admitted": 2, "not_admitted": 1, "pending": 1,
         "rate": round(2 / 3, 4)},
        {"year": 2023, "level": "provincial", "declared": 1, "admitted": 1, "not_admitted": 0, "pending": 0,
         "rate": 1.0},
    ]
    assert [r["year"] for r in admission_rates("provincial")] == [2023]


@pytest.mark.django_db
def test_api_report_and_rates(county, make_user, api_client):
    p = b.admitted_project()
    q = p.disbursements.get(year=2023, quarter=1)
    api_client.force_authenticate(make_user("fund-editor", "eeb", "editor"))
    resp = api_client.post(f"/api/fund-disbursements/{q.pk}/report/", {
        "reported_on": "2023-04-10", "allocated": "300", "spent": "120", "progress_percent": 15, "narrative": "开工"})
    assert resp.status_code == 200, resp.json()
    q.refresh_from_db()
    assert q.reported_on == D(2023, 4, 10) and q.spent == Decimal("120")
    resp = api_client.post(f"/api/fund-projects/{p.pk}/declare/", {"declared_on": "2023-01-01",
                                                                     "reserve_level": "central"})
    assert resp.status_code == 400 and "not possible" in str(resp.json())
    with_all_reported = p.disbursements.exclude(pk=q.pk)
    for row in with_all_reported:
        row.report(reported_on=row.period_end, spent=Decimal(0), progress_percent=100, narrative="完工")
    assert api_client.post(f"/api/fund-projects/{p.pk}/complete/", {}).status_code == 200
    p.refresh_from_db()
    assert p.status == "completed"
    rates = api_client.get("/api/fund-projects/admission-rates/").json()
    assert rates == [{"year": 2022, "level": "central", "declared": 1, "admitted": 1, "not_admitted": 0,
                      "pending": 0, "rate": 1.0}]
