"""How a laboratory's file becomes a clean table of text: one reader of ``.xlsx`` and ``.csv`` for every reader.

``soilgw assess|trend|stats|risk`` and the platform's imports (``core.imports.read_sheets``) read files only
through :func:`read_tables`; what a column *means* (vocabulary, reported values, units) is decided later by
the results boundary. Nothing here imports Django.

What is done to a sheet, each step reported as a :class:`Note` (Chinese and English):

- merged cells are filled from their top-left cell (a point ID merged over its three samples);
- title rows above the header (text in one cell only) are dropped;
- a unit row under the header (every filled cell a unit :mod:`soilgw.standards.units` knows, or ``单位``/
  ``unit`` as the row's label) is folded into the header as ``name (unit)``, the one-row form every reader
  accepts; :attr:`Table.units` maps such columns, and ``name(unit)`` headers, to the unit as written;
- footnotes after the data are dropped: the trailing rows from the first one that starts with ``注``,
  ``备注``, ``说明``, ``附注``, ``Note`` or ``*``, or that follows an empty row with text in the first column
  only — provided every later row has text in one cell at most;
- fully empty rows and columns are dropped;
- line breaks inside header cells are removed (``测定值⏎(mg/L)`` → ``测定值(mg/L)``);
- date-time cells become ISO text (``2019-10-16 10:30:00``; a date at midnight as ``2019-10-16``) and Excel
  serial day numbers (``43753.4375``, ≥ 10000, i.e. from 1927-05-18) in a date column (header containing
  日期, 时间, date or time) are converted the same way, keeping the time of day to the second
  (:data:`SERIAL_RULE`);
- numbers are written as the cell displays them: a fixed-decimals format keeps its decimals (``0.050``),
  otherwise 15 significant digits, Excel's display precision (``0.30000000000000004`` → ``0.3``).

CSV text is UTF-8 (with or without BOM) or else GB18030, the encoding Chinese Excel saves CSV in, unless an
encoding is given. ``-`` reads standard input (``.xlsx`` recognised by its zip signature).

Row numbers: :attr:`Table.rows` holds, per frame row, the row number the spreadsheet shows, so a message can
name the lab's own row even after rows were dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import numpy as np
import pandas as pd

from soilgw.assessment.results import by_text
from soilgw.standards.units import UnitError, get_unit

STDIN = "-"
XLSX_MAGIC = b"PK\x03\x04"
AUTO_ENCODINGS = ("utf-8-sig", "gb18030")
#: The serial-date rule, quoted in every note that applies it.
SERIAL_RULE = ("Excel 1900 日期系统：序列号 1 = 1900-01-01，因 Excel 把 1900 年当作闰年（不存在的 1900-02-29 为 60），"
               "61 起按 1899-12-30 起算；小数部分为一天中的时刻，取整到秒 / Excel 1900 date system: serial 1 = "
               "1900-01-01; Excel counts the non-existent 1900-02-29 as day 60, so serials from 61 count from "
               "1899-12-30; the fraction is the time of day, rounded to the second")
SERIAL_MIN = 10000  # 1927-05-18: smaller numbers in a date column (a year, a day) are left as written
SERIAL_MAX = 2958465  # 9999-12-31
_DATE_HEADER = re.compile(r"日期|时间|date|time", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\s*(注|备注|说明|附注|notes?\b|remarks?\b|\*)", re.IGNORECASE)
_UNIT_ROW_LABELS = {"单位", "unit", "units", "计量单位"}
_PLACEHOLDERS = {"/", "-", "—", "--", "——", "–"}
_HEADER_UNIT = re.compile(r"^(?P<name>.+?)\s*[(（\[](?P<unit>[^()（）\[\]]+)[)）\]]\s*$")
_EXCEL_ERRORS = {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
_FMT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.|[\s()]')
_FMT_FIXED = re.compile(r"^[#,0]*0(?:\.(0+))?$")
_FMT_SCI = re.compile(r"^0(?:\.(0+))?E\+0+$", re.IGNORECASE)


@dataclass(frozen=True)
class Note:
    """One change made while reading a sheet: ``kind`` (merged, title, unit_row, footnote, empty_rows,
    empty_columns, header_breaks, dates, encoding), the spreadsheet ``rows`` concerned and the text."""

    sheet: str
    kind: str
    zh: str
    en: str
    rows: tuple[int, ...] = ()
    column: str = ""

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"


class SheetError(ValueError):
    """A file that cannot be read as a table; names file, sheet, row and column (Chinese and English)."""

    def __init__(self, zh: str, en: str, *, file: str, sheet: str = "", row: int | None = None, column: str = ""):
        self.zh, self.en, self.file, self.sheet, self.row, self.column = zh, en, file, sheet, row, column
        where_zh = "，".join(p for p in (file, f"工作表 {sheet}" if sheet else "", f"第 {row} 行" if row else "",
                                         f"列 {column}" if column else "") if p)
        where_en = ", ".join(p for p in (file, f"sheet {sheet}" if sheet else "", f"row {row}" if row else "",
                                         f"column {column}" if column else "") if p)
        super().__init__(f"{where_zh}：{zh} / {where_en}: {en}")

    @property
    def reason(self) -> str:
        """Both languages, without the location."""
        return f"{self.zh} / {self.en}"


@dataclass
class Table:
    """One sheet as text.

    ``frame``: one column per header (str cells, blank = ``""``, RangeIndex); ``rows``: the spreadsheet row
    number of each frame row [1-based]; ``header_rows``: the row(s) the header came from; ``units``: header →
    unit as written, for ``name (unit)`` columns; ``notes``: every change made.
    """

    file: str
    sheet: str
    frame: pd.DataFrame
    rows: np.ndarray
    header_rows: tuple[int, ...] = (1,)
    units: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def row_number(self, position: int) -> int:
        """Spreadsheet row of frame row ``position`` (0-based); positions past the end count on from the last."""
        if len(self.rows) == 0:
            return self.header_rows[-1] + 1 + position
        if position < len(self.rows):
            return int(self.rows[position])
        return int(self.rows[-1]) + position - len(self.rows) + 1


# ---------------------------------------------------------------------------------------------- public API
def read_tables(source, *, filename: str | None = None, encoding: str | None = None,
                sheet: str | int | None = None) -> list[Table]:
    """Read every sheet (or one, ``sheet`` = name or 0-based index) of a ``.xlsx`` or ``.csv`` file.

    Parameters
    ----------
    source : str, Path or bytes
        A path, ``"-"`` for standard input, or the file's bytes.
    filename : str, optional
        Name used in messages (and, for bytes, to tell the type; a zip signature means ``.xlsx``).
    encoding : str, optional
        CSV encoding; default UTF-8 (BOM or not), else GB18030.

    Returns
    -------
    list of Table
        CSV files give one table whose sheet is the file name.

    Raises
    ------
    SheetError
        Missing or unreadable file, undecodable text, unknown sheet, an empty sheet, a cell holding an Excel
        error (``#N/A`` …) or a serial date that does not exist (day 60, 1900-02-29).
    """
    content, name = _load(source, filename)
    if content.startswith(XLSX_MAGIC) or Path(name).suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(content, name, sheet)
    text, used = decode_text(content, encoding, file=name)
    table = _read_csv(text, name)
    if used == "gb18030":
        table.notes.insert(0, Note(table.sheet, "encoding", "文本按 GB18030 编码读取（中文 Excel 保存的 CSV）",
                                   "text read as GB18030 (the encoding Chinese Excel saves CSV in)"))
    return [table]


def read_table(source, *, filename: str | None = None, encoding: str | None = None,
               sheet: str | int | None = 0) -> Table:
    """The one sheet ``sheet`` (default the first) of :func:`read_tables`."""
    return read_tables(source, filename=filename, encoding=encoding, sheet=sheet)[0]


def decode_text(content: bytes, encoding: str | None = None, *, file: str = "") -> tuple[str, str]:
    """Text and the encoding used: ``encoding`` if given, else UTF-8 (BOM or not), else GB18030.

    Raises
    ------
    SheetError
        If the bytes are not valid in the given (or either automatic) encoding, or the encoding is unknown.
    """
    for enc in (encoding,) if encoding else AUTO_ENCODINGS:
        try:
            return content.decode("utf-8-sig" if enc.lower().replace("_", "-") in ("utf-8", "utf8") else enc), enc
        except UnicodeDecodeError as exc:
            if encoding:
                raise SheetError(f"不是有效的 {encoding} 文本（第 {exc.start} 字节）",
                                 f"not valid {encoding} text (byte {exc.start})", file=file) from None
        except LookupError:
            raise SheetError(f"未知编码 {encoding}", f"unknown encoding {encoding!r}", file=file) from None
    raise SheetError("文本既不是 UTF-8 也不是 GB18030；请另存为 UTF-8 CSV 或用 --encoding 指定",
                     "text is neither UTF-8 nor GB18030; save it as UTF-8 CSV or name the encoding with --encoding",
                     file=file)


def excel_serial_to_iso(serial: float, *, epoch_1904: bool = False) -> str:
    """ISO date (``2019-10-16``) or date-time (``2019-10-16 10:30:00``) of an Excel serial day number.

    Rule: :data:`SERIAL_RULE` (the 1904 system, from Mac Excel, counts from 1904-01-01). Raises
    :class:`ValueError` for serial 60 in the 1900 system (1900-02-29 does not exist) and for serials
    outside 0 … 2958465.
    """
    if not (0 <= serial <= SERIAL_MAX):
        raise ValueError(f"serial {serial} is outside Excel's dates (0 … {SERIAL_MAX})")
    days = int(serial)
    seconds = round((serial - days) * 86400)
    if epoch_1904:
        base = dt.datetime(1904, 1, 1)
    elif days == 60:
        raise ValueError("serial 60 is 1900-02-29, a day that does not exist (Excel's leap-year bug)")
    else:
        base = dt.datetime(1899, 12, 30) if days >= 61 else dt.datetime(1899, 12, 31)
    return _iso(base + dt.timedelta(days=days, seconds=seconds))


def write_csv(frame: pd.DataFrame, target, *, bom: bool = True, append: bool = False) -> None:
    """Write ``frame`` as CSV to a path or ``"-"`` (standard output), UTF-8 with a BOM unless ``bom=False``.

    The BOM lets Excel show Chinese text; with ``append`` the header and BOM are written only to a new file.
    """
    if str(target) == STDIN:
        text = frame.to_csv(index=False, header=not append)
        sys.stdout.buffer.write(("\ufeff" if bom and not append else "").encode() + text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    fresh = not append or not path.exists()
    frame.to_csv(path, mode="w" if fresh else "a", header=fresh, index=False,
                 encoding="utf-8-sig" if bom and fresh else "utf-8")


# ---------------------------------------------------------------------------------------------- reading
def _load(source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename or "upload"
    if str(source) == STDIN:
        return sys.stdin.buffer.read(), filename or "标准输入 stdin"
    path = Path(source)
    try:
        return path.read_bytes(), filename or str(path)
    except FileNotFoundError:
        raise SheetError("文件不存在", "no such file", file=filename or str(path)) from None
    except OSError as exc:
        raise SheetError(f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})",
                         file=filename or str(path)) from None


def _read_csv(text: str, name: str) -> Table:
    try:  # rectangular text (as Excel saves CSV): pandas' C parser
        grid = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False, na_filter=False,
                           skip_blank_lines=False).to_numpy(dtype=object)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):  # ragged rows: the csv module
        grid = [list(r) for r in csv.reader(io.StringIO(text))]
    return _clean(grid, name, Path(name).name if name else name, merges=[], dated=set(), epoch_1904=False)


#: Sheets of the platform's import templates that explain, not hold, data (skipped when reading every sheet).
TEMPLATE_GUIDE_SHEETS = ("填写说明", "选项")


def _read_xlsx(content: bytes, name: str, sheet) -> list[Table]:
    import openpyxl  # the reader labs' files need: merged ranges and number formats

    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure means the file is not a workbook we can read
        raise SheetError(f"不是可读取的 .xlsx 文件（{type(exc).__name__}）",
                         f"not a readable .xlsx file ({type(exc).__name__}: {exc})", file=name) from None
    names = [n for n in wb.sheetnames if n not in TEMPLATE_GUIDE_SHEETS and wb[n].sheet_state == "visible"]
    if sheet is not None:
        names = wb.sheetnames
        if isinstance(sheet, int) or str(sheet).isdigit():
            if int(sheet) >= len(names):
                raise SheetError(f"没有第 {int(sheet) + 1} 个工作表（共 {len(names)} 个）",
                                 f"there is no sheet {sheet} (0-based; the file has {len(names)})", file=name)
            names = [names[int(sheet)]]
        elif sheet not in names:
            raise SheetError(f"没有工作表 {sheet}；有：{'、'.join(names)}",
                             f"no sheet {sheet!r}; the sheets are {', '.join(names)}", file=name)
        else:
            names = [sheet]
    epoch_1904 = wb.epoch.year == 1904
    tables = []
    for sheet_name in names:
        ws = wb[sheet_name]
        grid, dated = [], set()
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, min_col=1, max_col=ws.max_column)):
            cells = []
            for c, cell in enumerate(row):
                value = cell.value
                if isinstance(value, dt.datetime | dt.date | dt.time):
                    dated.add((r, c))
                cells.append(_display(value, cell.number_format))
            grid.append(cells)
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        tables.append(_clean(grid, name, sheet_name, merges=merges, dated=dated, epoch_1904=epoch_1904))
    return tables


def _iso(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d") if value.time() == dt.time(0) else value.strftime("%Y-%m-%d %H:%M:%S")


def _display(value, number_format: str | None) -> str:
    """A cell's value as the spreadsheet displays it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return _iso(value.replace(microsecond=0) if value.microsecond < 500_000
                    else value.replace(microsecond=0) + dt.timedelta(seconds=1))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, int | float):
        return _number(value, number_format or "General")
    return str(value)


