"""The one import framework: every app registers a parser for its ``kind``; one atomic service runs them.

Flow (DESIGN, "Imports"): the upload is size- and type-checked, its sha256 computed and the raw file kept
in an ``ImportBatch``; the same file accepted before is reported as a duplicate; the kind's ``parse``
validates the whole file and lists every problem (file, sheet, row, column, reason); a file with any
problem is rejected whole; a clean file is written by the kind's ``commit`` inside one transaction, so
nothing is half-stored.

Files are read only through :func:`soilgw.assessment.sheets.read_tables` (merged cells, unit rows,
footnotes, serial dates, encodings); what it changed is added to the report as warnings, and row numbers
in problems (a parser counts data rows from 2, header = 1) are mapped back to the rows the spreadsheet shows.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from soilgw.assessment import sheets as sheet_reader

from .choices import ImportStatus
from .gisfiles import unsafe_zip_name
from .models import ImportBatch
from .templatetags.bilingual import in_language

#: Extensions a parser may accept, with the magic bytes that content must start with (None: text).
FILE_TYPES: dict[str, bytes | None] = {
    ".csv": None,
    ".txt": None,
    ".xlsx": b"PK\x03\x04",
    ".json": None,
    ".geojson": None,
    ".zip": b"PK\x03\x04",
    ".gpkg": b"SQLite format 3\x00",  # GeoPackage is an SQLite database
    ".kml": None,
}
#: Limits on a zip container (.xlsx, zipped Shapefile) read before anything parses it: a zip bomb is refused.
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_RATIO = 200  # uncompressed / compressed size of one entry
#: Largest sheet an import reads; beyond it the file is refused with the limit named (split the file).
MAX_ROWS = 1_000_000
MAX_COLUMNS = 500
#: The tables read while one parser runs (so the report can show what reading changed).
_READ: ContextVar[list | None] = ContextVar("soilgw_tables_read", default=None)
#: When the running parse must stop (``time.monotonic()``; None outside a parse).
_DEADLINE: ContextVar[float | None] = ContextVar("soilgw_parse_deadline", default=None)


class ParseTimeLimit(ValueError):
    """Validating the file took longer than ``SOILGW_IMPORT_PARSE_SECONDS``: the whole file is refused."""


def check_time() -> None:
    """Raise :class:`ParseTimeLimit` once the running parse is past its time limit; parsers call it per row
    (cheap: one clock read), so a pathological file is refused instead of holding a worker for hours."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise ParseTimeLimit(_("validating the file took longer than %(s)s s; split it into smaller files")
                             % {"s": f"{settings.SOILGW_IMPORT_PARSE_SECONDS:g}"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an uploaded file. ``row`` is the row number a spreadsheet shows (header = 1)."""

    reason: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = ", ".join(
            p for p in (self.file, f"sheet {self.sheet}" if self.sheet else "",
                        f"row {self.row}" if self.row else "", f"column {self.column}" if self.column else "") if p
        )
        return f"{where}: {self.reason}" if where else self.reason


@dataclass
class Parsed:
    """What a parser returns: anything its ``commit`` needs, the row count, problems and warnings."""

    payload: Any = None
    row_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ImportKind:
    """A registered import kind.

    ``parse(path, filename, options, user) -> Parsed`` must not write to the database;
    ``commit(parsed, batch, user) -> dict`` writes it (called inside a transaction);
    ``can_import(user, options) -> bool`` decides who may upload it.
    """

    kind: str
    label: str
    parse: Callable[[Path, str, dict, Any], Parsed]
    commit: Callable[[Parsed, ImportBatch, Any], dict]
    can_import: Callable[[Any, dict], bool]
    extensions: tuple[str, ...] = (".csv", ".xlsx")
    template: Callable[[], bytes] | None = None
    description: str = ""


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    """Register an import kind (one per ``kind`` name)."""
    _KINDS[kind.kind] = kind
    return kind


def kinds() -> dict[str, ImportKind]:
    """All registered kinds by name."""
    return dict(_KINDS)


def get_kind(name: str) -> ImportKind:
    """The kind called ``name``. Raises ``KeyError`` listing the registered kinds."""
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(f"unknown import kind {name!r}; registered kinds: {', '.join(sorted(_KINDS))}") from None


def check_upload(filename: str, content: bytes, kind: ImportKind) -> list[Problem]:
    """Size and type checks on an upload; returns the problems (empty when acceptable)."""
    problems = []
    limit = settings.SOILGW_MAX_UPLOAD_BYTES
    if len(content) > limit:
        problems.append(Problem(_("the file is %(size)s bytes; the limit is %(limit)s bytes") % {"size": len(content), "limit": limit},
                                file=filename))
    if not content:
        problems.append(Problem(_("the file is empty"), file=filename))
    ext = Path(filename).suffix.lower()
    if ext not in kind.extensions:
        problems.append(Problem(_("files of type %(ext)s are not accepted here; use %(allowed)s")
                                % {"ext": ext or _("(no extension)"), "allowed": "、".join(kind.extensions)},
                                file=filename))
    elif content:
        magic = FILE_TYPES.get(ext)
        if magic is not None and not content.startswith(magic):
            problems.append(Problem(_("the content is not a valid %(ext)s file") % {"ext": ext}, file=filename))
        if magic is None and decode_text(content) is None:
            problems.append(Problem(_("the text is neither UTF-8 nor GB18030; save it as UTF-8 %(ext)s") % {"ext": ext},
                                    file=filename))
        if magic == FILE_TYPES[".zip"] and not problems:
            problems += zip_problems(filename, content, limit)
    return problems


def zip_problems(filename: str, content: bytes, limit: int) -> list[Problem]:
    """A zip container's entries checked without extracting: readable, at most :data:`MAX_ZIP_ENTRIES`, in all at
    most 10 × ``limit`` bytes uncompressed, no entry expanding more than :data:`MAX_ZIP_RATIO` times."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            entries = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        return [Problem(_("not a readable zip or xlsx file (%(error)s)") % {"error": exc}, file=filename)]
    unsafe = [e.filename for e in entries if unsafe_zip_name(e.filename)]
    if unsafe:  # never extracted, but an archive naming paths outside itself is hostile: refuse it whole
        return [Problem(_("entry '%(name)s' points outside the archive (absolute or ../ path): refused")
                        % {"name": unsafe[0]}, file=filename)]
    total = sum(e.file_size for e in entries)
    if len(entries) > MAX_ZIP_ENTRIES:
        return [Problem(_("the archive holds %(n)s entries; at most %(max)s are read")
                        % {"n": len(entries), "max": MAX_ZIP_ENTRIES}, file=filename)]
    if total > 10 * limit:
        return [Problem(_("the archive expands to %(n)s bytes; at most %(max)s are read") % {"n": total, "max": 10 * limit},
                        file=filename)]
    inflated = [e.filename for e in entries if e.file_size > MAX_ZIP_RATIO * max(e.compress_size, 1)]
    if inflated:
        return [Problem(_("entry '%(name)s' expands more than %(ratio)s times: refused as a zip bomb")
                        % {"name": inflated[0], "ratio": MAX_ZIP_RATIO}, file=filename)]
    if Path(filename).suffix.lower() == ".xlsx" and "xl/workbook.xml" not in {e.filename for e in entries}:
        return [Problem(_("the content is not a valid .xlsx file (no workbook inside)"), file=filename)]
    return []


def decode_text(content: bytes) -> str | None:
    """Decode text as UTF-8 (with or without BOM) or GB18030 (Excel's Chinese CSV); None if neither."""
    try:
        return sheet_reader.decode_text(content)[0]
    except sheet_reader.SheetError:
        return None


def read_sheets(path: Path, filename: str | None = None) -> dict[str, pd.DataFrame]:
    """Read a CSV or XLSX file into ``{sheet name: DataFrame}`` with every cell as text.

    Read by :func:`soilgw.assessment.sheets.read_tables`: blank cells are empty strings, merged cells
    filled, a unit row folded into ``name (unit)`` headers, footnotes and empty rows dropped, dates as ISO
    text, numbers as the cell displays them. CSV files have one sheet named after the file.
    Raises :class:`~soilgw.assessment.sheets.SheetError` (a ``ValueError``) naming file, sheet, row, column.
    """
    tables = sheet_reader.read_tables(path, filename=filename or path.name)
    for t in tables:
        rows, columns = t.frame.shape
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            raise sheet_reader.SheetError(
                f"{rows} 行 × {columns} 列，一个文件最多读取 {MAX_ROWS} 行、{MAX_COLUMNS} 列，请拆分文件",
                f"{rows} rows × {columns} columns; at most {MAX_ROWS} rows and {MAX_COLUMNS} columns are read "
                "in one file — split it", file=filename or path.name, sheet=t.sheet)
    check_time()
    read = _READ.get()
    if read is not None:
        read.extend(tables)
    return {t.sheet: t.frame for t in tables}


def _reading_warnings(tables: list, problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """Problems with the sheet's own row numbers, and one warning per change the reader made."""
    by_sheet = {t.sheet: t for t in tables}
    mapped = []
    for p in problems:
        t = by_sheet.get(p.sheet) or (by_sheet.get(p.file) if not p.sheet else None)
        if t is not None and p.row:
            row = t.header_rows[0] if p.row == 1 else t.row_number(p.row - 2)
            p = Problem(p.reason, p.file, p.sheet, row, p.column)
        mapped.append(p)
    notes = [Problem(str(n), tables[0].file if tables else "", n.sheet, n.rows[0] if n.rows else None, n.column)
             for t in tables for n in t.notes]
    return mapped, notes


def _report(problems: list[Problem], warnings: list[Problem], summary: dict | None = None) -> dict:
    return {
        "problems": [asdict(p) for p in problems],
        "warnings": [asdict(w) for w in warnings],
        "summary": summary or {},
    }


def run_import(kind_name: str, filename: str, content: bytes, user, *, department=None,
               options: dict | None = None, accept: bool = True) -> ImportBatch:
    """Validate an upload and, if clean and ``accept``, write it atomically.

    Returns the ``ImportBatch`` whose ``status`` is rejected, duplicate, validated or accepted and whose
    ``report`` lists every problem. Raises ``KeyError`` for an unknown kind and ``PermissionError`` when
    ``user`` may not import this kind.
    """
    kind = get_kind(kind_name)
    options = dict(options or {})
    if not kind.can_import(user, options):
        raise PermissionError(_("you may not import %(kind)s") % {"kind": in_language(kind.label)})
    sha = hashlib.sha256(content).hexdigest()
    batch = ImportBatch(kind=kind.kind, filename=Path(filename).name[:255], sha256=sha, size=len(content),
                        status=ImportStatus.REJECTED, uploaded_by=user if user and user.pk else None,
                        department=department, options=options)
    problems = check_upload(filename, content, kind)
    previous = ImportBatch.objects.filter(kind=kind.kind, sha256=sha, status=ImportStatus.ACCEPTED).first()
    if previous is not None:
        problems.append(Problem(_("the same file was already imported as batch #%(pk)s (%(name)s, %(when)s)")
                                % {"pk": previous.pk, "name": previous.filename,
                                   "when": f"{previous.accepted_at:%Y-%m-%d %H:%M}"}, file=filename))
        batch.status = ImportStatus.DUPLICATE
    batch.raw_file.save(batch.filename or "upload", ContentFile(content), save=False)
    if problems:
        batch.report = _report(problems, [])
        batch.save()
        return batch
    parsed = _parse(kind, batch, options, user)
    batch.row_count = parsed.row_count
    batch.report = _report(parsed.problems, parsed.warnings)
    batch.status = ImportStatus.REJECTED if parsed.problems else ImportStatus.VALIDATED
    batch.save()
    if accept and batch.status == ImportStatus.VALIDATED:
        _commit(kind, batch, parsed, user)
    return batch


def accept_batch(batch: ImportBatch, user) -> ImportBatch:
    """Accept a validated batch (or one its job is storing): parse the kept raw file again, write it atomically."""
    if batch.status not in (ImportStatus.VALIDATED, ImportStatus.RUNNING):
        raise ValueError(f"batch #{batch.pk} is {batch.status}; only a validated batch can be accepted")
    kind = get_kind(batch.kind)
    if not kind.can_import(user, batch.options):
        raise PermissionError(_("you may not import %(kind)s") % {"kind": in_language(kind.label)})
    parsed = _parse(kind, batch, batch.options, user)
    if parsed.problems:
        batch.status = ImportStatus.REJECTED
        batch.report = _report(parsed.problems, parsed.warnings)
        batch.save()
        return batch
    _commit(kind, batch, parsed, user)
    return batch


def _parse(kind: ImportKind, batch: ImportBatch, options: dict, user) -> Parsed:
    read: list = []
    token = _READ.set(read)
    limit = _DEADLINE.set(time.monotonic() + settings.SOILGW_IMPORT_PARSE_SECONDS)
    try:
        parsed = kind.parse(Path(batch.raw_file.path), batch.filename, options, user)
        check_time()  # also a parser that never checked
    except sheet_reader.SheetError as exc:
        return Parsed(problems=[Problem(exc.reason, batch.filename, exc.sheet, exc.row, exc.column)])
    except (ValueError, KeyError) as exc:  # a parser's own clear message about the file as a whole
        return Parsed(problems=[Problem(str(exc), file=batch.filename)])
    finally:
        _READ.reset(token)
        _DEADLINE.reset(limit)
    parsed.problems, notes = _reading_warnings(read, parsed.problems)
    parsed.warnings = [*notes, *_reading_warnings(read, parsed.warnings)[0]]
    return parsed


def _commit(kind: ImportKind, batch: ImportBatch, parsed: Parsed, user) -> None:
    try:
        with transaction.atomic():
            summary = kind.commit(parsed, batch, user)
            batch.status = ImportStatus.ACCEPTED
            batch.accepted_at = timezone.now()
            batch.report = _report([], parsed.warnings, summary)
            batch.save()
    except ValueError as exc:  # a row that only the database could judge: nothing of it was written
        batch.status = ImportStatus.REJECTED
        batch.report = _report([Problem(str(exc), file=batch.filename)], parsed.warnings)
        batch.save()


def report_json(batch: ImportBatch) -> str:
    """The batch's report as indented JSON (for downloads)."""
    return json.dumps(batch.report, ensure_ascii=False, indent=2)
