"""Every sites registry model through the inherited registry tests (tests/registry_base.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from soilgw.sites import registries
from soilgw.sites.choices import Stage
from soilgw.sites.models import (
    LandSupplyRecord,
    LandUseCode,
    ReceivingFacility,
    Site,
    StageRecord,
    SupervisionRecord,
    TransferManifest,
)
from soilgw.sites.samples import walk_to
from tests.registry_base import RegistryTestBase

d = dt.date.fromisoformat


def site(code: str, **fields) -> Site:
    obj = Site(parcel_code=code, name=f"地块{code}", source="use_change", planned_use=LandUseCode.resolve("R2"),
               current_use=LandUseCode.resolve("M2"), **fields)
    obj.full_clean()
    obj.save()
    return obj


def facility(number: str = "HW-1") -> ReceivingFacility:
    return ReceivingFacility.objects.create(name="示例修复工厂", permit_number=number, permit_valid_from=d("2022-01-01"),
                                            permit_valid_until=d("2025-12-31"), accepted_waste_codes="HW49")


class _Base(RegistryTestBase):
    @pytest.fixture(autouse=True)
    def _codes(self, county, codes):
        pass


class TestSiteRegistry(_Base):
    config = registries.SITE
    api_url = "/api/sites/"
    import_row = {"地块编号": "NEW-1", "地块名称": "新地块", "来源": "use_change", "规划用途": "R2", "现状用途": "M2",
                  "乡镇": "古绛镇"}
    bad_import_row = {"地块编号": "NEW-2", "地块名称": "坏地块", "来源": "use_change", "规划用途": "XX9"}
    bad_column = "规划用途"

    def make_object(self):
        return site("S-1")


class TestStageRecordRegistry(_Base):
    config = registries.STAGE
    api_url = "/api/site-stage-records/"
    import_row = {"地块编号": "S-2", "阶段": "preliminary_investigation", "开始日期": "2023-05-01"}
    bad_import_row = {"地块编号": "S-2", "阶段": "on_register", "开始日期": "2023-06-01"}
    bad_column = "阶段"

    def make_object(self):
        site("S-2")
        return StageRecord.objects.create(site=site("S-1"), stage=Stage.PRELIMINARY, started_on=d("2023-03-01"))


class TestRegisterRegistry(_Base):
    config = registries.REGISTER
    api_url = "/api/remediation-register/"
    import_row = {"地块编号": "S-2", "纳入日期": "2023-09-01", "纳入依据": "风险评估：风险不可接受"}
    bad_import_row = {"地块编号": "S-2", "纳入日期": "2023-10-01", "纳入依据": ""}
    bad_column = "纳入依据"

    def make_object(self):
        walk_to(site("S-2"), Stage.RISK_ASSESSMENT, d("2023-01-01"))
        s = site("S-1")
        walk_to(s, Stage.ON_REGISTER, d("2023-01-01"))
        return s.register_entries.get()


class TestSupervisionRegistry(_Base):
    config = registries.SUPERVISION
    api_url = "/api/site-supervision-records/"
    import_row = {"地块编号": "S-1", "检查日期": "2023-08-01", "检查人": "检查员甲"}
    bad_import_row = {"地块编号": "S-1", "检查日期": "2023-08-02", "检查人": ""}
    bad_column = "检查人"

    def make_object(self):
        s = site("S-1")
        walk_to(s, Stage.CONTROL, d("2023-01-01"))
        return SupervisionRecord.objects.create(site=s, visited_on=d("2023-07-01"), inspector="检查员")


class TestReceivingFacilityRegistry(_Base):
    config = registries.FACILITY
    api_url = "/api/receiving-facilities/"
    import_row = {"单位名称": "新修复工厂", "许可证编号": "HW-NEW", "许可证起始日期": "2023-01-01",
                  "许可证有效期至": "2026-12-31", "接收废物代码": "HW49"}
    bad_import_row = {"单位名称": "坏工厂", "许可证编号": "HW-BAD", "许可证起始日期": "2023-01-01",
                      "许可证有效期至": "2022-12-31"}
    bad_column = "许可证有效期至"

    def make_object(self):
        return facility()


class TestTransferManifestRegistry(_Base):
    config = registries.MANIFEST
    api_url = "/api/transfer-manifests/"
    import_row = {"联单编号": "M-NEW", "地块编号": "S-1", "转出量(t)": 20, "体积(m³)": 12.5, "运输单位": "运输公司",
                  "车牌号": "晋M00001", "接收单位许可证编号": "HW-1", "起运日期": "2024-05-01",
                  "移出人签字": "甲", "运输人签字": "乙"}
    # the destination's permit expired on 2025-12-31: a manifest departing later is refused
    bad_import_row = {**import_row, "联单编号": "M-BAD", "起运日期": "2026-01-05"}
    bad_column = "接收单位许可证编号"

    def make_object(self):
        return TransferManifest.objects.create(
            number="M-1", site=site("S-1"), quantity_t=10, volume_m3=6, carrier="运输公司", vehicle="晋M00002",
            facility=facility(), departed_on=d("2024-04-01"), shipper_signature="甲", carrier_signature="乙")


class TestLandSupplyRegistry(_Base):
    config = registries.SUPPLY
    api_url = "/api/land-supply-records/"
    import_row = {"类型": "plan", "年度": 2023, "地块名称": "计划地块", "用途": "R2", "日期": "2023-01-10"}
    bad_import_row = {"类型": "plan", "年度": 2023, "地块名称": "坏地块", "用途": "ZZ", "日期": "2023-01-10"}
    bad_column = "用途"

    def make_object(self):
        site("S-1")
        return LandSupplyRecord.objects.create(kind="transfer", year=2023, parcel_code="S-1", name="出让地块",
                                               planned_use=LandUseCode.resolve("R2"), date=d("2023-03-01"))
