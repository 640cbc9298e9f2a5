"""Every funding model through the inherited registry test base (tests/registry_base.py)."""

from __future__ import annotations

from soilgw.funding import registries as r
from tests.registry_base import RegistryTestBase

from . import builders as b


class TestFundProjectRegistry(RegistryTestBase):
    config = r.FUND_PROJECT
    api_url = "/api/fund-projects/"
    import_row = {"项目编号": "T-XM-9", "项目名称": "地下水监测能力建设", "项目类型": "monitoring",
                  "责任部门": "运城市生态环境局绛县分局", "总投资（万元）": "300", "申请资金（万元）": "250",
                  "开始日期": "2024-01-01", "结束日期": "2024-12-31"}
    bad_import_row = {**import_row, "项目编号": "T-XM-10", "申请资金（万元）": "400"}  # more than the investment
    bad_column = "申请资金（万元）"

    def make_object(self):
        return b.project()

    def test_linked_site_is_looked_up_by_code(self, editor):
        from soilgw.core import imports
        from tests.registry_base import _xlsx

        row = {**self.import_row, "矿区历史遗留废物点编号": "无此编号"}
        batch = imports.run_import(self.config.import_kind.kind, "rows.xlsx", _xlsx([row]), editor)
        assert batch.status == "rejected"
        assert [p["column"] for p in batch.report["problems"]] == ["矿区历史遗留废物点编号"]


class TestDisbursementRegistry(RegistryTestBase):
    config = r.DISBURSEMENT
    api_url = "/api/fund-disbursements/"
    import_row = {"项目编号": "T-XM-1", "年度": "2023", "季度": "2", "下达资金（万元）": "100"}
    bad_import_row = {"项目编号": "T-XM-1", "年度": "2024", "季度": "1", "下达资金（万元）": "100"}  # after the end
    bad_column = "季度"

    def make_object(self):
        return b.disbursement()


class TestPerformanceTargetRegistry(RegistryTestBase):
    config = r.PERFORMANCE_TARGET
    api_url = "/api/performance-targets/"
    import_row = {"项目编号": "T-XM-1", "绩效指标": "风险管控面积", "单位": "亩", "目标值": "500"}
    bad_import_row = {**import_row, "绩效指标": "完成率", "完成值": "90"}  # achieved without the assessment date
    bad_column = "评价日期"

    def make_object(self):
        return b.target()
