"""Quarterly dispatch: who must report, who has, who is missing or late; status from all required reports."""

from __future__ import annotations

import datetime as dt

import pytest

from soilgw.core.clock import quarter_bounds
from soilgw.core.models import Department
from soilgw.plans.choices import ProgressStatus, ReviewState, TaskRoleKind, TaskState
from soilgw.plans.dispatch import (
    REPORTING_DAYS_AFTER_QUARTER_END,
    derive_status,
    quarter_dispatch,
    reminders,
    reporting_deadline,
    task_dispatch,
)
from soilgw.plans.models import ProgressReport, Task

pytestmark = pytest.mark.db

TOWNSHIPS = 10  # Jiang County's ten township governments implement every task


@pytest.fixture
def soil4(county):
    # Soil task 4: 市生态环境局绛县分局牵头，县农业农村局配合; every township implements.
    return Task.objects.get(plan__medium="soil", number=4)


def file(task, code, status="in_progress", percent=50, year=2023, quarter=3, settings=None, on=None):
    """File a report as the platform does on date ``on`` (the platform clock decides ``filed_on``)."""
    if settings is not None and on is not None:
        settings.SOILGW_AS_OF = on
    return ProgressReport.objects.create(task=task, department=Department.objects.get(code=code), year=year,
                                         quarter=quarter, status=status, percent=percent)


def codes(depts):
    return {d.code for d in depts}


def test_quarter_ends_and_the_reporting_deadline():
    assert quarter_bounds(2023, 1)[1] == dt.date(2023, 3, 31)
    assert quarter_bounds(2023, 2)[1] == dt.date(2023, 6, 30)
    assert quarter_bounds(2023, 4)[1] == dt.date(2023, 12, 31)
    assert REPORTING_DAYS_AFTER_QUARTER_END == 5
    assert reporting_deadline(2023, 3) == dt.date(2023, 10, 5)
    assert reporting_deadline(2023, 4) == dt.date(2024, 1, 5)
    with pytest.raises(ValueError, match="quarter must be 1, 2, 3 or 4"):
        quarter_bounds(2023, 5)


def test_every_role_must_report_townships_included(soil4, settings):
    d = task_dispatch(soil4, 2023, 3, today=dt.date(2023, 10, 1))
    assert len(d.required) == 2 + TOWNSHIPS
    assert {"eeb", "agri", "gujiang", "lengkou"} <= codes(d.required)
    assert d.lines[0].department.code == "eeb" and d.lines[0].role == TaskRoleKind.LEAD
    assert d.reported == [] and len(d.missing) == 12 and d.late == []


def test_reported_missing_and_late(soil4, settings):
    file(soil4, "eeb", settings=settings, on="2023-10-03")
    file(soil4, "gujiang", settings=settings, on="2023-10-05")  # the deadline day itself is on time
    file(soil4, "agri", settings=settings, on="2023-10-09")  # four days late
    file(soil4, "hengshui", quarter=2, settings=settings, on="2023-07-02")  # another quarter does not count
    before = task_dispatch(soil4, 2023, 3, today=dt.date(2023, 10, 5))
    assert codes(before.reported) == {"eeb", "gujiang", "agri"}
    assert "hengshui" in codes(before.missing) and len(before.missing) == 9
    assert codes(before.late) == {"agri"}  # the missing ones are not late until the deadline has passed
    after = task_dispatch(soil4, 2023, 3, today=dt.date(2023, 10, 6))
    assert codes(after.late) == {"agri"} | codes(after.missing)
    assert len(after.late) == 10


def test_one_completed_lead_report_does_not_complete_the_task(soil4, settings):
    settings.SOILGW_AS_OF = "2023-10-03"
    file(soil4, "eeb", status="completed", percent=100)
    file(soil4, "agri", status="in_progress", percent=60)
    d = task_dispatch(soil4, 2023, 3)
    assert d.status == ProgressStatus.IN_PROGRESS
    assert d.percent == 0  # ten townships have not reported
    assert soil4.state(dt.date(2023, 10, 3)) == TaskState.IN_PROGRESS


