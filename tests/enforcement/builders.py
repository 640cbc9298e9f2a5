"""Builders of one valid record per enforcement model (used by the registry tests and the workflow tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from soilgw.enforcement import models as m
from soilgw.enforcement.loaders import sample_credit_code

from .conftest import dept, soil_task, township

D = dt.date


def lead(code="T-XS-1", **kw):
    values = {"received_on": D(2023, 3, 1), "source": "complaint", "summary": "举报倾倒废渣", "township": township()}
    values.update(kw)
    return m.Lead.objects.get_or_create(code=code, defaults=values)[0]


def case(number="T-LA-1", **kw):
    values = {"opened_on": D(2023, 3, 10), "violation": "illegal_dumping", "description": "倾倒废渣",
              "handling_department": dept("eeb")}
    values.update(kw)
    return m.Case.objects.get_or_create(number=number, defaults=values)[0]


def campaign(code="T-ZX-1"):
    return m.Campaign.objects.get_or_create(code=code, defaults={
        "name": "测试专项行动", "lead_department": dept("eeb"), "starts_on": D(2023, 4, 1), "ends_on": D(2023, 6, 30),
        "scope": "全县", "targets": "重点监管单位"})[0]


def meeting(number="T-LX-1"):
    return m.JointMeeting.objects.get_or_create(number=number, defaults={
        "title": "测试联席会议", "held_on": D(2023, 3, 20), "convener": dept("eeb"), "participants": "公安、自然资源",
        "minutes": "通报线索"})[0]


def follow_up(item="公安提前介入"):
    return m.MeetingFollowUp.objects.get_or_create(meeting=meeting(), item=item, defaults={
        "department": dept("police"), "due_on": D(2023, 4, 15)})[0]


def practitioner(i=1):
    return m.Practitioner.objects.get_or_create(credit_code=sample_credit_code(100 + i), defaults={
        "name": f"测试检测公司{i}", "kind": "investigation"})[0]


def staff(name="张工"):
    return m.PractitionerStaff.objects.get_or_create(practitioner=practitioner(), name=name, defaults={
        "certificate_number": "ZS-1"})[0]


def credit_record():
    return m.CreditRecord.objects.get_or_create(practitioner=practitioner(), recorded_on=D(2023, 1, 15), kind="rating",
                                                defaults={"rating": "B", "description": "年度评价"})[0]


def expert(name="李专家"):
    return m.Expert.objects.get_or_create(name=name, organisation="某大学", defaults={"field": "soil"})[0]


def conflict():
    return m.ExpertConflict.objects.get_or_create(expert=expert(), practitioner=practitioner(2), kind="project",
                                                  defaults={"since": D(2022, 1, 1)})[0]


def spot_check(**kw):
    values = {"report_kind": "investigation", "practitioner": practitioner(), "method": "expert_review",
              "reviewer": expert(), "score": Decimal("80.0"), "findings": "布点合理", "outcome": "passed"}
    values.update(kw)
    return m.ReportSpotCheck.objects.get_or_create(report_title="某地块初步调查报告", checked_on=D(2023, 7, 1),
                                                   defaults=values)[0]


def township_plan():
    from soilgw.plans.models import ActionPlan

    return m.TownshipPlan.objects.get_or_create(code="T-FA-1", defaults={
        "township": township(), "plan": ActionPlan.objects.get(code="jiang-2023-soil"), "title": "古绛镇实施方案",
        "adopted_on": D(2023, 3, 1)})[0]


MILESTONE_DUE = D(2023, 6, 30)


def milestone(title="完成隐患排查督促", due=MILESTONE_DUE):
    return m.PlanMilestone.objects.get_or_create(township_plan=township_plan(), task=soil_task(1), title=title,
                                                 defaults={"due_on": due})[0]


def summons(number="T-DB-1"):
    return m.Summons.objects.get_or_create(number=number, defaults={
        "kind": "supervision_order", "department": dept("gujiang"), "reason": "milestone_overdue",
        "milestone": milestone(), "held_on": D(2023, 7, 10), "issued_by": dept("eeb"), "details": "节点逾期"})[0]


def commitment():
    return m.SummonsCommitment.objects.get_or_create(summons=summons(), commitment="7月底前完成",
                                                     defaults={"due_on": D(2023, 7, 31)})[0]
