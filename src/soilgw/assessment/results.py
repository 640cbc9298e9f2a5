"""The lab-results boundary: one column vocabulary, one reported-value parser, one unit rule.

Every reader of measurements (``soilgw assess|trend|stats|risk``, the lab-sheet import) goes through this
module. Nothing here imports Django.

Column vocabulary
    ``standards/data/result_columns.csv`` (data, not code): one row per canonical column with the Chinese and
    English headers labs use. ``point_id`` (采样点位, 点位编号, 监测井编号 …) and ``sample_id`` (样品编号 …) are
    distinct: a point has many samples. A sheet with a point but no sample column gets one sample per
    point, date and depth (never two samplings merged into one).

Reported values (after Unicode NFKC folding, so full-width digits, ``＜`` and the micro sign work)

=============================  ==========================================================
``0.12``, ``1.2E-3``,           a detected value
``1.2×10-3``, ``1.2×10⁻³``
``<0.05``, ``＜0.05``           non-detect, detection limit 0.05
``0.05L``                       non-detect in the Chinese monitoring convention (DL then "L", HJ 630-2011)
``ND<0.05``, ``ND(0.05)``,      non-detect with its detection limit
``未检出（0.05）``
``ND``, ``N.D.``, ``未检出``     non-detect; the limit must come from a ``检出限`` column
``>1600``                       right-censored value (counts above the method's range)
``/``, ``—``, ``-``, blank      not measured (never zero)
=============================  ==========================================================

Policy: a non-detect whose limit is missing or not positive (``ND<0.000``, ``<0``, ``0L``, ``ND(0)``, ``未检出``
with no limit) is a row-level error naming the row, never a silent 0. For a non-detect ``value`` holds the
detection limit (no ½·DL substitution here).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from soilgw.standards.analytes import UnknownAnalyteError, fold_name, lookup
from soilgw.standards.loader import load_table
from soilgw.standards.units import UnitError, conversion_factor, get_unit

_VOCAB = load_table("result_columns")
#: Canonical column → accepted headers (as data in ``standards/data/result_columns.csv``).
RESERVED: dict[str, tuple[str, ...]] = {
    row.column: tuple(a.strip() for a in row.aliases.split(";") if a.strip()) for row in _VOCAB.itertuples()
}
_HEADER_INDEX = {fold_name(alias): canon for canon, aliases in RESERVED.items() for alias in aliases}

#: Qualifier-column entries meaning "non-detect" (folded upper case).
ND_QUALIFIERS = frozenset({"<", "ND", "L", "＜", "未检出", "TRUE", "BDL", "U"})

_NUM = r"[+-]?(?:\d+\.?\d*|\.\d+)"
_EXP = r"(?:\s*(?:[×xX*]\s*10\s*\^?\s*(?P<e1>[+-]?\d+)|[eE](?P<e2>[+-]?\d+)))?"
_PATTERN = (
    rf"^(?:(?P<q><|>|≤)\s*(?P<n1>{_NUM}){_EXP.replace('e1', 'f1').replace('e2', 'f2')}"
    rf"|(?P<n2>{_NUM}){_EXP}\s*(?P<L>l)?"
    rf"|(?P<nd>nd|n\.d\.|未检出|notdetected|not detected|bdl|<dl|<lod)"
    rf"(?:\s*(?:\(\s*(?:<\s*)?(?P<n3>{_NUM})\s*\)|<\s*(?P<n4>{_NUM})))?)$"
)
_NOT_MEASURED = {"", "/", "-", "--", "—", "——", "–", "nan", "na", "n/a", "未测", "未检测", "none"}

PARSED_COLUMNS = ("value", "qualifier", "detection_limit", "measured", "error")


def column_for(header) -> str | None:
    """The canonical column a header names (any accepted spelling, see :data:`RESERVED`), or None."""
    return _HEADER_INDEX.get(fold_name(header))


def template_header(column: str) -> str:
    """The Chinese header the platform's templates print for a canonical column (its first Chinese alias)."""
    return next((a for a in RESERVED[column] if any("\u4e00" <= ch <= "\u9fff" for ch in a)), column)


