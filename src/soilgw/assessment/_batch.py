"""Shared input handling for every standard: long/wide sheets, analytes, units, values, duplicates.

A sheet with an ``analyte`` column is long (one row per result); otherwise it is wide and every
non-reserved column must read ``name (unit)``. Bad input raises :class:`InputError` carrying the row
position and column, which the CLI turns into "file, row, column: reason".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from soilgw.assessment.results import (
    RESERVED,
    apply_limits,
    canonical_columns,
    derive_sample_ids,
    parse_reported,
)
from soilgw.standards.analytes import UnknownAnalyteError, lookup
from soilgw.standards.units import UnitError, conversion_factor, get_unit

RULE_VERSION = "soilgw-assess-1"

_WIDE_HEADER = re.compile(r"^\s*(?P<name>.+?)\s*[(（\[](?P<unit>[^()（）\[\]]*)[)）\]]\s*$")


class InputError(ValueError):
    """Invalid input: ``reason`` at data row position ``row`` (0-based) and ``column`` (None if global)."""

    def __init__(self, reason: str, row: int | None = None, column: str | None = None):
        self.reason, self.row, self.column = reason, row, column
        where = ", ".join(p for p in (f"row {row}" if row is not None else "",
                                      f"column {column!r}" if column else "") if p)
        super().__init__(f"{where}: {reason}" if where else reason)


def wide_to_long(df: pd.DataFrame) -> pd.DataFrame:
    """Melt a wide sheet (one row per sample, one ``name (unit)`` column per analyte) to long form.

    Raises
    ------
    InputError
        For a non-reserved column that does not read ``name (unit)`` (names the column).
    """
    keep = [c for c in df.columns if c in RESERVED]
    others = [c for c in df.columns if c not in RESERVED and c != "_row"]
    if "sample_id" not in keep and "point_id" not in keep:
        raise InputError("no sample_id (样品编号) or point_id (点位编号) column", column="sample_id")
    pieces = []
    for col in others:
        m = _WIDE_HEADER.match(str(col))
        if not m:
            raise InputError("a wide sheet's analyte column must read 'name (unit)', e.g. 'Cd (mg/kg)'",
                             column=str(col))
        part = df[keep].copy()
        part["analyte"], part["unit"], part["value"] = m["name"], m["unit"], df[col]
        part["_row"] = df["_row"].to_numpy() if "_row" in df.columns else np.arange(len(df))
        part["_column"] = str(col)
        pieces.append(part)
    if not pieces:
        raise InputError("the wide sheet has no 'name (unit)' analyte columns")
    return pd.concat(pieces, ignore_index=True)


@dataclass(frozen=True)
class Prepared:
    """Validated long results: ``frame`` (one row per result) plus lookups the standards reuse."""

    frame: pd.DataFrame
    analyte_index: np.ndarray  # per row, index into analyte_uniques
    analyte_uniques: np.ndarray  # catalogue code of each distinct analyte spelling
    unit_index: np.ndarray  # per row, index into unit_uniques
    unit_uniques: np.ndarray  # canonical symbol of each distinct unit spelling
    qual_code: np.ndarray  # per row: 0 detect, 1 "<" non-detect, 2 ">" right-censored
    sample_index: np.ndarray  # per row, index into sample_uniques
    sample_uniques: np.ndarray  # distinct sample ids, in order of first appearance

    @property
    def analyte_codes(self) -> np.ndarray:
        """Catalogue code per row (object array)."""
        return self.analyte_uniques[self.analyte_index]

    def per_analyte(self, mapping: dict, default):
        """Per-row array of ``mapping[code]`` computed once per distinct analyte."""
        u = np.array([mapping.get(c, default) for c in self.analyte_uniques])
        return u[self.analyte_index] if len(u) else np.array([], dtype=u.dtype)


def _first_row(frame: pd.DataFrame, mask) -> int:
    pos = int(np.flatnonzero(np.asarray(mask))[0])
    return int(frame["_row"].iat[pos]) if "_row" in frame else pos


def _column(frame: pd.DataFrame, mask, default: str) -> str:
    if "_column" in frame:
        return str(frame["_column"].iat[int(np.flatnonzero(np.asarray(mask))[0])])
    return default


def _codes_and_uniques(s: pd.Series):
    if isinstance(s.dtype, pd.CategoricalDtype) and not s.isna().any():
        codes, cats = s.cat.codes.to_numpy(), s.cat.categories.to_numpy(dtype=object)
        used = np.bincount(codes, minlength=len(cats)) > 0
        if used.all():
            return codes, cats
        return (np.cumsum(used) - 1)[codes], cats[used]  # only the categories present
    codes, uniques = pd.factorize(s.astype(object).where(s.notna(), ""), sort=False)
    return codes, np.asarray(uniques, dtype=object)


def prepare(df: pd.DataFrame) -> Prepared:
    """Validate and normalise an input sheet (long or wide) into long results.

    Returns
    -------
    Prepared
        ``frame`` columns: the reserved columns present, ``analyte``, ``unit`` (as written), ``value``
        (float; DL for non-detects), ``qualifier``, ``detection_limit``, ``measured``, ``duplicate``,
        ``_row`` (source row position) and, for wide input, ``_column``.

    Raises
    ------
    InputError
        Unknown analyte, unknown unit, unit of the wrong dimension for the analyte, text in a value,
        negative concentration, missing required column.
    """
    frame = canonical_columns(df)
    if "analyte" not in frame.columns:
        frame = wide_to_long(frame)
    if "sample_id" not in frame.columns and "point_id" in frame.columns:
        frame = frame.assign(sample_id=derive_sample_ids(frame))  # one sample per point, date and depth
    for col in ("sample_id", "analyte", "value", "unit"):
        if col not in frame.columns:
            raise InputError(f"missing required column {col!r}", column=col)
    if "_row" not in frame.columns:
        frame = frame.assign(_row=np.arange(len(frame)))

    a_codes, a_uniques = _codes_and_uniques(frame["analyte"])
    analytes = []
    for i, name in enumerate(a_uniques):
        try:
            analytes.append(lookup(str(name)))
        except UnknownAnalyteError as exc:
            raise InputError(str(exc), _first_row(frame, a_codes == i), _column(frame, a_codes == i, "analyte")) from exc
    codes_u = np.array([a.code for a in analytes], dtype=object)

    u_codes, u_uniques = _codes_and_uniques(frame["unit"])
    units = []
    for i, text in enumerate(u_uniques):
        try:
            units.append(get_unit(str(text)))
        except UnitError as exc:
            raise InputError(str(exc), _first_row(frame, u_codes == i), _column(frame, u_codes == i, "unit")) from exc
    symbols_u = np.array([u.symbol for u in units], dtype=object)

    # Each (analyte, unit) pair once: the unit must measure the analyte's kind of quantity.
    pair = a_codes.astype(np.int64) * max(len(u_uniques), 1) + u_codes
    for p in np.flatnonzero(np.bincount(pair)):
        a, u = analytes[p // max(len(u_uniques), 1)], units[p % max(len(u_uniques), 1)]
        if u.dimension not in a.unit_dimensions:
            mask = pair == p
            raise InputError(f"unit {u.symbol!r} ({u.dimension}) cannot measure {a.label} "
                             f"(needs {' or '.join(sorted(a.unit_dimensions))})",
                             _first_row(frame, mask), _column(frame, mask, "unit"))

    qualitative = np.array([a.dimension == "qualitative" for a in analytes])[a_codes]
    numeric = pd.api.types.is_numeric_dtype(frame["value"].dtype) and not pd.api.types.is_bool_dtype(frame["value"])
    if numeric:  # already numbers: nothing to parse, NaN = not measured
        v = frame["value"].to_numpy(dtype=float)
        parsed = {"value": v, "qualifier": np.full(len(v), "", dtype=object), "detection_limit": np.full(len(v), np.nan),
                  "measured": ~np.isnan(v), "error": None}
    else:
        parsed = {k: c.to_numpy() for k, c in parse_reported(frame["value"]).items()}
    bad = (parsed["error"] != "") & ~qualitative if parsed["error"] is not None else np.zeros(len(frame), bool)
    if bad.any():
        raise InputError(parsed["error"][bad][0], _first_row(frame, bad), _column(frame, bad, "value"))
    if "qualifier" in frame.columns or "detection_limit" in frame.columns or not numeric:
        limited, lim_err = apply_limits(parsed, frame)
        lim_bad = (lim_err != "") & ~qualitative
        if lim_bad.any():
            col = "detection_limit" if "detection_limit" in frame.columns else "value"
            raise InputError(str(lim_err[lim_bad][0]), _first_row(frame, lim_bad), _column(frame, lim_bad, col))
        parsed = limited
    value = np.asarray(parsed["value"], dtype=float)
    qualifier = np.asarray(parsed["qualifier"], dtype=object)
    dl = np.asarray(parsed["detection_limit"], dtype=float)
    negative = (value < 0) & np.array([u.dimension in ("mass_fraction", "mass_concentration", "count",
                                                       "turbidity", "colour") for u in units])[u_codes]
    if negative.any():
        raise InputError(f"negative value {value[negative][0]!r} is not a concentration",
                         _first_row(frame, negative), _column(frame, negative, "value"))

    out = frame.copy(deep=False)  # columns are replaced, never modified in place
    out["value_reported"] = frame["value"]
    out["value"], out["qualifier"], out["detection_limit"] = value, qualifier, dl
    # A blank value with a non-detect qualifier and a detection limit is a non-detect, not "not measured".
    out["measured"] = np.asarray(parsed["measured"], dtype=bool) | ((qualifier == "<") & ~np.isnan(dl))
    s_codes, s_uniques = _codes_and_uniques(frame["sample_id"])
    _, code_index = np.unique(codes_u, return_inverse=True)
    dup_key = s_codes.astype(np.int64) * (len(codes_u) + 1) + code_index[a_codes]
    span = (len(s_uniques) + 1) * (len(codes_u) + 1)
    if span <= 4 * len(dup_key) + 1024:  # small key space: counting beats hashing
        out["duplicate"] = (np.bincount(dup_key, minlength=span) > 1)[dup_key]
    else:
        out["duplicate"] = pd.Series(dup_key).duplicated(keep=False).to_numpy()
    qual_code = np.zeros(len(out), dtype=np.int8)
    if "qualifier" in frame.columns or not numeric:
        qual_code = np.select([qualifier == "<", qualifier == ">"], [1, 2], default=0).astype(np.int8)
    return Prepared(out, a_codes, codes_u, u_codes, symbols_u, qual_code, s_codes, s_uniques)


def factors_to(prepared: Prepared, target_units: dict[str, str]) -> tuple[np.ndarray, pd.Categorical]:
    """Conversion factor of each row into its standard's table unit.

    Parameters
    ----------
    target_units : dict
        Analyte code → table unit (alternatives separated by "或" allowed).

    Returns
    -------
    factor : ndarray of float, shape (n,)
        NaN where the analyte is not in the table or the unit cannot be converted (not screened).
    reason : Categorical, shape (n,)
        Why a row is not screened (missing where it is).
    """
    n_u = max(len(prepared.unit_uniques), 1)
    key, uniq = pd.factorize(prepared.analyte_index.astype(np.int64) * n_u + prepared.unit_index, sort=False)
    f_u = np.full(len(uniq), np.nan)
    r_u: list[str] = []
    for i, k in enumerate(uniq):
        code, sym = prepared.analyte_uniques[k // n_u], prepared.unit_uniques[k % n_u]
        target = target_units.get(code)
        r_u.append("analyte not in this standard's tables" if target is None
                   else f"unit {sym} cannot be converted to the table unit {target}")
        for alt in (target or "").split("或"):
            try:
                f_u[i], r_u[i] = conversion_factor(sym, alt), ""
                break
            except UnitError:
                continue
    labels_u = [r for r in dict.fromkeys(r_u) if r]
    code_u = np.array([labels_u.index(r) if r else -1 for r in r_u], dtype=np.int16)
    reason = pd.Categorical.from_codes(code_u[key] if len(uniq) else np.array([], dtype=np.int16),
                                       categories=labels_u)
    return f_u[key] if len(uniq) else np.array([], dtype=float), reason


class Notes:
    """Per-row note column built from masks (later calls win), stored as a categorical."""

    def __init__(self, n: int):
        self.codes = np.full(n, -1, dtype=np.int16)
        self.categories: dict[str, int] = {}

    def _index(self, text: str) -> int:
        return self.categories.setdefault(text, len(self.categories))

    def set(self, mask: np.ndarray, text: str) -> None:
        """Write ``text`` where ``mask``."""
        if np.any(mask):
            self.codes[mask] = self._index(text)

    def add(self, mask: np.ndarray, reasons: pd.Categorical) -> None:
        """Write each row's ``reasons`` value where ``mask`` and the reason is not missing."""
        lut = np.array([self._index(c) for c in reasons.categories] or [-1], dtype=np.int16)
        codes = np.asarray(reasons.codes)
        m = np.asarray(mask) & (codes >= 0)
        self.codes[m] = lut[codes[m]]

    def categorical(self) -> pd.Categorical:
        """The note column (missing where no note)."""
        return pd.Categorical.from_codes(self.codes, categories=list(self.categories))


