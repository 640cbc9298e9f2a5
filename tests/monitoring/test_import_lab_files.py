"""Lab workbooks as labs send them (merged IDs, title, unit row, footnotes, serial dates, GB18030 CSV)
through the platform's lab-results import: the same reader as the CLI, its changes shown in the report."""

from __future__ import annotations

import datetime as dt

import pytest

from soilgw.monitoring.models import Result, Sample
from tests.lab_files import LONG_CSV, long_book, wide_book

pytestmark = pytest.mark.django_db

CHINESE = {"point": "采样点位", "date": "采样时间", "analyte": "分析项目", "value": "测定值", "unit": "单位",
           "detection_limit": "检出限"}


def test_long_workbook_is_imported_with_every_change_reported(mappings, points, editor, upload):
    batch = upload("lab_results", "lab.xlsx", long_book(), editor, columns=CHINESE)
    assert batch.status == "accepted", batch.report
    got = {(r.point.code, r.analyte): (r.reported, r.qualifier, r.value) for r in Result.objects.all()}
    assert got == {("JX-01", "cd"): ("0.0003", "", 0.0003), ("JX-01", "pb"): ("0.005", "", 0.005),
                   ("JX-01", "tetrachloroethylene"): ("<0.2", "<", 0.2),
                   ("JX-02", "nitrate_n"): ("12.3", "", 12.3)}
    # serial 43753.4375 and the date-time cell are both 2019-10-15 (1900 date system)
    assert set(Sample.objects.values_list("date", flat=True)) == {dt.date(2019, 10, 15)}
    warnings = {(w["row"], w["reason"].split(" / ")[0][:6]) for w in batch.report["warnings"]}
    reasons = " ".join(w["reason"] for w in batch.report["warnings"])
    assert "merged cells A3:A5 filled" in reasons and "footnote rows after the data dropped" in reasons
    assert "title rows above the header skipped" in reasons and "1899-12-30" in reasons
    assert {r for r, _ in warnings} >= {1, 3, 8}


def test_batch_page_shows_the_readers_changes_in_the_pages_language(mappings, points, editor, upload, client):
    """The reader's notes are stored in both languages; the Chinese page shows the Chinese half only."""
    from django.urls import reverse

    batch = upload("lab_results", "lab.xlsx", long_book(), editor, columns=CHINESE)
    client.force_login(editor)
    url = reverse("import_batch", args=[batch.pk])
    zh = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "合并单元格 A3:A5" in zh and "merged cells" not in zh and "title rows" not in zh
    assert "merged cells A3:A5 filled" in en and "合并单元格" not in en


def test_rejected_workbook_names_the_labs_own_row(mappings, points, editor, upload):
    """Unknown analyte in spreadsheet row 4 (title row 1, header row 2, data from row 3)."""
    batch = upload("lab_results", "bad.xlsx", long_book(analyte_row4="Unobtainium"), editor, columns=CHINESE)
    assert batch.status == "rejected"
    rows = {(p["row"], p["column"]) for p in batch.report["problems"] if "Unobtainium" in p["reason"]}
    assert rows == {(4, "分析项目")}  # the lab's own header
    assert Result.objects.count() == 0


def test_two_row_header_workbook(mappings, points, editor, upload):
    """Analytes in row 1, units in row 2: each column's unit reaches the results; JX-02 is row 5 (row 4 empty)."""
    book = wide_book("点位编号", ("JX-01", "JX-02"))
    batch = upload("lab_results", "wide.xlsx", book, editor, columns={"point": "点位编号", "date": "采样日期"})
    assert batch.status == "accepted", batch.report
    got = {(r.point.code, r.analyte): (r.reported, r.qualifier, r.value, r.unit) for r in Result.objects.all()}
    assert got == {
        ("JX-01", "ph"): ("7.4", "", 7.4, "pH"), ("JX-01", "cd"): ("<0.0001", "<", 0.0001, "mg/L"),
        ("JX-01", "pb"): ("0.012", "", 0.012, "mg/L"), ("JX-01", "nitrate_n"): ("25", "", 25.0, "mg/L"),
        ("JX-02", "ph"): ("7.1", "", 7.1, "pH"), ("JX-02", "cd"): ("0.0003", "", 0.0003, "mg/L"),
        ("JX-02", "pb"): ("0.0025L", "<", 0.0025, "mg/L"), ("JX-02", "nitrate_n"): ("3.1", "", 3.1, "mg/L"),
    }
    notes = {w["row"]: w["reason"] for w in batch.report["warnings"]}
    assert "row 2 holds units and was folded into the header" in notes[2] and "empty rows 4" in notes[4]
    assert "备注" in notes[6]
    bad = upload("lab_results", "wide-bad.xlsx", wide_book("点位编号", ("JX-01", "JX-99")), editor,
                 columns={"point": "点位编号", "date": "采样日期"})
    assert {p["row"] for p in bad.report["problems"] if "JX-99" in p["reason"]} == {5}


def test_gb18030_csv_with_serial_dates_and_footnote(mappings, points, editor, upload):
    batch = upload("lab_results", "lab.csv", LONG_CSV.encode("gb18030"), editor, columns=CHINESE)
    assert batch.status == "accepted", batch.report
    assert {(r.analyte, r.value) for r in Result.objects.all()} == {("cd", 0.0003), ("pb", 0.005)}
    assert set(Sample.objects.values_list("date", flat=True)) == {dt.date(2019, 10, 15)}
    reasons = " ".join(w["reason"] for w in batch.report["warnings"])
    assert "GB18030" in reasons and "footnote" in reasons
