"""Write prepared results and levels in bulk (inside the import framework's transaction)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from django.db import connection
from django.utils.translation import gettext as _

from soilgw.assessment.results import template_header
from soilgw.core.imports import Problem

from .models import Result, Sample, SamplingEvent, WaterLevel

BATCH_SIZE = 5000
CHUNK_ROWS = 50_000
SAMPLE_KEY = ["point_id", "sample", "date"]
RESULT_COLUMNS = ("sample_id", "point_id", "batch_id", "date", "analyte", "catalogued", "source_name", "reported",
                  "value", "qualifier", "detection_limit", "unit", "text_value", "class_label", "qa_flags", "duplicate")


def _insert_many(model, columns: tuple[str, ...], rows) -> None:
    """INSERT rows with one prepared statement (executemany): bulk rows skip model instances entirely."""
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
    rows = iter(rows)
    with connection.cursor() as cur:
        while chunk := list(itertools.islice(rows, BATCH_SIZE * 10)):
            cur.executemany(sql, chunk)


def existing_sample_problems(frame: pd.DataFrame, filename: str, sheet: str) -> list[Problem]:
    """A sample (point, code, date) already stored by an earlier import is a problem: re-import is refused."""
    if frame.empty:
        return []
    keys = frame.drop_duplicates(SAMPLE_KEY)
    stored = Sample.objects.filter(point_id__in=keys["point_id"].unique().tolist(),
                                   date__gte=pd.Timestamp(keys["date"].min()).date(),
                                   date__lte=pd.Timestamp(keys["date"].max()).date())
    have = {(p, c, d.isoformat()): b for p, c, d, b in stored.values_list("point_id", "code", "date", "batch_id")}
    problems = []
    for p, code, date, row in zip(keys["point_id"], keys["sample"], keys["date"], keys["_row"], strict=True):
        key = (int(p), code, str(date)[:10])
        if key in have:
            problems.append(Problem(_("sample '%(code)s' of this point on %(date)s was already imported (batch #%(pk)s)")
                                    % {"code": code, "date": key[2], "pk": have[key]}, filename, sheet, int(row),
                                    template_header("sample_id")))
    return problems


def write_results(frame: pd.DataFrame, batch) -> dict:
    """Create the samples and results of a prepared frame; returns counts."""
    if frame.empty:
        return {"samples": 0, "results": 0}
    frame = frame.reset_index(drop=True)
    firsts = frame.drop_duplicates(SAMPLE_KEY)
    samples = [Sample(point_id=int(r.point_id), batch=batch, code=r.sample, date=pd.Timestamp(r.date).date(),
                      medium=r.medium, lab=r.lab, method=r.method, qc_type=r.qc_type,
                      depth_top=None if np.isnan(r.depth_top) else float(r.depth_top),
                      depth_bottom=None if np.isnan(r.depth_bottom) else float(r.depth_bottom),
                      date_precision=getattr(r, "date_precision", "day"), campaign=getattr(r, "campaign", ""))
               for r in firsts.itertuples(index=False)]
    if batch.options.get("event"):
        event, _ = SamplingEvent.objects.get_or_create(name=str(batch.options["event"])[:120])
        for s in samples:
            s.event = event
    Sample.objects.bulk_create(samples, batch_size=BATCH_SIZE)
    ids = {(s.point_id, s.code, s.date.isoformat()): s.pk for s in samples}
    _link_duplicates(firsts, samples)
    key = (frame["point_id"].astype(str) + "\x1f" + frame["sample"] + "\x1f"
           + frame["date"].astype(str).str.slice(0, 10))
    codes, uniques = pd.factorize(key)
    lookup = np.array([ids[(int(p), c, d)] for p, c, d in (u.split("\x1f") for u in uniques)], dtype=np.int64)
    sample_id = lookup[codes]
    for start in range(0, len(frame), CHUNK_ROWS):  # tuples per chunk: memory stays flat for 1M-row files
        part = frame.iloc[start:start + CHUNK_ROWS]
        value = part["value"].to_numpy(dtype=float)
        dl = part["detection_limit"].to_numpy(dtype=float)
        n = len(part)
        rows = zip(sample_id[start:start + CHUNK_ROWS].tolist(), part["point_id"].astype(np.int64).tolist(),
                   [batch.pk] * n, pd.to_datetime(part["date"]).dt.strftime("%Y-%m-%d").tolist(),
                   part["analyte"].tolist(), part["catalogued"].astype(bool).tolist(), part["source_name"].tolist(),
                   part["reported"].tolist(), np.where(np.isnan(value), None, value).tolist(),
                   part["qualifier"].tolist(), np.where(np.isnan(dl), None, dl).tolist(), part["unit"].tolist(),
                   part["text_value"].tolist(), [""] * n, [""] * n, part["duplicate"].astype(bool).tolist(),
                   strict=True)
        _insert_many(Result, RESULT_COLUMNS, rows)
    return {"samples": len(samples), "results": len(frame), "points": sorted({s.point_id for s in samples})}


def _link_duplicates(firsts: pd.DataFrame, samples: list[Sample]) -> None:
    """Point each field duplicate to its original (same point, code ``parent_sample``)."""
    dup = [(s, p) for s, p in zip(samples, firsts["parent_sample"], strict=True) if s.qc_type == "field_duplicate" and p]
    if not dup:
        return
    for s, parent_code in dup:
        parent = Sample.objects.filter(point_id=s.point_id, code=parent_code).order_by("-date").first()
        if parent is not None:
            s.parent = parent
    Sample.objects.bulk_update([s for s, _ in dup], ["parent"])


def write_levels(frame: pd.DataFrame, batch) -> int:
    """Create water levels from a frame with ``point_id, date, elevation, depth`` (+ optional aggregation)."""
    rows = [WaterLevel(point_id=int(p), batch_id=batch.pk, date=d, elevation=None if e != e else float(e),
                       depth=None if w != w else float(w), aggregation=agg, period_days=int(pd_), n_values=int(nv))
            for p, d, e, w, agg, pd_, nv in zip(
                frame["point_id"], pd.to_datetime(frame["date"]).dt.date, frame["elevation"].astype(float),
                frame["depth"].astype(float), frame.get("aggregation", pd.Series(["measurement"] * len(frame))),
                frame.get("period_days", pd.Series([1] * len(frame))),
                frame.get("n_values", pd.Series([1] * len(frame))), strict=True)]
    WaterLevel.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)
