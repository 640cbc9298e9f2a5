"""Inherited registry tests (tests/registry_base.py) for every model of the enterprises app."""

from __future__ import annotations

import json

from soilgw.enterprises import registries
from soilgw.enterprises.models import (
    ConcentratedFarmlandArea,
    Demolition,
    DischargePermit,
    DutyRecord,
    Listing,
)
from tests.enterprises.factories import REAL_CODE, code, d, enterprise
from tests.registry_base import RegistryTestBase

ENT_CODE = code(1)


def test_every_model_of_the_app_has_a_registry():
    from django.apps import apps

    models = {m for m in apps.get_app_config("enterprises").get_models() if not m.__name__.startswith("Historical")}
    assert models == {c.model for c in registries.REGISTRIES}
    tested = {cls.config.model for cls in RegistryTestBase.__subclasses__() if cls.__module__ == __name__}
    assert tested == models


class TestEnterpriseRegistry(RegistryTestBase):
    config = registries.ENTERPRISE
    api_url = "/api/enterprises/"
    import_row = {"企业名称": "华为技术有限公司（测试）", "统一社会信用代码": REAL_CODE, "乡镇": "古绛镇",
                  "经度": "111.6", "纬度": "35.5"}
    bad_import_row = {"企业名称": "错误企业", "统一社会信用代码": "91350100M000100Y44", "乡镇": "古绛镇",
                      "经度": "111.6", "纬度": "35.5"}
    bad_column = "统一社会信用代码"

    def make_object(self):
        return enterprise(1)


class TestListingRegistry(RegistryTestBase):
    config = registries.LISTING
    api_url = "/api/listings/"
    import_row = {"企业统一社会信用代码": ENT_CODE, "名录": "key_supervised_unit", "纳入日期": "2024-01-01"}
    bad_import_row = {"企业统一社会信用代码": ENT_CODE, "名录": "key_supervised_unit", "纳入日期": "2024-02-01",
                      "移出日期": "2023-01-01"}
    bad_column = "移出日期"

    def make_object(self):
        return Listing.objects.create(enterprise=enterprise(1), list_kind="key_supervised_unit",
                                      listed_on=d("2023-01-01"))


class TestDischargePermitRegistry(RegistryTestBase):
    config = registries.PERMIT
    api_url = "/api/discharge-permits/"
    import_row = {"企业统一社会信用代码": ENT_CODE, "许可证编号": "P-NEW", "状态": "valid", "发证日期": "2024-01-01"}
    bad_import_row = {"企业统一社会信用代码": ENT_CODE, "许可证编号": "P-BAD", "状态": "revoked",
                      "发证日期": "2024-01-01"}
    bad_column = "注销/撤销日期"

    def make_object(self):
        return DischargePermit.objects.create(enterprise=enterprise(1), number="P-1", issued_on=d("2022-01-01"))


class TestDutyRecordRegistry(RegistryTestBase):
    config = registries.DUTY_RECORD
    api_url = "/api/duty-records/"
    import_row = {"企业统一社会信用代码": ENT_CODE, "类别": "hazard_investigation", "日期": "2024-03-01"}
    bad_import_row = {"企业统一社会信用代码": ENT_CODE, "类别": "hazard_investigation", "日期": "2024-13-01"}
    bad_column = "日期"

    def make_object(self):
        return DutyRecord.objects.create(enterprise=enterprise(1), kind="self_monitoring", date=d("2023-09-01"))


class TestDemolitionRegistry(RegistryTestBase):
    config = registries.DEMOLITION
    api_url = "/api/demolitions/"
    import_row = {"企业统一社会信用代码": ENT_CODE, "拆除内容": "车间", "计划开始日期": "2025-01-01"}
    bad_import_row = {"企业统一社会信用代码": "91350100M000100Y43", "拆除内容": "车间", "计划开始日期": "2025-02-01"}
    bad_column = "企业统一社会信用代码"

    def make_object(self):
        return Demolition.objects.create(enterprise=enterprise(1), description="旧库房", planned_start=d("2024-05-01"))


SQUARE = {"type": "Polygon", "coordinates": [[[111.5, 35.4], [111.7, 35.4], [111.7, 35.6], [111.5, 35.6],
                                              [111.5, 35.4]]]}


class TestConcentratedAreaRegistry(RegistryTestBase):
    config = registries.AREA
    api_url = "/api/concentrated-areas/"
    import_row = {"名称": "集中区二", "范围(GeoJSON)": json.dumps(SQUARE)}
    bad_import_row = {"名称": "集中区三", "范围(GeoJSON)": json.dumps({"type": "Point", "coordinates": [111, 35]})}
    bad_column = "范围(GeoJSON)"

    def make_object(self):
        return ConcentratedFarmlandArea.objects.create(name="集中区一", geometry=SQUARE)
