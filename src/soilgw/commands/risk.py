"""``soilgw risk`` — health risk assessment of development land without the database.

Subcommands:

- ``soilgw risk control-values --land-class 1|2 [--method hj25.3-2019|us-epa-rsl] [--chemicals A,B,…]
  [--override SYMBOL=VALUE …] [--groundwater-drinking] --out OUT.csv``
- ``soilgw risk assess INPUT.csv --land-class 1|2 [--override …] [--groundwater-drinking] --out OUT.csv``

INPUT for ``assess`` (CSV in UTF-8 or GB18030, or ``.xlsx``; ``-`` for standard input): one row per chemical and
medium with columns ``chemical, concentration, unit`` and optionally ``medium`` (see
:mod:`soilgw.assessment.risk.concentrations`, which reads it through the results boundary).

Exit status: 0 ok, 2 invalid input or usage, 1 internal error.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from soilgw.assessment import risk
from soilgw.assessment.results import ResultsError
from soilgw.assessment.risk.concentrations import concentrations
from soilgw.assessment.risk.parameters import select_chemicals
from soilgw.commands import _files

CONTROL_COLUMNS = ["chemical", "name_zh", "cas", "gb36600_item", "rcvs_mg_per_kg", "hcvs_mg_per_kg",
                   "control_value_mg_per_kg", "governing", "rcvg_mg_per_l", "hcvg_mg_per_l", "csat_mg_per_kg",
                   "above_csat", "verified", "parameters_verified", "reason", "method", "land_class"]


class InputError(ValueError):
    """Invalid command-line input (exit status 2)."""


def split_chemicals(text: str) -> list[str]:
    """Split a comma/semicolon list of names or CAS numbers, keeping names that contain commas
    ("1,2-二氯乙烷") whole: the longest run of comma-separated pieces that resolves wins."""
    out = []
    for chunk in filter(None, (c.strip() for c in text.split(";"))):
        pieces = [p.strip() for p in chunk.split(",")]
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                cand = ",".join(pieces[i:j])
                try:
                    select_chemicals([cand])
                except ValueError:
                    if j == i + 1:
                        raise InputError(f"--chemicals: unknown chemical {cand!r}") from None
                    continue
                out.append(cand)
                i = j
                break
    return out


def parse_overrides(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items or []:
        sym, sep, val = item.partition("=")
        if not sep:
            raise InputError(f"--override {item!r}: expected SYMBOL=VALUE")
        try:
            out[sym.strip()] = float(val)
        except ValueError:
            raise InputError(f"--override {item!r}: {val!r} is not a number") from None
    return out


def _control_values(args) -> pd.DataFrame:
    chemicals = split_chemicals(args.chemicals) if args.chemicals else None
    overrides = parse_overrides(args.override)
    if args.method == "hj25.3-2019" and args.groundwater_drinking:
        overrides["groundwater_drinking"] = True
    res = risk.control_values(chemicals, int(args.land_class), args.method, overrides)
    if args.method == "us-epa-rsl":
        f = res.frame.rename(columns={"sl_ca_mg_per_kg": "rcvs_mg_per_kg", "sl_nc_mg_per_kg": "hcvs_mg_per_kg",
                                      "sl_mg_per_kg": "control_value_mg_per_kg"})
        f["rcvg_mg_per_l"] = np.nan
        f["hcvg_mg_per_l"] = np.nan
    else:
        f = res.frame.drop(columns="site")
    f["method"] = args.method
    f["land_class"] = int(args.land_class)
    # exposure/site parameters: the output says whether every one used was verified against a second source
    f["parameters_verified"] = bool(res.parameters["verified"].all())
    return f[CONTROL_COLUMNS]


def read_concentrations(path: str, *, encoding: str | None = None) -> pd.DataFrame:
    """Read the ``assess`` INPUT through :func:`soilgw.assessment.risk.concentrations.concentrations`.

    The file is read by :mod:`soilgw.assessment.sheets` (``encoding`` forces the CSV encoding).

    Raises
    ------
    InputError
        Missing or unreadable file, or every problem of the sheet (file, row with header = row 1, column).
    """
    try:
        table = _files.read(path, prog="soilgw risk", encoding=encoding)
    except _files.SheetError as exc:
        raise InputError(str(exc)) from None
    try:
        return concentrations(table.frame)
    except ResultsError as exc:
        raise InputError(exc.describe(str(path), table.rows)) from None


def _assess(args) -> pd.DataFrame:
    conc = read_concentrations(args.input, encoding=args.encoding)
    overrides = parse_overrides(args.override)
    if args.groundwater_drinking:
        overrides["groundwater_drinking"] = True
    res = risk.assess(conc, int(args.land_class), overrides)
    f = res.frame.drop(columns="site")
    verified = res.chemical_parameters.groupby("chemical")["verified"].all()
    f["chemical_parameters_verified"] = f["chemical"].astype(str).map(verified).fillna(False).astype(bool)
    f["parameters_verified"] = bool(res.parameters["verified"].all())
    f.insert(0, "land_class", int(args.land_class))
    f.insert(0, "method", res.method)
    return f


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="soilgw risk", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cv = sub.add_parser("control-values", help="risk control values for GB 36600 items or chosen chemicals")
    cv.add_argument("--land-class", choices=["1", "2"], required=True)
    cv.add_argument("--method", choices=list(risk.METHODS), default="hj25.3-2019")
    cv.add_argument("--chemicals", help="names, aliases or CAS numbers separated by commas or semicolons")
    cv.add_argument("--out", required=True, help="output CSV (- for standard output)")
    a = sub.add_parser("assess", help="carcinogenic risk and hazard quotients per pathway (HJ 25.3-2019)")
    a.add_argument("input")
    a.add_argument("--land-class", choices=["1", "2"], required=True)
    a.add_argument("--out", required=True, help="output CSV (- for standard output)")
    _files.add_file_options(a)
    cv.add_argument("--no-bom", dest="bom", action="store_false", help="write CSV without the UTF-8 BOM")
    for p in (cv, a):
        p.add_argument("--override", action="append", metavar="SYMBOL=VALUE",
                       help="override a default parameter (repeatable), e.g. Lgw=150")
        p.add_argument("--groundwater-drinking", action="store_true",
                       help="groundwater is a drinking source (adds the drinking pathway)")
    return parser


def main(argv: list[str]) -> int:
    """Run ``soilgw risk`` with ``argv``; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        frame = _control_values(args) if args.command == "control-values" else _assess(args)
    except (InputError, ValueError) as exc:
        print(f"soilgw risk: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - report, exit 1
        print(f"soilgw risk: internal error: {exc!r}", file=sys.stderr)
        return 1
    _files.write(frame, args.out, args)
    _files.status(f"wrote {len(frame)} rows to {args.out}")
    return 0
