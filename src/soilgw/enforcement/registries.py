"""Registry declarations (``soilgw.core.registry``) of the enforcement app: pages, Excel, API, workflow steps."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from soilgw.core.clock import as_of
from soilgw.core.registry import RegistryAction, RegistryConfig
from soilgw.enterprises.credit_code import example_code

from . import forms
from .choices import LeadStatus, SummonsReason
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

NS = "enforcement"
DEPT = "name"
LINKS = {"enterprise": "credit_code", "monitoring_point": "code"}

def _meeting_context(request, meeting) -> dict:
    """Each follow-up with its obligation (rule ``joint-meeting-follow-up``) as the engine judged it."""
    from django.contrib.contenttypes.models import ContentType

    from soilgw.plans.models import Obligation

    ct = ContentType.objects.get_for_model(MeetingFollowUp)
    follow_ups = list(meeting.follow_ups.select_related("department"))
    status = {o.subject_id: o for o in Obligation.objects.filter(subject_type=ct,
                                                                  subject_id__in=[f.pk for f in follow_ups])}
    return {"follow_ups": [(f, status.get(f.pk)) for f in follow_ups]}


LEAD = RegistryConfig(
    model=Lead, namespace=NS, slug="leads",
    list_fields=["code", "received_on", "source", "township", "enterprise", "status", "verified_on"],
    import_columns={"线索编号": "code", "受理日期": "received_on", "线索来源": "source", "移交部门": "transferred_from",
                    "线索内容": "summary", "地点": "location", "乡镇": "township", "企业统一社会信用代码": "enterprise",
                    "监测点位编号": "monitoring_point", "专项行动": "campaign"},
    natural_key=("code",), fk_lookups={"transferred_from": DEPT, "township": "name", "campaign": "code", **LINKS},
    detail_template="enforcement/lead_detail.html",
    actions=[
        RegistryAction("verify", _("Verify"), forms.VerifyLeadForm,
                       lambda obj, user, **d: obj.verify(**d), lambda obj: obj.status == LeadStatus.RECEIVED),
        RegistryAction("open-case", _("Open a case"), forms.OpenCaseForm,
                       lambda obj, user, **d: obj.open_case(**d), lambda obj: obj.status == LeadStatus.FOUNDED),
    ],
)
CASE = RegistryConfig(
    model=Case, namespace=NS, slug="cases",
    list_fields=["number", "opened_on", "violation", "enterprise", "handling_department", "status", "decided_on",
                 "referred_on"],
    import_columns={"案件编号": "number", "立案日期": "opened_on", "违法类型": "violation", "案情": "description",
                    "承办部门": "handling_department", "乡镇": "township", "企业统一社会信用代码": "enterprise",
                    "监测点位编号": "monitoring_point", "专项行动": "campaign"},
    natural_key=("number",), fk_lookups={"handling_department": DEPT, "township": "name", "campaign": "code",
                                         **LINKS},
    actions=[
        RegistryAction("decide", _("Record the decision"), forms.DecideForm,
                       lambda obj, user, **d: obj.decide(**d), lambda obj: obj.can("decide")),
        RegistryAction("rectify", _("Record rectification"), forms.RectifyForm,
                       lambda obj, user, **d: obj.rectify(**d), lambda obj: obj.can("rectify")),
        RegistryAction("refer", _("Refer to public security"), forms.ReferForm,
                       lambda obj, user, **d: obj.refer(**d), lambda obj: obj.can("refer")),
        RegistryAction("close", _("Close the case"), forms.CloseForm,
                       lambda obj, user, **d: obj.close(**d), lambda obj: obj.can("close")),
    ],
)
CAMPAIGN = RegistryConfig(
    model=Campaign, namespace=NS, slug="campaigns",
    list_fields=["name", "starts_on", "ends_on", "lead_department", "units_inspected", "problems_found"],
    import_columns={"行动编号": "code", "行动名称": "name", "牵头部门": "lead_department", "开始日期": "starts_on",
                    "结束日期": "ends_on", "范围": "scope", "目标": "targets", "检查单位数": "units_inspected",
                    "发现问题数": "problems_found", "检查发现": "findings"},
    natural_key=("code",), fk_lookups={"lead_department": DEPT},
    detail_template="enforcement/campaign_detail.html",
)
JOINT_MEETING = RegistryConfig(
    model=JointMeeting, namespace=NS, slug="joint-meetings",
    list_fields=["title", "number", "held_on", "convener"],
    import_columns={"会议编号": "number", "会议名称": "title", "召开日期": "held_on", "召集部门": "convener",
                    "参会部门": "participants", "纪要文号": "minutes_number", "会议纪要": "minutes",
                    "议定事项": "decisions"},
    natural_key=("number",), fk_lookups={"convener": DEPT},
    detail_template="enforcement/meeting_detail.html", detail_context=_meeting_context,
)
FOLLOW_UP = RegistryConfig(
    model=MeetingFollowUp, namespace=NS, slug="meeting-follow-ups",
    list_fields=["item", "meeting", "department", "due_on", "done_on"],
    import_columns={"会议编号": "meeting", "落实事项": "item", "责任部门": "department", "完成时限": "due_on",
                    "完成日期": "done_on", "落实情况": "result"},
    natural_key=("meeting", "item"), fk_lookups={"meeting": "number", "department": DEPT},
)
PRACTITIONER = RegistryConfig(
    model=Practitioner, namespace=NS, slug="practitioners",
    list_fields=["name", "credit_code", "kind", "contact_person"],
    import_columns={"单位名称": "name", "统一社会信用代码": "credit_code", "主营业务": "kind", "地址": "address",
                    "联系人": "contact_person", "联系电话": "contact_phone"},
    natural_key=("credit_code",), example={"credit_code": example_code},
    detail_template="enforcement/practitioner_detail.html",
)
STAFF = RegistryConfig(
    model=PractitionerStaff, namespace=NS, slug="practitioner-staff",
    list_fields=["name", "practitioner", "position", "qualification"],
    import_columns={"单位统一社会信用代码": "practitioner", "姓名": "name", "职务": "position", "资格": "qualification",
                    "证书编号": "certificate_number"},
    natural_key=("practitioner", "name"), fk_lookups={"practitioner": "credit_code"},
)
CREDIT = RegistryConfig(
    model=CreditRecord, namespace=NS, slug="credit-records",
    list_fields=["practitioner", "staff", "recorded_on", "kind", "rating", "shared_on"],
    import_columns={"单位统一社会信用代码": "practitioner", "从业人员": "staff", "记录日期": "recorded_on",
                    "记录类型": "kind", "信用等级": "rating", "内容": "description", "文书": "document_number",
                    "推送全国信用平台日期": "shared_on"},
    fk_lookups={"practitioner": "credit_code", "staff": "certificate_number"},
)
SPOT_CHECK = RegistryConfig(
    model=ReportSpotCheck, namespace=NS, slug="report-spot-checks",
    list_fields=["report_title", "report_kind", "practitioner", "checked_on", "method", "score", "outcome"],
    import_columns={"报告名称": "report_title", "报告类型": "report_kind", "编制单位统一社会信用代码": "practitioner",
                    "抽查日期": "checked_on", "抽查方式": "method", "评审专家": "reviewer",
                    "检查单位或地区": "checking_body", "得分": "score", "发现问题": "findings", "结论": "outcome"},
    natural_key=("report_title", "checked_on"), fk_lookups={"practitioner": "credit_code", "reviewer": "name"},
)
EXPERT = RegistryConfig(
    model=Expert, namespace=NS, slug="experts",
    list_fields=["name", "field", "organisation", "title", "active"],
    import_columns={"姓名": "name", "专业领域": "field", "工作单位": "organisation", "职称": "title", "在库": "active"},
    natural_key=("name", "organisation"),
    detail_template="enforcement/expert_detail.html",
)
CONFLICT = RegistryConfig(
    model=ExpertConflict, namespace=NS, slug="expert-conflicts",
    list_fields=["expert", "practitioner", "organisation", "kind", "since", "until"],
    import_columns={"专家": "expert", "从业单位统一社会信用代码": "practitioner", "其他单位": "organisation",
                    "关系": "kind", "起始日期": "since", "截止日期": "until", "说明": "note"},
    fk_lookups={"expert": "name", "practitioner": "credit_code"},
)
def _township_without_plan() -> str:
    """A township with no implementation plan of the first action plan yet (one plan per township and plan)."""
    from soilgw.core.models import Township
    from soilgw.plans.models import ActionPlan

    plan = ActionPlan.objects.order_by("pk").first()
    taken = TownshipPlan.objects.filter(plan=plan).values("township")
    free = Township.objects.exclude(pk__in=taken).order_by("pk").first() if plan else None
    return free.name if free else ""


TOWNSHIP_PLAN = RegistryConfig(
    model=TownshipPlan, namespace=NS, slug="township-plans",
    list_fields=["title", "township", "plan", "adopted_on"],
    import_columns={"方案编号": "code", "乡镇": "township", "行动计划": "plan", "方案名称": "title",
                    "印发日期": "adopted_on", "文号": "document_number"},
    natural_key=("code",), fk_lookups={"township": "name", "plan": "code"},
    example={"township": _township_without_plan},
    detail_template="enforcement/township_plan_detail.html",
    detail_context=lambda request, obj: {"progress": obj.progress(), "as_of": as_of(),
                                         "milestones": obj.milestones.select_related("task__plan")},
)
MILESTONE = RegistryConfig(
    model=PlanMilestone, namespace=NS, slug="milestones",
    list_fields=["title", "township_plan", "task", "due_on", "percent", "done_on"],
    import_columns={"方案编号": "township_plan", "任务ID": "task", "节点": "title", "完成时限": "due_on"},
    natural_key=("township_plan", "task", "title"), fk_lookups={"township_plan": "code"},
    actions=[RegistryAction("progress", _("Report progress"), forms.MilestoneProgressForm,
                            lambda obj, user, **d: obj.report_progress(**d), lambda obj: obj.done_on is None)],
)
SUMMONS = RegistryConfig(
    model=Summons, namespace=NS, slug="summons",
    list_fields=["number", "kind", "department", "reason", "held_on"],
    import_columns={"文号": "number", "类型": "kind", "约谈或督办对象": "department", "事由": "reason",
                    "滞后任务ID": "task", "逾期节点ID": "milestone", "日期": "held_on", "发起部门": "issued_by",
                    "情况": "details"},
    natural_key=("number",), fk_lookups={"department": DEPT, "issued_by": DEPT},
    # a summons on duties not performed names no task or milestone, so the example holds on any date
    example={"reason": lambda: str(SummonsReason.DUTY_NOT_PERFORMED.label), "task": "", "milestone": ""},
    detail_template="enforcement/summons_detail.html",
)
COMMITMENT = RegistryConfig(
    model=SummonsCommitment, namespace=NS, slug="summons-commitments",
    list_fields=["commitment", "summons", "due_on", "fulfilled_on"],
    import_columns={"约谈督办文号": "summons", "整改承诺": "commitment", "完成时限": "due_on",
                    "完成日期": "fulfilled_on", "佐证": "evidence"},
    natural_key=("summons", "commitment"), fk_lookups={"summons": "number"},
)

REGISTRIES = [LEAD, CASE, CAMPAIGN, JOINT_MEETING, FOLLOW_UP, PRACTITIONER, STAFF, CREDIT, SPOT_CHECK, EXPERT,
              CONFLICT, TOWNSHIP_PLAN, MILESTONE, SUMMONS, COMMITMENT]