def reserved_series(prepared: Prepared, name: str) -> pd.Series | None:
    """A reserved column of the prepared frame, or None if the input had none."""
    return prepared.frame[name] if name in prepared.frame.columns else None


def constant(value: str, n: int) -> pd.Categorical:
    """A column holding one text value on every row, stored as a one-category categorical (1 byte/row)."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[value])


def labels(codes: np.ndarray, names) -> pd.Categorical:
    """Categorical from integer codes (-1 → missing) and their category names."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int16), categories=list(names))


def result_frame(prep: Prepared, columns: dict, *, standard: str, clause: str, method: str) -> pd.DataFrame:
    """Assemble the per-result output: identity columns, the standard's columns, provenance columns."""
    f = prep.frame
    n = len(f)
    base = {
        "sample_id": f["sample_id"].array,
        "analyte": f["analyte"].array,
        "analyte_code": pd.Categorical.from_codes(prep.analyte_index.astype(np.int32),
                                                  categories=pd.unique(prep.analyte_uniques))
        if len(set(prep.analyte_uniques)) == len(prep.analyte_uniques)
        else pd.Categorical(prep.analyte_codes),
        "value_reported": f["value_reported"].array,
        "value": f["value"].to_numpy(),
        "unit": f["unit"].array,
        "qualifier": f["qualifier"].to_numpy(),
        "detection_limit": f["detection_limit"].to_numpy(),
        "duplicate": f["duplicate"].to_numpy(),
    }
    base.update(columns)
    base.update({
        "standard": constant(standard, n),
        "clause": constant(clause, n),
        "comparison_method": constant(method, n),
        "rule_version": constant(RULE_VERSION, n),
        "source_row": f["_row"].to_numpy(),
    })
    return pd.DataFrame(base, index=f.index, copy=False)


