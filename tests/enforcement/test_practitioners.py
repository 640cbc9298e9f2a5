"""Credit records and ratings, conflicts of interest in spot checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from soilgw.enforcement.loaders import sample_credit_code
from soilgw.enforcement.models import CreditRecord, ReportSpotCheck

from . import builders as b

pytestmark = pytest.mark.django_db
D = dt.date


def test_sample_credit_codes_pass_the_enterprise_validator():
    from soilgw.enterprises import credit_code

    # GB 32100-2015 §5 check character; the enterprises app's validator is tested on the standard's example.
    for i in (1, 2, 101, 300):
        assert credit_code.is_valid(sample_credit_code(i))


def test_rating_records_and_current_rating(county):
    firm = b.practitioner()
    with pytest.raises(ValidationError) as exc:
        CreditRecord(practitioner=firm, recorded_on=D(2023, 1, 1), kind="rating", description="x").full_clean()
    assert "rating" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        CreditRecord(practitioner=firm, recorded_on=D(2023, 1, 1), kind="violation", rating="D",
                     description="x").full_clean()
    assert "rating" in exc.value.message_dict
    CreditRecord.objects.create(practitioner=firm, recorded_on=D(2022, 1, 10), kind="rating", rating="A",
                                description="2021年度")
    CreditRecord.objects.create(practitioner=firm, recorded_on=D(2023, 1, 10), kind="rating", rating="C",
                                description="2022年度")
    assert firm.current_rating().rating == "C"
    assert firm.current_rating(D(2022, 12, 31)).rating == "A"


def test_staff_record_must_be_of_the_organisation(county):
    other = b.practitioner(2)
    with pytest.raises(ValidationError) as exc:
        CreditRecord(practitioner=other, staff=b.staff(), recorded_on=D(2023, 1, 1), kind="violation",
                     description="x").full_clean()
    assert "staff" in exc.value.message_dict


def test_conflicted_expert_may_not_review(county):
    conflict = b.conflict()  # 李专家 took part in a project of practitioner 2 since 2022-01-01
    check = ReportSpotCheck(report_title="报告", report_kind="investigation", practitioner=conflict.practitioner,
                            checked_on=D(2023, 7, 1), method="expert_review", reviewer=conflict.expert,
                            score=Decimal("75"), findings="x", outcome="passed")
    with pytest.raises(ValidationError, match="conflict of interest"):
        check.full_clean()
    conflict.until = D(2023, 6, 30)
    conflict.save()
    check.full_clean()  # the conflict ended before the check
    check.checked_on = D(2021, 12, 31)
    check.full_clean()  # and began after


def test_spot_check_method_needs_its_checker(county):
    check = b.spot_check()
    check.method, check.reviewer = "cross_region", None
    with pytest.raises(ValidationError) as exc:
        check.full_clean()
    assert "checking_body" in exc.value.message_dict
