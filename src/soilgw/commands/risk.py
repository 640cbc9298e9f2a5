"""``soilgw risk`` — health risk assessment of development land without the database.

Subcommands:

- ``soilgw risk control-values --land-class 1|2 [--method hj25.3-2019|us-epa-rsl] [--chemicals A,B,…]
  [--override SYMBOL=VALUE …] [--groundwater-drinking] --out OUT.csv``
- ``soilgw risk assess INPUT.csv --land-class 1|2 [--override …] [--groundwater-drinking] --out OUT.csv``

INPUT for ``assess``: one row per chemical and medium with columns ``chemical, concentration, unit`` and
optionally ``medium`` (``soil`` = surface and subsurface, ``surface_soil``, ``subsurface_soil``,
``groundwater``; default from the unit: mass fraction → soil, mass concentration → groundwater).

Exit status: 0 ok, 2 invalid input or usage, 1 internal error.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from soilgw.assessment import risk
from soilgw.assessment.risk.parameters import select_chemicals
from soilgw.standards.units import UnitError, convert, get_unit, normalize_unit

CONTROL_COLUMNS = ["chemical", "name_zh", "cas", "gb36600_item", "rcvs_mg_per_kg", "hcvs_mg_per_kg",
                   "control_value_mg_per_kg", "governing", "rcvg_mg_per_l", "hcvg_mg_per_l", "csat_mg_per_kg",
                   "above_csat", "verified", "parameters_verified", "reason", "method", "land_class"]
MEDIA = {"soil": ("surface_soil_mg_per_kg", "subsurface_soil_mg_per_kg"),
         "surface_soil": ("surface_soil_mg_per_kg",), "subsurface_soil": ("subsurface_soil_mg_per_kg",),
         "groundwater": ("groundwater_mg_per_l",)}


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


def read_concentrations(path: str) -> pd.DataFrame:
    """Read the ``assess`` INPUT into one row per chemical with the three concentration columns.

    Raises
    ------
    InputError
        Missing file or column, bad number, unknown/incompatible unit, unknown medium — naming the file,
        row (1-based, header = row 1) and column.
    """
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a readable UTF-8 CSV ({exc})") from None
    missing = [c for c in ("chemical", "concentration", "unit") if c not in raw.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {missing}; required: chemical, concentration, unit [, medium]")
    rows: dict[str, dict[str, float]] = {}
    for i, r in raw.iterrows():
        where = f"{path}: row {i + 2}"
        try:
            value = float(r["concentration"])
        except ValueError:
            raise InputError(f"{where}, column 'concentration': {r['concentration']!r} is not a number") from None
        if value < 0:
            raise InputError(f"{where}, column 'concentration': negative value {value}")
        try:
            unit = normalize_unit(r["unit"])
            dim = get_unit(unit).dimension
        except UnitError as exc:
            raise InputError(f"{where}, column 'unit': {exc}") from None
        medium = r.get("medium", "").strip() or ("groundwater" if dim == "mass_concentration" else "soil")
        if medium not in MEDIA:
            raise InputError(f"{where}, column 'medium': {medium!r} is not one of {sorted(MEDIA)}")
        target = "mg/L" if medium == "groundwater" else "mg/kg"
        try:
            v = float(convert([value], unit, target)[0])
        except UnitError as exc:
            raise InputError(f"{where}, column 'unit': {exc} (medium {medium} needs {target})") from None
        name = r["chemical"].strip()
        try:
            select_chemicals([name])
        except ValueError as exc:
            raise InputError(f"{where}, column 'chemical': {exc}") from None
        entry = rows.setdefault(name, {})
        for col in MEDIA[medium]:
            if col in entry:
                raise InputError(f"{where}: {name!r} has a second {col.split('_mg')[0]} concentration")
            entry[col] = v
    if not rows:
        raise InputError(f"{path}: no data rows")
    return pd.DataFrame([{"chemical": k, **v} for k, v in rows.items()])


def _assess(args) -> pd.DataFrame:
    conc = read_concentrations(args.input)
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
    cv.add_argument("--out", required=True)
    a = sub.add_parser("assess", help="carcinogenic risk and hazard quotients per pathway (HJ 25.3-2019)")
    a.add_argument("input")
    a.add_argument("--land-class", choices=["1", "2"], required=True)
    a.add_argument("--out", required=True)
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
    frame.to_csv(args.out, index=False, encoding="utf-8")
    print(f"wrote {len(frame)} rows to {args.out}")
    return 0
