"""The one file reader (``soilgw.assessment.sheets``) on files built as labs send them, and through the CLI.

Expected cells are what the lab wrote or what Excel displays; serial dates follow Microsoft's documented
1900 date system (serial 1 = 1900-01-01, 60 = the non-existent 1900-02-29, 43831 = 2020-01-01).
"""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from tests.lab_files import LONG_CSV, long_book, wide_book

from soilgw.assessment import sheets
from soilgw.assessment.sheets import SheetError, excel_serial_to_iso, read_table, read_tables
from soilgw.cli import main

# 43753 = 2020-01-01 (43831) minus 78 days = 2019-10-15; .4375 day = 10:30; .5 day = 12:00
LONG_EXPECTED = [
    ["JX-01", "2019-10-15 10:30:00", "镉", "0.0003", "mg/L", "0.0001"],
    ["JX-01", "2019-10-15 10:30:00", "铅", "0.005", "mg/L", "0.0025"],
    ["JX-01", "2019-10-15 10:30:00", "四氯乙烯", "<0.2", "μg/L", "0.2"],
    ["JX-02", "2019-10-15 12:00:00", "硝酸盐(以N计)", "12.3", "mg/L", "0.016"],
]


def test_lab_long_sheet_becomes_a_clean_table():
    (t,) = read_tables(long_book(), filename="lab.xlsx")
    assert (t.file, t.sheet, t.header_rows) == ("lab.xlsx", "检测结果", (2,))
    assert list(t.frame.columns) == ["采样点位", "采样时间", "分析项目", "测定值", "单位", "检出限"]
    assert t.frame.values.tolist() == LONG_EXPECTED
    assert t.rows.tolist() == [3, 4, 5, 6]  # the lab's own row numbers
    notes = {n.kind: n for n in t.notes}
    assert set(notes) == {"title", "footnote", "merged", "empty_columns", "dates"}
    assert notes["merged"].rows == (3, 4, 5) and "A3:A5" in notes["merged"].en and "'JX-01'" in notes["merged"].zh
    assert notes["footnote"].rows == (8,) and "注：ND表示未检出" in notes["footnote"].zh
    assert notes["title"].rows == (1,)
    assert "F" in notes["empty_columns"].en
    serials = [n for n in t.notes if n.kind == "dates" and "serial" in n.en]
    assert serials[0].rows == (3, 4, 6) and "1899-12-30" in serials[0].en and "1900-02-29" in serials[0].zh


def test_two_row_header_with_units_becomes_name_unit_headers():
    (t,) = read_tables(wide_book(), filename="wide.xlsx")
    assert list(t.frame.columns) == ["样品编号", "采样日期", "pH (无量纲)", "镉 (mg/L)", "铅 (mg/L)",
                                     "硝酸盐(以N计) (mg/L)"]
    assert t.units == {"pH (无量纲)": "无量纲", "镉 (mg/L)": "mg/L", "铅 (mg/L)": "mg/L",
                       "硝酸盐(以N计) (mg/L)": "mg/L"}
    assert t.header_rows == (1, 2)
    assert t.frame.values.tolist() == [["JX-01-2019A", "2019-10-15", "7.4", "<0.0001", "0.012", "25"],
                                       ["JX-02-2019A", "2019-10-15", "7.1", "0.0003", "0.0025L", "3.1"]]
    assert t.rows.tolist() == [3, 5]
    kinds = {n.kind: n.rows for n in t.notes}
    assert kinds["unit_row"] == (2,) and kinds["empty_rows"] == (4,) and kinds["footnote"] == (6,)