def test_done_only_when_every_required_reporter_reports_completed(soil4, settings):
    settings.SOILGW_AS_OF = "2023-10-03"
    for role in soil4.roles.all():
        file(soil4, role.department.code, status="completed", percent=100)
    d = task_dispatch(soil4, 2023, 3)
    assert d.status == ProgressStatus.COMPLETED and d.percent == 100 and d.missing == []
    assert soil4.state(dt.date(2024, 3, 1)) == TaskState.COMPLETED
    one = ProgressReport.objects.get(task=soil4, department__code="moli")
    one.status, one.percent = ProgressStatus.IN_PROGRESS, 70
    one.save()
    d = task_dispatch(soil4, 2023, 3)
    assert d.status == ProgressStatus.IN_PROGRESS and d.percent == 70


def test_a_returned_report_counts_as_not_reported(soil4, settings):
    settings.SOILGW_AS_OF = "2023-10-03"
    for role in soil4.roles.all():
        file(soil4, role.department.code, status="completed", percent=100)
    ProgressReport.objects.filter(task=soil4, department__code="agri").update(review_state=ReviewState.RETURNED)
    d = task_dispatch(soil4, 2023, 3)
    assert codes(d.missing) == {"agri"} and codes(d.returned) == {"agri"}
    assert d.status == ProgressStatus.IN_PROGRESS and d.percent == 0
    soil4 = Task.objects.get(pk=soil4.pk)
    assert soil4.state(dt.date(2023, 10, 3)) == TaskState.IN_PROGRESS


def test_derive_status_rule():
    class R:
        def __init__(self, status):
            self.status = status

    assert derive_status([], {}) == ProgressStatus.NOT_STARTED
    assert derive_status([1, 2], {1: R("completed")}) == ProgressStatus.IN_PROGRESS
    assert derive_status([1, 2], {1: R("completed"), 2: R("delayed")}) == ProgressStatus.DELAYED
    assert derive_status([1, 2], {1: R("completed"), 2: R("completed")}) == ProgressStatus.COMPLETED
    assert derive_status([1, 2], {1: R("not_started")}) == ProgressStatus.NOT_STARTED


def test_resubmission_is_dated_again_and_awaits_review(soil4, settings):
    report = file(soil4, "agri", settings=settings, on="2023-10-03")
    assert report.filed_on == dt.date(2023, 10, 3) and report.review_state == ReviewState.PENDING
    ProgressReport.objects.filter(pk=report.pk).update(review_state=ReviewState.RETURNED, review_comment="补充")
    report.refresh_from_db()
    settings.SOILGW_AS_OF = "2023-10-12"
    report.narrative = "已补充材料"
    report.save()
    report.refresh_from_db()
    assert report.filed_on == dt.date(2023, 10, 12)
    assert report.review_state == ReviewState.PENDING and report.review_comment == ""
    assert codes(task_dispatch(soil4, 2023, 3, today=dt.date(2023, 10, 12)).late) >= {"agri"}


def test_quarter_dispatch_and_the_reminder_list(soil4, settings):
    settings.SOILGW_AS_OF = "2023-10-03"
    file(soil4, "agri")
    all_tasks = quarter_dispatch(2023, 3)
    assert len(all_tasks) == Task.objects.filter(plan__year=2023).count()
    assert len(quarter_dispatch(2023, 3, plan="groundwater")) == Task.objects.filter(
        plan__medium="groundwater").count()
    by_dept = dict((d.code, ds) for d, ds in reminders(all_tasks))
    assert soil4.pk not in {x.task.pk for x in by_dept["agri"]}
    assert soil4.pk in {x.task.pk for x in by_dept["eeb"]}
    assert len(by_dept["gujiang"]) == len(all_tasks)  # a township implements every task
    assert list(by_dept)[0] == "eeb"  # bureaus first, townships after
