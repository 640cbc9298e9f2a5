"""Workbooks the platform writes (exports, templates, reports): text stays text.

A text cell that starts with ``=`` is stored by openpyxl as a formula, so a record whose name is
``=HYPERLINK("http://…")`` would run in the reader's Excel (CSV/formula injection, OWASP). Every workbook the
platform writes goes through :func:`text_only`, which stores such cells as the text they are: the value is kept
unchanged (an export imports again as it was), Excel shows it and never evaluates it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook


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


def frames_to_xlsx(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook with a sheet per ``{name: frame}`` (names cut to Excel's 31 characters), no index column,
    every text cell text (:func:`text_only`)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for name, frame in sheets.items():
            frame.to_excel(xl, index=False, sheet_name=str(name)[:31])
        text_only(xl.book)
    return buf.getvalue()