def canonical_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Rename reserved headers (any accepted spelling, see :data:`RESERVED`) to their canonical names.

    The first header that maps to a canonical name wins; the user's own header is kept in
    ``frame.attrs["headers"]`` (canonical → as written) for messages.
    """
    mapping = {}
    for col in df.columns:
        canon = column_for(col)
        if canon and canon not in mapping.values():
            mapping[col] = canon
    out = df.rename(columns=mapping, copy=False)
    out.attrs = {**df.attrs, "headers": {v: str(k) for k, v in mapping.items()}}
    return out


def _scaled(mantissa: pd.Series, exp_a: pd.Series, exp_b: pd.Series) -> pd.Series:
    exp = pd.to_numeric(exp_a, errors="coerce").fillna(pd.to_numeric(exp_b, errors="coerce")).fillna(0.0)
    return pd.to_numeric(mantissa, errors="coerce") * np.power(10.0, exp)


def parse_reported(texts: pd.Series) -> pd.DataFrame:
    """Parse a column of reported values, vectorized.

    Parameters
    ----------
    texts : pandas.Series, shape (n,)
        Text or numbers as reported [unit of the result].

    Returns
    -------
    pandas.DataFrame, shape (n, 5), same index
        ``value`` (float; the detection limit for non-detects, NaN when not measured or unparsed),
        ``qualifier`` (``""`` detect, ``"<"`` non-detect, ``">"`` right-censored),
        ``detection_limit`` (float or NaN when the text gives none), ``measured`` (bool; False for ``/``,
        ``—``, blank), ``error`` (``""`` when parsed, else the reason, Chinese and English).

    Notes
    -----
    Never raises on bad text: the caller decides. A limit written as ≤ 0 is an error here; a non-detect
    without any limit is left NaN for :func:`apply_limits` (the limit may be in a column). Each distinct
    text is parsed once (lab columns repeat ``ND``, ``<0.05`` and rounded values).
    """
    if pd.api.types.is_numeric_dtype(texts.dtype) and not pd.api.types.is_bool_dtype(texts.dtype):
        vals = texts.to_numpy(dtype=float)
        return pd.DataFrame({"value": vals, "qualifier": np.full(len(vals), "", dtype=object),
                             "detection_limit": np.full(len(vals), np.nan), "measured": ~np.isnan(vals),
                             "error": np.full(len(vals), "", dtype=object)}, index=texts.index)
    codes, distinct = factorize_text(texts)
    out = _parse_texts(distinct).take(codes)
    out.index = texts.index
    return out


def factorize_text(column) -> tuple[np.ndarray, pd.Series]:
    """Codes (shape (n,)) and the distinct texts of ``column`` (a Series or 1-d array) as ``str`` (missing →
    ``""``): work done per distinct text, then expanded by code, costs what the distinct values cost."""
    column = pd.Series(column, dtype=object) if not isinstance(column, pd.Series) else column
    codes, distinct = pd.factorize(column.astype(object).where(column.notna(), "").astype(str).to_numpy())
    return codes, pd.Series(distinct, dtype=object)


def by_text(column, fn) -> np.ndarray:
    """``fn`` (Series of str → Series) applied once per distinct text of ``column``; shape (n,)."""
    codes, distinct = factorize_text(column)
    return np.asarray(fn(distinct))[codes]


def _parse_texts(raw: pd.Series) -> pd.DataFrame:
    """:func:`parse_reported` on a column of text (no missing values), one row per entry of ``raw``."""
    n = len(raw)
    out = pd.DataFrame(
        {
            "value": np.full(n, np.nan),
            "qualifier": np.full(n, "", dtype=object),
            "detection_limit": np.full(n, np.nan),
            "measured": np.ones(n, dtype=bool),
            "error": np.full(n, "", dtype=object),
        },
        index=raw.index,
    )
    s = raw.str.normalize("NFKC").str.strip().str.replace("−", "-", regex=False)
    plain = pd.to_numeric(s.where(~s.str.lower().isin(["nan", "inf", "-inf", "+inf", "infinity"]), ""),
                          errors="coerce")
    done = plain.notna() & np.isfinite(plain.fillna(0.0))
    out.loc[done, "value"] = plain[done]

    lower = s.str.lower()
    blank = ~done & lower.isin(_NOT_MEASURED)
    out.loc[blank, "measured"] = False

    rest = ~done & ~blank
    if rest.any():
        sub = lower[rest].str.replace(r"\s+", " ", regex=True)
        m = sub.str.extract(_PATTERN)
        q_val = _scaled(m["n1"], m["f1"], m["f2"])
        d_val = _scaled(m["n2"], m["e1"], m["e2"])
        nd_dl = pd.to_numeric(m["n3"], errors="coerce").fillna(pd.to_numeric(m["n4"], errors="coerce"))
        is_q = m["q"].notna()
        is_l = m["n2"].notna() & m["L"].notna()
        is_d = m["n2"].notna() & m["L"].isna()
        is_nd = m["nd"].notna()
        value = pd.Series(np.nan, index=sub.index)
        value[is_q] = q_val[is_q]
        value[is_l | is_d] = d_val[is_l | is_d]
        value[is_nd] = nd_dl[is_nd]
        qual = pd.Series("", index=sub.index, dtype=object)
        qual[is_q] = np.where(m.loc[is_q, "q"].eq(">"), ">", "<")
        qual[is_l | is_nd] = "<"
        out.loc[sub.index, "value"] = value
        out.loc[sub.index, "qualifier"] = qual
        censored_low = qual.eq("<")
        out.loc[censored_low[censored_low].index, "detection_limit"] = value[censored_low]
        bad = ~(is_q | is_l | is_d | is_nd) | ~np.isfinite(value.fillna(1.0))
        if bad.any():
            idx = bad[bad].index
            out.loc[idx, "error"] = [f"无法识别的检测结果 {t!r} / cannot read {t!r} as a value, a non-detect "
                                     "(<DL, DL+L, ND<DL, ND(DL)) or '/'" for t in raw[idx]]
        zero = censored_low & (value <= 0) & ~bad
        if zero.any():
            idx = zero[zero].index
            out.loc[idx, "error"] = [f"检出限必须大于0: {t!r} / a detection limit must be positive: {t!r}"
                                     for t in raw[idx]]
    return out


def parse_reported_one(text) -> dict:
    """Parse one reported value; returns a dict with the keys of :func:`parse_reported`'s columns."""
    row = parse_reported(pd.Series([text], dtype=object)).iloc[0]
    return {k: row[k] for k in PARSED_COLUMNS}


