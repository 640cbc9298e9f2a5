"""Excel export of every table the monitoring pages show (same filters as the page)."""

from __future__ import annotations

import pandas as pd

from soilgw.core.xlsx import frames_to_xlsx

from .models import MonitoringPoint, PointAnalyteStat, Result, Sample, WaterLevel

#: Exports that may be large need a point or dataset filter.
MAX_ROWS = 300_000


def _frame(qs, fields: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(qs.values_list(*fields), columns=fields)


def _filtered(qs, params, *, point="point", dataset="point__dataset", required=False):
    if params.get("point"):
        qs = qs.filter(**{f"{point}_id" if point else "pk": params["point"]})
    if params.get("dataset"):
        qs = qs.filter(**{dataset: params["dataset"]})
    if required and not (params.get("point") or params.get("dataset")):
        raise ValueError("choose a point or a dataset first (?point=… or ?dataset=…)")
    return qs


def table_frame(table: str, params) -> tuple[pd.DataFrame, str]:
    """The DataFrame of export ``table`` and a file name. Raises KeyError (unknown table) or ValueError."""
    from . import views

    if table == "points":
        qs = _filtered(MonitoringPoint.objects.all(), params, point="", dataset="dataset")
        return _frame(qs, ["dataset", "origin", "code", "name", "kind", "programme", "target_class", "aquifer",
                           "aquifer_order", "nest", "x", "y", "crs", "lon", "lat"]), "monitoring_points"
    if table == "samples":
        qs = _filtered(Sample.objects.all(), params).order_by("point__code", "date")
        return _frame(qs, ["point__dataset", "point__code", "code", "date", "date_precision", "medium", "qc_type",
                           "class_label", "target_class", "meets_target", "deciding_analytes", "class_standard",
                           "qa_flags"]), "samples"
    if table == "results":
        qs = _filtered(Result.objects.all(), params, required=True).order_by("point__code", "date", "analyte")
        if qs.count() > MAX_ROWS:
            raise ValueError(f"more than {MAX_ROWS} results: narrow the filter")
        return _frame(qs, ["point__dataset", "point__code", "sample__code", "date", "analyte", "source_name",
                           "reported", "value", "qualifier", "detection_limit", "unit", "text_value", "class_label",
                           "qa_flags", "duplicate"]), "results"
    if table == "levels":
        qs = _filtered(WaterLevel.objects.all(), params, required=True).order_by("point__code", "date")
        return _frame(qs, ["point__dataset", "point__code", "date", "aggregation", "period_days", "n_values",
                           "elevation", "depth"]), "water_levels"
    if table == "stats":
        qs = _filtered(PointAnalyteStat.objects.all(), params).order_by("point__code", "analyte")
        return _frame(qs, ["point__dataset", "point__code", "analyte", "unit", "n", "n_nondetect", "first_date",
                           "last_date", "latest_value", "latest_qualifier", "max_value", "mean", "mean_method",
                           "mk_s", "mk_p", "sen_slope", "trend", "limit", "exceeds_latest", "n_exceedances",
                           "anomalies"]), "trends_and_statistics"
    if table == "exceedances":
        qs = views._exceedance_rows(params.get("dataset", ""))
        if params.get("point"):
            qs = qs.filter(point_id=params["point"])
        return _frame(qs, ["point__dataset", "point__code", "point__target_class", "date", "analyte", "reported",
                           "value", "qualifier", "unit", "class_label"]), "exceedances"
    if table == "matrix":
        trend, state = views.matrix_frame(params.get("dataset", ""))
        if trend.empty:
            return trend, "trend_threshold_matrix"
        return (trend.astype(str) + " / " + state.astype(str)).reset_index(), "trend_threshold_matrix"
    if table == "piper":
        return views.piper_frame(params.get("dataset", "")), "piper"
    raise KeyError(table)


def to_xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    """One sheet; lists and dicts written as text (:func:`soilgw.core.xlsx.frames_to_xlsx`)."""
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].map(lambda v: str(v) if isinstance(v, (list, dict)) else v)
    return frames_to_xlsx({sheet: frame})