def nullable_bool(values: np.ndarray, missing: np.ndarray) -> pd.arrays.BooleanArray:
    """Boolean column that is empty (NA) where ``missing`` — e.g. exceedance of an indeterminate result."""
    return pd.arrays.BooleanArray(np.asarray(values, dtype=bool), np.asarray(missing, dtype=bool))


def join_names(frame: pd.DataFrame, mask: np.ndarray, by: str = "sample_id", col: str = "analyte_code") -> pd.Series:
    """Per ``by`` group, the distinct ``col`` values where ``mask`` holds, joined with ";" (sorted).

    Vectorized: sort once and concatenate with ``np.add.reduceat`` (no Python call per group).
    """
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return pd.Series(dtype=object)
    g_all, g_uniques = _codes_and_uniques(frame[by])
    n_all, n_uniques = _codes_and_uniques(frame[col])
    names = np.array([str(x) for x in n_uniques], dtype=object)
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.argsort(names, kind="stable")] = np.arange(len(names))
    sorted_names = names[np.argsort(names, kind="stable")]
    pair = np.unique(g_all[mask].astype(np.int64) * len(names) + rank[n_all[mask]])
    g, nm = pair // len(names), pair % len(names)
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    joined = np.add.reduceat((sorted_names + ";")[nm], starts)
    g_uniques = np.asarray(g_uniques, dtype=object)
    return pd.Series([t[:-1] for t in joined], index=g_uniques[g[starts]])


