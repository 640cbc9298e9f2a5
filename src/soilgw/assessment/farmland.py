"""Farmland soil, GB 15618-2018: screening/intervention levels per result, category per sample.

Per result: screening value S (Table 1/2, by land-use column and pH bin), intervention value G (Table 3),
``level`` I (C ≤ S), II (S < C ≤ G), III (C > G). Per sample: the worst level among the classification
elements (default Cd, Hg, As, Pb, Cr — the five with intervention values) gives the category
I → priority_protection, II → safe_utilization, III → strict_control. Elements above screening that are
not classification elements are listed in ``attention_analytes`` and do not change the category.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from soilgw.assessment import compare as cmp
from soilgw.assessment._batch import (
    InputError,
    Notes,
    Prepared,
    _codes_and_uniques,
    analyte_labels,
    factors_to,
    labels,
    nullable_bool,
    per_sample_all,
    per_sample_max,
    per_sample_names,
    prepare,
    result_frame,
    text_where,
)
from soilgw.standards.analytes import fold_name, lookup
from soilgw.standards.limits import LAND_COLUMNS, PH_EDGES, gb15618

STANDARD = "GB 15618-2018"
CLAUSE = "GB 15618-2018 §4 Table 1 (basic items), Table 2 (other items); §5 Table 3 (intervention)"
DEFAULT_CLASSIFICATION_ELEMENTS = ("cd", "hg", "as", "pb", "cr")
CATEGORIES = {1: "priority_protection", 2: "safe_utilization", 3: "strict_control"}
LEVELS = ("I", "II", "III")

#: Accepted land-use words → column of Table 1 (paddy, other, orchard, rotation).
LAND_USE = {
    fold_name(k): v
    for k, v in {
        "paddy": "paddy", "水田": "paddy", "dryland": "other", "upland": "other", "旱地": "other", "other": "other",
        "其他": "other", "orchard": "orchard", "果园": "orchard", "rotation": "rotation",
        "水旱轮作": "rotation", "水旱轮作地": "rotation",
    }.items()
}
ROTATION_NOTE = ("rotation uses the stricter of the paddy and other screening values (Table 1 footnote b, "
                 "quoted from memory in the transcription: verified=false)")


@dataclass(frozen=True)
class FarmlandAssessment:
    """Result of :func:`assess_gb15618`.

    Attributes
    ----------
    results : DataFrame, one row per input result
    samples : DataFrame, one row per sample (category, deciding and attention analytes)
    standard, method : str
        Standard applied and GB/T 8170 comparison method used.
    parameters : dict
        Classification elements, default land use and every option actually used.
    """

    results: pd.DataFrame
    samples: pd.DataFrame
    standard: str
    method: str
    parameters: dict = field(default_factory=dict)

    @property
    def not_screened(self) -> pd.DataFrame:
        """Rows that no GB 15618 value applies to, with the reason."""
        return self.results[self.results["result_status"] == cmp.NOT_SCREENED]


def _land_index(prep: Prepared, land_use: str | None) -> np.ndarray:
    f = prep.frame
    if "land_use" in f.columns and not f["land_use"].isna().any():
        col = f["land_use"]
    elif "land_use" in f.columns:
        col = f["land_use"].astype(object).where(f["land_use"].notna(), land_use or "")
    elif land_use is not None:
        col = pd.Series(land_use, index=f.index)
    else:
        raise InputError("GB 15618 needs the land use (column land_use/用地类型 or --land-use): "
                         "paddy, dryland, orchard, other or rotation", column="land_use")
    codes, uniques = _codes_and_uniques(col)
    idx = np.empty(len(uniques), dtype=np.int8)
    for i, text in enumerate(uniques):
        land = LAND_USE.get(fold_name(str(text)))
        if land is None:
            raise InputError(f"unknown land use {text!r}; use paddy/水田, dryland/旱地, orchard/果园, "
                             "other/其他 or rotation/水旱轮作", int(np.flatnonzero(codes == i)[0]), "land_use")
        idx[i] = LAND_COLUMNS.index(land)
    return idx[codes]


def _sample_ph(prep: Prepared) -> np.ndarray:
    f = prep.frame
    ph = pd.to_numeric(f["ph"], errors="coerce").to_numpy(dtype=float) if "ph" in f.columns else None
    is_ph_row = prep.analyte_codes == "ph"
    if is_ph_row.any():  # pH reported as a result row of the same sample
        by_sample = pd.Series(f["value"].to_numpy()[is_ph_row], index=f["sample_id"].to_numpy()[is_ph_row])
        from_rows = f["sample_id"].map(by_sample.groupby(level=0).first()).to_numpy(dtype=float)
        ph = from_rows if ph is None else np.where(np.isnan(ph), from_rows, ph)
    if ph is None:
        ph = np.full(len(f), np.nan)
    return ph


def assess_gb15618(
    df: pd.DataFrame,
    *,
    land_use: str | None = None,
    classification_elements=DEFAULT_CLASSIFICATION_ELEMENTS,
    comparison: str = "full_value",
) -> FarmlandAssessment:
    """Judge farmland soil results against GB 15618-2018.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        Long (``sample_id, analyte, value, unit`` [+ ``ph``, ``land_use``, ``qualifier``,
        ``detection_limit``]) or wide input; pH may also be a result row of the sample.
        Concentrations in any mass-fraction unit [mg/kg, μg/kg …]; pH [unitless].
    land_use : str, optional
        Default land use where the input has none: paddy, dryland, orchard, other, rotation (or Chinese).
    classification_elements : sequence of str
        Analytes (any catalogue name) whose worst level sets the category.
    comparison : {"full_value", "rounded_value"}
        GB/T 8170-2008 comparison method.

    Returns
    -------
    FarmlandAssessment

    Raises
    ------
    InputError
        Missing pH for a pH-dependent analyte, unknown land use, bad values/units/analytes.

    References
    ----------
    GB 15618-2018, Tables 1–3 and §6 (use of screening and intervention values); GB/T 8170-2008 §4.3.
    """
    prep = prepare(df)
    lim = gb15618()
    f = prep.frame
    elements = tuple(lookup(e).code for e in classification_elements)
    factor, reason = factors_to(prep, {c: "mg/kg" for c in lim.codes})
    ai = prep.per_analyte({c: i for i, c in enumerate(lim.codes)}, -1)
    measured = f["measured"].to_numpy()
    screened = ~np.isnan(factor) & measured
    notes = Notes(len(f))
    notes.add(~screened, reason)
    notes.set(~measured, "not measured")
    notes.set(prep.per_analyte({"ph": True}, False), "pH is a sample property here: it selects the pH bin")

    land = _land_index(prep, land_use)
    ph = _sample_ph(prep)
    ph_dependent = np.zeros(len(lim.codes) + 1, dtype=bool)
    ph_dependent[:-1] = np.nanmax(lim.screening, axis=(1, 2)) != np.nanmin(lim.screening, axis=(1, 2))
    need_ph = screened & ph_dependent[ai]
    impossible = ~np.isnan(ph) & ((ph < 0) | (ph > 14))
    if impossible.any():  # a typo (e.g. 65 for 6.5) would silently pick the pH > 7.5 values
        pos = int(np.flatnonzero(impossible)[0])
        raise InputError(f"sample {f['sample_id'].iat[pos]!r} has pH {ph[pos]:g}; pH lies between 0 and 14",
                         int(f["_row"].iat[pos]), "ph")
    missing_ph = need_ph & np.isnan(ph)
    if missing_ph.any():
        pos = int(np.flatnonzero(missing_ph)[0])
        raise InputError(f"sample {f['sample_id'].iat[pos]!r} has no pH; GB 15618 values depend on pH "
                         "(a missing pH is never defaulted)", int(f["_row"].iat[pos]), "ph")
    ph_bin = np.searchsorted(PH_EDGES, np.where(np.isnan(ph), 0.0, ph), side="left")
    safe_ai = np.where(ai < 0, 0, ai)
    flat_s = (safe_ai.astype(np.int64) * 4 + land) * 4 + ph_bin  # index into screening[k, land, bin]
    flat_g = safe_ai.astype(np.int64) * 4 + ph_bin
    s = np.where(screened, lim.screening.ravel()[flat_s], np.nan)
    g = np.where(screened, lim.intervention.ravel()[flat_g], np.nan)
    value = f["value"].to_numpy() * np.where(screened, factor, np.nan)
    qual = prep.qual_code
    nd_no_dl = screened & np.isnan(value) & (qual == 1)
    rounded = comparison == "rounded_value"
    dec_s = lim.screening_decimals.ravel()[flat_s] if rounded else None
    dec_g = lim.intervention_decimals.ravel()[flat_g] if rounded else None
    ex_s, und_s = cmp.censored_exceeds(value, qual, s, method=comparison, decimals=dec_s)
    has_g = ~np.isnan(g)
    ex_g, und_g = cmp.censored_exceeds(value, qual, g, method=comparison, decimals=dec_g)
    ex_g &= has_g
    und_g &= has_g
    undecided = screened & (und_s | (ex_s & und_g) | nd_no_dl)
    level = np.where(ex_g, 3, np.where(ex_s, 2, 1)).astype(np.int8)
    level = np.where(screened & ~undecided, level, 0)
    # Worst level the true value could have (non-detects: the level of their detection limit).
    possible = np.where(undecided, np.where(nd_no_dl | (qual == 2), 3,
                                            np.where(value > g, 3, np.where(value > s, 2, 1))), level)

    status_code = np.select(
        [~screened, undecided, level == 3, level == 2], [4, 3, 2, 1], default=0).astype(np.int8)
    detect = screened & (qual == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_s = np.where(detect, value / s, np.nan)
        ratio_g = np.where(detect & has_g, value / g, np.nan)
    tables = {c: t + ("; 表3" if not np.isnan(lim.intervention[i]).all() else "")
              for i, (c, t) in enumerate(zip(lim.codes, lim.tables, strict=True))}
    notes.set(screened & (land == LAND_COLUMNS.index("rotation")), ROTATION_NOTE)
    notes.set(nd_no_dl, "non-detect without a detection limit")
    verified = np.append(lim.verified, True)[ai] & (land != LAND_COLUMNS.index("rotation"))
    results = result_frame(prep, {
        "value_std": value,
        "unit_std": text_where(screened, "mg/kg"),
        "ph": ph,
        "land_use_column": labels(land, LAND_COLUMNS),
        "screening_value": s,
        "intervention_value": g,
        "ratio_screening": ratio_s,
        "ratio_intervention": ratio_g,
        "level": labels(level.astype(np.int16) - 1, LEVELS),
        "exceeds_screening": nullable_bool(ex_s & screened, ~screened | undecided),
        "exceeds_intervention": nullable_bool(ex_g & screened, ~screened | undecided | ~has_g),
        "result_status": labels(status_code, cmp.STATUSES),
        "table": analyte_labels(prep, tables, screened),
        "value_verified": nullable_bool(verified, ~screened),
        "note": notes.categorical(),
    }, standard=STANDARD, clause=CLAUSE, method=comparison)
    samples = _samples(prep, results, level, possible, elements, ph)
    params = {"classification_elements": elements, "land_use": land_use, "comparison": comparison}
    return FarmlandAssessment(results, samples, STANDARD, comparison, params)


def _samples(prep: Prepared, results: pd.DataFrame, level: np.ndarray, possible: np.ndarray,
             elements: tuple[str, ...], ph: np.ndarray) -> pd.DataFrame:
    """Per sample: category from the classification elements; attention analytes from the others."""
    is_elem = prep.per_analyte({c: True for c in elements}, False)
    worst = per_sample_max(prep, np.where(is_elem, level, 0))
    worst_possible = per_sample_max(prep, np.where(is_elem, possible, 0))
    decided = worst == worst_possible
    status = results["result_status"].cat.codes.to_numpy()
    out = pd.DataFrame({"sample_id": prep.sample_uniques})
    first = np.full(len(prep.sample_uniques), -1)
    first[prep.sample_index[::-1]] = np.arange(len(prep.sample_index))[::-1]
    out["ph"] = ph[first]
    level_names = np.array(["", *LEVELS], dtype=object)
    category_names = np.array(["not_screened", *CATEGORIES.values()], dtype=object)
    out["level"] = np.where(decided, level_names[worst], "")
    out["category"] = np.where(decided, category_names[worst], "indeterminate")
    at_worst = is_elem & (level > 0) & (level == worst[prep.sample_index])
    out["deciding_analytes"] = per_sample_names(prep, at_worst)
    out["attention_analytes"] = per_sample_names(
        prep, ~is_elem & (status == cmp.STATUSES.index(cmp.EXCEEDS_SCREENING)))
    out["indeterminate_analytes"] = per_sample_names(prep, status == cmp.STATUSES.index(cmp.INDETERMINATE))
    out["has_duplicates"] = ~per_sample_all(prep, ~prep.frame["duplicate"].to_numpy())
    out["values_verified"] = per_sample_all(prep, results["value_verified"].fillna(True).to_numpy(dtype=bool))
    out["standard"] = STANDARD
    out["classification_elements"] = ";".join(elements)
    return out
