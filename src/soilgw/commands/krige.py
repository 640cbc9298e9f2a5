"""``soilgw krige IN.csv --value COLUMN --grid CELL_M --out OUT.(csv|gpkg)`` — guarded kriging onto a grid.

IN.csv has projected coordinates ``x``, ``y`` in metres (``--crs`` names their CRS, default EPSG:4546, CGCS2000
3-degree Gauss–Krüger CM 117°E), the value column given by ``--value`` and a ``unit`` column (or ``--unit``);
values are read as reported (``<0.05``, ``0.05L``, ``ND(0.05)``: a non-detect at its limit) by the lab-results
boundary; an optional ``censored`` column (true/false, 1/0, or a qualifier such as ``<``/``ND``/``未检出``) marks
non-detects whose value is the detection limit.
The grid covers the samples' bounding box with cells of CELL_M metres; OUT gets one row (CSV) or point (GeoPackage)
per cell centre with ``prediction``, ``variance`` and ``method``. GeoTIFF is not offered: no locked library
writes rasters. The report (method used, variogram, cross-validation, warnings) is printed.

Interpolation is :func:`soilgw.assessment.spatial.interpolate`.

Exit status: 0 ok, 2 invalid input or usage (message names file, row and column), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from soilgw.assessment.results import nondetect_flags, parse_reported
from soilgw.assessment.spatial import DUPLICATE_RULES, NONDETECT_RULES, Interpolation, interpolate
from soilgw.commands import progress

MAX_CELLS = 2_000_000
#: ``censored`` entries that say "detected"; non-detect entries are the boundary's qualifiers or true/1/yes.
_DETECTED = {"false", "0", "no", "n", ""}
_CENSORED = {"true", "1", "yes", "y"}


class InputError(ValueError):
    """Bad input file or option; the message names file, row and column (Chinese and English)."""


def read_points(path: str, value: str, unit: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """Read ``x, y, VALUE[, unit, censored]`` from a CSV; returns points (n, 2) [m], values, censored, unit.

    Raises InputError naming file, row (1-based data row + header = line) and column.
    """
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: 无法读取 / cannot read: {exc}") from exc
    for col in ("x", "y", value):
        if col not in frame.columns:
            raise InputError(f"{path}: 缺少列 / missing column {col!r} (have: {', '.join(frame.columns)})")
    units = set(frame["unit"].str.strip()) - {""} if "unit" in frame.columns else set()
    if unit is None:
        if len(units) != 1:
            raise InputError(f"{path}: 列 unit 须只有一个单位，或使用 --unit / column 'unit' must hold exactly one "
                             f"unit, or pass --unit (found: {sorted(units) or 'none'})")
        unit = units.pop()
    elif units and units != {unit}:
        raise InputError(f"{path}: 列 unit {sorted(units)} 与 --unit {unit!r} 不符 / does not match --unit")
    out = {}
    for col in ("x", "y"):
        num = pd.to_numeric(frame[col].str.strip(), errors="coerce")
        _refuse_first(path, col, num.isna() | ~np.isfinite(num), frame[col], "不是数值 / is not a number")
        out[col] = num.to_numpy(float)
    parsed = parse_reported(frame[value])
    _refuse_first(path, value, (parsed["error"] != "") | ~parsed["measured"] | parsed["value"].isna(), frame[value],
                  "不是数值或检出限 / is not a number or a non-detect with its limit")
    out[value] = parsed["value"].to_numpy(float)
    _refuse_first(path, value, pd.Series(out[value] < 0), frame[value], "浓度不能为负 / negative value")
    cens = (parsed["qualifier"] == "<").to_numpy()
    if "censored" in frame.columns:
        flags = frame["censored"].str.strip()
        flagged = nondetect_flags(flags) | flags.str.lower().isin(_CENSORED).to_numpy()
        _refuse_first(path, "censored", pd.Series(~flagged & ~flags.str.lower().isin(_DETECTED).to_numpy()),
                      frame["censored"], "应为 true/false / is not true/false")
        cens |= flagged
    return np.column_stack([out["x"], out["y"]]), out[value], cens, unit


def _refuse_first(path, column: str, bad: pd.Series, cells: pd.Series, reason: str) -> None:
    """Raise :class:`InputError` naming the first bad cell (line = data row + 2: header is line 1)."""
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{path}: 第 {row + 2} 行 列 {column} / line {row + 2}, column {column!r}: "
                         f"{cells.iat[row]!r} {reason}")


def grid_centres(points: np.ndarray, cell_m: float) -> np.ndarray:
    """Cell centres (k, 2) [m] of a grid of ``cell_m`` covering the points' bounding box."""
    if not cell_m > 0:
        raise InputError(f"--grid 须为正数 / must be > 0 metres, got {cell_m}")
    lo, hi = points.min(0), points.max(0)
    nx, ny = (np.maximum(1, np.ceil((hi - lo) / cell_m))).astype(int)
    if nx * ny > MAX_CELLS:
        raise InputError(f"--grid {cell_m} m 得到 {nx * ny} 个格 / gives {nx * ny} cells (> {MAX_CELLS}); "
                         "use a larger cell")
    gx = lo[0] + (np.arange(nx) + 0.5) * cell_m
    gy = lo[1] + (np.arange(ny) + 0.5) * cell_m
    xx, yy = np.meshgrid(gx, gy)
    return np.column_stack([xx.ravel(), yy.ravel()])


