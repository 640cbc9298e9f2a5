"""Registry declarations (``soilgw.core.registry``) of the farmland app: pages, Excel import/export, API."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from soilgw.core.clock import as_of
from soilgw.core.registry import RegistryAction, RegistryConfig

from .choices import AdjustmentStatus
from .models import (
    CategoryAdjustment,
    CauseInvestigation,
    ClassificationRuleSet,
    ConstructionProposal,
    CropRecommendation,
    FarmlandUnit,
    GrainTest,
    InputInspection,
    Measure,
    SafeUtilizationPlan,
    Technology,
)


class StepForm(forms.Form):
    date = forms.DateField(label=_("date"), initial=as_of)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _step(name: str):
    def run(obj, user, date: dt.date, note: str = ""):
        return getattr(obj, name)(user, date, note)
    return run


def _unit_context(request, obj) -> dict:
    from .views import unit_context

    return unit_context(request, obj)


UNIT = RegistryConfig(
    model=FarmlandUnit, namespace="farmland", slug="units",
    list_fields=["code", "township", "land_use", "area_mu", "permanent_basic", "category", "rule_set_id",
                 "is_sample"],
    import_columns={"单元编码": "code", "名称": "name", "调查": "dataset", "乡镇": "township", "几何": "geometry",
                    "永久基本农田": "permanent_basic", "土地利用": "land_use", "推荐分区": "zone",
                    "曾用于有毒有害物质": "toxic_history", "示例数据": "is_sample"},
    natural_key=("code",), fk_lookups={"township": "name"},
    detail_template="farmland/unit_detail.html", detail_context=_unit_context,
)
ADJUSTMENT = RegistryConfig(
    model=CategoryAdjustment, namespace="farmland", slug="category-adjustments",
    list_fields=["unit", "trigger", "old_category", "new_category", "status", "proposed_on", "decided_on"],
    form_fields=["unit", "trigger", "new_category", "proposed_land_use", "reason", "evidence", "proposed_on"],
    import_columns={"单元编码": "unit", "触发": "trigger", "新类别": "new_category", "拟变更用途": "proposed_land_use",
                    "理由": "reason", "依据": "evidence", "提出日期": "proposed_on"},
    fk_lookups={"unit": "code"},
    actions=[
        RegistryAction("review", _("Review"), StepForm, _step("review"),
                       lambda o: o.status == AdjustmentStatus.PROPOSED),
        RegistryAction("approve", _("Approve (county government)"), StepForm, _step("approve"),
                       lambda o: o.status == AdjustmentStatus.REVIEWED),
        RegistryAction("reject", _("Reject (county government)"), StepForm, _step("reject"),
                       lambda o: o.status in (AdjustmentStatus.PROPOSED, AdjustmentStatus.REVIEWED)),
        RegistryAction("report", _("Report to the province"), StepForm, _step("report"),
                       lambda o: o.status == AdjustmentStatus.APPROVED),
    ],
)
MEASURE = RegistryConfig(
    model=Measure, namespace="farmland", slug="measures",
    list_fields=["unit", "year", "kind", "area_mu", "crop", "cost_yuan", "crop_compliant", "is_sample"],
    import_columns={"单元编码": "unit", "年度": "year", "措施": "kind", "面积（亩）": "area_mu", "作物": "crop",
                    "费用（元）": "cost_yuan", "农产品达标": "crop_compliant", "证据": "evidence", "示例数据": "is_sample"},
    natural_key=("unit", "year", "kind"), fk_lookups={"unit": "code"},
)
TECHNOLOGY = RegistryConfig(
    model=Technology, namespace="farmland", slug="technologies",
    list_fields=["name", "kind", "zone", "is_sample"],
    import_columns={"名称": "name", "措施": "kind", "分区": "zone", "说明": "description", "来源": "source",
                    "示例数据": "is_sample"},
    natural_key=("name",),
)
CROP = RegistryConfig(
    model=CropRecommendation, namespace="farmland", slug="crop-recommendations",
    list_fields=["zone", "category", "crop", "note", "is_sample"],
    import_columns={"分区": "zone", "类别": "category", "作物品种": "crop", "备注": "note", "示例数据": "is_sample"},
    natural_key=("zone", "category", "crop"),
)
PLAN = RegistryConfig(
    model=SafeUtilizationPlan, namespace="farmland", slug="plans",
    list_fields=["township", "year", "target_rate", "planned_safe_mu", "planned_strict_mu"],
    import_columns={"乡镇": "township", "年度": "year", "目标安全利用率（%）": "target_rate",
                    "计划安全利用面积（亩）": "planned_safe_mu", "计划严格管控面积（亩）": "planned_strict_mu",
                    "内容": "content"},
    natural_key=("township", "year"), fk_lookups={"township": "name"},
)
def _shipped_rule_set_json() -> str:
    """The shipped default rule set as the JSON text the import reads (the template's example)."""
    import json
    from importlib import resources

    import yaml

    text = (resources.files("soilgw.standards.data") / "farmland_rules_soilgw_worst_v1.yaml").read_text("utf-8")
    return json.dumps(yaml.safe_load(text), ensure_ascii=False)


RULE_SET = RegistryConfig(
    model=ClassificationRuleSet, namespace="farmland", slug="rule-sets",
    list_fields=["rule_set_id", "version", "title"],
    import_columns={"规则集": "rule_set_id", "版本": "version", "标题": "title", "参数": "parameters"},
    natural_key=("rule_set_id", "version"),
    example={"rule_set_id": "soilgw_worst", "version": "1", "title": "示例：最差点位决定单元类别",
             "parameters": _shipped_rule_set_json},
)
CONSTRUCTION = RegistryConfig(
    model=ConstructionProposal, namespace="farmland", slug="construction",
    list_fields=["name", "proposed_on", "basic_farmland_mu", "inside_basic_farmland", "warned"],
    import_columns={"项目名称": "name", "经度": "lon", "纬度": "lat", "搜索距离（米）": "distance_m",
                    "集中阈值（亩）": "concentration_mu", "提出日期": "proposed_on"},
)


def _investigate(obj, user, **_):
    from .services.causes import investigate

    return investigate(obj)


class NoFields(forms.Form):
    pass


CAUSE = RegistryConfig(
    model=CauseInvestigation, namespace="farmland", slug="cause-investigations",
    list_fields=["name", "started_on", "distance_m", "conclusion"],
    form_fields=["name", "units", "distance_m", "started_on", "conclusion"],
    import_columns={"名称": "name", "单元": "units", "搜索距离（米）": "distance_m", "开始日期": "started_on",
                    "结论": "conclusion"},
    natural_key=("name",), fk_lookups={"units": "code"},
    detail_template="farmland/cause_detail.html",
    actions=[RegistryAction("compute", _("Find candidate sources and correlations"), NoFields, _investigate)],
)
INSPECTION = RegistryConfig(
    model=InputInspection, namespace="farmland", slug="input-inspections",
    list_fields=["sample_code", "product", "sampled_on", "compliant", "exceeding", "values_verified"],
    import_columns={"样品编号": "sample_code", "产品": "product", "生产企业": "producer", "抽样日期": "sampled_on",
                    "乡镇": "township", "砷": "as_mgkg", "镉": "cd_mgkg", "铅": "pb_mgkg", "铬": "cr_mgkg",
                    "汞": "hg_mgkg", "铊": "tl_mgkg", "示例数据": "is_sample"},
    natural_key=("sample_code",), fk_lookups={"township": "name"},
    example={"cd_mgkg": "0.25"},
)
GRAIN = RegistryConfig(
    model=GrainTest, namespace="farmland", slug="grain-tests",
    list_fields=["batch_code", "crop", "tested_on", "exceeds", "exceeding", "disposal", "disposed_on"],
    import_columns={"批次": "batch_code", "品种类别": "crop", "库点": "depot", "产地乡镇": "township",
                    "数量（吨）": "tonnes", "检测日期": "tested_on", "镉": "cd_mgkg", "铅": "pb_mgkg",
                    "砷": "as_mgkg", "汞": "hg_mgkg", "铬": "cr_mgkg", "处置": "disposal",
                    "处置日期": "disposed_on", "处置记录": "disposal_note", "示例数据": "is_sample"},
    natural_key=("batch_code",), fk_lookups={"township": "name"},
    example={"cd_mgkg": "0.15"},
)

REGISTRIES = [UNIT, ADJUSTMENT, MEASURE, TECHNOLOGY, CROP, PLAN, RULE_SET, CONSTRUCTION, CAUSE, INSPECTION, GRAIN]
