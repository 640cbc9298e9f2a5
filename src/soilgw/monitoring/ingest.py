"""Validate lab results (long or wide sheets) and write them in bulk: shared by the importers and the loaders.

``prepare_results`` turns a sheet into a validated long frame and lists every problem (file, sheet, row,
column, reason) without touching the database beyond reading points and mappings; ``write_results`` stores a
prepared frame with ``bulk_create``. Per-row Python is avoided: names, units and dates are resolved once per
distinct value and broadcast back with ``pandas.factorize``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from soilgw.assessment.results import apply_limits, column_for, parse_reported, split_depth, template_header
from soilgw.core.imports import Problem, check_time
from soilgw.standards.analytes import UnknownAnalyteError, lookup
from soilgw.standards.units import UnitError, get_unit

from .choices import Medium
from .mappings import SourceMaps, source_maps

#: Fields of a stored result, in the order of the column-mapping step. Which headers name them is the
#: results boundary's vocabulary (``standards/data/result_columns.csv``, :func:`soilgw.assessment.results.column_for`).
FIELDS = ("point", "sample", "date", "analyte", "value", "unit", "qualifier", "detection_limit",
          "detection_limit_unit", "depth", "depth_top", "depth_bottom", "medium", "lab", "method", "qc_type",
          "parent_sample")
#: Canonical column of the boundary → field name here (a stored result says "point", "sample").
_FIELD_OF = {"point_id": "point", "sample_id": "sample"}
_CANONICAL_OF = {v: k for k, v in _FIELD_OF.items()}
REQUIRED_LONG = ("point", "date", "analyte", "value", "unit")
WIDE_HEADER = re.compile(r"^\s*(?P<name>.+?)\s*[(（\[](?P<unit>[^()（）\[\]]*)[)）\]]\s*$")
MEDIA = {"groundwater": Medium.GROUNDWATER, "地下水": Medium.GROUNDWATER, "soil": Medium.SOIL, "土壤": Medium.SOIL,
         "surface_water": Medium.SURFACE_WATER, "地表水": Medium.SURFACE_WATER, "crop": Medium.CROP,
         "农产品": Medium.CROP}
QC_TYPES = {"": "normal", "normal": "normal", "正常样": "normal", "field_duplicate": "field_duplicate",
            "平行样": "field_duplicate", "现场平行样": "field_duplicate"}
EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Rows listed per check before the report only counts the rest (a wrong column would list every row).
MAX_LISTED = 1000


@dataclass
class PreparedResults:
    """A validated long frame (one row per result) and everything wrong with it."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def rename_columns(df: pd.DataFrame, columns: dict | None = None) -> pd.DataFrame:
    """Apply the user's column mapping ``{field: header}`` first, then the boundary's header vocabulary."""
    columns = columns or {}
    inverse = {str(header): fld for fld, header in columns.items() if header}
    rename: dict = {}
    for col in df.columns:
        fld = inverse.get(str(col))
        if fld in FIELDS and fld not in rename.values():
            rename[col] = fld
    for col in df.columns:
        canon = column_for(str(col)) if col not in rename else None
        fld = _FIELD_OF.get(canon, canon)
        if fld in FIELDS and fld not in rename.values():
            rename[col] = fld
    return df.rename(columns=rename)


