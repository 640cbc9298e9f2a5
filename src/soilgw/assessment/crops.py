"""Agricultural products, GB 2762-2022 maximum levels of heavy metals (Pb, Cd, Hg, As, Cr).

The food category of each result comes from a ``crop`` column or the ``crop_type`` option, mapped to the
standard's rows by ``gb2762_2022_foods`` (our reading of Annex A, see the data README). Rice is judged as
the standard says: paddy rice (稻谷) as brown rice (Table footnote "稻谷以糙米计"). Inorganic arsenic may be
screened with total arsenic first (Table 4 note): total As ≤ the inorganic-As limit passes; above it the
result is ``indeterminate`` until inorganic As is measured.
"""

from __future__ import annotations

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
from soilgw.standards.limits import decimals_of
from soilgw.standards.loader import load_table

STANDARD = "GB 2762-2022"
CLAUSE = "GB 2762-2022 §4 Tables 1 (Pb), 2 (Cd), 3 (Hg), 4 (As), 7 (Cr); Table 4 note (total As first)"


@dataclass(frozen=True)
class CropAssessment:
    """Result of :func:`assess_gb2762`: per-result ``results``, per-sample ``samples``, options used."""

    results: pd.DataFrame
    samples: pd.DataFrame
    standard: str
    method: str
    parameters: dict

    @property
    def not_screened(self) -> pd.DataFrame:
        """Rows without a GB 2762 level for their food category, with the reason in ``note``."""
        return self.results[self.results["result_status"] == cmp.NOT_SCREENED]


@cache
def _foods() -> tuple[dict[str, str], dict[tuple[str, str], tuple[float, int, str, str, bool, str]]]:
    limits = load_table("gb2762_2022")
    by_cat = {(r.analyte_code, r.food_category_zh): r for r in limits.itertuples(index=False)}
    aliases: dict[str, str] = {}
    rows: dict[tuple[str, str], tuple] = {}
    for r in load_table("gb2762_2022_foods").itertuples(index=False):
        for a in (r.food_code, *[x for x in r.food_aliases.split(";") if x]):
            aliases[fold_name(a)] = r.food_code
        src = by_cat[("as_inorganic" if r.rule == "total_as_first" else r.analyte_code, r.food_category_zh)]
        rows[(r.food_code, r.analyte_code)] = (float(src.limit_mg_per_kg), decimals_of(src.limit_mg_per_kg),
                                               src.table, src.food_category_zh, src.verified == "true", r.rule)
    return aliases, rows


def food_codes() -> list[str]:
    """Food codes accepted as ``crop_type`` (Chinese and English aliases also accepted)."""
    return sorted(set(_foods()[0].values()))