def test_unit_in_parentheses_is_recognised_only_for_known_units():
    wb = openpyxl.Workbook()
    wb.active.append(["点位编号", "硝酸盐(以N计)", "镉（mg/L）", "硝酸盐(以N计)(mg/L)", "采样深度\n(m)"])
    wb.active.append(["JX-01", "1", "2", "3", "0-0.5"])
    buf = io.BytesIO()
    wb.save(buf)
    t = read_table(buf.getvalue(), filename="h.xlsx")
    assert list(t.frame.columns) == ["点位编号", "硝酸盐(以N计)", "镉（mg/L）", "硝酸盐(以N计)(mg/L)", "采样深度(m)"]
    assert t.units == {"镉（mg/L）": "mg/L", "硝酸盐(以N计)(mg/L)": "mg/L"}  # 以N计 is no unit
    assert [n.kind for n in t.notes] == ["header_breaks"]
    assert t.frame.iloc[0].tolist() == ["JX-01", "1", "2", "3", "0-0.5"]  # a depth range stays as written


@pytest.mark.parametrize(("serial", "iso"), [
    (1, "1900-01-01"), (59, "1900-02-28"), (61, "1900-03-01"), (43831, "2020-01-01"),
    (43753.4375, "2019-10-15 10:30:00"), (43753.999994, "2019-10-15 23:59:59"), (2958465, "9999-12-31"),
])
def test_excel_serials_1900_system(serial, iso):
    assert excel_serial_to_iso(serial) == iso


def test_serial_60_and_1904_system():
    with pytest.raises(ValueError, match="1900-02-29"):
        excel_serial_to_iso(60)
    assert excel_serial_to_iso(0, epoch_1904=True) == "1904-01-01"
    assert excel_serial_to_iso(42291.4375, epoch_1904=True) == "2019-10-15 10:30:00"  # 1462 days apart


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (0.1 + 0.2, "General", "0.3"), (0.125, "0.00", "0.13"), (0.05, "0.000", "0.050"), (5, "0.0", "5.0"),
    (1234.5, "#,##0.0", "1234.5"), (0.0012, "0.00E+00", "1.20E-03"), (12, "General", "12"),
    (0.5, '0.00_);[Red]\\(0.00\\)', "0.50"), (1e-7, "General", "1e-07"),
])
def test_numbers_as_the_cell_displays_them(value, fmt, shown):
    assert sheets._number(value, fmt) == shown


def test_csv_gb18030_bom_and_forced_encoding():
    t = read_table(LONG_CSV.encode("gb18030"), filename="lab.csv")
    assert t.notes[0].kind == "encoding" and "GB18030" in t.notes[0].en
    assert t.frame.values.tolist() == [["JX-01", "2019-10-15 10:30:00", "镉", "0.0003", "mg/L", "0.0001"],
                                       ["JX-01", "2019-10-15 10:30", "铅", "0.005", "mg/L", "0.0025"]]
    assert t.rows.tolist() == [2, 3] and {n.kind for n in t.notes} == {"encoding", "dates", "footnote"}
    bom = read_table(b"\xef\xbb\xbf" + LONG_CSV.encode("utf-8"), filename="bom.csv")
    assert list(bom.frame.columns)[0] == "采样点位" and bom.frame.shape == (2, 6)
    assert not [n for n in bom.notes if n.kind == "encoding"]
    with pytest.raises(SheetError, match=r"bom\.csv.*not valid ascii text"):
        read_table(LONG_CSV.encode("utf-8"), filename="bom.csv", encoding="ascii")
    with pytest.raises(SheetError, match="既不是 UTF-8 也不是 GB18030"):
        read_table(b"\x81\x20\xff\xfe", filename="x.csv")