def _number(value: float, number_format: str) -> str:
    """Fixed-decimal formats keep their decimals (Excel rounds half away from zero); else 15 significant digits."""
    if isinstance(value, float) and not np.isfinite(value):
        return str(value)
    shortest = str(value) if isinstance(value, int) else format(value, ".15g")
    fmt = _FMT_NOISE.sub("", number_format.split(";")[0])
    fixed = _FMT_FIXED.match(fmt)
    if fixed:
        places = len(fixed.group(1) or "")
        try:
            return format(Decimal(shortest).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")
        except InvalidOperation:
            return shortest
    sci = _FMT_SCI.match(fmt)
    if sci:
        return format(float(shortest), f".{len(sci.group(1) or '')}E")
    return shortest


def _is_unit(text: str) -> bool:
    t = text.strip()
    if t in _PLACEHOLDERS:
        return False
    try:
        get_unit(t)
    except UnitError:
        return False
    return True


def _letter(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c + 1)


def _clean(grid: list[list[str]] | np.ndarray, file: str, sheet: str, *, merges: list[tuple[int, int, int, int]],
           dated: set[tuple[int, int]], epoch_1904: bool) -> Table:
    """The steps listed in the module docstring, on a grid of display text (0-based rows and columns)."""
    if not isinstance(grid, np.ndarray):  # whole-column operations below: files of 10^6 rows
        width = max((len(r) for r in grid), default=0)
        cells = np.empty((len(grid), width), dtype=object)
        cells[:] = [r + [""] * (width - len(r)) if len(r) < width else r for r in grid] if grid else ""
        grid = cells
    width = grid.shape[1]
    stripped = _strip(grid)
    filled = stripped.astype(bool)
    covered = np.zeros_like(filled)
    for r0, c0, r1, c1 in merges:
        covered[r0:r1 + 1, c0:c1 + 1] = True
    per_row = filled.sum(axis=1)
    used_cols = int(filled.any(axis=0).sum())
    notes: list[Note] = []

    def note(kind, zh, en, rows=(), column=""):
        notes.append(Note(sheet, kind, zh, en, tuple(int(r) + 1 for r in rows), column))

    content = [r for r in range(len(grid)) if per_row[r]]
    if not content:
        raise SheetError("工作表是空的", "the sheet is empty", file=file, sheet=sheet)
    # title rows: text in one cell only, above the header
    titles = []
    while used_cols > 1 and content and per_row[content[0]] == 1 and len(content) > 1:
        titles.append(content.pop(0))
    if titles:
        note("title", f"表头上方的标题行已略去：{'；'.join(_row_text(grid[r]) for r in titles)}",
             f"title rows above the header skipped: {'; '.join(_row_text(grid[r]) for r in titles)}", titles)
    header = content[0]
    unit_row = header + 1 if header + 1 < len(grid) and _unit_row(grid[header + 1], filled[header + 1]) else None
    first_data = header + 1 + (unit_row is not None)
    footnotes = _footnote_rows(grid, filled, per_row, first_data)
    if footnotes:
        note("footnote", f"数据后的脚注行已略去：{'；'.join(_row_text(grid[r]) for r in footnotes)}",
             f"footnote rows after the data dropped: {'; '.join(_row_text(grid[r]) for r in footnotes)}", footnotes)
    end = footnotes[0] if footnotes else len(grid)
    units_raw = list(grid[unit_row]) if unit_row is not None else None  # before merged headers fill it
    # merged cells take their top-left value
    for r0, c0, r1, c1 in sorted(merges):
        if r0 in titles or r0 in footnotes or (r0 == r1 and c0 == c1):
            continue
        value = grid[r0, c0]
        grid[r0:r1 + 1, c0:c1 + 1] = value
        stripped[r0:r1 + 1, c0:c1 + 1] = value.strip()
        filled[r0:r1 + 1, c0:c1 + 1] = bool(value.strip())
        if r1 >= first_data:
            rng = f"{_letter(c0)}{r0 + 1}:{_letter(c1)}{r1 + 1}"
            note("merged", f"合并单元格 {rng} 已按左上角的值 {value!r} 填充",
                 f"merged cells {rng} filled with their top-left value {value!r}", range(r0, r1 + 1), _letter(c0))
    has_text = filled.any(axis=1)
    body = (np.flatnonzero(has_text[first_data:end]) + first_data).tolist()
    last = body[-1] if body else first_data
    gaps = (np.flatnonzero(~has_text[first_data:last]) + first_data).tolist()
    if gaps:
        note("empty_rows", f"空行 {'、'.join(str(r + 1) for r in gaps)} 已略去",
             f"empty rows {', '.join(str(r + 1) for r in gaps)} dropped", gaps)
    keep_cols = np.flatnonzero(filled[header] | filled[body].any(axis=0)).tolist()
    dropped_cols = [c for c in range(width) if c not in keep_cols and c < max(keep_cols, default=0)]
    if dropped_cols:
        note("empty_columns", f"空列 {'、'.join(_letter(c) for c in dropped_cols)} 已略去",
             f"empty columns {', '.join(_letter(c) for c in dropped_cols)} dropped")
    headers, units = _headers(grid[header], units_raw, unit_row, keep_cols, note)
    for j, c in enumerate(keep_cols):
        cells = [r for r in body if (r, c) in dated] if dated else []
        if cells:
            note("dates", f"列 {headers[j]}：{len(cells)} 个日期时间单元格写为 ISO 格式（保留时刻）",
                 f"column {headers[j]}: {len(cells)} date-time cells written as ISO dates (time of day kept)",
                 cells, headers[j])
    data, data_stripped = grid[np.ix_(body, keep_cols)], stripped[np.ix_(body, keep_cols)]
    for j, c in enumerate(keep_cols):
        _check_errors(data_stripped, j, body, file, sheet, _letter(c))
        if _DATE_HEADER.search(headers[j]):
            _convert_serials(data, j, body, headers[j], file, sheet, epoch_1904, note)
    frame = pd.DataFrame(data, columns=headers, dtype=object) if len(data) else pd.DataFrame(columns=headers,
                                                                                           dtype=object)
    header_rows = (header + 1,) if unit_row is None else (header + 1, unit_row + 1)
    return Table(file, sheet, frame, np.asarray(body, dtype=np.int64) + 1, header_rows, units, notes)


#: ``str.strip`` over an object array of cell texts (a third of the time of pandas' ``.str.strip`` per column).
_strip = np.frompyfunc(str.strip, 1, 1)


def _row_text(cells: list[str]) -> str:
    return " ".join(v.strip() for v in cells if v.strip())[:80]


def _unit_row(cells: list[str], filled: np.ndarray) -> bool:
    texts = [v.strip() for v, f in zip(cells, filled, strict=True) if f]
    real = [t for t in texts if t.lower() not in _UNIT_ROW_LABELS and t not in _PLACEHOLDERS]
    return bool(real) and all(_is_unit(t) for t in real)


def _footnote_rows(grid, filled, per_row, first_data: int) -> list[int]:
    """Trailing rows with text in one cell at most, from the first that reads as a footnote."""
    start = len(grid)
    while start > first_data and per_row[start - 1] <= 1:
        start -= 1
    for r in range(start, len(grid)):
        if not per_row[r]:
            continue
        text = next(v for v in grid[r] if v.strip())
        after_gap = r > first_data and not per_row[r - 1] and filled[r, 0]
        if _FOOTNOTE.match(text) or after_gap:
            return [x for x in range(r, len(grid)) if per_row[x]]
    return []


def _headers(cells: list[str], unit_cells: list[str] | None, unit_row: int | None, cols: list[int],
             note) -> tuple[list[str], dict[str, str]]:
    headers, units, seen, broken = [], {}, {}, []
    for c in cols:
        raw = cells[c]
        name = re.sub(r"\s*[\r\n]+\s*", "", raw).strip()
        if name != raw.strip():
            broken.append(name)
        unit = unit_cells[c].strip() if unit_cells is not None else ""
        if unit and unit.lower() not in _UNIT_ROW_LABELS and unit not in _PLACEHOLDERS and name:
            name = f"{name} ({unit})"
        elif (m := _HEADER_UNIT.match(name)) and _is_unit(m["unit"]):
            unit = m["unit"].strip()
        else:
            unit = ""
        name = name or f"Unnamed: {c}"
        if name in seen:  # pandas' spelling of a repeated header
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        headers.append(name)
        if unit:
            units[name] = unit
    if unit_row is not None:
        pairs = [h for h in headers if h in units]
        note("unit_row", f"第 {unit_row + 1} 行是单位行，已并入表头：{'、'.join(pairs)}",
             f"row {unit_row + 1} holds units and was folded into the header: {', '.join(pairs)}", [unit_row])
    if broken:
        note("header_breaks", f"表头单元格中的换行已去掉：{'、'.join(broken)}",
             f"line breaks removed from header cells: {', '.join(broken)}")
    return headers, units


def _check_errors(stripped: np.ndarray, j: int, body: list[int], file: str, sheet: str, letter: str) -> None:
    """Refuse a cell holding an Excel error value (``#DIV/0!`` …); ``stripped`` is the data without edge spaces."""
    column = pd.Series(stripped[:, j], dtype=object)
    bad = np.flatnonzero(column.isin(_EXCEL_ERRORS).to_numpy())
    if len(bad):
        i, text = int(bad[0]), column.iat[int(bad[0])]
        raise SheetError(f"单元格是 Excel 错误值 {text}（公式无法计算）；请改为数值或留空",
                         f"the cell holds the Excel error {text} (a formula that failed); "
                         "enter the value or leave it blank",
                         file=file, sheet=sheet, row=body[i] + 1, column=letter)


def _convert_serials(data, j: int, body: list[int], header: str, file, sheet, epoch_1904: bool, note) -> None:
    rows = []
    # once per distinct text: a date column repeats a few sampling days over 10^6 rows
    serials = by_text(data[:, j], lambda t: pd.to_numeric(t.str.normalize("NFKC").str.strip(), errors="coerce"))
    serials = serials.astype(float)
    for i in np.flatnonzero((serials >= SERIAL_MIN) & (serials <= SERIAL_MAX)).tolist():
        serial, text = float(serials[i]), data[i, j]
        try:
            data[i, j] = excel_serial_to_iso(serial, epoch_1904=epoch_1904)
        except ValueError as exc:  # pragma: no cover - SERIAL_MIN excludes day 60
            raise SheetError(f"无法读作日期：{text}", str(exc), file=file, sheet=sheet, row=body[i] + 1,
                             column=header) from None
        rows.append(body[i])
    if rows:
        system = "1904 日期系统（从 1904-01-01 起算）/ 1904 date system (days from 1904-01-01)" if epoch_1904 \
            else SERIAL_RULE
        zh, en = system.split(" / ", 1)
        note("dates", f"列 {header}：{len(rows)} 个 Excel 日期序列号已转为 ISO 日期时间。{zh}",
             f"column {header}: {len(rows)} Excel serial day numbers converted to ISO date-times. {en}",
             rows, header)
