"""A drop in reported progress against the same department's previous quarter needs a reason."""

from __future__ import annotations

import pytest
from django.utils import translation

from soilgw.core.models import Department
from soilgw.plans.models import ProgressReport, Task

pytestmark = pytest.mark.db


def test_lower_percent_than_last_quarter_needs_a_reason(county, settings, make_user, api_client):
    settings.SOILGW_AS_OF = "2023-10-03"
    task = Task.objects.get(plan__medium="soil", number=4)
    agri = Department.objects.get(code="agri")
    ProgressReport.objects.create(task=task, department=agri, year=2023, quarter=2, status="in_progress",
                                  percent=60)
    api_client.force_authenticate(make_user("agri-ed", "agri"))
    body = {"task": task.pk, "department": agri.pk, "year": 2023, "quarter": 3, "status": "in_progress",
            "percent": 45}
    with translation.override("zh-hans"):
        resp = api_client.post("/api/progress-reports/", body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 400
    message = resp.json()["decline_reason"][0]
    assert "60" in message and "原因" in message
    assert api_client.post("/api/progress-reports/", {**body, "percent": 60}, format="json").status_code == 201
    ProgressReport.objects.filter(quarter=3).delete()
    resp = api_client.post("/api/progress-reports/", {**body, "decline_reason": "重新核定排查范围"}, format="json")
    assert resp.status_code == 201


def test_a_returned_previous_report_is_not_the_baseline(county, settings):
    from django.core.exceptions import ValidationError

    settings.SOILGW_AS_OF = "2023-10-03"
    task = Task.objects.get(plan__medium="soil", number=4)
    agri = Department.objects.get(code="agri")
    ProgressReport.objects.create(task=task, department=agri, year=2023, quarter=2, status="in_progress",
                                  percent=60, review_state="returned")
    ProgressReport(task=task, department=agri, year=2023, quarter=3, status="in_progress", percent=40).clean()
    ProgressReport.objects.filter(quarter=2).update(review_state="accepted")
    with pytest.raises(ValidationError, match="60"):
        ProgressReport(task=task, department=agri, year=2023, quarter=3, status="in_progress", percent=40).clean()