def test_bad_cells_and_files_name_file_sheet_row_column():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "结果"
    ws.append(["样品编号", "检测项目", "测定值"])
    ws.append(["S1", "镉", 0.001])
    ws.append(["S2", "铅", "#DIV/0!"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(SheetError) as err:
        read_table(buf.getvalue(), filename="bad.xlsx")
    e = err.value
    assert (e.file, e.sheet, e.row, e.column) == ("bad.xlsx", "结果", 3, "C")
    assert "第 3 行" in str(e) and "row 3" in str(e) and "#DIV/0!" in str(e)
    with pytest.raises(SheetError, match="no sheet '汇总'; the sheets are 结果"):
        read_table(buf.getvalue(), filename="bad.xlsx", sheet="汇总")
    with pytest.raises(SheetError, match="not a readable .xlsx"):
        read_table(b"PK\x03\x04broken", filename="broken.xlsx")
    with pytest.raises(SheetError, match="文件不存在.*no such file"):
        read_table("/nonexistent/lab.csv")


def test_write_csv_bom_by_default(tmp_path):
    frame = pd.DataFrame({"样品编号": ["S1"], "类别": ["Ⅲ"]})
    sheets.write_csv(frame, tmp_path / "a.csv")
    sheets.write_csv(frame, tmp_path / "b.csv", bom=False)
    assert (tmp_path / "a.csv").read_bytes() == "\ufeff样品编号,类别\nS1,Ⅲ\n".encode()
    assert (tmp_path / "b.csv").read_bytes() == "样品编号,类别\nS1,Ⅲ\n".encode()


# ------------------------------------------------------------------------------------------ through the CLI
CLI_HEADER = ["样品编号", "采样日期", "检测项目", "测定值", "单位", None, "检出限"]


def _classes(out) -> dict:
    frame = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return dict(zip(frame["analyte_code"], frame["class"], strict=True))


def test_assess_reads_the_lab_workbook(tmp_path):
    """GB/T 14848-2017 Tables 1–2: Cd 0.0003 mg/L > 0.0001 (I), ≤ 0.001 → II; Pb 0.005 ≤ 0.005 → I;
    tetrachloroethene < 0.2 μg/L ≤ 0.5 (I) → I; nitrate (as N) 12.3 > 5.0 (II), ≤ 20.0 → III.
    Sample JX-01 (merged over three rows) is Cd's class II; JX-02 is III."""
    src = tmp_path / "lab.xlsx"
    src.write_bytes(long_book(CLI_HEADER, point="JX-01"))
    out, summary = tmp_path / "out.csv", tmp_path / "summary.csv"
    assert main(["assess", str(src), "--standard", "gbt14848", "--out", str(out), "--summary", str(summary)]) == 0
    assert _classes(out) == {"cd": "II", "pb": "I", "tetrachloroethylene": "I", "nitrate_n": "III"}
    results = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert results["value"].tolist() == ["0.0003", "0.005", "<0.2", "12.3"]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and summary.read_bytes().startswith(b"\xef\xbb\xbf")
    s = pd.read_csv(summary, dtype=str, keep_default_na=False, encoding="utf-8-sig").set_index("sample_id")
    assert s["class"].to_dict() == {"JX-01": "II", "JX-02": "III"}


def test_assess_error_names_the_spreadsheet_row(tmp_path, capsys):
    """The unknown analyte sits in spreadsheet row 4 (title row 1, header row 2): the message says row 4."""
    src = tmp_path / "lab.xlsx"
    src.write_bytes(long_book(CLI_HEADER, analyte_row4="Unobtainium"))
    assert main(["assess", str(src), "--standard", "gbt14848", "--out", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "row 4" in err and "Unobtainium" in err


def test_assess_two_row_header(tmp_path):
    """GB/T 14848-2017 Table 1: Cd < 0.0001 → I, 0.0003 → II; Pb 0.012 > 0.01 (III), ≤ 0.10 → IV;
    0.0025L (non-detect at 0.0025) ≤ 0.005 → I; nitrate (as N) 25 > 20.0, ≤ 30.0 → IV, 3.1 → II; pH 7.4 and
    7.1 within 6.5–8.5 → I."""
    src = tmp_path / "wide.xlsx"
    src.write_bytes(wide_book())
    out = tmp_path / "out.csv"
    assert main(["assess", str(src), "--standard", "gbt14848", "--out", str(out), "--no-bom"]) == 0
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    f = pd.read_csv(out, dtype=str, keep_default_na=False)
    got = {(r.sample_id, r.analyte_code): r["class"] for _, r in f.iterrows()}
    assert got == {("JX-01-2019A", "ph"): "I", ("JX-01-2019A", "cd"): "I", ("JX-01-2019A", "pb"): "IV",
                   ("JX-01-2019A", "nitrate_n"): "IV", ("JX-02-2019A", "ph"): "I", ("JX-02-2019A", "cd"): "II",
                   ("JX-02-2019A", "pb"): "I", ("JX-02-2019A", "nitrate_n"): "II"}


GB_CSV = "样品编号,检测项目,测定值,单位\nS1,镉,0.0003,mg/L\nS1,硝酸盐(以N计),12.3,mg/L\n"


def test_assess_stdin_gb18030_to_stdout_with_bom():
    """GB18030 CSV on stdin, CSV on stdout: Cd 0.0003 → II, nitrate (as N) 12.3 → III (GB/T 14848-2017)."""
    cmd = [sys.executable, "-m", "soilgw.cli", "assess", "-", "--standard", "gbt14848", "--out", "-"]
    run = subprocess.run(cmd, input=GB_CSV.encode("gb18030"), capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout.startswith(b"\xef\xbb\xbf")
    assert _classes(io.BytesIO(run.stdout)) == {"cd": "II", "nitrate_n": "III"}
    assert "GB18030" in run.stderr.decode() and "2 results" in run.stderr.decode()
    plain = subprocess.run([*cmd, "--no-bom"], input=GB_CSV.encode("gb18030"), capture_output=True, timeout=120)
    assert plain.returncode == 0 and plain.stdout.startswith(b"sample_id")


def test_assess_forced_wrong_encoding_is_a_clear_error(tmp_path, capsys):
    src = tmp_path / "gb.csv"
    src.write_bytes(GB_CSV.encode("gb18030"))
    assert main(["assess", str(src), "--standard", "gbt14848", "--out", str(tmp_path / "o.csv"),
                 "--encoding", "utf-8"]) == 2
    err = capsys.readouterr().err
    assert "gb.csv" in err and "不是有效的 utf-8 文本" in err and "not valid utf-8 text" in err


def test_trend_and_stats_read_gb18030_and_xlsx(tmp_path):
    rows = [("JX-01", f"{2015 + i}-06-01", "镉", f"{0.0001 * (i + 1):.4f}", "mg/L") for i in range(8)]
    text = "point_id,date,analyte,value,unit\n" + "".join(",".join(r) + "\n" for r in rows)
    src = tmp_path / "series.csv"
    src.write_bytes(text.encode("gb18030"))
    out = tmp_path / "trend.csv"
    assert main(["trend", str(src), "--out", str(out)]) == 0
    trend = pd.read_csv(out, encoding="utf-8-sig")
    # strictly increasing series of 8: S = n(n-1)/2 = 28 (Mann 1945; Kendall 1975)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and int(trend["s"].iat[0]) == 28
    wb = openpyxl.Workbook()
    wb.active.append(["point_id", "date", "analyte", "value", "unit"])
    for r in rows:
        wb.active.append([r[0], pd.Timestamp(r[1]).to_pydatetime(), r[2], float(r[3]), r[4]])
    wb.save(tmp_path / "series.xlsx")
    assert main(["stats", str(tmp_path / "series.xlsx"), "--out", str(tmp_path / "stats.csv"), "--no-bom"]) == 0
    stats = pd.read_csv(tmp_path / "stats.csv")
    # no non-detects: the Kaplan–Meier mean is the sample mean, (1 + … + 8) / 8 × 0.0001 = 0.00045 mg/L
    assert int(stats["n"].iat[0]) == 8 and stats["km_mean"].iat[0] == pytest.approx(0.00045, rel=1e-12)


def test_risk_reads_gb18030(tmp_path):
    from soilgw.commands.risk import read_concentrations

    src = tmp_path / "c.csv"
    src.write_bytes("chemical,concentration,unit\n苯,1.5,mg/kg\n".encode("gb18030"))
    frame = read_concentrations(str(src))
    assert frame["surface_soil_mg_per_kg"].tolist() == [1.5]