def wide_to_long(df: pd.DataFrame, filename: str, sheet: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Melt a wide sheet: every column that is not a known field must read ``name (unit)``."""
    fields = [c for c in df.columns if c in FIELDS]
    others = [c for c in df.columns if c not in FIELDS and not str(c).startswith("Unnamed")]
    problems, names, units = [], {}, {}
    for col in others:
        m = WIDE_HEADER.match(str(col))
        if m is None:
            problems.append(Problem(_("the column is neither a known field nor “analyte (unit)”"),
                                    filename, sheet, 1, str(col)))
        else:
            names[col], units[col] = m["name"], m["unit"]
    if problems or not names:
        if not names and not problems:
            problems.append(Problem(_("no analyte columns of the form “name (unit)”"), filename, sheet, 1))
        return pd.DataFrame(), problems
    base = df[fields].assign(_row=np.arange(len(df)) + 2)
    pieces = []
    for col in names:
        pieces.append(base.assign(analyte=names[col], unit=units[col], value=df[col].to_numpy(), _column=str(col)))
    long = pd.concat(pieces, ignore_index=True)
    long = long[long["value"].astype(str).str.strip() != ""]
    return long.reset_index(drop=True), problems


def parse_dates(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Dates from ISO text, ``2023/5/6``, ``2023年5月6日`` or Excel serial day numbers; NaT where unreadable.

    Returns ``(dates as datetime64[D], ok mask)``; each distinct spelling is parsed once.
    """
    codes, uniques = pd.factorize(texts.astype(str).str.strip())
    parsed = []
    for u in uniques:
        t = u.replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-")
        value = pd.NaT
        if re.fullmatch(r"\d{5}(\.0+)?", u) and 20000 <= int(u.split(".")[0]) <= 80000:  # Excel serial day
            value = pd.Timestamp(EXCEL_EPOCH + dt.timedelta(days=int(u.split(".")[0])))
        else:
            try:
                value = pd.Timestamp(dt.date.fromisoformat("-".join(p.zfill(2) for p in t.split(" ")[0].split("-"))))
            except ValueError:
                value = pd.NaT
        parsed.append(value)
    arr = pd.DatetimeIndex(parsed).to_numpy(dtype="datetime64[D]") if parsed else np.array([], "datetime64[D]")
    out = arr[codes] if len(codes) else np.array([], "datetime64[D]")
    return out, ~np.isnat(out)


def _where(frame: pd.DataFrame, pos: int, filename: str, sheet: str, column: str, header_of: dict) -> dict:
    """File, sheet, spreadsheet row and the user's own header of ``column`` (a field) at frame row ``pos``."""
    row = int(frame["_row"].iat[pos])
    if "_column" in frame and column in ("value", "analyte", "unit"):  # a wide sheet: the analyte's column
        col = str(frame["_column"].iat[pos])
    else:
        col = header_of.get(column) or template_header(_CANONICAL_OF.get(column, column))
    return {"file": filename, "sheet": sheet, "row": row, "column": col}


def _resolve_analytes(names: np.ndarray, maps: SourceMaps) -> tuple[list, list]:
    """Per distinct name: (code or source name, catalogued, analyte or None) and the unknown-name errors."""
    out, errors = [], []
    for name in names:
        name = str(name).strip()
        mapped = maps.analyte(name)
        if mapped is not None:
            code = mapped
            out.append((code, True, lookup(code)) if code else (name, False, None))
            errors.append("")
            continue
        try:
            a = lookup(name)
            out.append((a.code, True, a))
            errors.append("")
        except UnknownAnalyteError as exc:
            if maps.keep_unknown:
                out.append((name, False, None))
                errors.append("")
            else:
                out.append((name, False, None))
                errors.append(str(exc))
    return out, errors


def _resolve_unit(unit_text: str, analyte, maps: SourceMaps) -> tuple[str, float, str]:
    """(stored unit, factor, error) for one unit spelling of one analyte."""
    target, factor = maps.unit(unit_text, analyte.code if analyte is not None else "")
    if target is None:
        target, factor = unit_text, 1.0
    try:
        unit = get_unit(target)
    except UnitError as exc:
        if analyte is None and maps.keeps_unit(unit_text):
            return target, factor, ""
        return target, factor, str(exc)
    if analyte is not None and unit.dimension not in analyte.unit_dimensions:
        return unit.symbol, factor, _("the unit %(unit)s cannot measure %(analyte)s") % {
            "unit": unit.symbol, "analyte": analyte.label}
    return unit.symbol, factor, ""


def prepare_results(df: pd.DataFrame, *, filename: str, sheet: str, points: dict[str, int],
                    source: str = "", default_medium: str = Medium.GROUNDWATER, columns: dict | None = None,
                    defaults: dict | None = None) -> PreparedResults:
    """Validate one sheet of results (long or wide) against the known ``points`` (code → id).

    Returns the long frame with columns ``point_id, sample, date, analyte, catalogued, source_name, reported,
    value, qualifier, detection_limit, unit, text_value, duplicate, medium, depth_top, depth_bottom, lab,
    method, qc_type, parent_sample, _row`` and the problems; the frame is only meaningful without problems.
    """
    maps = source_maps(source)
    defaults = defaults or {}
    frame = rename_columns(df, columns)
    header_of = {str(new): str(old) for new, old in zip(frame.columns, df.columns, strict=True)}
    problems: list[Problem] = []
    if "analyte" not in frame.columns:
        frame, problems = wide_to_long(frame, filename, sheet)
        if problems:
            return PreparedResults(frame, problems)
    else:
        frame = frame.assign(_row=np.arange(len(frame)) + 2)
    for fld, value in defaults.items():
        if fld not in frame.columns and value not in (None, ""):
            frame[fld] = str(value)
    missing = [c for c in REQUIRED_LONG if c not in frame.columns]
    if missing:
        names = "、".join(template_header(_CANONICAL_OF.get(c, c)) for c in missing)
        return PreparedResults(frame, [Problem(_("missing column(s): %(columns)s (map them in the column-mapping "
                                                 "step)") % {"columns": names}, filename, sheet, 1)])
    frame = frame.reset_index(drop=True)
    n = len(frame)
    bad = np.zeros(n, dtype=bool)

    def report(mask: np.ndarray, column: str, reason_of) -> None:
        """One problem per offending row (reason_of(pos) → text), at most MAX_LISTED per check, then a count."""
        nonlocal bad
        check_time()  # one check per validation step: the steps are vectorized over the whole sheet
        positions = np.flatnonzero(mask)
        for pos in positions[:MAX_LISTED]:
            problems.append(Problem(reason_of(pos), **_where(frame, pos, filename, sheet, column, header_of)))
        if len(positions) > MAX_LISTED:
            problems.append(Problem(_("… and %(n)s more rows with a problem in this column")
                                    % {"n": len(positions) - MAX_LISTED}, filename, sheet, None,
                                    header_of.get(column, column)))
        bad |= mask

    # Points
    p_codes, p_uniques = pd.factorize(frame["point"].astype(str).str.strip())
    p_ids = np.array([points.get(c, -1) for c in p_uniques], dtype=np.int64)
    point_id = p_ids[p_codes] if n else np.array([], np.int64)
    report(point_id < 0, "point", lambda pos: _("unknown monitoring point '%(code)s'; import the points first")
           % {"code": frame["point"].iat[pos]})
    # Dates
    dates, ok = parse_dates(frame["date"])
    report(~ok, "date", lambda pos: _("cannot read the date '%(text)s' (use YYYY-MM-DD or an Excel date)")
           % {"text": frame["date"].iat[pos]})
    # Analytes
    a_codes, a_uniques = pd.factorize(frame["analyte"].astype(str).str.strip())
    resolved, a_errors = _resolve_analytes(a_uniques, maps)
    a_err = np.array(a_errors, dtype=object)[a_codes] if n else np.array([], object)
    report(a_err != "", "analyte", lambda pos: a_err[pos])
    # Units, per distinct (analyte, unit)
    units_text = frame["unit"].astype(str).str.strip()
    pair_codes, pair_uniques = pd.factorize(pd.Series(a_codes).astype(str) + "\x1f" + units_text)
    pair_unit, pair_factor, pair_err = [], [], []
    for pair in pair_uniques:
        ai, utext = pair.split("\x1f", 1)
        analyte = resolved[int(ai)][2]
        u, f, e = _resolve_unit(utext, analyte, maps)
        pair_unit.append(u)
        pair_factor.append(f)
        pair_err.append(e)
    u_err = np.array(pair_err, dtype=object)[pair_codes] if n else np.array([], object)
    report((u_err != "") & (a_err == ""), "unit", lambda pos: u_err[pos])
    factor = np.array(pair_factor, dtype=float)[pair_codes] if n else np.array([], float)
    unit = np.array(pair_unit, dtype=object)[pair_codes] if n else np.array([], object)
    # Values
    reported = frame["value"].astype(str).str.strip()
    parsed = parse_reported(reported)
    catalogued = np.array([r[1] for r in resolved], dtype=bool)[a_codes] if n else np.array([], bool)
    qualitative = np.array([r[2] is not None and r[2].dimension == "qualitative" for r in resolved],
                           dtype=bool)[a_codes] if n else np.array([], bool)
    is_text = (parsed["error"].to_numpy() != "") & (~catalogued | qualitative)
    v_err = (parsed["error"].to_numpy() != "") & ~is_text
    report(v_err & (a_err == ""), "value", lambda pos: parsed["error"].iat[pos])
    limit_cols = [c for c in ("qualifier", "detection_limit", "detection_limit_unit", "unit") if c in frame.columns]
    limited, lim_err = apply_limits({k: c.to_numpy() for k, c in parsed.items()}, frame[limit_cols])
    value = np.asarray(limited["value"], dtype=float)
    qualifier = np.asarray(limited["qualifier"], dtype=object)
    dl = np.asarray(limited["detection_limit"], dtype=float)
    lim_col = "detection_limit" if "detection_limit" in frame.columns else "value"
    report((lim_err != "") & ~v_err & ~is_text & (a_err == ""), lim_col,
           lambda pos: f"{reported.iat[pos]!r}：{lim_err[pos]}")
    negative = (value < 0) & catalogued & ~np.isin(unit, ["℃", "pH"])
    report(negative & ~bad, "value", lambda pos: _("the negative value '%(text)s' is not a concentration")
           % {"text": reported.iat[pos]})

    out = pd.DataFrame({
        "point_id": point_id, "date": dates,
        "analyte": np.array([r[0] for r in resolved], dtype=object)[a_codes] if n else [],
        "catalogued": catalogued, "source_name": frame["analyte"].astype(str).str.strip().to_numpy(),
        "reported": reported.str.slice(0, 80).to_numpy(),
        "value": np.where(is_text, np.nan, value * factor), "qualifier": np.where(is_text, "", qualifier),
        "detection_limit": dl * factor, "unit": unit,
        "text_value": np.where(is_text, reported.str.slice(0, 120).to_numpy(), ""), "_row": frame["_row"].to_numpy(),
    })
    out["sample"] = (frame["sample"].astype(str).str.strip().to_numpy() if "sample" in frame.columns
                     else np.full(n, "", dtype=object))
    out["sample"] = np.where(out["sample"] == "", pd.Series(dates).astype(str).str.slice(0, 10).to_numpy(),
                             out["sample"])
    medium_text = (frame["medium"].astype(str).str.strip() if "medium" in frame.columns
                   else pd.Series(np.full(n, default_medium, dtype=object)))
    medium = medium_text.map(lambda t: MEDIA.get(t.lower(), MEDIA.get(t))).to_numpy()
    report(pd.isna(medium), "medium", lambda pos: _("unknown medium '%(text)s'; use 地下水, 土壤, 地表水 or 农产品")
           % {"text": medium_text.iat[pos]})
    out["medium"] = medium
    qc_text = frame["qc_type"].astype(str).str.strip() if "qc_type" in frame.columns else pd.Series([""] * n)
    qc = qc_text.map(QC_TYPES).to_numpy()
    report(pd.isna(qc), "qc_type", lambda pos: _("unknown QC type '%(text)s'; use 正常样 or 平行样")
           % {"text": qc_text.iat[pos]})
    out["qc_type"] = qc
    for fld in ("lab", "method", "parent_sample"):
        out[fld] = frame[fld].astype(str).str.strip().to_numpy() if fld in frame.columns else ""
    for fld in ("depth_top", "depth_bottom"):
        text = frame[fld].astype(str).str.strip() if fld in frame.columns else pd.Series([""] * n)
        num = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
        report((text != "").to_numpy() & np.isnan(num), fld,
               lambda pos, t=text: _("the depth '%(text)s' is not a number") % {"text": t.iat[pos]})
        out[fld] = num
    if "depth" in frame.columns:  # one column: 0.5, or a range 0-0.5 stored as top and bottom
        depth = split_depth(frame["depth"])
        d_err = depth["error"].to_numpy()
        report(d_err != "", "depth", lambda pos: f"{frame['depth'].iat[pos]!r}：{d_err[pos]}")
        for fld in ("depth_top", "depth_bottom"):
            out[fld] = np.where(np.isnan(out[fld].to_numpy(dtype=float)), depth[fld].to_numpy(), out[fld])
    out["duplicate"] = out.duplicated(["point_id", "sample", "date", "analyte"], keep=False).to_numpy()
    warnings = []
    n_dup = int(out["duplicate"].sum())
    if n_dup:
        first = int(np.flatnonzero(out["duplicate"].to_numpy())[0])
        warnings.append(Problem(_("%(n)s results are reported twice for the same sample and analyte; they are kept "
                                  "and flagged as duplicates") % {"n": n_dup}, filename, sheet,
                                int(out["_row"].iat[first])))
    dup_q = out.groupby(["point_id", "sample", "date"])["qc_type"].nunique()
    if (dup_q > 1).any():
        key = dup_q[dup_q > 1].index[0]
        problems.append(Problem(_("sample '%(sample)s' mixes normal and duplicate rows; give the field duplicate its "
                                  "own sample code") % {"sample": key[1]}, filename, sheet))
    return PreparedResults(out, problems, warnings)