def analyte_labels(prep: Prepared, labels_by_code: dict[str, str], mask: np.ndarray) -> pd.Categorical:
    """Categorical of ``labels_by_code[analyte]`` where ``mask`` (missing elsewhere), built from codes."""
    per_u = [labels_by_code.get(c, "") for c in prep.analyte_uniques]
    cats = [c for c in dict.fromkeys(per_u) if c]
    code_u = np.array([cats.index(c) if c else -1 for c in per_u] or [-1], dtype=np.int16)
    codes = code_u[prep.analyte_index] if len(prep.analyte_index) else np.array([], dtype=np.int16)
    return pd.Categorical.from_codes(np.where(mask, codes, -1), categories=cats)


def text_where(mask: np.ndarray, text: str) -> pd.Categorical:
    """Categorical holding ``text`` where ``mask`` and missing elsewhere."""
    return pd.Categorical.from_codes(np.where(mask, 0, -1).astype(np.int8), categories=[text])


def per_sample_max(prep: Prepared, values: np.ndarray) -> np.ndarray:
    """Maximum of non-negative integer ``values`` per sample (0 for a sample without rows)."""
    out = np.zeros(len(prep.sample_uniques), dtype=np.int64)
    np.maximum.at(out, prep.sample_index, np.asarray(values, dtype=np.int64))
    return out