def report(res: Interpolation, value: str, unit: str) -> str:
    """Plain-text account of an interpolation (method, variogram, CV, warnings)."""
    lines = [f"{value} [{unit}]: {res.n_input} samples, {res.n_used} locations; method {res.method_used} "
             f"(requested {res.method_requested}); transform {res.transform}, back-transform {res.back_transform}",
             f"duplicate rule {res.duplicate_rule}; non-detect rule {res.nondetect_rule}; "
             f"plausibility bound {res.upper_bound:g} {unit}"]
    if res.variogram is not None:
        v = res.variogram
        lines.append(f"variogram {v.model}: nugget {v.nugget:.4g}, partial sill {v.sill:.4g}, range {v.range_parameter:.4g} m"
                     f" (practical {v.practical_range:.4g} m)")
    for name, c in res.candidates.items():
        lines.append(f"  candidate {name}: CV RMSE {c['cv_rmse']:.4g}" + (f" — rejected: {c['rejected']}"
                                                                          if c["rejected"] else ""))
    if res.cross_validation is not None:
        cv = res.cross_validation
        mae = float(np.mean(np.abs(cv.predicted - cv.observed)))
        lines.append(f"leave-one-out CV: mean error {cv.mean_error:.4g}, MAE {mae:.4g}, RMSE {cv.rmse:.4g} {unit}")
    lines += [f"warning: {w}" for w in res.warnings] or ["warnings: none"]
    return "\n".join(lines)


def write(out: str, targets: np.ndarray, res: Interpolation, crs: str) -> None:
    """Write the grid as CSV or GeoPackage points (pyogrio); other suffixes raise InputError."""
    suffix = Path(out).suffix.lower()
    cols = {"x": targets[:, 0], "y": targets[:, 1], "prediction": res.prediction, "variance": res.variance}
    if suffix == ".csv":
        pd.DataFrame({**cols, "method": res.method_used}).to_csv(out, index=False, encoding="utf-8")
    elif suffix == ".gpkg":
        import pyogrio.raw
        import shapely

        wkb = shapely.to_wkb(shapely.points(targets))
        fields = ["prediction", "variance", "method"]
        data = [res.prediction, res.variance, np.full(len(targets), res.method_used, dtype=object)]
        pyogrio.raw.write(out, wkb, data, fields, crs=crs, geometry_type="Point", driver="GPKG")
    else:
        raise InputError(f"--out {out}: 只支持 .csv 或 .gpkg / only .csv or .gpkg are written (no raster library "
                         "is available for .tif)")


def main(argv: list[str]) -> int:
    """Run ``soilgw krige``; return the exit status."""
    parser = argparse.ArgumentParser(prog="soilgw krige", description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="CSV with x, y [m], the value column, unit[, censored]")
    parser.add_argument("--value", required=True, help="column to interpolate, e.g. Cd")
    parser.add_argument("--grid", type=float, required=True, help="cell size in metres")
    parser.add_argument("--out", required=True, help="OUT.csv or OUT.gpkg")
    parser.add_argument("--unit", help="unit of the values when the CSV has no unit column, e.g. mg/kg")
    parser.add_argument("--crs", default="EPSG:4546", help="CRS of x, y (default EPSG:4546)")
    parser.add_argument("--method", default="auto", choices=("auto", "ordinary_kriging", "idw"))
    parser.add_argument("--duplicate-rule", default="mean", choices=DUPLICATE_RULES)
    parser.add_argument("--nondetect-rule", default="half_dl", choices=tuple(NONDETECT_RULES))
    parser.add_argument("--upper-bound", type=float, help="plausibility bound in the data unit")
    args = parser.parse_args(argv)
    try:
        if Path(args.out).suffix.lower() not in (".csv", ".gpkg"):
            raise InputError(f"--out {args.out}: 只支持 .csv 或 .gpkg / only .csv or .gpkg are written "
                             "(no raster library is available for .tif)")
        with progress.bar(desc="soilgw krige", total=3, unit=" steps") as steps:  # read, interpolate, write
            points, values, cens, unit = read_points(args.input, args.value, args.unit)
            targets = grid_centres(points, args.grid)
            steps.update()
            res = interpolate(points, values, targets, method=args.method, censored=cens,
                              duplicate_rule=args.duplicate_rule, nondetect_rule=args.nondetect_rule,
                              upper_bound=args.upper_bound)
            steps.update()
            steps.write(report(res, args.value, unit), file=sys.stdout)
            write(args.out, targets, res, args.crs)
            steps.update()
    except (InputError, ValueError) as exc:
        print(f"soilgw krige: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"soilgw krige: 无法写入 / cannot write {args.out}: {exc}", file=sys.stderr)
        return 2
    return 0
