"""Irrigation water, GB 5084-2021: exceedance per result by crop type.

Crop types: ``paddy`` (水田作物), ``dryland`` (旱地作物), ``vegetable_processed`` (蔬菜 a: processed,
cooked or peeled) and ``vegetable_raw`` (蔬菜 b: eaten raw, melons, herbaceous fruit). Total salt needs
``saline_alkaline`` (salt-affected area or not); boron needs ``boron_tolerance`` (a sensitive, b tolerant,
c highly tolerant). Without the option those items are not screened — never guessed. Every GB 5084 value is
``verified=false`` (the 2021 text was not reachable; values agree with the 2005 text, see the data README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from soilgw.assessment import compare as cmp
from soilgw.assessment._batch import (
    InputError,
    factors_to,
    join_names,
    labels,
    nullable_bool,
    prepare,
    result_frame,
)
from soilgw.standards.analytes import fold_name
from soilgw.standards.limits import decimals_of, in_intervals, parse_intervals
from soilgw.standards.loader import load_table

STANDARD = "GB 5084-2021"
CLAUSE = "GB 5084-2021 Table 1 (basic control items), Table 2 (optional control items)"
CROP_TYPES = {
    fold_name(k): v for k, v in {
        "paddy": "paddy", "水田作物": "paddy", "水田": "paddy", "水作": "paddy",
        "dryland": "dryland", "旱地作物": "dryland", "旱地": "dryland", "旱作": "dryland",
        "vegetable_processed": "vegetable_processed", "蔬菜a": "vegetable_processed",
        "vegetable_raw": "vegetable_raw", "蔬菜b": "vegetable_raw", "生食类蔬菜": "vegetable_raw",
    }.items()
}
BORON = {"sensitive": "a", "tolerant": "b", "highly_tolerant": "c"}
_OPTION = re.compile(r"≤\s*([\d.]+)\s*(?:\(([^)]*)\))?")


@dataclass(frozen=True)
class IrrigationAssessment:
    """Result of :func:`assess_gb5084`: per-result ``results``, per-sample ``samples``, options used."""

    results: pd.DataFrame
    samples: pd.DataFrame
    standard: str
    method: str
    parameters: dict

    @property
    def not_screened(self) -> pd.DataFrame:
        """Rows without a usable GB 5084 value, with the reason in ``note``."""
        return self.results[self.results["result_status"] == cmp.NOT_SCREENED]


@cache
def _table():
    t = load_table("gb5084_2021")
    return {r.analyte_code: r for r in t.itertuples(index=False)}


def table_codes() -> frozenset[str]:
    """Analyte codes GB 5084-2021 Tables 1–2 limit (as shipped in ``gb5084_2021.csv``)."""
    return frozenset(_table())


def _limit(cell: str, crop: str, saline: bool | None, boron: str | None):
    """(kind, bound-or-intervals, decimals, reason) for one printed cell and the options."""
    cell = cell.strip()
    if not cell:
        return "none", None, 0, "value not transcribed: GB 5084-2021 text unavailable (see data README)"
    if "~" in cell:
        return "range", tuple(parse_intervals(cell)), 0, ""
    options = {(tag or ""): (float(v), decimals_of(v)) for v, tag in _OPTION.findall(cell)}
    if "" in options:
        return "upper", *options[""], ""
    if "a" in options and "c" in options:  # boron by crop tolerance
        if boron is None:
            return "none", None, 0, "boron limit depends on the crop's boron tolerance (boron_tolerance)"
        return "upper", *options[BORON[boron]], ""
    if "a" in options:  # vegetables: a processed, b raw
        return "upper", *options["b" if crop == "vegetable_raw" else "a"], ""
    if saline is None:
        return "none", None, 0, "total salt limit depends on the area (saline_alkaline)"
    return "upper", *options["盐碱土地区" if saline else "非盐碱土地区"], ""


def assess_gb5084(df: pd.DataFrame, *, crop_type: str | None = None, saline_alkaline: bool | None = None,
                  boron_tolerance: str | None = None, comparison: str = "full_value") -> IrrigationAssessment:
    """Judge irrigation-water results against GB 5084-2021.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        Long or wide results [mg/L, μg/L; MPN/L fecal coliforms; 个/10L ascaris eggs; ℃; pH unitless],
        optional ``crop`` column (crop type per sample).
    crop_type : {"paddy", "dryland", "vegetable_processed", "vegetable_raw"}, optional
        Default crop type (Chinese names accepted).
    saline_alkaline : bool, optional
        True in salt-affected areas (total salt ≤ 2000 mg/L), False elsewhere (≤ 1000 mg/L).
    boron_tolerance : {"sensitive", "tolerant", "highly_tolerant"}, optional
    comparison : {"full_value", "rounded_value"}

    Returns
    -------
    IrrigationAssessment

    Raises
    ------
    InputError
        Missing/unknown crop type or bad input rows; ValueError for an unknown boron tolerance.

    References
    ----------
    GB 5084-2021, Tables 1–2 (values as in GB 5084-2005 where the 2021 text could not be checked).
    """
    if boron_tolerance is not None and boron_tolerance not in BORON:
        raise ValueError(f"unknown boron_tolerance {boron_tolerance!r}; valid: {', '.join(BORON)}")
    prep = prepare(df)
    f = prep.frame
    table = _table()
    if "crop" in f.columns:
        crop = f["crop"].astype(object).where(f["crop"].notna(), crop_type or "").astype(str)
    elif crop_type:
        crop = pd.Series(crop_type, index=f.index)
    else:
        raise InputError("GB 5084 needs the crop type (column crop or --crop-type): paddy, dryland, "
                         "vegetable_processed, vegetable_raw", column="crop")
    c_codes, c_uniques = pd.factorize(crop, sort=False)
    crops = []
    for i, text in enumerate(c_uniques):
        if fold_name(text) not in CROP_TYPES:
            raise InputError(f"unknown crop type {text!r}; use paddy, dryland, vegetable_processed or "
                             "vegetable_raw", int(np.flatnonzero(c_codes == i)[0]), "crop")
        crops.append(CROP_TYPES[fold_name(text)])
    n_a = len(prep.analyte_uniques)
    key, uniq = pd.factorize(c_codes.astype(np.int64) * n_a + prep.analyte_index, sort=False)
    specs = []
    for k in uniq:
        crop_k, code = crops[k // n_a], prep.analyte_uniques[k % n_a]
        row = table.get(code)
        if row is None:
            specs.append(("none", None, 0, "analyte not in this standard's tables", True))
            continue
        column = "vegetable" if crop_k.startswith("vegetable") else crop_k
        specs.append((*_limit(getattr(row, column), crop_k, saline_alkaline, boron_tolerance), False))
    factor, reason = factors_to(prep, {c: r.unit.replace("无量纲", "pH") for c, r in table.items()})
    kind = np.array([s[0] for s in specs], dtype=object)[key]
    bound = np.array([s[1] if s[0] == "upper" else np.nan for s in specs], dtype=float)[key]
    dec = np.array([s[2] for s in specs])[key]
    spec_reason = np.array([s[3] for s in specs], dtype=object)[key]
    measured = f["measured"].to_numpy()
    screened = measured & ~np.isnan(factor) & (kind != "none")
    reason = np.where(reason != "", reason, spec_reason)
    reason = np.where(~measured, "not measured", reason)
    value = f["value"].to_numpy() * np.where(screened, factor, np.nan)
    qual = prep.qual_code
    exceed, undecided = cmp.censored_exceeds(value, qual, bound, method=comparison, decimals=dec)
    for i in np.flatnonzero(np.array([s[0] == "range" for s in specs])):
        rows = screened & (key == i)
        exceed[rows] = ~in_intervals(value[rows], specs[i][1])
    undecided = screened & (undecided | np.isnan(value))
    exceed = screened & exceed & ~undecided
    status = np.select([~screened, undecided, exceed], [4, 3, 1], default=0).astype(np.int8)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(screened & (qual == 0), value / bound, np.nan)
    results = result_frame(prep, {
        "crop": pd.Categorical(np.array(crops, dtype=object)[c_codes]) if crops else [],
        "value_std": value,
        "screening_value": np.where(screened, bound, np.nan),
        "ratio_screening": ratio,
        "exceeds_screening": nullable_bool(exceed, ~screened | undecided),
        "result_status": labels(status, cmp.STATUSES),
        "value_verified": nullable_bool(np.zeros(len(f), dtype=bool), ~screened),
        "note": pd.Categorical(np.where(~screened, reason, "")),
    }, standard=STANDARD, clause=CLAUSE, method=comparison)
    st = results["result_status"].astype(str).to_numpy()
    samples = pd.DataFrame({"sample_id": pd.unique(results["sample_id"])})
    samples["exceeding_analytes"] = samples["sample_id"].map(join_names(results, st == cmp.EXCEEDS_SCREENING)).fillna("")
    samples["indeterminate_analytes"] = samples["sample_id"].map(join_names(results, st == cmp.INDETERMINATE)).fillna("")
    samples["exceeds"] = samples["exceeding_analytes"] != ""
    samples["values_verified"] = False
    samples["standard"] = STANDARD
    params = {"crop_type": crop_type, "saline_alkaline": saline_alkaline, "boron_tolerance": boron_tolerance,
              "comparison": comparison}
    return IrrigationAssessment(results, samples, STANDARD, comparison, params)