def per_sample_all(prep: Prepared, flags: np.ndarray) -> np.ndarray:
    """True for samples where every row's flag is True."""
    out = np.ones(len(prep.sample_uniques), dtype=bool)
    out[prep.sample_index[~np.asarray(flags, dtype=bool)]] = False
    return out


def per_sample_names(prep: Prepared, mask: np.ndarray) -> np.ndarray:
    """Per sample, the distinct analyte codes of rows where ``mask``, sorted and joined with ";" ("" if none)."""
    out = np.full(len(prep.sample_uniques), "", dtype=object)
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return out
    names, inverse = np.unique(prep.analyte_uniques.astype(str), return_inverse=True)
    present = np.zeros((len(prep.sample_uniques), len(names)), dtype=bool)
    present[prep.sample_index[mask], inverse[prep.analyte_index[mask]]] = True
    g, nm = np.nonzero(present)  # row-major: grouped by sample, names sorted
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    pieces = (";" + names.astype(object))[nm]
    pieces[starts] = names.astype(object)[nm[starts]]  # no separator before a sample's first name
    out[g[starts]] = np.add.reduceat(pieces, starts)
    return out


#: Ion reported as the ion → the table's "as N" item, with the exact mass ratio (IUPAC 2021 atomic weights:
#: N 14.007, O 15.999, H 1.008). Applied only when the table lists the "as N" item and not the ion itself.
EQUIVALENTS = {
    "nitrate": ("nitrate_n", 14.007 / (14.007 + 3 * 15.999), "nitrate as NO3- converted to nitrate-N (x 14.007/62.004)"),
    "ammonium": ("ammonia_n", 14.007 / (14.007 + 4 * 1.008), "ammonium as NH4+ converted to ammonia-N (x 14.007/18.039)"),
}


def with_equivalents(prep: Prepared, table_codes) -> tuple[Prepared, np.ndarray, Notes]:
    """Map ions reported as the ion (NO3-, NH4+) to the table's "as N" item.

    Returns
    -------
    prepared : Prepared
        With those analytes' codes replaced by the table item's code.
    factor : ndarray of float, shape (n,)
        Stoichiometric factor per row (1 where nothing was converted).
    notes : Notes
        A note on every converted row.
    """
    table_codes = set(table_codes)
    codes = prep.analyte_uniques.copy()
    factor_u = np.ones(len(codes))
    note_u = [""] * len(codes)
    for i, code in enumerate(codes):
        eq = EQUIVALENTS.get(code)
        if eq and eq[0] in table_codes and code not in table_codes:
            codes[i], factor_u[i], note_u[i] = eq
    notes = Notes(len(prep.analyte_index))
    for i, text in enumerate(note_u):
        if text:
            notes.set(prep.analyte_index == i, text)
    factor = factor_u[prep.analyte_index] if len(codes) else np.ones(0)
    return replace(prep, analyte_uniques=codes), factor, notes
