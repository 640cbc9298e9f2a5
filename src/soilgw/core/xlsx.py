"""Workbooks the platform writes (exports, templates, reports): text stays text.

A text cell that starts with ``=`` is stored by openpyxl as a formula, so a record whose name is
``=HYPERLINK("http://…")`` would run in the reader's Excel (CSV/formula injection, OWASP). Every workbook the
platform writes goes through :func:`text_only`, which stores such cells as the text they are: the value is kept
unchanged (an export imports again as it was), Excel shows it and never evaluates it.

A CSV file has no cell types, and Excel evaluates a field that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return before one); :func:`csv_text` prefixes such text with ``'``, as OWASP advises.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from soilgw.assessment.sheets import TEMPLATE_GUIDE_SHEETS


def text_only(book: Workbook) -> int:
    """Store every formula cell of ``book`` as text, in place; returns how many were changed."""
    changed = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    changed += 1
    return changed


#: Characters with which Excel starts a formula in a CSV field (OWASP "CSV Injection").
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_text(value: str) -> str:
    """``value`` as a CSV field Excel shows and never evaluates: text that starts a formula is prefixed with ``'``.

    A plain number (``-1.5``, ``+3e-2``, as the API writes decimals) is left as it is: Excel reads it as a
    number, never as a formula.
    """
    if value.startswith(CSV_FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def frames_to_xlsx(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook with a sheet per ``{name: frame}`` (names cut to Excel's 31 characters), no index column,
    every text cell text (:func:`text_only`)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for name, frame in sheets.items():
            frame.to_excel(xl, index=False, sheet_name=str(name)[:31])
        text_only(xl.book)
    return buf.getvalue()


@dataclass
class TemplateColumn:
    """One column of an import template: its header (as the import reads it), what it holds, and the values a
    drop-down offers (``choices``; empty: free entry)."""

    header: str
    explanation: str = ""
    required: bool = False
    choices: Sequence[str] = field(default_factory=tuple)


#: Rows of a template a drop-down covers (Excel keeps validations on empty rows, so users can add rows).
VALIDATED_ROWS = 2000
#: Header fill of a required column (light amber) and of an optional one (light grey).
REQUIRED_FILL = PatternFill("solid", fgColor="FFE8B0")
OPTIONAL_FILL = PatternFill("solid", fgColor="E8E8E8")


def template_workbook(sheet: str, columns: Sequence[TemplateColumn], examples: Sequence[Sequence] = (),
                      guide: Mapping[str, str] | None = None) -> bytes:
    """An import template: the data sheet and a 填写说明 sheet explaining every column.

    The data sheet has the headers (required ones highlighted), frozen, with widths that fit them and their
    examples, the ``examples`` rows (each imports as-is), and a list drop-down on every column with
    ``choices``; the lists live on a hidden 选项 sheet, so a list longer than Excel's 255-character inline
    limit still works. ``guide`` adds lines (title → text) above the column table of the second sheet.
    Text cells stay text (:func:`text_only`). Returns the .xlsx bytes.
    """
    book = Workbook()
    data = book.active
    data.title = sheet[:31]
    data.append([c.header for c in columns])
    for row in examples:
        data.append(["" if v is None else v for v in row])
    guide_name, lists_name = TEMPLATE_GUIDE_SHEETS
    lists = book.create_sheet(lists_name)
    lists.sheet_state = "hidden"
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        head = data.cell(row=1, column=i)
        head.font = Font(bold=True)
        head.fill = REQUIRED_FILL if col.required else OPTIONAL_FILL
        width = max([_display_width(col.header)] + [_display_width(r[i - 1]) for r in examples if i <= len(r)])
        data.column_dimensions[letter].width = min(max(width + 2, 8), 40)
        if col.choices:
            for j, choice in enumerate(col.choices, start=1):
                lists.cell(row=j, column=i, value=str(choice))
            check = DataValidation(type="list", formula1=f"'{lists_name}'!${letter}$1:${letter}${len(col.choices)}",
                                   allow_blank=not col.required, showErrorMessage=True,
                                   errorTitle="不在可选范围内", error="请从下拉列表中选择。")
            check.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            data.add_data_validation(check)
    data.freeze_panes = "A2"
    _guide_sheet(book.create_sheet(guide_name), sheet, columns, guide or {})
    book.move_sheet(lists_name, offset=1)
    text_only(book)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _guide_sheet(ws, sheet: str, columns: Sequence[TemplateColumn], guide: Mapping[str, str]) -> None:
    ws.append(["填写说明", f"在「{sheet}」工作表逐行填写；首行表头不要改动。示例行可直接导入，也可覆盖或删除。"])
    for title, text in guide.items():
        ws.append([title, text])
    ws.append([])
    ws.append(["列名", "是否必填", "说明", "可选值"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for col in columns:
        ws.append([col.header, "必填" if col.required else "选填", col.explanation, "、".join(map(str, col.choices))])
    for letter, width in zip("ABCD", (24, 10, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.cell(row=1, column=1).font = Font(bold=True)


def _display_width(value) -> int:
    """Excel column width units a value needs: CJK characters count double."""
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
