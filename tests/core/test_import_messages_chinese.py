"""Every import's problems read in the page's language, naming the user's own column headers.

Bad files of each import kind (registries, quarterly progress, points, water levels, lab results, GWSDAT, the
batch land-action check), uploaded in the Chinese UI: the problems table of the result page holds no English
sentence, no snake_case code and no Python literal (``tests.visible_text``), and its column cells are the
headers the file was written with. The same upload shown in English reads in English.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from soilgw.core.imports import run_import
from tests.monitoring.conftest import mappings, points  # noqa: F401  fixtures shared with tests/monitoring
from tests.visible_text import findings, visible_text

pytestmark = pytest.mark.django_db


def xlsx(rows: list[list], sheet: str = "Sheet1") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


#: kind → (file name, content, options, headers the problems must name). Each file has several faults.
BAD_FILES = {
    "lab_results": ("化验结果.csv", (
        "点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限\n"
        "JX-99,S1,2023-05-06,镉,0.001,mg/L,\n"          # unknown point
        "JX-01,S2,2023-13-45,镉,0.001,mg/L,\n"          # impossible date
        "JX-01,S3,2023-05-06,镉镉镉,0.001,mg/L,\n"       # unknown analyte
        "JX-01,S4,2023-05-06,铅,0.001,斤/升,\n"          # unknown unit
        "JX-01,S5,2023-05-06,砷,约0.3,mg/L,\n"          # unreadable value
        "JX-01,S6,2023-05-06,汞,未检出,mg/L,\n"          # non-detect without a limit
        "JX-01,S7,2023-05-06,硝酸盐氮,-3,mg/L,\n"       # negative concentration
    ).encode(), {}, {"点位编号", "采样日期", "检测项目", "单位", "检测结果"}),
    "water_levels": ("水位.csv", "点位编号,采样日期,水位标高\nJX-99,2023-05-06,512.3\nJX-01,昨天,511.0\n"
                     "JX-01,2023-05-07,\n".encode(), {}, None),
    "points": ("点位.xlsx", xlsx([["点位编号", "点位类型", "X", "Y", "坐标系", "目标水质类别"],
                                ["P-1", "火星井", "abc", "35.5", "EPSG:4326", "VI"],
                                ["P-2", "地下水监测井", "111.6", "", "EPSG:4326", ""],
                                ["", "地下水监测井", "", "", "", ""]]), {}, {"点位类型", "X", "目标水质类别"}),
    "progress_reports": ("季度进展.xlsx", xlsx([["计划", "任务编号", "部门", "年度", "季度", "状态", "完成比例(%)"],
                                              ["水星", "1", "生态环境局", "2023", "9", "差不多", "50"],
                                              ["土壤", "1", "不存在的局", "2023", "3", "已完成", "40"]], "季度进展"),
                         {}, {"计划", "季度", "状态"}),
    "registry_enterprises": ("企业.xlsx", xlsx([["企业名称", "统一社会信用代码", "乡镇", "示例数据"],
                                              ["某化工厂", "91140000MA0XXXXX1", "火星镇", "也许"],
                                              ["某化工厂", "91140000MA0XXXXX1", "", "是"]]), {}, None),
    "registry_abandoned_wells": ("废井.xlsx", xlsx([["多余的列"], ["x"]]), {}, None),
    "gwsdat": ("WellData.csv", b"WellName,Constituent,SampleDate,Result,Units,Flags\n"
                               b"MW-9,GW,2023-05-06,abc,level,\nMW-9,Benzene,2023-05-06,1.2,ug/l,\n", {}, None),
}


def _problems_page(client, batch, language: str) -> str:
    page = client.get(reverse("import_batch", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return page[page.index('id="problems"'):page.index("</table>", page.index('id="problems"'))]


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_problems_read_in_chinese_and_name_the_users_headers(kind, county, make_user, client, mappings,  # noqa: F811
                                                             points):  # noqa: F811
    admin = make_user("msg-admin", "eeb", "editor")
    admin.is_superuser = True
    admin.save()
    name, content, options, headers = BAD_FILES[kind]
    with translation.override("zh-hans"):  # an upload from the Chinese UI (the platform's default language)
        batch = run_import(kind, name, content, admin, options=options)
    assert batch.status == "rejected", batch.report
    problems = batch.report["problems"]
    assert problems, batch.report
    client.force_login(admin)
    table = _problems_page(client, batch, "zh-hans")
    text = visible_text(f"<table {table}</table>")
    assert findings(text) == [], (kind, findings(text), text)
    if headers is not None:
        assert headers <= {p["column"] for p in problems}, (kind, [p["column"] for p in problems])


def test_checks_before_parsing_read_in_chinese(county, make_user, client):
    user = make_user("msg-editor", "eeb", "editor")
    client.force_login(user)
    with translation.override("zh-hans"):
        wrong_type = run_import("progress_reports", "进展.pdf", b"%PDF-1.4", user)
        not_xlsx = run_import("progress_reports", "进展.xlsx", b"just text", user)
    for batch in (wrong_type, not_xlsx):
        text = visible_text(f"<table {_problems_page(client, batch, 'zh-hans')}</table>")
        assert findings(text) == [] and "文件" in text, text


def test_a_bilingual_reason_shows_the_pages_language(county, make_user, client, mappings, points):  # noqa: F811
    """Messages of the science layer (units, analytes, reported values) are stored in both languages."""
    user = make_user("msg-editor2", "eeb", "editor")
    client.force_login(user)
    content = "点位编号,采样日期,检测项目,检测结果,单位\nJX-01,2023-05-06,铅,0.001,斤/升\n".encode()
    batch = run_import("lab_results", "lab.csv", content, user)
    zh = visible_text(f"<table {_problems_page(client, batch, 'zh-hans')}</table>")
    en = visible_text(f"<table {_problems_page(client, batch, 'en')}</table>")
    assert "未知单位" in zh and "unknown unit" not in zh
    assert "unknown unit" in en and "未知单位" not in en


def test_batch_land_action_check_problems_read_in_chinese(county, make_user, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user("msg-sites", "eeb", "editor"))
    content = xlsx([["地块编号", "拟用途", "事项"], ["", "火星用地", "拍卖"]], "地块清单")
    page = client.post(reverse("sites:batch-check"), {"file": SimpleUploadedFile("parcels.xlsx", content)},
                       HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    table = page[page.index('id="problems"'):page.index("</table>", page.index('id="problems"'))]
    text = visible_text(f"<table {table}</table>")
    assert findings(text) == [] and "拟用途" in text and "事项" in text, text
