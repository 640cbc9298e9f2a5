"""Registry declarations of the funding app: fund projects, quarterly disbursements, performance targets."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from soilgw.core.registry import RegistryAction, RegistryConfig

from . import forms
from .choices import ProjectStatus
from .models import Disbursement, FundProject, PerformanceTarget


def _project_context(request, obj) -> dict:
    return {"quarters": obj.disbursements.all(), "targets": obj.targets.all(), "totals": obj.totals(),
            "obligations": _obligations(obj)}


def _obligations(project) -> list:
    """The quarterly-report obligations of the project's quarters."""
    from soilgw.plans.obligations.models import Obligation

    ct = ContentType.objects.get_for_model(Disbursement)
    ids = list(project.disbursements.values_list("pk", flat=True))
    return list(Obligation.objects.filter(subject_type=ct, subject_id__in=ids).order_by("due"))


FUND_PROJECT = RegistryConfig(
    model=FundProject, namespace="funding", slug="fund-projects",
    list_fields=["name", "code", "kind", "status", "reserve_level", "declared_on", "admitted_on", "requested"],
    import_columns={"项目编号": "code", "项目名称": "name", "项目类型": "kind", "乡镇": "township",
                    "责任部门": "department", "实施单位": "implementer", "总投资（万元）": "budget",
                    "申请资金（万元）": "requested", "开始日期": "starts_on", "结束日期": "ends_on",
                    "项目内容": "description", "污染源编号": "pollution_source", "矿区历史遗留废物点编号": "mining_waste_site"},
    natural_key=("code",), fk_lookups={"township": "name", "department": "name", "pollution_source": "code",
                                       "mining_waste_site": "code"},
    detail_template="funding/project_detail.html", detail_context=_project_context,
    actions=[
        RegistryAction("declare", _("Declare to the reserve"), forms.DeclareForm,
                       lambda obj, user, **d: obj.declare(**d), lambda obj: obj.status == ProjectStatus.PROPOSED),
        RegistryAction("admit", _("Record admission"), forms.AdmitForm,
                       lambda obj, user, **d: obj.admit(**d), lambda obj: obj.status == ProjectStatus.DECLARED),
        RegistryAction("refuse", _("Record non-admission"), forms.RefuseForm,
                       lambda obj, user, **d: obj.refuse(**d), lambda obj: obj.status == ProjectStatus.DECLARED),
        RegistryAction("complete", _("Mark completed"), forms.CompleteForm,
                       lambda obj, user, **d: obj.complete(), lambda obj: obj.status == ProjectStatus.ADMITTED),
    ],
)
def _first_project_year() -> str:
    """The start year of the project the template's example row names (the first registered)."""
    from .models import FundProject

    project = FundProject.objects.order_by("pk").first()
    return str(project.starts_on.year) if project and project.starts_on else ""


DISBURSEMENT = RegistryConfig(
    model=Disbursement, namespace="funding", slug="fund-disbursements",
    list_fields=["project", "year", "quarter", "allocated", "spent", "progress_percent", "reported_on"],
    import_columns={"项目编号": "project", "年度": "year", "季度": "quarter", "下达资金（万元）": "allocated"},
    natural_key=("project", "year", "quarter"), fk_lookups={"project": "code"},
    example={"year": _first_project_year},
    actions=[RegistryAction("report", _("Report the quarter"), forms.ReportQuarterForm,
                            lambda obj, user, **d: obj.report(**d), lambda obj: obj.reported_on is None)],
)
PERFORMANCE_TARGET = RegistryConfig(
    model=PerformanceTarget, namespace="funding", slug="performance-targets",
    list_fields=["indicator", "project", "unit", "target_value", "achieved_value", "assessed_on"],
    import_columns={"项目编号": "project", "绩效指标": "indicator", "单位": "unit", "目标值": "target_value",
                    "完成值": "achieved_value", "评价日期": "assessed_on"},
    natural_key=("project", "indicator"), fk_lookups={"project": "code"},
)
REGISTRIES = [FUND_PROJECT, DISBURSEMENT, PERFORMANCE_TARGET]
