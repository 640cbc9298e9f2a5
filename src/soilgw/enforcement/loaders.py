"""示例 sample records of every enforcement model, so every page has content (synthetic; names say 示例).

Dates follow the platform clock's year ``y`` so a fresh ``make run`` shows open, done and overdue items.
Idempotent on natural keys. Credit codes are synthetic but valid (GB 32100-2015 check character).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from soilgw.core.clock import as_of
from soilgw.core.loaders import register_loader
from soilgw.core.models import Department, Township
from soilgw.enterprises.credit_code import check_character
from soilgw.plans.models import ActionPlan, Task

from .choices import (
    CaseStatus,
    CheckMethod,
    CheckOutcome,
    ConflictKind,
    CreditKind,
    ExpertField,
    LeadSource,
    LeadStatus,
    PenaltyKind,
    PractitionerKind,
    ReferralGround,
    ReportKind,
    SummonsKind,
    SummonsReason,
    Violation,
)
from .models import (
    Campaign,
    Case,
    CreditRecord,
    Expert,
    ExpertConflict,
    JointMeeting,
    Lead,
    MeetingFollowUp,
    PlanMilestone,
    Practitioner,
    PractitionerStaff,
    ReportSpotCheck,
    Summons,
    SummonsCommitment,
    TownshipPlan,
)


def sample_credit_code(i: int) -> str:
    """A synthetic credit code registered in Jiang County (140826) with a valid check character."""
    first17 = f"91140826MA{i:06d}X"
    return first17 + check_character(first17)


def _upsert(model, keys: dict, values: dict):
    obj, _ = model.objects.update_or_create(**keys, defaults=values)
    return obj


@register_loader("enforcement-sample", depends_on=("departments", "plans", "enterprises-sample"))
def load_sample_enforcement() -> str:
    """Create or update the 示例 leads, cases, meetings, campaign, practitioners, experts, plans and summons."""
    from soilgw.plans.obligations import engine

    with transaction.atomic(), engine.paused():
        summary = _load()
    engine.refresh(["joint-meeting-follow-up"])
    return summary


def _load() -> str:
    from soilgw.enterprises.models import Enterprise

    y = as_of().year
    firm = Enterprise.objects.filter(is_sample=True).order_by("credit_code").first()
    d = dt.date
    dept = {x.code: x for x in Department.objects.all()}
    town = {t.name: t for t in Township.objects.all()}
    soil = ActionPlan.objects.get(code="jiang-2023-soil")
    soil_task = {t.number: t for t in Task.objects.filter(plan=soil)}

    campaign = _upsert(Campaign, {"code": f"示例-{y}-01"}, {
        "name": f"示例 {y}年重点建设用地安全利用专项执法行动", "lead_department": dept["eeb"],
        "starts_on": d(y, 4, 1), "ends_on": d(y, 6, 30), "scope": "示例：全县重点建设用地和土壤污染重点监管单位",
        "targets": "示例：检查风险管控和修复措施落实、重点监管单位履行土壤污染防治义务情况",
        "units_inspected": 12, "problems_found": 3, "findings": "示例：2家单位未按期开展隐患排查，1处地块违规开工"})
    leads = [
        ("示例-XS-001", d(y, 3, 2), LeadSource.COMPLAINT, None, "示例：群众举报某废弃厂区夜间倾倒不明废渣", "古绛镇", None,
         LeadStatus.CASE_OPENED, d(y, 3, 6), "示例：现场发现约30吨含重金属废渣倾倒于坑塘"),
        ("示例-XS-002", d(y, 4, 18), LeadSource.INSPECTION, None, "示例：专项行动中发现修复地块污染土壤去向不明", "横水镇",
         campaign, LeadStatus.CASE_OPENED, d(y, 4, 22), "示例：转运联单缺失，部分污染土壤运往未备案场地"),
        ("示例-XS-003", d(y, 5, 9), LeadSource.SATELLITE, None, "示例：卫星图斑显示名录内地块出现新建建筑", "陈村镇",
         None, LeadStatus.UNFOUNDED, d(y, 5, 15), "示例：核查为临时围挡，未开工建设"),
        ("示例-XS-004", d(y, 6, 3), LeadSource.TRANSFER, dept["nrb"], "示例：自然资源局移交的违规供地线索", "卫庄镇", None,
         LeadStatus.RECEIVED, None, ""),
        ("示例-XS-005", d(y, 6, 20), LeadSource.MONITORING, None, "示例：企业周边土壤监测镉超筛选值", "么里镇", None,
         LeadStatus.FOUNDED, d(y, 6, 28), "示例：确认厂界外土壤镉超标，需进一步调查来源"),
    ]
    lead_objs = {}
    for code, received, source, frm, summary, tn, camp, status, verified, findings in leads:
        lead_objs[code] = _upsert(Lead, {"code": code}, {
            "received_on": received, "source": source, "transferred_from": frm, "summary": summary,
            "township": town.get(tn), "campaign": camp, "status": status, "verified_on": verified,
            "verification_findings": findings, "verification_document": f"{code}-核查记录" if verified else "",
            "enterprise": firm if code in ("示例-XS-001", "示例-XS-005") else None})
    _upsert(Case, {"number": f"示例立案〔{y}〕1号"}, {
        "lead": lead_objs["示例-XS-001"], "enterprise": firm, "opened_on": d(y, 3, 8),
        "violation": Violation.ILLEGAL_DUMPING,
        "description": "示例：非法倾倒含重金属废渣", "handling_department": dept["eeb"], "township": town.get("古绛镇"),
        "status": CaseStatus.REFERRED, "decided_on": d(y, 4, 10), "decision_number": f"示例环罚〔{y}〕3号",
        "penalty_kind": PenaltyKind.FINE, "fine_yuan": Decimal("200000.00"), "rectify_by": d(y, 5, 31),
        "referred_on": d(y, 4, 12), "referral_number": f"示例移送〔{y}〕1号", "referral_ground": ReferralGround.CRIMINAL,
        "referred_to": dept["police"]})
    _upsert(Case, {"number": f"示例立案〔{y}〕2号"}, {
        "lead": lead_objs["示例-XS-002"], "opened_on": d(y, 4, 25), "violation": Violation.SOIL_DISPOSAL,
        "description": "示例：污染土壤未按联单转运", "handling_department": dept["eeb"], "township": town.get("横水镇"),
        "campaign": campaign, "status": CaseStatus.RECTIFIED, "decided_on": d(y, 5, 20),
        "decision_number": f"示例环罚〔{y}〕5号", "penalty_kind": PenaltyKind.FINE, "fine_yuan": Decimal("50000.00"),
        "rectify_by": d(y, 6, 30), "rectified_on": d(y, 6, 25), "rectification_findings": "示例：污染土壤已运回并规范处置"})

    meeting = _upsert(JointMeeting, {"number": f"示例联席〔{y}〕1号"}, {
        "title": f"示例 {y}年第一次土壤环境执法联席会议", "held_on": d(y, 3, 20), "convener": dept["eeb"],
        "participants": "运城市生态环境局绛县分局、县公安局、县自然资源局、县农业农村局",
        "minutes_number": f"示例纪要〔{y}〕1号", "minutes": "示例：通报违法线索5条、核查情况及案件办理反馈",
        "decisions": "示例：对倾倒废渣案进行会商，公安提前介入"})
    for item, code, due, done, result in [
        ("示例：公安局对倾倒废渣案提前介入并反馈", "police", d(y, 4, 15), d(y, 4, 12), "示例：已立案侦查"),
        ("示例：自然资源局共享名录地块供地信息", "nrb", d(y, 5, 31), None, ""),
        ("示例：农业农村局排查周边耕地受影响情况", "agri", d(y, 12, 31), None, ""),
    ]:
        _upsert(MeetingFollowUp, {"meeting": meeting, "item": item},
                {"department": dept[code], "due_on": due, "done_on": done, "result": result})

    firms = []
    for i, (name, kind) in enumerate([("示例环境检测有限公司", PractitionerKind.INVESTIGATION),
                                      ("示例生态修复工程有限公司", PractitionerKind.REMEDIATION)], start=1):
        firms.append(_upsert(Practitioner, {"credit_code": sample_credit_code(i)}, {
            "name": name, "kind": kind, "address": f"示例地址{i}号", "contact_person": "示例联系人"}))
    staff = _upsert(PractitionerStaff, {"practitioner": firms[0], "name": "示例张工"}, {
        "position": "项目负责人", "qualification": "示例：环境影响评价工程师", "certificate_number": "示例-ZS-0001"})
    _upsert(CreditRecord, {"practitioner": firms[0], "recorded_on": d(y, 1, 15), "kind": CreditKind.RATING}, {
        "rating": "B", "description": "示例：年度信用评价"})
    _upsert(CreditRecord, {"practitioner": firms[0], "recorded_on": d(y, 7, 5), "kind": CreditKind.VIOLATION}, {
        "staff": staff, "description": "示例：调查报告采样点位与实际不符", "document_number": f"示例信用〔{y}〕2号"})
    expert = _upsert(Expert, {"name": "示例李专家", "organisation": "示例大学环境学院"}, {
        "field": ExpertField.SOIL, "title": "教授"})
    _upsert(Expert, {"name": "示例王专家", "organisation": "示例水文地质研究院"}, {
        "field": ExpertField.GROUNDWATER, "title": "高级工程师"})
    _upsert(ExpertConflict, {"expert": expert, "practitioner": firms[1], "kind": ConflictKind.PROJECT}, {
        "since": d(y - 1, 1, 1), "note": "示例：参与该公司修复方案编制"})
    _upsert(ReportSpotCheck, {"report_title": "示例地块土壤污染状况初步调查报告", "checked_on": d(y, 7, 1)}, {
        "report_kind": ReportKind.INVESTIGATION, "practitioner": firms[0], "method": CheckMethod.EXPERT,
        "reviewer": expert, "score": Decimal("68.0"), "findings": "示例：采样点位与实际不符，布点依据不足",
        "outcome": CheckOutcome.REVISE})

    plan = _upsert(TownshipPlan, {"code": f"示例-古绛镇-{soil.year}"}, {
        "township": town["古绛镇"], "plan": soil, "title": f"示例 古绛镇土壤污染防治{soil.year}年实施方案",
        "adopted_on": d(soil.year, 3, 1), "document_number": f"示例古政发〔{soil.year}〕6号"})
    ms = {}
    for task_no, title, due, pct, done in [
        (1, "示例：完成辖区重点监管单位隐患排查督促", d(soil.year, 6, 30), 100, d(soil.year, 6, 20)),
        (1, "示例：完成周边土壤监测点位布设", d(soil.year, 9, 30), 60, None),
        (14, "示例：建立线索排查台账", d(soil.year, 12, 31), 30, None),
    ]:
        ms[title] = _upsert(PlanMilestone, {"township_plan": plan, "task": soil_task[task_no], "title": title}, {
            "due_on": due, "percent": pct, "done_on": done, "reported_on": done or d(soil.year, 9, 1),
            "progress_note": "示例进展"})
    summons = _upsert(Summons, {"number": f"示例督办〔{soil.year}〕1号"}, {
        "kind": SummonsKind.ORDER, "department": dept["gujiang"], "reason": SummonsReason.MILESTONE_OVERDUE,
        "milestone": ms["示例：完成周边土壤监测点位布设"], "held_on": d(soil.year, 10, 10), "issued_by": dept["eeb"],
        "details": "示例：周边土壤监测点位布设节点逾期，督办限期完成"})
    _upsert(SummonsCommitment, {"summons": summons, "commitment": "示例：10月底前完成剩余点位布设"}, {
        "due_on": d(soil.year, 10, 31)})
    return f"enforcement samples: {Lead.objects.count()} leads, {Case.objects.count()} cases"
