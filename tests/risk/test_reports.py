"""Excel and Word reports list every parameter with its source, the results and the sensitivity table."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from soilgw.assessment import risk
from soilgw.risk.models import RiskAssessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(editor):
    rows = [{"query": q, "chemical": c, "name_zh": z, "cas": cas, "surface_soil_mg_per_kg": s,
             "subsurface_soil_mg_per_kg": s, "groundwater_mg_per_l": g}
            for q, c, z, cas, s, g in [("苯", "Benzene", "苯", "71-43-2", 2.0, 0.05),
                                       ("镉", "Cadmium", "镉", "7440-43-9", 30.0, None)]]
    return RiskAssessment.create_computed(title="报告测试", land_class=2, method="hj25.3-2019", concentrations=rows,
                                          overrides={"Lgw": 400.0, "ER": 15.0}, created_by=editor)


def test_excel_report_lists_every_parameter_with_its_source(client, editor, assessment):
    client.force_login(editor)
    resp = client.get(f"/risk/{assessment.pk}/report.xlsx")
    assert resp.status_code == 200 and "attachment" in resp["Content-Disposition"]
    wb = load_workbook(io.BytesIO(resp.content))
    sheets = {ws.title: ws for ws in wb.worksheets}
    params = list(sheets[wb.sheetnames[4]].iter_rows(values_only=True))
    header, body = params[0], params[1:]
    assert header[:4] == ("symbol", "name_zh", "name_en", "unit") and "source_id" in header
    expected = set(risk.exposure_defaults(2).index) | {"groundwater_drinking"}
    assert {r[0] for r in body} == expected
    src = header.index("source")
    assert all(r[src] for r in body)
    by_symbol = {r[0]: r for r in body}
    assert by_symbol["Lgw"][header.index("value")] == 400 and by_symbol["Lgw"][src] == "override"
    assert by_symbol["ER"][header.index("default")] == 20  # second-class default (HJ 25.3-2019 Table G.1 as shipped)
    chem = list(sheets[wb.sheetnames[5]].iter_rows(values_only=True))
    assert {r[0] for r in chem[1:]} == {"Benzene", "Cadmium"} and all(r[chem[0].index("source")] for r in chem[1:])
    results = list(sheets[wb.sheetnames[2]].iter_rows(values_only=True))
    assert len(results) - 1 == len(assessment.results)
    sens = list(sheets[wb.sheetnames[6]].iter_rows(values_only=True))
    assert len(sens) - 1 == len(assessment.sensitivity) > 0
    summary = dict(sheets[wb.sheetnames[0]].iter_rows(values_only=True))
    assert any("HJ 25.3-2019" in str(v) for v in summary.values())


def test_word_report_has_results_unverified_parameters_and_sources(client, editor, assessment):
    client.cookies["django_language"] = "en"
    client.force_login(editor)
    resp = client.get(f"/risk/{assessment.pk}/report.docx")
    assert resp.status_code == 200
    doc = Document(io.BytesIO(resp.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "报告测试" in text and "Parameters not verified" in text and "Benzene" in text
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "HJ25.3-2019:G.1:BWa" in cells and "override" in cells and "RSL-2018-05:71-43-2" in cells
    assert "CR −20 %" in cells and "Cadmium" in text  # the sensitivity table per chemical
