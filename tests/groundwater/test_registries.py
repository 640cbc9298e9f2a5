"""Every groundwater registry through the inherited registry tests (pages, filters, API, history, import,
export, permissions)."""

from __future__ import annotations

import json

import pytest

from soilgw.groundwater import registries as R
from tests.groundwater.conftest import SQUARE, make_source, square
from tests.registry_base import RegistryTestBase

GEOJSON = json.dumps(SQUARE)


def _town(name="古绛镇"):
    from soilgw.core.models import Township

    return Township.objects.get(name=name)


class TestPollutionSources(RegistryTestBase):
    config = R.POLLUTION_SOURCE
    api_url = "/api/pollution-sources/"
    import_row = {"编号": "GS-NEW", "名称": "新化工企业", "类型": "chemical_enterprise", "乡镇": "古绛镇",
                  "经度": 111.60, "纬度": 35.47, "调查评估状态": "not_started"}
    bad_import_row = {"编号": "GS-BAD", "名称": "坏行", "类型": "chemical_enterprise", "乡镇": "古绛镇",
                      "经度": 111.60, "纬度": 35.47, "调查评估状态": "completed"}  # completed without its date
    bad_column = "调查完成日期"

    def make_object(self):
        from soilgw.groundwater.models import PollutionSource

        return PollutionSource.objects.create(code="GS-1", name="测试填埋场", kind="landfill", lon=111.62,
                                              lat=35.505, geometry=SQUARE, township=_town())


class TestMiningWasteSites(RegistryTestBase):
    config = R.MINING_WASTE
    api_url = "/api/mining-waste-sites/"
    import_row = {"编号": "KZ-NEW", "名称": "新废石堆", "发现方式": "drone", "发现日期": "2023-04-01", "治理阶段": "found",
                  "范围(GeoJSON)": GEOJSON}
    bad_import_row = {"编号": "KZ-BAD", "名称": "坏行", "发现方式": "drone", "发现日期": "2023-04-01", "治理阶段": "found",
                      "范围(GeoJSON)": json.dumps({"type": "Point", "coordinates": [111.6, 35.5]})}
    bad_column = "范围(GeoJSON)"

    def make_object(self):
        from soilgw.groundwater.models import MiningWasteSite

        return MiningWasteSite.objects.create(code="KZ-1", name="测试废石堆", discovered_by="satellite",
                                              discovered_on="2023-03-01", geometry=SQUARE)


class TestAbandonedWells(RegistryTestBase):
    config = R.ABANDONED_WELL
    api_url = "/api/abandoned-wells/"
    import_row = {"编号": "FJ-NEW", "类型": "water_well", "乡镇": "横水镇", "经度": 111.6, "纬度": 35.47,
                  "登记日期": "2023-03-01", "状态": "registered"}
    bad_import_row = {"编号": "FJ-BAD", "类型": "water_well", "乡镇": "横水镇", "经度": 111.6, "纬度": 35.47,
                      "登记日期": "2023-03-01", "状态": "sealed"}  # sealed without the sealing date
    bad_column = "封井回填日期"

    def make_object(self):
        from soilgw.groundwater.models import AbandonedWell

        return AbandonedWell.objects.create(code="FJ-1", kind="borehole", township=_town(), lon=111.62, lat=35.50,
                                            registered_on="2023-02-01")


class TestDrinkingWaterSources(RegistryTestBase):
    config = R.DRINKING_SOURCE
    api_url = "/api/drinking-water-sources/"
    import_row = {"编号": "SY-NEW", "名称": "新水源地", "规模": "township", "类型": "ordinary", "经度": 111.65,
                  "纬度": 35.47, "目标水质类别": "III"}
    bad_import_row = {"编号": "SY-BAD", "名称": "坏行", "规模": "thousand_ton", "类型": "ordinary", "供水量(m³/d)": 500,
                      "供水人口": 3000, "经度": 111.65, "纬度": 35.47, "目标水质类别": "III"}
    bad_column = "规模"

    def make_object(self):
        return make_source()


class TestProtectionZones(RegistryTestBase):
    config = R.PROTECTION_ZONE
    api_url = "/api/protection-zones/"
    import_row = {"水源地编号": "SY-T1", "级别": "second", "范围(GeoJSON)": json.dumps(square(111.62, 35.505, 0.01))}
    bad_import_row = {"水源地编号": "SY-NONE", "级别": "second", "范围(GeoJSON)": GEOJSON}
    bad_column = "水源地编号"

    def make_object(self):
        from soilgw.groundwater.models import ProtectionZone

        return ProtectionZone.objects.create(source=make_source(), level="first", geometry=square(111.62, 35.505, 0.001))


