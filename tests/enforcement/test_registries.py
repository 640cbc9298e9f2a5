"""Every enforcement model through the inherited registry test base (tests/registry_base.py)."""

from __future__ import annotations

from soilgw.enforcement import registries as r
from soilgw.enforcement.loaders import sample_credit_code
from tests.registry_base import RegistryTestBase

from . import builders as b


class TestLeadRegistry(RegistryTestBase):
    config = r.LEAD
    api_url = "/api/leads/"
    import_row = {"线索编号": "T-XS-9", "受理日期": "2023-05-01", "线索来源": "inspection", "线索内容": "巡查发现",
                  "乡镇": "古绛镇"}
    bad_import_row = {"线索编号": "T-XS-10", "受理日期": "2023-05-01", "线索来源": "rumour", "线索内容": "x"}
    bad_column = "线索来源"

    def make_object(self):
        return b.lead()


class TestCaseRegistry(RegistryTestBase):
    config = r.CASE
    api_url = "/api/enforcement-cases/"
    import_row = {"案件编号": "T-LA-9", "立案日期": "2023-05-01", "违法类型": "other", "案情": "x",
                  "承办部门": "运城市生态环境局绛县分局"}
    bad_import_row = {"案件编号": "T-LA-10", "立案日期": "2023-05-01", "违法类型": "other", "案情": "x",
                      "承办部门": "无此部门"}
    bad_column = "承办部门"

    def make_object(self):
        return b.case()


class TestCampaignRegistry(RegistryTestBase):
    config = r.CAMPAIGN
    api_url = "/api/campaigns/"
    import_row = {"行动编号": "T-ZX-9", "行动名称": "清零行动", "牵头部门": "县自然资源局", "开始日期": "2023-05-01",
                  "结束日期": "2023-08-31", "范围": "全县", "目标": "一住两公地块", "检查单位数": "0",
                  "发现问题数": "0"}
    bad_import_row = {**import_row, "行动编号": "T-ZX-10", "结束日期": "2023-04-01"}
    bad_column = "结束日期"

    def make_object(self):
        return b.campaign()


class TestJointMeetingRegistry(RegistryTestBase):
    config = r.JOINT_MEETING
    api_url = "/api/joint-meetings/"
    import_row = {"会议编号": "T-LX-9", "会议名称": "第二次联席会议", "召开日期": "2023-09-01",
                  "召集部门": "运城市生态环境局绛县分局", "参会部门": "公安", "会议纪要": "会商"}
    bad_import_row = {**import_row, "会议编号": "T-LX-10", "召开日期": "2023-13-01"}
    bad_column = "召开日期"

    def make_object(self):
        return b.meeting()


class TestMeetingFollowUpRegistry(RegistryTestBase):
    config = r.FOLLOW_UP
    api_url = "/api/meeting-follow-ups/"
    import_row = {"会议编号": "T-LX-1", "落实事项": "共享供地信息", "责任部门": "县自然资源局", "完成时限": "2023-05-31"}
    bad_import_row = {**import_row, "落实事项": "早于会议", "完成时限": "2023-01-01"}
    bad_column = "完成时限"

    def make_object(self):
        return b.follow_up()


class TestPractitionerRegistry(RegistryTestBase):
    config = r.PRACTITIONER
    api_url = "/api/practitioners/"
    import_row = {"单位名称": "新修复公司", "统一社会信用代码": sample_credit_code(300), "主营业务": "remediation"}
    bad_import_row = {"单位名称": "坏代码公司", "统一社会信用代码": "91140826MA0000OOOS", "主营业务": "remediation"}
    bad_column = "统一社会信用代码"

    def make_object(self):
        return b.practitioner()


class TestPractitionerStaffRegistry(RegistryTestBase):
    config = r.STAFF
    api_url = "/api/practitioner-staff/"
    import_row = {"单位统一社会信用代码": sample_credit_code(101), "姓名": "王工", "职务": "采样员"}
    bad_import_row = {"单位统一社会信用代码": sample_credit_code(999), "姓名": "赵工"}
    bad_column = "单位统一社会信用代码"

    def make_object(self):
        return b.staff()


