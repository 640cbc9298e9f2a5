"""``soilgw assess`` — the batch job run on a laboratory's result file.

Reads a long or wide ``.csv``/``.xlsx`` sheet (``-``: standard input), judges every result against one standard and writes one row
per result (OUT), one row per sample (--summary) and the results no value applies to (--not-screened).
A bad row stops the run before anything is written: file, row, column and reason, exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from soilgw.assessment._batch import InputError
from soilgw.assessment.screening import ASSESSORS, assess_in_chunks
from soilgw.commands import _files, progress

CHUNK_ROWS = 250_000
FRONT = ["sample_id", "analyte", "value", "unit", "screening_value", "intervention_value", "ratio_screening",
         "ratio_intervention", "level", "class", "exceeds_screening", "exceeds_intervention", "result_status"]
FILLS = {"exceeds_intervention": "FFC7CE", "exceeds_screening": "FFEB9C", "indeterminate": "D9D9D9"}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="soilgw assess", description=__doc__.splitlines()[0])
    p.add_argument("input", type=Path, help="results file (.csv or .xlsx, - for standard input), long or wide")
    p.add_argument("--standard", required=True, choices=sorted(ASSESSORS))
    p.add_argument("--land-class", choices=["1", "2"], help="GB 36600: first- or second-class land")
    p.add_argument("--land-use", help="GB 15618 default land use: paddy, dryland, orchard, other, rotation")
    p.add_argument("--crop-type", help="GB 5084 crop type / GB 2762 food category")
    p.add_argument("--target-class", help="GB/T 14848, GB 3838: class to meet (default III)")
    p.add_argument("--water-body", choices=["river", "lake"], help="GB 3838 (default river)")
    p.add_argument("--saline-alkaline", choices=["yes", "no"], help="GB 5084 total salt: salt-affected area")
    p.add_argument("--boron-tolerance", choices=["sensitive", "tolerant", "highly_tolerant"], help="GB 5084 boron")
    p.add_argument("--classification-elements", help="GB 15618: comma-separated (default Cd,Hg,As,Pb,Cr)")
    p.add_argument("--comparison", choices=["full_value", "rounded_value"], default="full_value",
                   help="GB/T 8170-2008 comparison method (default full_value)")
    p.add_argument("--sheet", default=0, help=".xlsx sheet name or index (default first)")
    p.add_argument("--out", required=True, type=Path, help="per-result output (.csv or .xlsx; - for CSV on stdout)")
    p.add_argument("--summary", type=Path, help="per-sample output (.csv)")
    p.add_argument("--site-summary", type=Path, help="GB 36600: per-site conclusion (.csv; needs a site_id column)")
    p.add_argument("--not-screened", type=Path, help="results no value applies to (.csv)")
    _files.add_file_options(p)
    return p


def _options(args) -> dict:
    opts = {"comparison": args.comparison}
    std = args.standard
    if std == "gb36600":
        opts["land_class"] = args.land_class or "1"
    if std == "gb15618":
        if args.land_use:
            opts["land_use"] = args.land_use
        if args.classification_elements:
            opts["classification_elements"] = tuple(e.strip() for e in args.classification_elements.split(","))
    if std in ("gb5084", "gb2762") and args.crop_type:
        opts["crop_type"] = args.crop_type
    if std in ("gbt14848", "gb3838") and args.target_class:
        opts["target_class"] = args.target_class
    if std == "gb3838" and args.water_body:
        opts["water_body"] = args.water_body
    if std == "gb5084":
        if args.saline_alkaline:
            opts["saline_alkaline"] = args.saline_alkaline == "yes"
        if args.boron_tolerance:
            opts["boron_tolerance"] = args.boron_tolerance
    return opts


def read_input(path: Path, sheet=0, args=None) -> _files.Table:
    """Read a ``.csv`` or ``.xlsx`` sheet (or ``-``) as text through :mod:`soilgw.assessment.sheets`."""
    if str(path) != _files.STDIN and path.suffix.lower() not in (".csv", ".txt", ".xlsx", ".xlsm"):
        raise InputError(f"unsupported input type {path.suffix.lower()!r}; use .csv or .xlsx")
    return _files.read(path, prog="soilgw assess", encoding=getattr(args, "encoding", None),
                       sheet=int(sheet) if str(sheet).isdigit() else sheet)


def _ordered(results: pd.DataFrame) -> pd.DataFrame:
    out = results.rename(columns={"value": "value_numeric"}).rename(columns={"value_reported": "value"})
    front = [c for c in FRONT if c in out.columns]
    return out[front + [c for c in out.columns if c not in front]]


def _write_xlsx(path: Path, results: pd.DataFrame, samples: pd.DataFrame, not_screened: pd.DataFrame) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    from soilgw.core.xlsx import text_only

    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        results.to_excel(xw, sheet_name="results", index=False)
        samples.to_excel(xw, sheet_name="samples", index=False)
        not_screened.to_excel(xw, sheet_name="not_screened", index=False)
        ws = xw.sheets["results"]
        col = get_column_letter(list(results.columns).index("result_status") + 1)
        last = get_column_letter(len(results.columns))
        for status, colour in FILLS.items():
            ws.conditional_formatting.add(
                f"A2:{last}{len(results) + 1}",
                FormulaRule(formula=[f'${col}2="{status}"'], fill=PatternFill("solid", fgColor=colour)))
        ws.freeze_panes = "B2"
        text_only(xw.book)  # a lab's "=…" sample name stays text


def _run(df: pd.DataFrame, args, tmp_out: Path, tmp_ns: Path | None):
    """Assess chunk by chunk (whole samples per chunk); CSV parts go to temporary files."""
    samples, sites, kept, n_results, n_ns, n_unverified = [], [], [], 0, 0, 0
    results_bar = progress.bar(desc=f"assess {args.input.name}", total=len(df), unit=" results")
    csv_out = args.out.suffix.lower() == ".csv" or str(args.out) == _files.STDIN
    for part in assess_in_chunks(df, args.standard, chunk_rows=CHUNK_ROWS, **_options(args)):
        results, not_screened = _ordered(part.results), _ordered(part.not_screened)
        if csv_out:
            _files.write(results, tmp_out, args, append=n_results > 0)
        else:
            kept.append(results)
        if tmp_ns is not None:
            _files.write(not_screened, tmp_ns, args, append=n_results > 0)
        samples.append(part.samples)
        if getattr(part, "sites", None) is not None and len(part.sites):
            sites.append(part.sites)
        n_results += len(results)
        n_ns += len(not_screened)
        n_unverified += int(results["value_verified"].eq(False).sum())
        results_bar.update(len(results))
    results_bar.close()
    summary = pd.concat(samples, ignore_index=True)
    if not csv_out:
        allres = pd.concat(kept, ignore_index=True)
        _write_xlsx(tmp_out, allres, summary, allres[allres["result_status"] == "not_screened"])
    if args.site_summary is not None:
        if not sites:
            raise InputError("--site-summary needs --standard gb36600 and a site_id column", column="site_id")
        _files.write(_merge_sites(sites), args.site_summary, args)
    return summary, n_results, n_ns, n_unverified


#: A site's conclusion over chunks: risk_control wins; otherwise an undecided part leaves it undecided.
_SITE_RANK = {"not_screened": 0, "negligible": 1, "investigate": 2, "indeterminate": 3, "risk_control": 4}


def _merge_sites(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Combine per-chunk site conclusions (a site's samples may fall in several chunks)."""
    frame = pd.concat(parts, ignore_index=True)
    if frame["site_id"].is_unique:
        return frame
    inverse = {v: k for k, v in _SITE_RANK.items()}
    agg = {"conclusion": lambda c: inverse[max(_SITE_RANK[x] for x in c)], "values_verified": "all",
           "standard": "first"}
    for col in ("exceeds_screening_analytes", "exceeds_intervention_analytes", "indeterminate_analytes",
                "background_applied_analytes"):
        agg[col] = lambda c: ";".join(sorted({n for x in c for n in str(x).split(";") if n}))
    return frame.groupby("site_id", sort=False).agg(agg).reset_index()[frame.columns]