class TestRechargeAreas(RegistryTestBase):
    config = R.RECHARGE_AREA
    api_url = "/api/recharge-areas/"
    import_row = {"水源地编号": "SY-T2", "划定日期": "2023-11-01", "范围(GeoJSON)": GEOJSON}
    bad_import_row = {"水源地编号": "SY-T1", "划定日期": "not a date", "范围(GeoJSON)": GEOJSON}
    bad_column = "划定日期"

    def make_object(self):
        from soilgw.groundwater.models import RechargeArea

        make_source("SY-T2", lon=111.64, lat=35.48)
        return RechargeArea.objects.create(source=make_source(), delineated_on="2023-10-01", geometry=SQUARE)


class TestCauseDeterminations(RegistryTestBase):
    config = R.CAUSE
    api_url = "/api/cause-determinations/"
    import_row = {"水源地编号": "SY-T1", "超标指标": "nitrate", "成因分析开始日期": "2023-06-01", "成因": "human",
                  "判定日期": "2023-09-01", "整治方案": "截断污水渗漏"}
    bad_import_row = {"水源地编号": "SY-T1", "超标指标": "fluoride", "成因分析开始日期": "2023-06-01", "成因": "human",
                      "判定日期": "2023-09-01"}  # human cause without its remediation plan
    bad_column = "整治方案"

    def make_object(self):
        from soilgw.groundwater.models import CauseDetermination

        return CauseDetermination.objects.create(source=make_source(), analyte="fluoride", started_on="2023-05-01")


class TestKeyZones(RegistryTestBase):
    config = R.KEY_ZONE
    api_url = "/api/groundwater-key-zones/"
    import_row = {"编号": "ZD-NEW", "名称": "新重点区", "划定批次": 2, "划定状态": "preliminary", "范围(GeoJSON)": GEOJSON}
    bad_import_row = {"编号": "ZD-BAD", "名称": "坏行", "划定批次": 1, "划定状态": "preliminary",
                      "范围(GeoJSON)": "{\"type\": \"Polygon\"}"}
    bad_column = "范围(GeoJSON)"

    def make_object(self):
        from soilgw.groundwater.models import GroundwaterKeyZone

        return GroundwaterKeyZone.objects.create(code="ZD-1", name="测试重点区", geometry=SQUARE,
                                                 access_requirements="禁止新建涉重项目")


class TestReinjectionProjects(RegistryTestBase):
    config = R.REINJECTION
    api_url = "/api/reinjection-projects/"
    import_row = {"编号": "HG-NEW", "名称": "新地热项目", "运营单位": "某能源公司", "类型": "geothermal",
                  "地热技术": "closed_loop", "经度": 111.6, "纬度": 35.49, "开采/回灌层位": "热储层", "运行日期": "2022-11-01"}
    bad_import_row = {"编号": "HG-BAD", "名称": "坏行", "运营单位": "某公司", "类型": "wastewater",
                      "地热技术": "closed_loop", "经度": 111.6, "纬度": 35.49, "开采/回灌层位": "潜水", "运行日期": "2022-11-01"}
    bad_column = "地热技术"

    def make_object(self):
        from soilgw.groundwater.models import ReinjectionProject

        return ReinjectionProject.objects.create(code="HG-1", name="测试地热", operator="某公司", kind="geothermal",
                                                 lon=111.6, lat=35.49, aquifers="热储层", started_on="2022-10-01")


@pytest.mark.django_db
def test_water_bureau_may_keep_drinking_sources_but_not_key_zones(county, make_user):
    water = make_user("water-editor", "water", "editor")
    assert R.DRINKING_SOURCE.can_create(water) and R.ABANDONED_WELL.can_create(water)
    assert not R.KEY_ZONE.can_create(water)
    township = make_user("town-editor", "gujiang", "editor")
    assert R.ABANDONED_WELL.can_create(township) and not R.POLLUTION_SOURCE.can_create(township)


class TestReinjectionFilings(RegistryTestBase):
    config = R.FILING
    api_url = "/api/reinjection-filings/"
    import_row = {"项目编号": "HG-1", "报备日期": "2023-12-20", "报备期间": "2023年", "回灌水质达标": "True"}
    bad_import_row = {"项目编号": "HG-1", "报备日期": "2021-01-01", "报备期间": "2020年"}  # before operation began
    bad_column = "报备日期"

    def make_object(self):
        from soilgw.groundwater.models import ReinjectionFiling

        project = TestReinjectionProjects().make_object()
        return ReinjectionFiling.objects.create(project=project, filed_on="2023-05-10", period="采暖季")


class TestWellRegisterReturns(RegistryTestBase):
    config = R.WELL_REGISTER
    api_url = "/api/well-register-returns/"
    import_row = {"乡镇": "横水镇", "报送日期": "2023-06-25", "清单井数": 4, "底数已摸清": "True"}
    bad_import_row = {"乡镇": "横水镇", "报送日期": "2023-06-26", "清单井数": -1}
    bad_column = "清单井数"

    def make_object(self):
        from soilgw.groundwater.models import WellRegisterReturn

        return WellRegisterReturn.objects.create(township=_town(), submitted_on="2023-06-20", well_count=2)
