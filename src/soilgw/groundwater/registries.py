"""Registry declarations (``soilgw.core.registry``) of the groundwater app: pages, Excel import/export, API."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from soilgw.assessment.stats_background import BACKGROUND_METHODS
from soilgw.core.registry import RegistryAction, RegistryConfig

from .models import (
    AbandonedWell,
    CauseDetermination,
    DrinkingWaterSource,
    GroundwaterKeyZone,
    MiningWasteSite,
    PollutionSource,
    ProtectionZone,
    RechargeArea,
    ReinjectionFiling,
    ReinjectionProject,
    WellRegisterReturn,
)
from .services import compute_background, drinking_source_context, exceedance_from_monitoring, record_context

NS = "groundwater"
COMMON = {"示例数据": "is_sample", "备注": "notes"}
LOCATION = {"经度": "lon", "纬度": "lat"}
GEOMETRY = {"范围(GeoJSON)": "geometry"}
SOURCE_KEY = {"水源地编号": "source"}
#: The generic detail page plus derived facts and obligations.
DETAIL = {"detail_template": "groundwater/record_detail.html", "detail_context": record_context}


POLLUTION_SOURCE = RegistryConfig(
    model=PollutionSource, namespace=NS, slug="pollution-sources",
    list_fields=["code", "name", "kind", "township", "investigation_status", "risk_level", "anti_seepage"],
    form_fields=["code", "name", "kind", "operator", "enterprise", "township", "lon", "lat", "geometry",
                 "investigation_status", "investigated_on", "pollutants", "extent", "trend", "risk_level",
                 "anti_seepage", "leak_monitoring", "risk_control", "follow_up_monitoring", "monitoring_points",
                 "is_sample", "notes"],
    import_columns={"编号": "code", "名称": "name", "类型": "kind", "运营单位": "operator",
                    "企业统一社会信用代码": "enterprise", "乡镇": "township", **LOCATION, **GEOMETRY,
                    "调查评估状态": "investigation_status", "调查完成日期": "investigated_on",
                    "污染因子": "pollutants", "污染范围": "extent", "趋势": "trend", "风险等级": "risk_level",
                    "防渗措施": "anti_seepage", "防渗漏监测": "leak_monitoring", "风险管控措施": "risk_control",
                    "管控后监测": "follow_up_monitoring", "监测井编号": "monitoring_points", **COMMON},
    natural_key=("code",), fk_lookups={"enterprise": "credit_code", "township": "name", "monitoring_points": "code"},
    **DETAIL,
)
MINING_WASTE = RegistryConfig(
    model=MiningWasteSite, namespace=NS, slug="mining-waste-sites",
    list_fields=["code", "name", "township", "metals", "volume_m3", "priority", "irrigation_distance_m", "phase"],
    form_fields=["code", "name", "township", "mine", "discovered_by", "discovered_on", "volume_m3", "metals",
                 "geometry", "downstream_farmland_polluted", "treatment_plan", "phase", "phase_due",
                 "is_sample", "notes"],
    import_columns={"编号": "code", "名称": "name", "乡镇": "township", "矿区/矿种": "mine", "发现方式": "discovered_by",
                    "发现日期": "discovered_on", "体量(m³)": "volume_m3", "重金属": "metals", **GEOMETRY,
                    "周边及下游耕地污染较重": "downstream_farmland_polluted", "治理方案": "treatment_plan",
                    "治理阶段": "phase", "本阶段完成期限": "phase_due", **COMMON},
    natural_key=("code",), fk_lookups={"township": "name"},
    **DETAIL,
)
ABANDONED_WELL = RegistryConfig(
    model=AbandonedWell, namespace=NS, slug="abandoned-wells",
    list_fields=["code", "kind", "township", "owner", "registered_on", "status", "cross_contamination"],
    form_fields=["code", "kind", "township", "lon", "lat", "depth_m", "aquifers", "owner", "registered_on",
                 "status", "sealing_plan_on", "sealed_on", "verified_on", "cross_contamination", "remediation",
                 "remediation_status", "is_sample", "notes"],
    import_columns={"编号": "code", "类型": "kind", "乡镇": "township", **LOCATION, "井深(m)": "depth_m",
                    "揭露含水层": "aquifers", "工程所有权人": "owner", "登记日期": "registered_on", "状态": "status",
                    "封井方案日期": "sealing_plan_on", "封井回填日期": "sealed_on", "验收日期": "verified_on",
                    "串层污染": "cross_contamination", "污染治理修复": "remediation",
                    "治理修复状态": "remediation_status", **COMMON},
    natural_key=("code",), fk_lookups={"township": "name"},
    **DETAIL,
)
DRINKING_SOURCE = RegistryConfig(
    model=DrinkingWaterSource, namespace=NS, slug="drinking-water-sources",
    list_fields=["code", "name", "scale", "source_type", "township", "construction_status", "exceedance_found_on"],
    form_fields=["code", "name", "scale", "source_type", "capacity_m3d", "population", "township", "operator",
                 "lon", "lat", "target_class", "construction_status", "surroundings_investigation",
                 "exceedance_found_on", "exceeding_analytes", "monitoring_points", "is_sample", "notes"],
    import_columns={"编号": "code", "名称": "name", "规模": "scale", "类型": "source_type", "供水量(m³/d)": "capacity_m3d",
                    "供水人口": "population", "乡镇": "township", "供水单位": "operator", **LOCATION,
                    "目标水质类别": "target_class", "规范化建设": "construction_status",
                    "周边环境状况调查": "surroundings_investigation", "发现超标日期": "exceedance_found_on",
                    "超标指标": "exceeding_analytes", "监测点位编号": "monitoring_points", **COMMON},
    natural_key=("code",), fk_lookups={"township": "name", "monitoring_points": "code"},
    detail_template="groundwater/drinking_source_detail.html", detail_context=drinking_source_context,
    actions=[RegistryAction("exceedance", _("Take the exceedance from monitoring"), forms.Form,
                            lambda obj, user: exceedance_from_monitoring(obj),
                            available=lambda obj: obj.monitoring_points.exists())],
)
PROTECTION_ZONE = RegistryConfig(
    model=ProtectionZone, namespace=NS, slug="protection-zones",
    list_fields=["source", "level", "approved_on", "area_m2"],
    form_fields=["source", "level", "geometry", "approved_on", "approval_document", "is_sample", "notes"],
    import_columns={**SOURCE_KEY, "级别": "level", **GEOMETRY, "批复日期": "approved_on",
                    "批复文件": "approval_document", **COMMON},
    natural_key=("source", "level"), fk_lookups={"source": "code"},
    **DETAIL,
)
RECHARGE_AREA = RegistryConfig(
    model=RechargeArea, namespace=NS, slug="recharge-areas",
    list_fields=["source", "status", "delineated_on", "area_m2"],
    form_fields=["source", "status", "delineated_on", "method", "geometry", "is_sample", "notes"],
    import_columns={**SOURCE_KEY, "划定状态": "status", "划定日期": "delineated_on", "划定方法": "method",
                    **GEOMETRY, **COMMON},
    natural_key=("source",), fk_lookups={"source": "code"},
    **DETAIL,
)
class BackgroundForm(forms.Form):
    points = forms.CharField(label=_("background monitoring points (codes, separated by 、 or ,)"), max_length=300)
    method = forms.ChoiceField(label=_("method"), choices=[(m, m) for m in BACKGROUND_METHODS], initial="auto")


def _run_background(obj, user, points: str, method: str):
    return compute_background(obj, re.split(r"[、,，;；\s]+", points), method)


CAUSE = RegistryConfig(
    model=CauseDetermination, namespace=NS, slug="cause-determinations",
    list_fields=["source", "analyte", "cause", "started_on", "determined_on", "remediation_status"],
    form_fields=["source", "analyte", "unit", "observed_value", "started_on", "determined_on", "cause", "evidence",
                 "background_points", "background_value", "background_method", "background_n",
                 "remediation_plan", "remediation_status", "remediation_due", "is_sample", "notes"],
    import_columns={**SOURCE_KEY, "超标指标": "analyte", "单位": "unit", "超标浓度": "observed_value",
                    "成因分析开始日期": "started_on", "判定日期": "determined_on", "成因": "cause", "判定依据": "evidence",
                    "背景点位": "background_points", "背景阈值": "background_value", "背景值方法": "background_method",
                    "背景样本数": "background_n", "整治方案": "remediation_plan", "整治状态": "remediation_status",
                    "整治期限": "remediation_due", **COMMON},
    natural_key=("source", "analyte", "started_on"), fk_lookups={"source": "code"},
    actions=[RegistryAction("background", _("Compute background threshold"), BackgroundForm, _run_background)],
    **DETAIL,
)
KEY_ZONE = RegistryConfig(
    model=GroundwaterKeyZone, namespace=NS, slug="groundwater-key-zones",
    list_fields=["code", "name", "batch", "status", "delineated_on", "area_m2"],
    form_fields=["code", "name", "batch", "status", "delineated_on", "geometry", "access_requirements",
                 "hazard_check_requirements", "risk_control_requirements", "remediation_requirements",
                 "is_sample", "notes"],
    import_columns={"编号": "code", "名称": "name", "划定批次": "batch", "划定状态": "status",
                    "划定日期": "delineated_on", **GEOMETRY, "环境准入要求": "access_requirements",
                    "隐患排查要求": "hazard_check_requirements", "风险管控要求": "risk_control_requirements",
                    "修复要求": "remediation_requirements", **COMMON},
    natural_key=("code",),
    **DETAIL,
)
REINJECTION = RegistryConfig(
    model=ReinjectionProject, namespace=NS, slug="reinjection-projects",
    list_fields=["code", "name", "kind", "operator", "layered_abstraction", "quality_monitored"],
    form_fields=["code", "name", "operator", "enterprise", "township", "kind", "technique", "lon", "lat",
                 "aquifers", "quality_differs", "layered_abstraction", "mixes_polluted", "quality_monitored",
                 "started_on", "is_sample", "notes"],
    import_columns={"编号": "code", "名称": "name", "运营单位": "operator", "企业统一社会信用代码": "enterprise",
                    "乡镇": "township", "类型": "kind", "地热技术": "technique", **LOCATION, "开采/回灌层位": "aquifers",
                    "含水层水质差异大": "quality_differs", "分层开采": "layered_abstraction",
                    "潜水承压水混合开采(已污染)": "mixes_polluted", "回灌水质监测": "quality_monitored",
                    "运行日期": "started_on", **COMMON},
    natural_key=("code",), fk_lookups={"enterprise": "credit_code", "township": "name"},
    **DETAIL,
)

FILING = RegistryConfig(
    model=ReinjectionFiling, namespace=NS, slug="reinjection-filings",
    list_fields=["project", "filed_on", "period", "meets_requirements"],
    form_fields=["project", "filed_on", "period", "meets_requirements", "summary", "is_sample", "notes"],
    import_columns={"项目编号": "project", "报备日期": "filed_on", "报备期间": "period",
                    "回灌水质达标": "meets_requirements", "监测情况": "summary", **COMMON},
    natural_key=("project", "filed_on"), fk_lookups={"project": "code"},
    **DETAIL,
)
WELL_REGISTER = RegistryConfig(
    model=WellRegisterReturn, namespace=NS, slug="well-register-returns",
    list_fields=["township", "submitted_on", "well_count", "complete"],
    form_fields=["township", "submitted_on", "well_count", "complete", "is_sample", "notes"],
    import_columns={"乡镇": "township", "报送日期": "submitted_on", "清单井数": "well_count", "底数已摸清": "complete",
                    **COMMON},
    natural_key=("township", "submitted_on"), fk_lookups={"township": "name"},
    **DETAIL,
)

REGISTRIES = [POLLUTION_SOURCE, MINING_WASTE, ABANDONED_WELL, DRINKING_SOURCE, PROTECTION_ZONE, RECHARGE_AREA,
              CAUSE, KEY_ZONE, REINJECTION, FILING, WELL_REGISTER]
