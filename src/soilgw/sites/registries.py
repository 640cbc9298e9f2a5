"""Registry declarations (``soilgw.core.registry``) of the sites app: pages, Excel import/export, API."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from soilgw.core.registry import RegistryAction, RegistryConfig

from . import forms
from .choices import Stage
from .models import (
    LandSupplyRecord,
    ReceivingFacility,
    RegisterEntry,
    Site,
    StageRecord,
    SupervisionRecord,
    TransferManifest,
)

SITE_KEY = {"地块编号": "site"}


@transaction.atomic
def _record_stage(site: Site, user, experts=(), **data) -> Site:
    record = StageRecord(site=site, **data)
    record.full_clean()
    denied, errors = STAGE.refusal(user, record, None, {"experts": experts})  # the same policy as the form
    if denied or errors:
        raise ValidationError(errors or denied)
    record.save()
    record.experts.set(experts)
    site.refresh_from_db()
    return site


def _enter_register(site: Site, user, **data) -> Site:
    entry = RegisterEntry(site=site, **data)
    entry.full_clean()
    entry.save()
    return site


def _exit_register(site: Site, user, **data) -> Site:
    entry = site.open_register_entry()
    if entry is None:
        raise ValidationError(_("This site is not on the register."))
    for k, v in data.items():
        setattr(entry, k, v)
    entry.full_clean()
    entry.save()
    return site


#: Chinese words accepted in sheets for choice values (the natural resources bureau's own spelling).
WORDS = {
    "kind": {"供应计划": "plan", "供地计划": "plan", "年度供应计划": "plan", "划拨": "allocation", "出让": "transfer",
             "收回": "recovery"},
    "stage": {"疑似污染地块": "suspected", "初步调查": "preliminary_investigation", "详细调查": "detailed_investigation",
              "风险评估": "risk_assessment", "风险管控": "control_remediation", "修复": "control_remediation",
              "风险管控/修复": "control_remediation", "效果评估": "effectiveness_evaluation",
              "后期管理": "post_management"},
    "source": {"腾退地块": "vacated", "用途变更": "use_change", "高风险地块": "high_risk_survey",
               "供地计划": "supply_plan", "开发建设中发现": "construction"},
    "review": {"待评审": "pending", "通过": "accepted", "未通过": "rejected"},
}


def _words(data: dict) -> dict:
    """Map the Chinese words of ``WORDS`` to choice values (values themselves pass unchanged)."""
    for name, words in WORDS.items():
        if isinstance(data.get(name), str) and data[name] in words:
            data[name] = words[data[name]]
    return data


def _site_context(request, obj) -> dict:
    from .views import site_context

    return site_context(request, obj)


SITE = RegistryConfig(
    model=Site, namespace="sites", slug="sites",
    list_fields=["parcel_code", "name", "township", "stage", "planned_use", "source", "is_sample"],
    form_fields=["parcel_code", "name", "township", "address", "source", "enterprise", "current_use", "former_use",
                 "industry", "heavily_polluted", "planned_use", "odour_voc", "geometry", "area_m2",
                 "monitoring_points", "cases", "fund_projects", "is_sample"],
    import_columns={"地块编号": "parcel_code", "地块名称": "name", "乡镇": "township", "地址": "address",
                    "来源": "source", "原使用企业信用代码": "enterprise", "现状用途": "current_use",
                    "历史用途": "former_use", "原行业": "industry", "重度污染": "heavily_polluted",
                    "规划用途": "planned_use", "含挥发性或异味污染物": "odour_voc", "范围(GeoJSON)": "geometry",
                    "面积(m²)": "area_m2", "调查点位": "monitoring_points", "执法案件": "cases",
                    "资金项目": "fund_projects", "示例数据": "is_sample"},
    natural_key=("parcel_code",),
    fk_lookups={"township": "name", "enterprise": "credit_code", "current_use": "code", "former_use": "code",
                "planned_use": "code", "monitoring_points": "code", "cases": "number", "fund_projects": "code"},
    scope_field="id", detail_template="sites/site_detail.html", detail_context=_site_context,
    row_hook=_words,
    actions=[
        RegistryAction("record-stage", _("Record a stage"), forms.StageForm, _record_stage),
        RegistryAction("enter-register", _("Enter the register"), forms.EnterRegisterForm, _enter_register,
                       lambda site: site.stage == Stage.RISK_ASSESSMENT),
        RegistryAction("exit-register", _("Remove from the register"), forms.ExitRegisterForm, _exit_register,
                       lambda site: site.stage == Stage.EVALUATION),
    ],
)
STAGE = RegistryConfig(
    model=StageRecord, namespace="sites", slug="stage-records",
    list_fields=["site", "stage", "started_on", "completed_on", "practitioner", "review", "conclusion"],
    form_fields=["site", "stage", "started_on", "completed_on", "report_title", "report_number", "practitioner",
                 "experts", "review", "reviewed_on", "conclusion", "filed_registry_on", "filed_bureau_on",
                 "groundwater_sampled", "groundwater_classes", "groundwater_pathways", "notes"],
    import_columns={**SITE_KEY, "阶段": "stage", "开始日期": "started_on", "完成日期": "completed_on",
                    "报告名称": "report_title", "报告编号": "report_number", "从业单位信用代码": "practitioner",
                    "评审专家": "experts", "专家评审": "review", "评审日期": "reviewed_on", "结论": "conclusion",
                    "送交不动产登记日期": "filed_registry_on", "报生态环境部门备案日期": "filed_bureau_on",
                    "采集地下水": "groundwater_sampled", "地下水质量类别": "groundwater_classes",
                    "地下水暴露途径": "groundwater_pathways", "备注": "notes"},
    natural_key=("site", "stage", "started_on"),
    fk_lookups={"site": "parcel_code", "practitioner": "credit_code", "experts": "name"},
    scope_field="site", row_hook=_words,
)
REGISTER = RegistryConfig(
    model=RegisterEntry, namespace="sites", slug="remediation-register",
    list_fields=["site", "entered_on", "entry_document", "exited_on", "exit_document"],
    form_fields=["site", "entered_on", "entry_basis", "entry_document", "exited_on", "exit_basis", "exit_document"],
    import_columns={**SITE_KEY, "纳入日期": "entered_on", "纳入依据": "entry_basis", "纳入文件": "entry_document",
                    "移出日期": "exited_on", "移出依据": "exit_basis", "移出文件": "exit_document"},
    natural_key=("site", "entered_on"), fk_lookups={"site": "parcel_code"},
    scope_field="site", public_read=True,
)
SUPERVISION = RegistryConfig(
    model=SupervisionRecord, namespace="sites", slug="supervision-records",
    list_fields=["site", "visited_on", "inspector", "odour_controlled"],
    import_columns={**SITE_KEY, "检查日期": "visited_on", "检查人": "inspector", "发现问题": "findings",
                    "异味排放受控": "odour_controlled"},
    natural_key=("site", "visited_on"), fk_lookups={"site": "parcel_code"},
    scope_field="site",
)
FACILITY = RegistryConfig(
    model=ReceivingFacility, namespace="sites", slug="receiving-facilities",
    list_fields=["name", "permit_number", "permit_valid_from", "permit_valid_until", "accepted_waste_codes"],
    import_columns={"单位名称": "name", "许可证编号": "permit_number", "许可证起始日期": "permit_valid_from",
                    "许可证有效期至": "permit_valid_until", "接收废物代码": "accepted_waste_codes",
                    "接收一般污染土壤": "accepts_general_soil", "地址": "address", "示例数据": "is_sample"},
    natural_key=("permit_number",),
)
MANIFEST = RegistryConfig(
    model=TransferManifest, namespace="sites", slug="transfer-manifests",
    list_fields=["number", "site", "quantity_t", "received_t", "facility", "departed_on", "arrived_on"],
    import_columns={"联单编号": "number", **SITE_KEY, "转出量(t)": "quantity_t", "体积(m³)": "volume_m3",
                    "废物代码": "waste_code", "运输单位": "carrier", "车牌号": "vehicle",
                    "接收单位许可证编号": "facility", "起运日期": "departed_on", "移出人签字": "shipper_signature",
                    "运输人签字": "carrier_signature", "到达日期": "arrived_on", "接收量(t)": "received_t",
                    "接收人签字": "receiver_signature", "示例数据": "is_sample"},
    natural_key=("number",), fk_lookups={"site": "parcel_code", "facility": "permit_number"},
    scope_field="site",
)
SUPPLY = RegistryConfig(
    model=LandSupplyRecord, namespace="sites", slug="land-supply-records",
    list_fields=["name", "kind", "year", "parcel_code", "planned_use", "date", "site", "match_status"],
    import_columns={"类型": "kind", "年度": "year", "地块编号": "parcel_code", "地块名称": "name",
                    "用途": "planned_use", "日期": "date", "文号": "document", "受让/划拨对象": "recipient",
                    "范围(GeoJSON)": "geometry", "面积(m²)": "area_m2", "示例数据": "is_sample"},
    natural_key=("kind", "year", "name", "date"), fk_lookups={"planned_use": "code"}, row_hook=_words,
)
REGISTRIES = (SITE, STAGE, REGISTER, SUPERVISION, FACILITY, MANIFEST, SUPPLY)