def nondetect_flags(qualifiers: pd.Series) -> np.ndarray:
    """True where a qualifier-column entry marks a non-detect (``<``, ``ND``, ``L``, ``未检出`` …)."""
    return by_text(qualifiers, lambda q: q.str.normalize("NFKC").str.strip().str.upper().isin(ND_QUALIFIERS))


def limit_factor(dl_units: pd.Series, value_units: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Factor converting each detection limit from its own unit into the value's unit.

    Returns
    -------
    factor : ndarray of float, shape (n,)
        1 where the limit unit is blank (same unit as the value); NaN where it cannot be converted.
    error : ndarray of object, shape (n,)
        ``""`` or the reason (Chinese and English).
    """
    dl_u = dl_units.astype(object).where(dl_units.notna(), "").astype(str).str.strip()
    v_u = value_units.astype(object).where(value_units.notna(), "").astype(str)
    factor = np.ones(len(dl_u))
    error = np.full(len(dl_u), "", dtype=object)
    pairs = pd.DataFrame({"d": dl_u.to_numpy(), "v": v_u.to_numpy()})
    for (d, v), idx in pairs.groupby(["d", "v"], sort=False).indices.items():
        if not d:
            continue
        try:
            factor[idx] = conversion_factor(get_unit(d).symbol, get_unit(v).symbol)
        except UnitError as exc:
            factor[idx] = np.nan
            zh, _, en = str(exc).partition(" / ")  # the unit error in both languages
            error[idx] = (f"检出限单位 {d!r} 无法换算为 {v!r}：{zh} / "
                          f"detection-limit unit {d!r} cannot be converted to {v!r}: {en or zh}")
    return factor, error


def apply_limits(parsed: dict, frame: pd.DataFrame) -> tuple[dict, np.ndarray]:
    """Fold the qualifier and detection-limit columns into parsed values and apply the non-detect policy.

    Parameters
    ----------
    parsed : dict of ndarray
        Output of :func:`parse_reported` as arrays.
    frame : pandas.DataFrame
        Canonical columns; uses ``qualifier``, ``detection_limit``, ``detection_limit_unit`` and ``unit``
        when present.

    Returns
    -------
    parsed : dict
        ``value``, ``qualifier``, ``detection_limit`` updated (limits in the value's unit).
    error : ndarray of object, shape (n,)
        Row-level reason (``""`` when fine): missing or non-positive limit of a non-detect, an
        unconvertible limit unit, text in the limit column.
    """
    value = np.asarray(parsed["value"], dtype=float)
    qualifier = np.asarray(parsed["qualifier"], dtype=object)
    dl = np.asarray(parsed["detection_limit"], dtype=float)
    error = np.full(len(value), "", dtype=object)
    if "qualifier" in frame.columns:
        nd_in = nondetect_flags(frame["qualifier"])
        qualifier = np.where(nd_in, "<", qualifier)
        dl = np.where(nd_in & np.isnan(dl), value, dl)
    if "detection_limit" in frame.columns:
        dl_raw = frame["detection_limit"]
        codes, distinct = factorize_text(dl_raw)
        dl_col = pd.to_numeric(distinct.str.normalize("NFKC").str.strip(), errors="coerce").to_numpy(float)[codes]
        written = (distinct.str.strip() != "").to_numpy()[codes] & dl_raw.notna().to_numpy()
        error[written & np.isnan(dl_col)] = "检出限不是数值 / the detection limit is not a number"
        if "detection_limit_unit" in frame.columns and "unit" in frame.columns:
            f, f_err = limit_factor(frame["detection_limit_unit"], frame["unit"])
            dl_col = dl_col * f
            error = np.where(f_err != "", f_err, error)
        fill = (qualifier == "<") & np.isnan(dl)
        value = np.where(fill, dl_col, value)
        dl = np.where(np.isnan(dl), dl_col, dl)  # a detect keeps its method's limit too (QA: detect below DL)
    nd = qualifier == "<"
    missing = nd & np.isnan(dl) & (error == "")
    error[missing] = "未检出但没有检出限（请填写检出限列） / non-detect without a detection limit (fill the 检出限 column)"
    nonpos = nd & (dl <= 0) & (error == "")
    error[nonpos] = "检出限必须大于0 / a detection limit must be positive"
    return {**parsed, "value": value, "qualifier": qualifier, "detection_limit": dl}, error


def nondetect_limit_problems(frame: pd.DataFrame) -> np.ndarray:
    """Per row, why a non-detect has no usable detection limit: ``"missing"``, ``"not_positive"`` or ``""``.

    The policy of :func:`apply_limits` as a mask, for a loader of a published dataset that sets such rows
    aside (and counts them) instead of refusing the file. ``frame`` has any accepted headers.
    """
    f = canonical_columns(frame).reset_index(drop=True)
    parsed = {k: c.to_numpy() for k, c in parse_reported(f["value"]).items()}
    limited, _ = apply_limits(parsed, f.drop(columns=["detection_limit_unit"], errors="ignore"))
    nd = np.asarray(limited["qualifier"], dtype=object) == "<"
    dl = np.asarray(limited["detection_limit"], dtype=float)
    return np.select([nd & np.isnan(dl), nd & (dl <= 0)], ["missing", "not_positive"], "").astype(object)


def split_depth(texts: pd.Series) -> pd.DataFrame:
    """Read depths as a single value or a range ``0-0.5`` / ``0～0.5`` / ``0~0.5`` [m].

    Returns
    -------
    pandas.DataFrame, shape (n, 3)
        ``depth_top``, ``depth_bottom`` (float m; equal for a single value; NaN for blank) and ``error``.
    """
    s = texts.astype(object).where(texts.notna(), "").astype(str).str.normalize("NFKC").str.strip()
    s = s.str.replace(r"\s*(?:m|米)$", "", regex=True)
    m = s.str.extract(rf"^(?P<a>{_NUM})(?:\s*[-~～至]\s*(?P<b>{_NUM}))?$")
    top = pd.to_numeric(m["a"], errors="coerce")
    bottom = pd.to_numeric(m["b"], errors="coerce").fillna(top)
    bad = (s != "") & (top.isna() | (bottom < top))
    err = np.where(bad, "无法识别的深度（应为 0.5 或 0-0.5）/ cannot read the depth (write 0.5 or 0-0.5)", "")
    return pd.DataFrame({"depth_top": top.to_numpy(), "depth_bottom": bottom.to_numpy(), "error": err},
                        index=texts.index)


def derive_sample_ids(frame: pd.DataFrame) -> pd.Series:
    """Sample id per row: the ``sample_id`` column, else point + date + depth (one sample per sampling).

    Raises
    ------
    KeyError
        If neither ``sample_id`` nor ``point_id`` is present.
    """
    if "sample_id" in frame.columns:
        return frame["sample_id"]
    if "point_id" not in frame.columns:
        raise KeyError("sample_id")
    sid = frame["point_id"].astype(str)
    for col in ("date", "depth"):
        if col in frame.columns:
            part = frame[col].astype(object).where(frame[col].notna(), "").astype(str).str.strip()
            sid = sid.where(part == "", sid + " " + part)
    return sid


@dataclass(frozen=True)
class Problem:
    """One problem in an input sheet.

    ``row`` is the 0-based data row (None for the whole file), ``column`` the canonical column, ``header``
    the user's own header, ``reason_zh`` / ``reason_en`` the reason in Chinese and English.
    """

    row: int | None
    column: str | None
    header: str | None
    reason_zh: str
    reason_en: str

    def __str__(self) -> str:
        where = ", ".join(p for p in (f"第{self.row + 2}行 (line {self.row + 2})" if self.row is not None else "",
                                      f"列 {self.header!r}" if self.header else "") if p)
        return f"{where}: {self.reason_zh} / {self.reason_en}" if where else f"{self.reason_zh} / {self.reason_en}"


@dataclass
class ResultsError(ValueError):
    """Raised by :func:`prepare_results` with every :class:`Problem` found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def describe(self, source: str, rows=None) -> str:
        """Every problem on its own line as ``source: row N, column 'header': 中文 / English``.

        ``rows``: the spreadsheet row number of each frame row (default: header = row 1, data from row 2).
        """
        lines = []
        for p in self.problems:
            n = None if p.row is None else (int(rows[p.row]) if rows is not None else p.row + 2)
            where = ", ".join(x for x in (f"row {n}" if n is not None else "",
                                          f"column {p.header!r}" if p.header else "") if x)
            lines.append(f"{source}: {where + ': ' if where else ''}{p.reason_zh} / {p.reason_en}")
        return "\n".join(lines)


def _split(reason: str) -> tuple[str, str]:
    zh, sep, en = reason.partition(" / ")
    return (zh, en) if sep else (reason, reason)


def _analyte_hint(name: str) -> str:
    from soilgw.standards.analytes import _catalogue  # the catalogue's folded index

    _, index, display = _catalogue()
    close = difflib.get_close_matches(fold_name(name), list(index), n=5, cutoff=0.6)
    return ", ".join(f"{display[c]} ({index[c]})" for c in close) or "—"


def validate_results(frame: pd.DataFrame) -> list[Problem]:
    """Every problem of a long results sheet (one row per result), without stopping at the first.

    Parameters
    ----------
    frame : pandas.DataFrame
        As read (any accepted headers; see :data:`RESERVED`). Data row ``i`` is position ``i``.

    Returns
    -------
    list of Problem
        Missing columns, unknown analytes (with the closest catalogue names), unknown or wrong-kind units,
        unreadable values, non-detects without a positive limit, bad detection-limit units, bad depths,
        negative concentrations. Empty when the sheet is valid.
    """
    return _prepare(frame)[1]


def prepare_results(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate and normalise a long results sheet; values go into their dimension's canonical unit.

    Parameters
    ----------
    frame : pandas.DataFrame
        Text or numeric values, optional qualifier, detection-limit and detection-limit-unit columns.

    Returns
    -------
    pandas.DataFrame, one row per result
        ``point_id`` (if given), ``sample_id``, ``date``/``depth`` (if given), ``depth_top``, ``depth_bottom``
        [m], ``analyte`` (as written), ``analyte_code``, ``value_reported``, ``unit_reported``, ``unit``
        (canonical: mg/L, mg/kg, MPN/100mL …), ``unit_factor`` (reported → canonical), ``value``,
        ``qualifier``, ``detection_limit`` (canonical unit), ``measured``, ``source_row``.

    Raises
    ------
    ResultsError
        With every problem of :func:`validate_results`.
    """
    out, problems = _prepare(frame)
    if problems:
        raise ResultsError(problems)
    return out


_BASE_UNIT = {"mass_fraction": "mg/kg", "mass_concentration": "mg/L"}


def _prepare(df: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    frame = canonical_columns(df).reset_index(drop=True)
    headers = frame.attrs.get("headers", {})
    problems: list[Problem] = []

    def add(rows, column, reason, suffix=""):
        zh, en = _split(reason)
        zh, en = zh + suffix, en + suffix
        for r in (rows if rows is not None else [None]):
            problems.append(Problem(None if r is None else int(r), column, headers.get(column, column), zh, en))

    for col in ("analyte", "value", "unit"):
        if col not in frame.columns:
            add(None, col, f"缺少必需列 {col} / missing column {col!r} (required; "
                f"accepted headers: {', '.join(RESERVED[col])})")
    try:
        sample = derive_sample_ids(frame)
    except KeyError:
        add(None, "sample_id", "缺少样品编号或点位编号列 / missing a sample_id (样品编号) or point_id (点位编号) column")
        sample = None
    if problems:
        return pd.DataFrame(), problems

    n = len(frame)
    codes = np.full(n, None, dtype=object)
    for name, idx in frame.groupby(frame["analyte"].astype(str), sort=False).indices.items():
        try:
            codes[idx] = lookup(name).code
        except UnknownAnalyteError:
            add(idx, "analyte", f"未知检测项目 {name!r}，最接近的名称：{_analyte_hint(name)} / unknown analyte "
                f"{name!r}; closest catalogue names: {_analyte_hint(name)}")
    unit_sym = np.full(n, None, dtype=object)
    factor = np.full(n, np.nan)
    units_text = frame["unit"].astype(object).where(frame["unit"].notna(), "").astype(str)
    for (text, code), idx in pd.DataFrame({"u": units_text, "c": codes}).groupby(
            ["u", "c"], sort=False, dropna=False).indices.items():
        try:
            u = get_unit(text)
        except UnitError:
            add(idx, "unit", f"未知单位 {text!r} / unknown unit {text!r}")
            continue
        if code is not None and not pd.isna(code):
            a = lookup(code)
            if u.dimension not in a.unit_dimensions:
                add(idx, "unit", f"单位 {u.symbol} 不能用于 {a.name_zh} / unit {u.symbol!r} cannot measure {a.name_en}")
                continue
        base = _BASE_UNIT.get(u.dimension, u.symbol)
        unit_sym[idx], factor[idx] = base, conversion_factor(u.symbol, base) if base != u.symbol else 1.0

    parsed = {k: c.to_numpy() for k, c in parse_reported(frame["value"]).items()}
    bad = np.flatnonzero(parsed["error"] != "")
    for r in bad:
        add([r], "value", parsed["error"][r])
    parsed, lim_err = apply_limits(parsed, frame)
    no_limit = (np.asarray(parsed["qualifier"]) == "<") & np.isnan(np.asarray(parsed["detection_limit"], float))
    for r in np.flatnonzero((lim_err != "") & (parsed["error"] == "")):
        col = "detection_limit" if "detection_limit" in frame.columns or no_limit[r] else "value"
        add([r], col, lim_err[r], f" ({frame['value'].iat[r]!r})")
    value = parsed["value"]
    neg = np.flatnonzero((value < 0) & np.isin(unit_sym, list(_BASE_UNIT.values())))
    for r in neg:
        add([r], "value", f"浓度不能为负 {value[r]!r} / negative value {value[r]!r} is not a concentration")

    out = pd.DataFrame({"sample_id": sample.to_numpy()})
    for col in ("point_id", "site_id", "date", "depth", "lon", "lat"):
        if col in frame.columns:
            out[col] = frame[col].to_numpy()
    if "depth" in frame.columns:
        d = split_depth(frame["depth"])
        for r in np.flatnonzero(d["error"].to_numpy() != ""):
            add([r], "depth", d["error"].iat[r])
        out["depth_top"], out["depth_bottom"] = d["depth_top"].to_numpy(), d["depth_bottom"].to_numpy()
    out["analyte"] = frame["analyte"].to_numpy()
    out["analyte_code"] = codes
    out["value_reported"] = frame["value"].to_numpy()
    out["unit_reported"] = frame["unit"].to_numpy()
    out["unit"] = unit_sym
    out["unit_factor"] = factor
    out["value"] = value * factor
    out["qualifier"] = parsed["qualifier"]
    out["detection_limit"] = parsed["detection_limit"] * factor
    out["measured"] = np.asarray(parsed["measured"], bool) | ((parsed["qualifier"] == "<")
                                                              & ~np.isnan(parsed["detection_limit"]))
    out["source_row"] = np.arange(n)
    problems.sort(key=lambda p: (-1 if p.row is None else p.row, p.column or ""))
    return out, problems
