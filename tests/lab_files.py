"""Workbooks and CSV files built the way county labs send them (used by the reader, CLI and import tests).

Every value is written as a lab writes it; the tests state what each cell must become.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

LONG_HEADER = ["采样点位", "采样时间", "分析项目", "测定值", "单位", None, "检出限"]


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def long_book(header=LONG_HEADER, *, point="JX-01", analyte_row4="铅") -> bytes:
    """A long result sheet: merged title (row 1), header (row 2), point ID merged over rows 3–5, serial
    dates with times, a float artefact, a fixed-decimals cell, an empty column F, an empty row 7 and a
    merged footnote in row 8.

    Rows: 3 镉 0.0001+0.0002 (float 0.00030000000000000003) mg/L; 4 铅 0.005 shown as ``0.000``;
    5 四氯乙烯 ``<0.2`` μg/L sampled at a date-time cell; 6 JX-02 硝酸盐(以N计) 12.3 at serial 43753.5.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "检测结果"
    ws.append(["某县 2019 年第四季度地下水监测检测结果"])
    ws.merge_cells("A1:G1")
    ws.append(header)
    ws.append([point, 43753.4375, "镉", 0.0001 + 0.0002, "mg/L", None, 0.0001])
    ws.append([None, 43753.4375, analyte_row4, 0.005, "mg/L", None, 0.0025])
    ws.append([None, dt.datetime(2019, 10, 15, 10, 30), "四氯乙烯", "<0.2", "μg/L", None, 0.2])
    ws.merge_cells("A3:A5")
    ws["D4"].number_format = "0.000"
    ws.append(["JX-02", 43753.5, "硝酸盐(以N计)", 12.3, "mg/L", None, 0.016])
    ws.append([])
    ws.append(["注：ND表示未检出，“<”后为方法检出限"])
    ws.merge_cells("A8:G8")
    return _save(wb)


def wide_book(id_header="样品编号", ids=("JX-01-2019A", "JX-02-2019A")) -> bytes:
    """A wide sheet with a two-row header: analytes in row 1, units in row 2 (ID cells merged over both
    rows, ``单位`` labelling the unit row), data in rows 3 and 5 with an empty row 4, a remark in row 6."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "宽表"
    ws.append([id_header, "采样日期", "pH", "镉", "铅", "硝酸盐(以N计)"])
    ws.append([None, "单位", "无量纲", "mg/L", "mg/L", "mg/L"])
    ws.merge_cells("A1:A2")
    ws.append([ids[0], dt.date(2019, 10, 15), 7.4, "<0.0001", 0.012, 25])
    ws.append([])
    ws.append([ids[1], dt.date(2019, 10, 15), 7.1, 0.0003, "0.0025L", 3.1])
    ws.append(["备注：“L”表示低于方法检出限"])
    return _save(wb)


LONG_CSV = ("采样点位,采样时间,分析项目,测定值,单位,检出限\n"
            "JX-01,43753.4375,镉,0.0003,mg/L,0.0001\n"
            "JX-01,2019-10-15 10:30,铅,0.005,mg/L,0.0025\n"
            "\n"
            "注：ND表示未检出,,,,,\n")
