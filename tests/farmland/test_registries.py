"""Inherited registry tests (tests/registry_base.py) for every farmland registry model."""

from __future__ import annotations

import json

import pytest

from soilgw.farmland import registries as r
from soilgw.farmland.models import (
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
from tests.registry_base import RegistryTestBase

from .conftest import square

GEOM = json.dumps(square(20, 20))


def _unit(code="R1", **extra):
    from soilgw.core.models import Township

    u = FarmlandUnit(code=code, geometry=square(10, 10), land_use="paddy", township=Township.objects.first(), **extra)
    u.save()
    FarmlandUnit.objects.filter(pk=u.pk).update(category="safe_utilization")
    u.refresh_from_db()
    return u


class TestUnitRegistry(RegistryTestBase):
    config, api_url, editor_department = r.UNIT, "/api/farmland-units/", "agri"
    import_row = {"单元编码": "N1", "乡镇": "古绛镇", "几何": GEOM, "土地利用": "dryland", "永久基本农田": True}
    bad_import_row = {"单元编码": "N2", "乡镇": "古绛镇", "几何": '{"type": "Point", "coordinates": [111, 35]}',
                      "土地利用": "dryland"}
    bad_column = "几何"

    def make_object(self):
        return _unit()


class TestAdjustmentRegistry(RegistryTestBase):
    config, api_url, editor_department = r.ADJUSTMENT, "/api/category-adjustments/", "agri"
    import_row = {"单元编码": "R1", "触发": "remediation", "新类别": "priority_protection", "理由": "修复后复测达标",
                  "提出日期": "2025-01-01"}
    bad_import_row = {**import_row, "新类别": "clean"}
    bad_column = "新类别"

    def make_object(self):
        return CategoryAdjustment.objects.create(unit=_unit(), trigger="remediation", new_category="priority_protection",
                                                 reason="修复效果评估")


class TestMeasureRegistry(RegistryTestBase):
    config, api_url, editor_department = r.MEASURE, "/api/safe-utilization-measures/", "agri"
    import_row = {"单元编码": "R1", "年度": 2025, "措施": "foliar_barrier", "面积（亩）": 10}
    bad_import_row = {"单元编码": "R1", "年度": 2025, "措施": "variety_substitution", "面积（亩）": 99}
    bad_column = "面积（亩）"  # more than the unit's 15 mu

    def make_object(self):
        return Measure.objects.create(unit=_unit(), year=2024, kind="water_fertilizer", area_mu=15)


class TestTechnologyRegistry(RegistryTestBase):
    config, api_url, editor_department = r.TECHNOLOGY, "/api/farmland-technologies/", "agri"
    import_row = {"名称": "石灰调酸 B", "措施": "soil_conditioning", "分区": "一区"}
    bad_import_row = {"名称": "未知", "措施": "magic", "分区": "一区"}
    bad_column = "措施"

    def make_object(self):
        return Technology.objects.create(name="叶面阻控 A", kind="foliar_barrier", zone="一区")


class TestCropRegistry(RegistryTestBase):
    config, api_url, editor_department = r.CROP, "/api/crop-recommendations/", "agri"
    import_row = {"分区": "一区", "类别": "strict_control", "作物品种": "苗木"}
    bad_import_row = {"分区": "一区", "类别": "unknown", "作物品种": "玉米"}
    bad_column = "类别"

    def make_object(self):
        return CropRecommendation.objects.create(zone="一区", category="safe_utilization", crop="低积累水稻")


class TestPlanRegistry(RegistryTestBase):
    config, api_url, editor_department = r.PLAN, "/api/safe-utilization-plans/", "agri"
    import_row = {"乡镇": "横水镇", "年度": 2025, "目标安全利用率（%）": 92}
    bad_import_row = {"乡镇": "陈村镇", "年度": 2025, "目标安全利用率（%）": 120}
    bad_column = "目标安全利用率（%）"

    def make_object(self):
        from soilgw.core.models import Township

        return SafeUtilizationPlan.objects.create(township=Township.objects.get(name="古绛镇"), year=2025,
                                                  target_rate=90)


RULES = {"id": "prov_x", "version": "2", "title": "省级细化（测试）",
         "point_level": {"standard": "GB 15618-2018", "classification_elements": ["cd", "hg", "as", "pb", "cr"],
                         "comparison": "full_value"},
         "unit_level": {"aggregation": "majority"}, "crop_adjustment": {"enabled": False}}


class TestRuleSetRegistry(RegistryTestBase):
    config, api_url, editor_department = r.RULE_SET, "/api/classification-rule-sets/", "agri"
    import_row = {"规则集": "prov_x", "版本": "3", "参数": json.dumps({**RULES, "version": "3"})}
    bad_import_row = {"规则集": "prov_x", "版本": "4", "参数": json.dumps({**RULES, "version": "4",
                                                                        "unit_level": {"aggregation": "median"}})}
    bad_column = "参数"

    def make_object(self):
        return ClassificationRuleSet.objects.create(rule_set_id="prov_x", version="2", parameters=RULES)


class TestConstructionRegistry(RegistryTestBase):
    config, api_url, editor_department = r.CONSTRUCTION, "/api/construction-proposals/", "nrb"
    import_row = {"项目名称": "示例仓储项目", "经度": 111.5, "纬度": 35.5, "提出日期": "2025-05-01"}
    bad_import_row = {"项目名称": "坏", "经度": "东经", "纬度": 35.5, "提出日期": "2025-05-01"}
    bad_column = "经度"

    def make_object(self):
        return ConstructionProposal.objects.create(name="示例道路", lon=111.5, lat=35.5, proposed_on="2025-04-01")


class TestCauseRegistry(RegistryTestBase):
    config, api_url, editor_department = r.CAUSE, "/api/cause-investigations/", "agri"
    import_row = {"名称": "成因排查 2", "单元": "R1", "开始日期": "2025-02-01"}
    bad_import_row = {"名称": "成因排查 3", "单元": "NOPE", "开始日期": "2025-02-01"}
    bad_column = "单元"

    def make_object(self):
        inv = CauseInvestigation.objects.create(name="成因排查 1", started_on="2025-01-01")
        inv.units.add(_unit())
        return inv


class TestInputInspectionRegistry(RegistryTestBase):
    config, api_url, editor_department = r.INSPECTION, "/api/input-inspections/", "samr"
    import_row = {"样品编号": "F-2", "产品": "复合肥", "抽样日期": "2025-04-02", "镉": "<0.5"}
    bad_import_row = {"样品编号": "F-3", "产品": "复合肥", "抽样日期": "2025-13-40", "镉": "1"}
    bad_column = "抽样日期"

    def make_object(self):
        return InputInspection.objects.create(sample_code="F-1", product="有机肥", sampled_on="2025-04-01",
                                              cd_mgkg="1.2", as_mgkg="5")


class TestGrainRegistry(RegistryTestBase):
    config, api_url, editor_department = r.GRAIN, "/api/grain-tests/", "agri"
    import_row = {"批次": "G-2", "品种类别": "rice", "检测日期": "2025-10-02", "镉": "0.05"}
    bad_import_row = {"批次": "G-3", "品种类别": "rice", "检测日期": "2025-10-02", "镉": "0.5",
                      "处置": "not_required"}
    bad_column = "处置"  # an exceeding batch must be disposed of

    def make_object(self):
        return GrainTest.objects.create(batch_code="G-1", crop="rice", tested_on="2025-10-01", cd_mgkg="0.1")


pytestmark = pytest.mark.django_db
