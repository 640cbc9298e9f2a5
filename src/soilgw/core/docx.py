"""Word documents the platform writes (reports): one page set-up for all of them.

python-docx's built-in template is US Letter (215.9 × 279.4 mm) with 31.75 mm side margins, no page numbers
and theme fonts that name no Chinese typeface. Every report builder starts from :func:`new_document`
instead, which gives:

* A4 portrait, 210 × 297 mm, margins 25 mm top and bottom, 20 mm left and right (a 170 mm text block, room for
  the wide parameter and result tables), header and footer 12 mm from the edge;
* the page number centred in the footer between em dashes, "— 1 —", as GB/T 9704-2012 §7.5 lays out page
  numbers in Chinese official documents (language-neutral, so it serves the English report too);
* Chinese text typeset as Chinese: body text in 宋体 (SimSun), title and headings in 黑体 (SimHei), East Asian
  language zh-CN (Word's line breaking and punctuation rules for Chinese).

The section is set before any content is added because python-docx sizes a new table's columns from the
section's text width at the time the table is added.
"""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

A4_WIDTH = Mm(210)
A4_HEIGHT = Mm(297)
MARGIN_TOP = MARGIN_BOTTOM = Mm(25)
MARGIN_LEFT = MARGIN_RIGHT = Mm(20)
HEADER_FOOTER_DISTANCE = Mm(12)

BODY_SIZE = Pt(10.5)  # 五号, the usual Chinese body size
BODY_FONT_ZH = "宋体"
HEADING_FONT_ZH = "黑体"
HEADING_STYLES = ("Title", *(f"Heading {level}" for level in range(1, 10)))


def new_document(font_size: Length = BODY_SIZE) -> DocumentObject:
    """A new, empty Word document: A4 portrait, page-number footer, Chinese fonts (see the module docstring).

    ``font_size`` is the body ("Normal") size, 10.5 pt unless given. Sections a builder adds later copy this
    page set-up and share the footer.
    """
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = HEADER_FOOTER_DISTANCE
    _chinese_fonts(doc)
    doc.styles["Normal"].font.size = font_size
    _page_number_footer(section)
    return doc


def _east_asian_font(rpr, name: str) -> None:
    fonts = rpr.get_or_add_rFonts()
    # A theme attribute wins over the explicit face in Word, and the template's theme names no Chinese face.
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    fonts.set(qn("w:eastAsia"), name)


def _chinese_fonts(doc: DocumentObject) -> None:
    # The document defaults (python-docx's template has rFonts and lang there) reach every style and run.
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _east_asian_font(defaults, BODY_FONT_ZH)
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    for name in HEADING_STYLES:
        _east_asian_font(doc.styles[name].element.get_or_add_rPr(), HEADING_FONT_ZH)


def add_field(run, instruction: str, shown: str) -> None:
    """Make ``run`` a complex field (``w:fldChar`` begin … end; ``PAGE``, ``TOC …``) showing ``shown`` until Word
    or LibreOffice computes it when laying out the page."""
    instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr.text = f" {instruction} "
    text = OxmlElement("w:t")
    text.text = shown
    for el in (OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}), instr,
               OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}), text,
               OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"})):
        run._r.append(el)


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    add_field(paragraph.add_run(), "PAGE", "1")
    paragraph.add_run(" —")
