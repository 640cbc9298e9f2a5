"""The platform's own lab template, filled the way a lab fills it, gives the same samples and classes through
``soilgw assess`` and through the lab-results import.

Expected classes are read off GB/T 14848-2017 Table 1 (rows quoted per case), never from our output:

* JX-01-2023A: 氨氮（以N计）0.62 mg/L — Ⅲ ≤0.50, Ⅳ ≤1.50 → Ⅳ; 硝酸盐（以N计）12.3 mg/L — Ⅱ ≤5.0, Ⅲ ≤20.0 → Ⅲ;
  四氯乙烯 未检出 (检出限 0.2 μg/L) — Ⅰ ≤0.5 μg/L → Ⅰ. Worst single indicator (clause 6.2): Ⅳ, target Ⅲ not met.
* JX-02-2023A: 镉 3.2 μg/L = 0.0032 mg/L — Ⅱ ≤0.001, Ⅲ ≤0.005 → Ⅲ; 铅 <0.005 mg/L — Ⅰ = Ⅱ ≤0.005 → Ⅰ
  ("从优不从劣"); 氟化物 0.9 mg/L — Ⅰ～Ⅲ ≤1.0 → Ⅰ. Worst: Ⅲ, target Ⅲ met.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from soilgw.cli import main
from soilgw.monitoring.importers import LAB_TEMPLATE_COLUMNS, lab_template
from soilgw.monitoring.models import Sample

pytestmark = pytest.mark.django_db

#: Rows as a lab types them into the long sheet: Chinese names, 未检出, μg/L beside mg/L, text dates.
ROWS = [
    ["JX-01", "JX-01-2023A", "2023-05-06", "6.0", "氨氮（以N计）", "0.62", "mg/L", "0.025", "mg/L",
     "山西某检测有限公司", "HJ 535-2009", "正常样", ""],
    ["JX-01", "JX-01-2023A", "2023-05-06", "6.0", "硝酸盐(以N计)", "12.3", "mg/L", "0.016", "mg/L",
     "山西某检测有限公司", "HJ 84-2016", "正常样", ""],
    ["JX-01", "JX-01-2023A", "2023-05-06", "6.0", "四氯乙烯", "未检出", "μg/L", "0.2", "μg/L",
     "山西某检测有限公司", "HJ 639-2012", "正常样", ""],
    ["JX-02", "JX-02-2023A", "2023-05-07", "12.0", "镉", "3.2", "μg/L", "0.05", "μg/L",
     "山西某检测有限公司", "HJ 700-2014", "正常样", ""],
    ["JX-02", "JX-02-2023A", "2023-05-07", "12.0", "铅", "<0.005", "mg/L", "0.005", "mg/L",
     "山西某检测有限公司", "HJ 700-2014", "正常样", ""],
    ["JX-02", "JX-02-2023A", "2023-05-07", "12.0", "氟化物", "0.9", "mg/L", "0.006", "mg/L",
     "山西某检测有限公司", "HJ 84-2016", "正常样", ""],
]
EXPECTED = {"JX-01-2023A": ("IV", False), "JX-02-2023A": ("III", True)}


def filled_template() -> bytes:
    """The downloaded template with its example rows replaced by :data:`ROWS` (the wide sheet emptied)."""
    book = openpyxl.load_workbook(io.BytesIO(lab_template()))
    long_sheet, wide_sheet = book.worksheets
    assert [c.value for c in long_sheet[1]] == LAB_TEMPLATE_COLUMNS
    for sheet in (long_sheet, wide_sheet):
        sheet.delete_rows(2, sheet.max_row)
    for row in ROWS:
        long_sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_template_gives_the_same_classes_on_the_cli_and_the_import(tmp_path, mappings, points, editor, upload):
    book = tmp_path / "检测结果.xlsx"
    book.write_bytes(filled_template())
    out, summary = tmp_path / "out.csv", tmp_path / "summary.csv"
    assert main(["assess", str(book), "--standard", "gbt14848", "--target-class", "III",
                 "--out", str(out), "--summary", str(summary)]) == 0
    cli = pd.read_csv(summary, dtype=str, keep_default_na=False).set_index("sample_id")
    assert {s: (row["class"], row["meets_target"] == "True") for s, row in cli.iterrows()} == EXPECTED

    batch = upload("lab_results", book.name, book.read_bytes(), editor)
    assert batch.status == "accepted", batch.report
    imported = {s.code: (s.class_label, s.meets_target) for s in Sample.objects.all()}
    assert imported == EXPECTED


def test_the_documented_example_is_the_filled_template(tmp_path):
    """docs/lab_results_example.xlsx (README, docs/standards.md) gives the classes stated there."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "docs" / "lab_results_example.xlsx"
    summary = tmp_path / "summary.csv"
    assert main(["assess", str(example), "--standard", "gbt14848", "--out", str(tmp_path / "out.csv"),
                 "--summary", str(summary)]) == 0
    got = pd.read_csv(summary, dtype=str, keep_default_na=False).set_index("sample_id")
    assert {s: (r["class"], r["meets_target"] == "True") for s, r in got.iterrows()} == EXPECTED
