"""Department permissions on tasks and progress reports (issue: foundation, Tests › Permissions)."""

from __future__ import annotations

import pytest

from soilgw.plans.models import ProgressReport, Task

pytestmark = pytest.mark.db


@pytest.fixture
def soil5(county):
    # Soil task 5: 县自然资源局, 县农业农村局, eco-environment branch, 县市场监管局 jointly responsible.
    return Task.objects.get(plan__medium="soil", number=5)


@pytest.fixture
def soil1(county):
    # Soil task 1: the eco-environment branch alone is responsible.
    return Task.objects.get(plan__medium="soil", number=1)


def test_agriculture_editor_cannot_edit_a_task_without_its_role(api_client, make_user, soil1, soil5):
    user = make_user("agri-editor", "agri", "editor")
    api_client.force_authenticate(user)
    resp = api_client.patch(f"/api/tasks/{soil1.pk}/", {"title": "改"}, format="json")
    assert resp.status_code == 403
    resp = api_client.patch(f"/api/tasks/{soil5.pk}/", {"section": soil5.section}, format="json")
    assert resp.status_code == 200


def test_viewer_cannot_edit_even_on_own_task(api_client, make_user, soil5):
    api_client.force_authenticate(make_user("agri-viewer", "agri", "viewer"))
    assert api_client.patch(f"/api/tasks/{soil5.pk}/", {"title": "x"}, format="json").status_code == 403


def _report(task, dept_id, quarter=3):
    return {"task": task.pk, "department": dept_id, "year": 2023, "quarter": quarter, "status": "in_progress",
            "percent": 40, "narrative": "排查进行中"}


def test_township_files_its_own_report_and_nobody_elses(api_client, make_user, soil1):
    from soilgw.core.models import Department

    gujiang = Department.objects.get(code="gujiang")
    hengshui = Department.objects.get(code="hengshui")
    api_client.force_authenticate(make_user("gujiang-editor", "gujiang", "editor"))
    assert api_client.post("/api/progress-reports/", _report(soil1, gujiang.pk), format="json").status_code == 201
    resp = api_client.post("/api/progress-reports/", _report(soil1, hengshui.pk), format="json")
    assert resp.status_code == 400 and "department" in resp.json()
    other = ProgressReport.objects.create(task=soil1, department=hengshui, year=2023, quarter=2,
                                          status="in_progress", percent=10)
    assert api_client.patch(f"/api/progress-reports/{other.pk}/", {"percent": 90}, format="json").status_code == 403
    assert ProgressReport.objects.filter(department=gujiang).count() == 1


def test_completed_report_must_be_100_percent(api_client, make_user, soil1):
    from soilgw.core.models import Department

    api_client.force_authenticate(make_user("eeb-editor", "eeb"))
    body = {**_report(soil1, Department.objects.get(code="eeb").pk), "status": "completed", "percent": 80}
    resp = api_client.post("/api/progress-reports/", body, format="json")
    assert resp.status_code == 400 and "percent" in resp.json()


def test_anonymous_reads_and_writes_are_refused(api_client, soil1):
    for url in ("/api/tasks/", "/api/plans/", "/api/progress-reports/", "/api/departments/", "/api/imports/"):
        assert api_client.get(url).status_code == 401, url
    assert api_client.post("/api/progress-reports/", {}, format="json").status_code == 401
    assert api_client.get("/api/schema/?format=json").status_code == 200


def test_anonymous_pages_redirect_to_login(client, county):
    resp = client.get("/plans/tasks/")
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_overdue_is_judged_against_the_clock(county, settings):
    import datetime as dt

    from soilgw.plans.choices import TaskState

    gw8 = Task.objects.get(plan__medium="groundwater", number=8)  # due 2023-06-30
    settings.SOILGW_AS_OF = "2023-06-30"
    from soilgw.core.clock import as_of

    assert gw8.state(as_of()) == TaskState.NOT_STARTED
    assert gw8.state(dt.date(2023, 7, 1)) == TaskState.OVERDUE


def test_a_report_for_a_quarter_not_yet_begun_is_refused(api_client, make_user, soil1, settings):
    from soilgw.core.models import Department

    settings.SOILGW_AS_OF = "2023-10-15"  # the fourth quarter of 2023 has begun, 2024 Q1 has not
    api_client.force_authenticate(make_user("eeb-future", "eeb"))
    eeb = Department.objects.get(code="eeb").pk
    resp = api_client.post("/api/progress-reports/", {**_report(soil1, eeb, 1), "year": 2024}, format="json")
    assert resp.status_code == 400 and "quarter" in resp.json()
    assert api_client.post("/api/progress-reports/", _report(soil1, eeb, 4), format="json").status_code == 201
