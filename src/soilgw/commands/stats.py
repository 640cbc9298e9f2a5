"""``soilgw stats INPUT --out OUT.csv`` — non-detect summaries, 95 % UCLs and background values per group.

INPUT is the long CSV of ``soilgw trend`` (``point_id, analyte, value, unit`` and optionally ``date``,
``qualifier``, ``detection_limit``). Groups default to point × analyte (``--by analyte`` pools all points).

OUT has one row per group: ``n, n_nondetect, detection_limits, unit``; Kaplan–Meier ``km_mean, km_sd,
km_se_mean``; robust ROS ``ros_mean, ros_sd`` (blank with ``ros_note`` when ROS cannot run); the UCLs
``ucl_student_t, ucl_km_t, ucl_km_bootstrap, ucl_km_chebyshev`` (blank when not applicable); the recommendation
``recommended_ucl, recommended_method, recommended_confidence, recommendation_rule, recommendation_reason,
recommendation_verified``; and the background threshold ``btv, btv_method, btv_coverage, btv_confidence``
(UTL 95/95, nonparametric from n = 59).

Exit status: 0 ok, 2 invalid input or usage (message names file, line and column), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from soilgw.assessment.stats import kaplan_meier, robust_ros
from soilgw.assessment.stats_background import background_threshold
from soilgw.assessment.stats_ucl import recommend_ucl
from soilgw.commands import _files, progress
from soilgw.commands.trend import InputError, Results, read_results

_KEYS = {"point_id": "point_id", "analyte": "analyte"}


def _group_row(x: np.ndarray, c: np.ndarray, *, n_boot: int, seed: int) -> dict:
    row: dict = {"n": x.size, "n_nondetect": int(c.sum()),
                 "detection_limits": ";".join(f"{v:g}" for v in np.unique(x[c]))}
    if (~c).sum() == 0:
        row["ros_note"] = "all values are non-detects: no mean, UCL or background value can be estimated"
        return row
    km = kaplan_meier(x, c)
    row.update(km_mean=km.mean, km_sd=km.sd, km_se_mean=km.se_mean)
    try:
        ros = robust_ros(x, c)
        row.update(ros_mean=ros.mean, ros_sd=ros.sd)
    except ValueError as exc:
        row["ros_note"] = str(exc)
    if (x > 0).all():
        rec = recommend_ucl(x, c, n_boot=n_boot, seed=seed)
        for name, value in rec.candidates.items():
            row[f"ucl_{name}"] = value
        row.update(recommended_ucl=rec.ucl, recommended_method=rec.method or "", recommended_confidence=rec.confidence,
                   recommendation_rule=rec.rule, recommendation_reason=rec.reason,
                   recommendation_verified=rec.verified)
    else:
        row["recommendation_reason"] = "zero values present: skewness on logs undefined, no recommendation"
    if x.size >= 3:
        btv = background_threshold(x, c, method="auto")
        row.update(btv=btv.value, btv_method=btv.method, btv_coverage=btv.coverage, btv_confidence=btv.confidence)
    return row


COLUMNS = ("n", "n_nondetect", "detection_limits", "unit", "km_mean", "km_sd", "km_se_mean", "ros_mean", "ros_sd",
           "ros_note", "ucl_student_t", "ucl_km_t", "ucl_km_bootstrap", "ucl_km_chebyshev", "recommended_ucl",
           "recommended_method", "recommended_confidence", "recommendation_rule", "recommendation_reason",
           "recommendation_verified", "btv", "btv_method", "btv_coverage", "btv_confidence")


def stats_table(results: Results, *, by: list[str], n_boot: int = 2000, seed: int = 20090301) -> pd.DataFrame:
    """Summaries, UCLs and background values of every group.

    Parameters
    ----------
    results : Results
        From :func:`soilgw.commands.trend.read_results`.
    by : list of str
        Grouping columns, from ``point_id`` and ``analyte``; ``analyte`` is always included.
    n_boot, seed : int
        Bootstrap settings of the KM percentile-bootstrap UCL.

    Returns
    -------
    DataFrame
        Key columns followed by :data:`COLUMNS`.
    """
    keys = [k for k in ("point_id", "analyte") if k in by or k == "analyte"]
    rows = []
    groups = results.frame.groupby(keys, sort=True)
    for key, grp in progress.bar(groups, desc="soilgw stats", total=groups.ngroups, unit=" groups"):
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(keys, key, strict=True))
        row.update(_group_row(grp["value"].to_numpy(float), grp["censored"].to_numpy(bool), n_boot=n_boot,
                              seed=seed))
        row["unit"] = grp["unit"].iat[0]
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=[*keys, *COLUMNS])


def main(argv: list[str]) -> int:
    """Run ``soilgw stats``; return the exit status."""
    parser = argparse.ArgumentParser(prog="soilgw stats", description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="long CSV: point_id, analyte, value, unit[, date, qualifier, detection_limit]")
    parser.add_argument("--out", required=True, help="output CSV (- for standard output)")
    _files.add_file_options(parser)
    parser.add_argument("--by", default="point_id,analyte",
                        help="grouping: 'point_id,analyte' (default) or 'analyte' to pool all points")
    parser.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples (default 2000)")
    parser.add_argument("--seed", type=int, default=20090301, help="bootstrap seed")
    args = parser.parse_args(argv)
    by = [b.strip() for b in args.by.split(",") if b.strip()]
    unknown = [b for b in by if b not in _KEYS]
    if unknown:
        print(f"soilgw stats: --by: unknown column(s) {unknown}; valid: point_id, analyte", file=sys.stderr)
        return 2
    try:
        results = read_results(args.input, require_date=False, encoding=args.encoding, prog="soilgw stats")
        table = stats_table(results, by=by, n_boot=args.n_boot, seed=args.seed)
        _files.write(table, args.out, args)
    except InputError as exc:
        print(f"soilgw stats: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"soilgw stats: cannot write {args.out}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - report, exit 1
        print(f"soilgw stats: internal error: {exc!r}", file=sys.stderr)
        return 1
    _files.status(f"soilgw stats: {len(table)} groups written to {args.out}")
    return 0