def main(argv: list[str]) -> int:
    """Run ``soilgw assess``; returns 0 ok, 2 invalid input or usage, 1 internal error."""
    args = _parser().parse_args(argv)
    to_stdout = str(args.out) == _files.STDIN
    if args.out.suffix.lower() not in (".csv", ".xlsx") and not to_stdout:
        print(f"soilgw assess: --out must end in .csv or .xlsx, got {args.out}", file=sys.stderr)
        return 2
    if str(args.input) != _files.STDIN and not args.input.exists():
        print(f"soilgw assess: {args.input}: no such file", file=sys.stderr)
        return 2
    tmp_out = args.out.with_name(f".{args.out.name}.partial") if not to_stdout else Path(".soilgw-assess-stdout.partial")
    tmp_ns = args.not_screened.with_name(f".{args.not_screened.name}.partial") if args.not_screened else None
    try:
        table = read_input(args.input, args.sheet, args)
        summary, n_results, n_ns, n_unverified = _run(table.frame, args, tmp_out, tmp_ns)
        if tmp_ns is not None and not tmp_ns.exists():
            pd.DataFrame().to_csv(tmp_ns, index=False)
        if args.summary:
            _files.write(summary, args.summary, args)
        if to_stdout:
            sys.stdout.buffer.write(tmp_out.read_bytes())
            sys.stdout.buffer.flush()
        else:
            tmp_out.replace(args.out)
        if tmp_ns is not None:
            tmp_ns.replace(args.not_screened)
    except _files.SheetError as exc:
        print(f"soilgw assess: {exc}", file=sys.stderr)
        return 2
    except (InputError, ValueError) as exc:
        if isinstance(exc, InputError):
            row = f"row {table.row_number(exc.row)}" if exc.row is not None else ""
            where = ", ".join(p for p in (str(args.input), row, f"column {exc.column!r}" if exc.column else "") if p)
            print(f"soilgw assess: {where}: {exc.reason}", file=sys.stderr)
        else:
            print(f"soilgw assess: {args.input}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"soilgw assess: cannot write output: {exc}", file=sys.stderr)
        return 1
    finally:
        for tmp in (tmp_out, tmp_ns):
            if tmp is not None and tmp.exists():
                tmp.unlink()
    _files.status(f"{args.standard}: {n_results} results, {len(summary)} samples, {n_ns} not screened, "
                  f"{n_unverified} used values marked verified=false")
    return 0
