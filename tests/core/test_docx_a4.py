"""Every Word document the platform writes is A4 portrait with margins, a page-number footer and Chinese headings.

python-docx's own template is US Letter; the page set-up lives in one helper (``soilgw.core.docx``) and each
report builder must start from it. ``WORD_REPORTS`` lists the builders; the last test fails when a module
creates a blank Document any other way, so a new builder cannot skip the helper unnoticed.
"""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

import soilgw
from soilgw.core import docx as word

# python-docx stores page sizes in twips (1/20 pt = 635 EMU): Mm(210) reads back as 11906 twips, 310 EMU more.
TWIP = 635


def _risk_assessment_report() -> bytes:
    from soilgw.risk import reports
    from soilgw.risk.models import RiskAssessment

    rows = [{"query": "苯", "chemical": "Benzene", "name_zh": "苯", "cas": "71-43-2", "surface_soil_mg_per_kg": 2.0,
             "subsurface_soil_mg_per_kg": 2.0, "groundwater_mg_per_l": 0.05}]
    obj = RiskAssessment.create_computed(title="A4 报告", land_class=2, method="hj25.3-2019", concentrations=rows,
                                         overrides={})
    return reports.docx(obj)


# Every builder of a Word document: name → a function returning the .docx bytes (inside a test database).
WORD_REPORTS = {"risk assessment (HJ 25.3)": _risk_assessment_report}


def _open(content: bytes):
    return Document(io.BytesIO(content))


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _footer_fields(section) -> list[str]:
    """Field instructions in a section's footer: complex fields (``w:instrText``) and simple ones."""
    el = section.footer._element
    return ([t.text.strip() for t in el.iter(qn("w:instrText"))]
            + [f.get(qn("w:instr")).strip() for f in el.iter(qn("w:fldSimple"))])


def assert_a4_with_page_numbers(doc) -> None:
    assert doc.sections, "a document has at least one section"
    for i, section in enumerate(doc.sections):
        assert abs(section.page_width - Mm(210)) <= TWIP, f"section {i}: width {section.page_width.mm:.1f} mm"
        assert abs(section.page_height - Mm(297)) <= TWIP, f"section {i}: height {section.page_height.mm:.1f} mm"
        assert section.orientation == WD_ORIENT.PORTRAIT
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            assert Mm(15) <= getattr(section, side) <= Mm(40), f"section {i}: {side}"
        assert any(f.split()[0] == "PAGE" for f in _footer_fields(section)), f"section {i}: no PAGE field"


def test_new_document_is_a4_with_a_page_number_footer():
    doc = word.new_document()
    doc.add_section()  # a later section copies the set-up and shares the footer
    doc = _open(_save(doc))
    assert len(doc.sections) == 2
    assert_a4_with_page_numbers(doc)


def test_tables_span_the_a4_text_block():
    """python-docx sizes a table from the section at the time it is added: 210 − 2 × 20 mm = 170 mm."""
    table = word.new_document().add_table(rows=1, cols=7)
    assert abs(sum(c.width for c in table.columns) - Mm(170)) <= 7 * TWIP


def test_headings_and_body_name_a_chinese_typeface():
    doc = _open(_save(word.new_document()))
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        fonts = doc.styles[name].element.rPr.rFonts
        # eastAsiaTheme would override the explicit face in Word.
        assert fonts.get(qn("w:eastAsia")) == word.HEADING_FONT_ZH and fonts.get(qn("w:eastAsiaTheme")) is None
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == word.BODY_FONT_ZH
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(WORD_REPORTS))
def test_every_word_report_is_a4_with_chinese_headings(kind):
    with translation.override("zh-hans"):
        doc = _open(WORD_REPORTS[kind]())
    assert_a4_with_page_numbers(doc)
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings and headings[0].text.startswith("人体健康风险评估")
    assert {p.style.name for p in headings} <= {"Heading 1", "Heading 2", "Heading 3"}
    for name in {p.style.name for p in headings}:
        assert doc.styles[name].element.rPr.rFonts.get(qn("w:eastAsia")) == word.HEADING_FONT_ZH


def _blank_document_calls(path: Path) -> list[int]:
    """Lines of ``Document()`` / ``docx.Document()`` calls with no file argument in a module."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and not node.args and not node.keywords
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "Document"]


def test_no_blank_document_is_made_outside_the_helper():
    """``Document()`` with no file opens python-docx's US Letter template; only the helper may call it."""
    helper = Path(word.__file__).resolve()
    assert _blank_document_calls(helper), "the scan finds the helper's own call"
    package = Path(soilgw.__file__).resolve().parent
    offenders = [f"{path.relative_to(package)}:{line}" for path in sorted(package.rglob("*.py"))
                 if path.resolve() != helper for line in _blank_document_calls(path)]
    assert offenders == []