def assess_gb2762(df: pd.DataFrame, *, crop_type: str | None = None, comparison: str = "full_value") -> CropAssessment:
    """Judge heavy metals in agricultural products against GB 2762-2022.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        Long or wide results [mg/kg, μg/kg] with an optional ``crop`` column.
    crop_type : str, optional
        Food category where the input has no ``crop``: rice (稻谷, judged as brown rice), milled_rice,
        wheat, maize, leafy_vegetable, vegetable, potato, legume_vegetable, fruit, pulses, peanut, tea.
    comparison : {"full_value", "rounded_value"}

    Returns
    -------
    CropAssessment

    Raises
    ------
    InputError
        Missing or unknown food category, bad input rows.

    References
    ----------
    GB 2762-2022, Tables 1–4 and 7 with their notes, Annex A (food categories).
    """
    prep = prepare(df)
    f = prep.frame
    aliases, rows = _foods()
    if "crop" in f.columns:
        crop = f["crop"].astype(object).where(f["crop"].notna(), crop_type or "").astype(str)
    elif crop_type:
        crop = pd.Series(crop_type, index=f.index)
    else:
        raise InputError(f"GB 2762 needs the food category (column crop or --crop-type): {', '.join(food_codes())}",
                         column="crop")
    c_codes, c_uniques = pd.factorize(crop, sort=False)
    food = np.empty(len(c_uniques), dtype=object)
    for i, text in enumerate(c_uniques):
        food[i] = aliases.get(fold_name(text))
        if food[i] is None:
            raise InputError(f"unknown food category {text!r}; use one of {', '.join(food_codes())}",
                             int(np.flatnonzero(c_codes == i)[0]), "crop")
    food_row = food[c_codes]
    codes = prep.analyte_codes
    key = pd.Series(food_row + "|" + codes.astype(object))
    k_codes, k_uniques = pd.factorize(key, sort=False)
    table = [rows.get(tuple(k.split("|"))) for k in k_uniques]
    lim = np.array([t[0] if t else np.nan for t in table])[k_codes]
    dec = np.array([t[1] if t else 0 for t in table])[k_codes]
    rule = np.array([t[5] if t else "" for t in table], dtype=object)[k_codes]
    factor, reason = factors_to(prep, {c: "mg/kg" for c in ("pb", "cd", "hg", "as", "as_inorganic", "cr")})
    measured = f["measured"].to_numpy()
    screened = measured & ~np.isnan(factor) & ~np.isnan(lim)
    reason = np.where((reason == "") & np.isnan(lim), "no GB 2762 level for this analyte and food category", reason)
    reason = np.where(~measured, "not measured", reason)
    value = f["value"].to_numpy() * np.where(screened, factor, np.nan)
    qual = prep.qual_code
    exceed, undecided = cmp.censored_exceeds(value, qual, lim, method=comparison, decimals=dec)
    total_as = rule == "total_as_first"
    undecided = screened & (undecided | (total_as & exceed) | np.isnan(value))
    exceed = screened & exceed & ~undecided
    status = np.select([~screened, undecided, exceed], [4, 3, 1], default=0).astype(np.int8)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(screened & (qual == 0), value / lim, np.nan)
    results = result_frame(prep, {
        "crop": pd.Categorical(food_row),
        "value_std": value,
        "unit_std": pd.Categorical(np.where(screened, "mg/kg", "")),
        "screening_value": np.where(screened, lim, np.nan),
        "ratio_screening": ratio,
        "exceeds_screening": nullable_bool(exceed, ~screened | undecided),
        "result_status": labels(status, cmp.STATUSES),
        "food_category": pd.Categorical([t[3] if t else "" for t in table])[k_codes] if len(table) else [],
        "table": pd.Categorical(np.array([t[2] if t else "" for t in table], dtype=object)[k_codes]),
        "value_verified": nullable_bool(np.array([t[4] if t else True for t in table])[k_codes], ~screened),
        "note": pd.Categorical(np.where(~screened, reason, np.where(
            total_as & undecided, "total As above the inorganic-As level: measure inorganic As (Table 4 note)",
            np.where(total_as, "total As screened against the inorganic-As level (Table 4 note)", "")))),
    }, standard=STANDARD, clause=CLAUSE, method=comparison)
    g = results.groupby("sample_id", sort=False)
    samples = pd.DataFrame({"sample_id": list(g.groups)})
    st = results["result_status"].astype(str).to_numpy()
    samples["exceeding_analytes"] = samples["sample_id"].map(join_names(results, st == cmp.EXCEEDS_SCREENING)).fillna("")
    samples["indeterminate_analytes"] = samples["sample_id"].map(join_names(results, st == cmp.INDETERMINATE)).fillna("")
    samples["exceeds"] = samples["exceeding_analytes"] != ""
    samples["values_verified"] = results["value_verified"].fillna(True).astype(bool).groupby(
        results["sample_id"].to_numpy(), sort=False).all().to_numpy()
    samples["standard"] = STANDARD
    return CropAssessment(results, samples, STANDARD, comparison, {"crop_type": crop_type, "comparison": comparison})
