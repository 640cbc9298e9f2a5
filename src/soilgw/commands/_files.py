"""File options shared by the science commands: ``--encoding``, ``--no-bom`` and ``-`` for stdin/stdout.

Reading goes through :mod:`soilgw.assessment.sheets` (the same reader as the platform's imports); what the
reader changed is printed to standard error, so standard output can carry the CSV.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from soilgw.assessment import sheets
from soilgw.assessment.sheets import STDIN, SheetError, Table, read_table  # noqa: F401 - re-exported


def add_file_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--encoding`` and ``--no-bom`` to a command's parser."""
    parser.add_argument("--encoding", help="CSV input encoding (default: UTF-8 with or without BOM, else GB18030)")
    parser.add_argument("--no-bom", dest="bom", action="store_false",
                        help="write CSV without the UTF-8 BOM (by default a BOM lets Excel show Chinese)")


def read(path, *, prog: str, encoding: str | None = None, sheet=0) -> Table:
    """Read INPUT (a path or ``-``) as one table and print the reader's notes to standard error.

    Raises :class:`~soilgw.assessment.sheets.SheetError` naming file, sheet, row and column.
    """
    table = read_table(str(path), encoding=encoding, sheet=sheet)
    for note in table.notes:
        print(f"{prog}: {table.file}: {note}", file=sys.stderr)
    return table


def write(frame: pd.DataFrame, out, args, *, append: bool = False) -> None:
    """Write CSV to a path or ``-`` (standard output), with a BOM unless ``--no-bom``."""
    sheets.write_csv(frame, str(out), bom=getattr(args, "bom", True), append=append)


def status(text: str) -> None:
    """Print a status line to standard error: standard output carries data only (``--out -``)."""
    print(text, file=sys.stderr)
