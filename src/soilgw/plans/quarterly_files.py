"""The quarterly report as a file: Word (``.docx``) or Excel (``.xlsx``) bytes, byte-identical for the same content,
and the stored snapshot (:class:`~soilgw.plans.models.QuarterlyReport`).

Word: :func:`soilgw.core.docx.new_document` (A4, Chinese fonts, "— n —" page numbers), the title with the county,
quarter and generation date, a table-of-contents field (Word and LibreOffice fill it in), then each section with
its paragraphs and tables. Excel: the same tables, one sheet each, Chinese headers, text cells kept text
(:func:`soilgw.core.xlsx.text_only`).

Both formats are ZIP packages whose entries python-docx and openpyxl date with the wall clock, and openpyxl
stamps ``dcterms:modified`` with it; the packages are rewritten with a fixed entry date and the core properties'
created/modified set to the judging date, so the same quarter from the same data gives the same bytes (and
the same sha256).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from decimal import Decimal

from django.core.files.base import ContentFile
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Font

from soilgw.core.docx import add_field, new_document
from soilgw.core.xlsx import text_only

from .quarterly_report import NONE_TEXT, Report, Table, build

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"docx": DOCX, "xlsx": XLSX}
#: ZIP entry date of every package (the ZIP format's earliest date): a package's bytes depend on content only.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
AUTHOR = "SoilGW"


def _moment(report: Report) -> dt.datetime:
    """The core properties' created/modified: midnight UTC of the judging date (no wall clock)."""
    return dt.datetime.combine(report.as_of, dt.time(0, 0), tzinfo=dt.UTC)


def _stable_zip(data: bytes, moment: dt.datetime) -> bytes:
    """``data`` (a ZIP package) rewritten with fixed entry dates, and ``dcterms:modified`` set to ``moment``."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>",
                              body)
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()


def _cell(value) -> str:
    if value is None or value == "":
        return NONE_TEXT
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(doc, table: Table) -> None:
    # All rows at once: python-docx's add_row() copies the table grid each time (quadratic on long tables).
    grid = doc.add_table(rows=len(table.rows) + 1, cols=len(table.columns))
    grid.style = "Table Grid"
    for row, values in zip(grid.rows, [table.columns, *table.rows], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = _cell(value)
    for cell in grid.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    if not table.rows:
        doc.add_paragraph("本季度无记录。")


def _update_fields_on_open(doc) -> None:
    # Word fills the table of contents when it opens the file (LibreOffice does on conversion).
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def to_docx(report: Report) -> bytes:
    """The Word report: title page (county, quarter, generation date, report information), contents, sections."""
    doc = new_document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = report.title, AUTHOR, AUTHOR
    props.created = props.modified = props.last_printed = _moment(report)
    props.revision = 1
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(f"生成日期：{report.as_of:%Y年%m月%d日}（数据截至当日）")
    _table(doc, report.info)
    contents = doc.add_paragraph()
    contents.add_run("目录").bold = True
    add_field(doc.add_paragraph().add_run(), 'TOC \\o "1-2" \\h \\z \\u', "（打开文件时更新目录）")
    _update_fields_on_open(doc)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for section in report.sections:
        doc.add_heading(section.title, level=1)
        for block in section.blocks:
            if isinstance(block, Table):
                doc.add_heading(block.title, level=2)
                _table(doc, block)
            else:
                doc.add_paragraph(block)
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue(), _moment(report))


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", title)[:31]
    base, n = name, 2
    while name in used:  # Excel needs unique names
        name = f"{base[:28]}_{n}"
        n += 1
    used.add(name)
    return name


def to_xlsx(report: Report) -> bytes:
    """The Excel report: one sheet per table (the report information first), headers bold and frozen."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = wb.properties.lastModifiedBy = AUTHOR
    wb.properties.title = report.title
    wb.properties.created = wb.properties.modified = _moment(report).replace(tzinfo=None)
    used: set[str] = set()
    for table in report.tables:
        ws = wb.create_sheet(_sheet_name(table.title, used))
        ws.append(table.columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
        ws.freeze_panes = "A2"
        for i, col in enumerate(table.columns):
            ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = min(max(2 * len(col) + 2, 10), 60)
    text_only(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue(), _moment(report))


RENDERERS = {"docx": to_docx, "xlsx": to_xlsx}


def file_format(path_or_format: str) -> str:
    """``"docx"`` or ``"xlsx"`` from a file name or a format word. Raises ``ValueError`` for another."""
    fmt = path_or_format.rsplit(".", 1)[-1].lower()
    if fmt not in RENDERERS:
        raise ValueError(f"give a .docx or .xlsx file, not {path_or_format!r} / 请指定 .docx 或 .xlsx 文件")
    return fmt


def generate(year: int, quarter: int, fmt: str, *, as_of: dt.date | None = None, user=None):
    """Build, render and store the report; returns ``(QuarterlyReport, bytes)``.

    ``fmt``: ``"docx"`` or ``"xlsx"``; ``as_of`` default the platform clock; ``user`` the one who asked (None
    from the command line). Each generation is stored as its own snapshot with the file's sha256 and the rule
    versions the report used.
    """
    from .models import QuarterlyReport

    fmt = file_format(fmt)
    report = build(year, quarter, as_of=as_of)
    data = RENDERERS[fmt](report)
    digest = hashlib.sha256(data).hexdigest()
    stored = QuarterlyReport(year=year, quarter=quarter, file_format=fmt, as_of=report.as_of, sha256=digest,
                             size=len(data), generated_by=user if getattr(user, "pk", None) else None,
                             rule_versions=report.versions, title=report.title)
    stored.file.save(f"quarterly-{year}-Q{quarter}-{digest[:12]}.{fmt}", ContentFile(data), save=False)
    stored.save()
    return stored, data