class TestCreditRecordRegistry(RegistryTestBase):
    config = r.CREDIT
    api_url = "/api/credit-records/"
    import_row = {"单位统一社会信用代码": sample_credit_code(101), "记录日期": "2023-08-01", "记录类型": "violation",
                  "内容": "报告弄虚作假"}
    bad_import_row = {**import_row, "记录类型": "rating"}  # a rating record without the rating
    bad_column = "信用等级"

    def make_object(self):
        return b.credit_record()


class TestExpertRegistry(RegistryTestBase):
    config = r.EXPERT
    api_url = "/api/experts/"
    import_row = {"姓名": "周专家", "专业领域": "groundwater", "工作单位": "某研究院", "在库": "True"}
    bad_import_row = {"姓名": "吴专家", "专业领域": "astrology", "工作单位": "某研究院"}
    bad_column = "专业领域"

    def make_object(self):
        return b.expert()


class TestExpertConflictRegistry(RegistryTestBase):
    config = r.CONFLICT
    api_url = "/api/expert-conflicts/"
    import_row = {"专家": "李专家", "其他单位": "某咨询公司", "关系": "employment", "起始日期": "2020-01-01"}
    bad_import_row = {"专家": "李专家", "关系": "employment"}  # names no organisation
    bad_column = "其他单位"

    def make_object(self):
        return b.conflict()


class TestReportSpotCheckRegistry(RegistryTestBase):
    config = r.SPOT_CHECK
    api_url = "/api/report-spot-checks/"
    import_row = {"报告名称": "某地块详细调查报告", "报告类型": "investigation",
                  "编制单位统一社会信用代码": sample_credit_code(101), "抽查日期": "2023-08-01",
                  "抽查方式": "cross_region", "检查单位或地区": "闻喜县", "得分": "72.5", "发现问题": "x",
                  "结论": "revise"}
    bad_import_row = {**import_row, "报告名称": "另一报告", "得分": "120"}
    bad_column = "得分"

    def make_object(self):
        return b.spot_check()


class TestTownshipPlanRegistry(RegistryTestBase):
    config = r.TOWNSHIP_PLAN
    api_url = "/api/township-plans/"
    import_row = {"方案编号": "T-FA-9", "乡镇": "横水镇", "行动计划": "jiang-2023-groundwater",
                  "方案名称": "横水镇地下水实施方案", "印发日期": "2023-03-15"}
    bad_import_row = {**import_row, "方案编号": "T-FA-10", "乡镇": "无此镇"}
    bad_column = "乡镇"

    def make_object(self):
        return b.township_plan()


class TestPlanMilestoneRegistry(RegistryTestBase):
    config = r.MILESTONE
    api_url = "/api/plan-milestones/"
    bad_column = "任务ID"

    @property
    def import_row(self):
        return {"方案编号": "T-FA-1", "任务ID": str(b.soil_task(14).pk), "节点": "建立线索台账", "完成时限": "2023-12-31"}

    @property
    def bad_import_row(self):  # a groundwater task in a soil-plan township plan
        from soilgw.plans.models import Task

        other = Task.objects.get(plan__code="jiang-2023-groundwater", number=8)
        return {"方案编号": "T-FA-1", "任务ID": str(other.pk), "节点": "封井", "完成时限": "2023-06-30"}

    def make_object(self):
        return b.milestone()


class TestSummonsRegistry(RegistryTestBase):
    config = r.SUMMONS
    api_url = "/api/summons/"
    import_row = {"文号": "T-YT-9", "类型": "summons_interview", "约谈或督办对象": "县自然资源局",
                  "事由": "duty_not_performed", "日期": "2023-09-01", "发起部门": "县人民政府", "情况": "履职不到位"}
    bad_import_row = {**import_row, "文号": "T-YT-10", "事由": "task_overdue"}  # names no task
    bad_column = "滞后任务ID"

    def make_object(self):
        return b.summons()


class TestSummonsCommitmentRegistry(RegistryTestBase):
    config = r.COMMITMENT
    api_url = "/api/summons-commitments/"
    import_row = {"约谈督办文号": "T-DB-1", "整改承诺": "8月底前完成", "完成时限": "2023-08-31"}
    bad_import_row = {"约谈督办文号": "T-DB-1", "整改承诺": "已完成", "完成时限": "2023-08-31",
                      "完成日期": "2023-08-01"}  # fulfilled without evidence
    bad_column = "佐证"

    def make_object(self):
        return b.commitment()
