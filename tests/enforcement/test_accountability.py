"""Township milestones and progress; summons and orders only for what is overdue; commitments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from soilgw.enforcement.accountability import LADDER, lagging, next_rung
from soilgw.enforcement.models import PlanMilestone, Summons

from . import builders as b
from .conftest import dept, soil_task

pytestmark = pytest.mark.django_db
D = dt.date


def test_milestone_progress_and_state(county):
    m = b.milestone()
    assert m.state(D(2023, 6, 30)) == "open" and m.state(D(2023, 7, 1)) == "overdue"  # due 2023-06-30
    m.report_progress(reported_on=D(2023, 5, 1), percent=40, note="过半乡村完成")
    with pytest.raises(ValidationError, match="cannot go back"):
        m.report_progress(reported_on=D(2023, 5, 10), percent=30, note="x")
    m.report_progress(reported_on=D(2023, 7, 5), percent=100, note="完成")
    assert m.done_on == D(2023, 7, 5) and m.state(D(2023, 7, 4)) == "overdue" and m.state(D(2023, 7, 5)) == "done"
    with pytest.raises(ValidationError, match="already done"):
        m.report_progress(reported_on=D(2023, 7, 6), percent=100, note="x")
    assert b.township_plan().progress(D(2023, 8, 1)) == {"done": 1, "open": 0, "overdue": 0, "total": 1}


def test_milestone_task_must_be_of_the_plan(county):
    from soilgw.plans.models import Task

    gw_task = Task.objects.get(plan__code="jiang-2023-groundwater", number=8)
    with pytest.raises(ValidationError) as exc:
        PlanMilestone(township_plan=b.township_plan(), task=gw_task, title="封井", due_on=D(2023, 6, 30)).full_clean()
    assert "task" in exc.value.message_dict


def _summons(**kw):
    values = {"number": "YT-1", "kind": "summons_interview", "department": dept("eeb"), "reason": "task_overdue",
              "held_on": D(2024, 1, 10), "issued_by": dept("county-gov"), "details": "任务逾期"}
    values.update(kw)
    return Summons(**values)


def test_summons_only_for_an_overdue_task(county):
    task = soil_task(13)  # deadline: the plan year's end, 2023-12-31 (default); no progress reported
    _summons(task=task).full_clean()  # 2024-01-10: overdue
    with pytest.raises(ValidationError) as exc:
        _summons(task=task, held_on=D(2023, 7, 10)).full_clean()  # not started, not overdue
    assert "task" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _summons(task=task, department=dept("water")).full_clean()  # the water bureau has no role on task 13
    assert "department" in exc.value.message_dict
    _summons(task=task, department=dept("gujiang")).full_clean()  # townships carry out every task


def test_order_only_for_an_overdue_milestone_of_that_township(county):
    m = b.milestone()  # 古绛镇, due 2023-06-30
    order = _summons(kind="supervision_order", reason="milestone_overdue", milestone=m, department=dept("gujiang"),
                     held_on=D(2023, 7, 10))
    order.full_clean()
    order.held_on = D(2023, 6, 1)
    with pytest.raises(ValidationError, match="not overdue"):
        order.full_clean()
    order.held_on, order.department = D(2023, 7, 10), dept("hengshui")
    with pytest.raises(ValidationError, match="another township"):
        order.full_clean()


def test_lagging_lists_overdue_milestones_and_tasks(county):
    b.milestone()
    found = lagging(D(2023, 7, 1))
    assert [m["milestone"].title for m in found["milestones"]] == ["完成隐患排查督促"]
    # Groundwater task 8 has the dated deadline 2023-06-30 (清单 by the end of June): overdue on 2023-07-01.
    assert any(t["task"].plan.code == "jiang-2023-groundwater" and t["task"].number == 8 for t in found["tasks"])
    assert lagging(D(2023, 6, 30))["milestones"] == []


def test_commitments_past_due_are_listed_until_fulfilled(county):
    c = b.commitment()  # due 2023-07-31
    assert lagging(D(2023, 7, 31))["commitments"] == []
    assert lagging(D(2023, 8, 1))["commitments"] == [c]
    c.fulfilled_on, c.evidence = D(2023, 8, 3), "点位布设验收单"
    c.save()
    assert lagging(D(2023, 8, 2))["commitments"] == [c]  # fulfilled after that day
    assert lagging(D(2023, 8, 3))["commitments"] == []


def test_commitment_fulfilled_needs_evidence(county):
    c = b.commitment()
    c.fulfilled_on = D(2023, 7, 20)
    with pytest.raises(ValidationError) as exc:
        c.full_clean()
    assert "evidence" in exc.value.message_dict


def test_accountability_page(county, eeb_editor, client):
    b.summons()
    client.force_login(eeb_editor)
    html = client.get("/enforcement/accountability/").content.decode()
    assert "T-DB-1" in html and "完成隐患排查督促" in html


def test_the_ladder_goes_warning_then_order_then_interview():
    # 及时预警、督办…必要时进行约谈: each lag climbs one rung per record
    assert next_rung([]) == "warning"
    assert next_rung(["warning"]) == "supervision_order"
    assert next_rung(["warning", "supervision_order"]) == "summons_interview"
    assert next_rung(["supervision_order"]) == "summons_interview"  # an order issued directly still escalates
    assert next_rung(["summons_interview"]) is None
    assert LADDER == ("warning", "supervision_order", "summons_interview")


def _escalation(found, task, code):
    row = next(t for t in found["tasks"] if t["task"] == task)
    return next(e for e in row["escalations"] if e["department"].code == code)


def test_an_overdue_task_is_escalated_rung_by_rung_from_the_page(county, eeb_editor, client, settings, make_user):
    task = soil_task(13)  # overdue from 2024-01-01 (the plan year's end, no progress reported)
    on = D(2024, 1, 20)
    settings.SOILGW_AS_OF = on.isoformat()
    first = _escalation(lagging(on), task, "eeb")
    assert first["issued"] == [] and first["next"] == "warning"
    assert f"kind=warning&department={dept('eeb').pk}&reason=task_overdue&task={task.pk}" in first["raise_url"]
    client.force_login(eeb_editor)
    form = client.get(first["raise_url"]).content.decode()
    assert '<option value="warning" selected>' in form and f'<option value="{task.pk}" selected>' in form
    for number, kind, day in (("YJ-1", "warning", D(2024, 1, 10)), ("DB-1", "supervision_order", D(2024, 1, 15))):
        s = _summons(number=number, kind=kind, task=task, held_on=day)
        s.full_clean()
        s.save()
    now = _escalation(lagging(on), task, "eeb")
    assert [s.number for s in now["issued"]] == ["YJ-1", "DB-1"] and now["next"] == "summons_interview"
    assert _escalation(lagging(on), task, "agri")["next"] == "warning"  # each department climbs its own ladder
    _summons(number="YT-9", task=task, held_on=D(2024, 1, 18)).save()
    assert _escalation(lagging(on), task, "eeb")["next"] is None
    page = client.get("/enforcement/accountability/").content.decode()
    row = page.split(f'data-task="{task.pk}" data-department="eeb"')[1].split("</tr>")[0]
    assert row.count("<a href=\"/enforcement/summons/") == 3
    assert 'class="button escalate"' in page
    client.force_login(make_user("eeb-viewer", "eeb", "viewer"))  # sees the board, may not issue (no editor role)
    page = client.get("/enforcement/accountability/").content.decode()
    assert 'data-department="eeb"' in page and 'class="button escalate"' not in page


def test_obligations_past_due_escalate_per_supervising_department(county):
    from django.contrib.contenttypes.models import ContentType

    from soilgw.core.models import Department
    from soilgw.plans.obligations.models import Obligation

    Obligation.objects.all().delete()  # only this test's obligations (loading the county derives some)
    eeb, ct = dept("eeb"), ContentType.objects.get_for_model(Department)
    for rule, due, status in (("a", D(2023, 5, 1), "overdue"), ("b", D(2023, 6, 1), "open"),  # open, judged earlier
                              ("c", D(2023, 5, 1), "done"), ("e", D(2023, 9, 1), "open")):
        Obligation.objects.create(rule_id=rule, what=rule, clause="示例", subject_type=ct, subject_id=eeb.pk,
                                  subject_label="分局", holder_type=ct, holder_id=eeb.pk, holder_label="分局",
                                  department=eeb, due=due, status=status, rules_version="t", as_of=D(2023, 5, 2))
    on = D(2023, 7, 1)
    [row] = lagging(on)["obligations"]
    assert (row["department"], row["overdue"]) == (eeb, 2)  # a and b are past due on 7-01; c is done, e not due
    assert row["escalation"]["next"] == "warning"
    assert "reason=duty_not_performed" in row["escalation"]["raise_url"] and "task=" not in row["escalation"]["raise_url"]
    _summons(number="YJ-T", kind="warning", task=soil_task(13), held_on=D(2024, 1, 10)).save()  # about a task
    assert lagging(on)["obligations"][0]["escalation"]["next"] == "warning"  # does not count for obligations
    _summons(number="YJ-O", kind="warning", reason="duty_not_performed", held_on=D(2023, 7, 1)).save()
    assert lagging(on)["obligations"][0]["escalation"]["next"] == "supervision_order"
