"""Bad input in the enterprise list import: every bad row reported with its column, nothing stored."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from soilgw.core import imports
from soilgw.enterprises.models import Enterprise
from soilgw.enterprises.registries import ENTERPRISE
from tests.enterprises.factories import REAL_CODE, code

pytestmark = pytest.mark.django_db


def _xlsx(rows):
    buf = io.BytesIO()
    pd.DataFrame(rows).to_excel(buf, index=False, sheet_name="企业名单")
    return buf.getvalue()


def _row(name, credit, lon="111.60", lat="35.50", town="古绛镇"):
    return {"企业名称": name, "统一社会信用代码": credit, "乡镇": town, "经度": lon, "纬度": lat}


@pytest.fixture
def editor(county, make_user):
    return make_user("eeb-editor", "eeb", "editor")


def test_every_bad_row_reported_nothing_stored(editor):
    rows = [
        _row("正常企业", code(1)),                                 # row 2: fine
        _row("校验位错误", "91350100M000100Y44"),                  # row 3: GB 32100-2015 check character is 3
        _row("重复代码", "９１１４０８２６" + code(1)[8:]),          # row 4: same code as row 2 (full-width)
        _row("", code(3)),                                         # row 5: name missing
        _row("境外坐标", code(4), lon="150.2"),                    # row 6: east of China (lon ≤ 135.1)
        _row("境外纬度", code(5), lat="2.5"),                      # row 7: south of China (lat ≥ 3.8)
        _row("未知乡镇", code(6), town="不存在镇"),                 # row 8: no such township
    ]
    batch = imports.run_import(ENTERPRISE.import_kind.kind, "企业名单.xlsx", _xlsx(rows), editor)
    assert batch.status == "rejected"
    problems = {(p["row"], p["column"]) for p in batch.report["problems"]}
    assert problems == {(3, "统一社会信用代码"), (4, "统一社会信用代码"), (5, "企业名称"), (6, "经度"), (7, "纬度"),
                        (8, "乡镇")}, batch.report["problems"]
    reasons = {p["row"]: p["reason"] for p in batch.report["problems"]}
    assert "GB 32100-2015 gives '3'" in reasons[3]
    assert "row 2" in reasons[4]
    assert all(p["file"] == "企业名单.xlsx" and p["sheet"] == "企业名单" for p in batch.report["problems"])
    assert Enterprise.objects.count() == 0


def test_outside_the_buffered_county_is_a_warning_not_an_error(editor):
    # 111.64°E, 35.50°N is inside Jiang County; 112.50°E (about 78 km east) is in China but far outside it.
    rows = [_row("县内企业", REAL_CODE), _row("县外企业", code(2), lon="112.50")]
    batch = imports.run_import(ENTERPRISE.import_kind.kind, "list.xlsx", _xlsx(rows), editor)
    assert batch.status == "accepted", batch.report
    warnings = batch.report["warnings"]
    assert [w["row"] for w in warnings] == [3] and "outside the county boundary" in warnings[0]["reason"]
    assert Enterprise.objects.count() == 2


def test_reimport_updates_by_credit_code(editor):
    imports.run_import(ENTERPRISE.import_kind.kind, "a.xlsx", _xlsx([_row("旧名称", code(1))]), editor)
    batch = imports.run_import(ENTERPRISE.import_kind.kind, "b.xlsx", _xlsx([_row("新名称", code(1))]), editor)
    assert batch.status == "accepted" and batch.report["summary"] == {"created": 0, "updated": 1}
    assert Enterprise.objects.get().name == "新名称"


def test_imported_listings_get_their_obligations(editor, settings):
    from soilgw.enterprises.registries import LISTING
    from soilgw.plans.models import Obligation

    settings.SOILGW_AS_OF = "2024-06-30"
    imports.run_import(ENTERPRISE.import_kind.kind, "e.xlsx", _xlsx([_row("甲", code(1)), _row("乙", code(2))]),
                       editor)
    rows = [{"企业统一社会信用代码": c, "名录": "key_supervised_unit", "纳入日期": "2023-05-01"} for c in (code(1), code(2))]
    batch = imports.run_import(LISTING.import_kind.kind, "l.xlsx", _xlsx(rows), editor)
    assert batch.status == "accepted", batch.report
    # listed 2023-05-01 → hazard investigation due 2024-05-01, overdue on 2024-06-30 (soil task 1)
    obs = Obligation.objects.filter(rule_id="ksu-hazard-investigation")
    assert sorted(obs.values_list("holder_label", "status")) == [("乙", "overdue"), ("甲", "overdue")]
