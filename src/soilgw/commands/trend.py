"""``soilgw trend INPUT --out OUT.csv`` — Mann–Kendall, Sen slope and MAROS verdict per point × analyte.

INPUT is a long CSV (UTF-8 or GB18030, ``--encoding`` to name another; ``-`` for standard input) or ``.xlsx``
sheet with columns ``point_id, date, analyte, value, unit`` and optionally
``qualifier``, ``detection_limit`` and ``detection_limit_unit``, under any header the results boundary accepts
(``soilgw.assessment.results``: 点位编号, 采样日期, 检测项目, 检测结果, 单位, 检出限 …), with values in any of its
notations; ``/`` or blank means not measured and the row is skipped, a non-detect needs a positive limit. Analytes are matched against the analyte catalogue; within a point × analyte all values are
converted to the unit used most often there (rounded to 12 significant digits, so that equal concentrations
written in different units remain ties).

OUT has one row per point × analyte: ``point_id, analyte, n, s, var_s, z, p, tau, trend, sen_slope,
sen_slope_unit, verdict`` followed by ``sen_slope_lower, sen_slope_upper, confidence_factor, cov,
n_nondetect, unit, method``. With ``--seasonal month|quarter`` the seasonal Kendall test and seasonal Sen slope
replace Mann–Kendall and Sen (two more columns: ``chi2_heterogeneity, p_heterogeneity``); the MAROS verdict is
then taken from the seasonal S and p.

Exit status: 0 ok, 2 invalid input or usage (message names file, line and column), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from soilgw.assessment.results import RESERVED, ResultsError, canonical_columns, prepare_results
from soilgw.assessment.trends import (
    MIN_N_TEST,
    MIN_N_VERDICT,
    TREND_RULE,
    analyze_trends,
    censor_at_highest_dl,
    coefficient_of_variation,
    maros_verdict,
    seasonal_kendall,
    trend_label,
)
from soilgw.commands import _files, progress
from soilgw.standards.units import UnitError, convert, get_unit

REQUIRED = ("point_id", "analyte", "value", "unit")


class InputError(ValueError):
    """Invalid input file; the message names file, line and column."""


@dataclass(frozen=True)
class Results:
    """Validated long results: one row per measured value, converted to one unit per point × analyte."""

    frame: pd.DataFrame  # point_id, analyte, date (datetime64 or NaT), value, censored, unit, line


def _fail(path: Path, line: int | None, column: str | None, reason: str) -> InputError:
    where = ", ".join(p for p in (str(path), f"line {line}" if line else "", f"column {column!r}" if column else "")
                      if p)
    return InputError(f"{where}: {reason}")


def read_results(path: str | Path, *, require_date: bool = True, encoding: str | None = None,
                 prog: str = "soilgw trend") -> Results:
    """Read and validate a long results CSV.

    Parameters
    ----------
    path : str or Path
        CSV (UTF-8 with or without BOM, else GB18030) or ``.xlsx`` file, or ``-`` for standard input; read by
        :mod:`soilgw.assessment.sheets`, whose notes go to standard error.
    require_date : bool, default True
        Whether a ``date`` column is required.
    encoding : str, optional
        CSV encoding to use instead of detecting it.

    Returns
    -------
    Results

    Raises
    ------
    InputError
        Missing file or column, unreadable value or date, non-detect without detection limit, right-censored
        value, unknown analyte or unit, or units of one analyte that cannot be converted into each other.
    """
    path = Path(path)
    try:
        table = _files.read(path, prog=prog, encoding=encoding)
    except _files.SheetError as exc:
        raise InputError(str(exc)) from None
    return results_from_frame(table.frame, path, require_date=require_date, rows=table.rows)


def _first_problem(path: Path, err: ResultsError, rows) -> InputError:
    p = err.problems[0]
    more = f" (and {len(err.problems) - 1} more problems)" if len(err.problems) > 1 else ""
    return _fail(path, None if p.row is None else int(rows[p.row]), p.header or p.column, f"{p.reason_zh} / {p.reason_en}{more}")


def results_from_frame(raw: pd.DataFrame, path: Path, *, require_date: bool = True, rows=None) -> Results:
    """Validate a long results frame (any accepted headers) through :func:`soilgw.assessment.results.prepare_results`.

    ``rows``: the spreadsheet row number of each frame row (default: header = line 1, data from line 2).

    Raises
    ------
    InputError
        The first problem found (file, line, column, reason) and how many more there are.
    """
    rows = np.arange(2, len(raw) + 2) if rows is None else np.asarray(rows)
    frame = canonical_columns(raw)
    headers = frame.attrs.get("headers", {})
    needed = (*REQUIRED, "date") if require_date else REQUIRED
    for col in needed:
        if col not in frame.columns:
            raise _fail(path, None, col, f"missing column; required: {', '.join(needed)} "
                        f"(accepted headers: {', '.join(RESERVED[col])})")
    try:
        prep = prepare_results(frame)
    except ResultsError as exc:
        raise _first_problem(path, exc, rows) from None
    line = rows[prep["source_row"].to_numpy()]  # the spreadsheet's own row numbers
    right = (prep["qualifier"] == ">").to_numpy()
    if right.any():
        raise _fail(path, int(line[right][0]), headers.get("value", "value"),
                    "right-censored values ('>') cannot enter trend or mean statistics")
    measured = prep["measured"].to_numpy(bool)
    out = pd.DataFrame({
        "point_id": prep["point_id"].astype(str).str.strip(),
        "analyte": prep["analyte_code"],
        # back in the unit as written: _one_unit_per_series picks each series' most used unit
        "value": prep["value"].to_numpy(float) / prep["unit_factor"].to_numpy(float),
        "unit": prep["unit_reported"].map(lambda u: get_unit(str(u)).symbol),
        "censored": (prep["qualifier"] == "<").to_numpy(),
        "line": line,
    })[measured]
    if require_date:
        dates = pd.to_datetime(frame.loc[measured, "date"].astype(str).str.strip(), errors="coerce", format="mixed")
        if dates.isna().any():
            i = int(np.flatnonzero(dates.isna().to_numpy())[0])
            raise _fail(path, int(out["line"].iat[i]), headers.get("date", "date"),
                        f"cannot read {frame.loc[measured, 'date'].iat[i]!r} as a date (use YYYY-MM-DD)")
        out["date"] = dates.to_numpy()
    empty_point = out["point_id"] == ""
    if empty_point.any():
        raise _fail(path, int(out["line"][empty_point].iat[0]), headers.get("point_id", "point_id"), "empty point id")
    out = _one_unit_per_series(out, path)
    return Results(out.reset_index(drop=True))


def _one_unit_per_series(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    target = frame.groupby(["point_id", "analyte"])["unit"].agg(lambda s: s.value_counts().index[0])
    frame = frame.join(target.rename("target"), on=["point_id", "analyte"])
    for (src, dst), idx in frame.groupby(["unit", "target"]).groups.items():
        if src == dst:
            continue
        try:
            converted = convert(frame.loc[idx, "value"].to_numpy(), src, dst)
            # 12 significant digits: equal concentrations written in different units stay ties
            frame.loc[idx, "value"] = [float(f"{v:.12g}") for v in converted]
        except UnitError as exc:
            raise _fail(path, int(frame.loc[idx, "line"].iat[0]), "unit", str(exc)) from None
    return frame.assign(unit=frame["target"]).drop(columns="target")


def pad_series(frame: pd.DataFrame, keys: list[str], columns: list[str]) -> tuple[pd.DataFrame, dict]:
    """Pack each group's rows into padded 2-D arrays (one row per group, NaN/NaT/False padding).

    Returns
    -------
    groups : DataFrame
        One row per group with the key columns, ``n`` and ``unit``.
    arrays : dict
        ``column → ndarray (groups, max n)``.
    """
    frame = frame.sort_values([*keys, *(["date"] if "date" in frame else [])], kind="stable")
    gid = frame.groupby(keys, sort=False).ngroup().to_numpy()
    pos = frame.groupby(keys, sort=False).cumcount().to_numpy()
    groups = frame.groupby(keys, sort=False).agg(n=("value", "size"), unit=("unit", "first")).reset_index()
    shape = (len(groups), int(pos.max()) + 1 if len(pos) else 0)
    arrays = {}
    for col in columns:
        src = frame[col].to_numpy()
        if src.dtype.kind == "M":
            out = np.full(shape, np.datetime64("NaT"), dtype="datetime64[ns]")
        elif src.dtype.kind == "b":
            out = np.zeros(shape, bool)
        else:
            out = np.full(shape, np.nan)
        out[gid, pos] = src
        arrays[col] = out
    return groups, arrays


def trend_table(results: Results, *, alpha: float = 0.05, min_n: int = MIN_N_TEST, min_n_verdict: int = MIN_N_VERDICT,
                confidence: float = 0.95) -> pd.DataFrame:
    """Trend statistics of every point × analyte in one vectorized pass.

    Parameters
    ----------
    results : Results
        From :func:`read_results`.
    alpha, confidence : float
        Significance level of the test and confidence of the slope interval.
    min_n, min_n_verdict : int
        Minimum samples for the test and for a MAROS verdict.

    Returns
    -------
    DataFrame
        The OUT columns described in the module docstring.
    """
    groups, arr = pad_series(results.frame, ["point_id", "analyte"], ["value", "date", "censored"])
    if groups.empty:
        return pd.DataFrame(columns=["point_id", "analyte", "n"])
    res = analyze_trends(arr["value"], arr["date"], arr["censored"], alpha=alpha, min_n_test=min_n,
                         min_n_verdict=min_n_verdict, confidence=confidence)
    mk, sen, verdict = res.mann_kendall, res.sen, res.verdict
    return pd.DataFrame({
        "point_id": groups["point_id"],
        "analyte": groups["analyte"],
        "n": mk.n,
        "s": mk.s,
        "var_s": mk.var_s,
        "z": mk.z,
        "p": mk.p,
        "tau": mk.tau,
        "trend": mk.trend,
        "sen_slope": sen.slope,
        "sen_slope_unit": groups["unit"] + "/yr",
        "verdict": verdict.verdict,
        "sen_slope_lower": sen.lower,
        "sen_slope_upper": sen.upper,
        "confidence_factor": verdict.confidence_factor,
        "cov": verdict.cov,
        "n_nondetect": arr["censored"].sum(axis=1),
        "unit": groups["unit"],
        "method": f"mann_kendall+sen_slope+maros; non-detects: {mk.censoring}",
    })


#: Season definitions for ``--seasonal``: name → function of a DatetimeIndex.
SEASONS = {"month": lambda d: d.month, "quarter": lambda d: d.quarter}


def seasonal_table(results: Results, *, season: str = "month", alpha: float = 0.05, min_n: int = MIN_N_TEST,
                   min_n_verdict: int = MIN_N_VERDICT, confidence: float = 0.95) -> pd.DataFrame:
    """Seasonal Kendall test and seasonal Sen slope of every point × analyte, with the MAROS verdict.

    Parameters
    ----------
    results : Results
        From :func:`read_results`.
    season : {"month", "quarter"}
        Season of each sample, from its date.
    alpha, confidence, min_n, min_n_verdict
        As :func:`trend_table`.

    Returns
    -------
    DataFrame
        The OUT columns of :func:`trend_table` plus ``chi2_heterogeneity`` and ``p_heterogeneity``.

    Raises
    ------
    ValueError
        If ``season`` is unknown; the message lists the valid names.
    """
    if season not in SEASONS:
        raise ValueError(f"unknown season {season!r}; valid: {', '.join(SEASONS)}")
    rows = []
    series = results.frame.sort_values("date").groupby(["point_id", "analyte"], sort=True)
    for (point, analyte), g in progress.bar(series, desc="soilgw trend", total=series.ngroups, unit=" series"):
        x, c = g["value"].to_numpy(float), g["censored"].to_numpy(bool)
        dates = pd.DatetimeIndex(g["date"])
        res = seasonal_kendall(x, dates.to_numpy(), SEASONS[season](dates).to_numpy(), c, alpha=alpha,
                               confidence=confidence)
        ok = res.n >= min_n
        nan = 1.0 if ok else np.nan
        cov = float(coefficient_of_variation(censor_at_highest_dl(x, c)))
        verdict = maros_verdict(res.s, res.p, cov, res.n if ok else 0, min_n=min_n_verdict)
        rows.append({
            "point_id": point, "analyte": analyte, "n": res.n, "s": res.s * nan, "var_s": res.var_s * nan,
            "z": res.z * nan, "p": res.p * nan, "tau": res.tau * nan,
            "trend": trend_label(res.trend, res.n, min_n_verdict) if ok else "insufficient_data", "sen_slope": res.slope * nan,
            "sen_slope_unit": g["unit"].iat[0] + "/yr", "verdict": verdict.verdict,
            "sen_slope_lower": res.lower * nan, "sen_slope_upper": res.upper * nan,
            "confidence_factor": verdict.confidence_factor if ok else np.nan, "cov": cov,
            "n_nondetect": int(c.sum()), "unit": g["unit"].iat[0],
            "method": f"seasonal_kendall({season})+seasonal_sen_slope+maros; non-detects: "
                      f"{'ties below the highest detection limit' if c.any() else 'none'}",
            "chi2_heterogeneity": res.chi2_heterogeneity * nan, "p_heterogeneity": res.p_heterogeneity * nan,
        })
    return pd.DataFrame(rows)


def main(argv: list[str]) -> int:
    """Run ``soilgw trend``; return the exit status."""
    parser = argparse.ArgumentParser(prog="soilgw trend", description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="long CSV: point_id, date, analyte, value, unit[, qualifier, detection_limit]")
    parser.add_argument("--out", required=True, help="output CSV (- for standard output)")
    _files.add_file_options(parser)
    parser.add_argument("--alpha", type=float, default=0.05, help="two-sided significance level (default 0.05)")
    parser.add_argument("--min-n", type=int, default=MIN_N_TEST, help=f"minimum samples for the test (default {MIN_N_TEST})")
    parser.add_argument("--min-n-verdict", type=int, default=MIN_N_VERDICT,
                        help=f"minimum samples for a trend label ({TREND_RULE})")
    parser.add_argument("--confidence", type=float, default=0.95, help="confidence of the slope interval")
    parser.add_argument("--seasonal", choices=sorted(SEASONS),
                        help="use the seasonal Kendall test with this season instead of Mann-Kendall")
    args = parser.parse_args(argv)
    try:
        with progress.bar(desc="soilgw trend", total=3, unit=" steps") as steps:  # read, analyse, write
            results = read_results(args.input, encoding=args.encoding)
            steps.update()
            options = dict(alpha=args.alpha, min_n=args.min_n, min_n_verdict=args.min_n_verdict,
                           confidence=args.confidence)
            if args.seasonal:
                table = seasonal_table(results, season=args.seasonal, **options)
            else:
                table = trend_table(results, **options)
            steps.update()
            _files.write(table, args.out, args)
            steps.update()
    except InputError as exc:
        print(f"soilgw trend: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"soilgw trend: cannot write {args.out}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - report, exit 1
        print(f"soilgw trend: internal error: {exc!r}", file=sys.stderr)
        return 1
    _files.status(f"soilgw trend: {len(table)} series written to {args.out}")
    return 0
