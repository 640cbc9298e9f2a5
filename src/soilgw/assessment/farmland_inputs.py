"""Agricultural-input inspections: heavy metals in fertilizer samples against GB 38400-2019 Table 1.

A result exceeds when its content is above the printed upper limit (full-value comparison of GB/T 8170-2008 by
default). Non-detects whose detection limit is above the limit are ``indeterminate``. The shipped limits carry
``verified=false`` (see the data README): every output row says so in ``value_verified``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from soilgw.assessment import compare as cmp
from soilgw.assessment._batch import factors_to, prepare
from soilgw.standards.limits import decimals_of
from soilgw.standards.loader import load_table

STANDARD = "GB 38400-2019"
CLAUSE = "GB 38400-2019 §4.1 Table 1 (basic items: total As, Cd, Pb, Cr, Hg, Tl)"


@dataclass(frozen=True)
class FertilizerCheck:
    """Result of :func:`check_gb38400`.

    Attributes
    ----------
    results : DataFrame, one row per input result
        ``sample_id, analyte_code, value_std`` [mg/kg], ``limit`` [mg/kg], ``ratio`` [unitless],
        ``status`` (pass / exceeds / indeterminate / not_screened), ``value_verified``, ``note``.
    samples : DataFrame, one row per sample
        ``sample_id, compliant`` (True / False / None when undecided), ``exceeding_analytes``,
        ``indeterminate_analytes``, ``values_verified``.
    standard, clause, method : str
    """

    results: pd.DataFrame
    samples: pd.DataFrame
    standard: str
    clause: str
    method: str


@cache
def _limits() -> dict[str, tuple[float, int, bool]]:
    t = load_table("gb38400_2019")
    return {r.analyte_code: (float(r.limit.lstrip("≤")), decimals_of(r.limit), r.verified == "true")
            for r in t.itertuples(index=False)}


def check_gb38400(df: pd.DataFrame, *, comparison: str = "full_value") -> FertilizerCheck:
    """Judge heavy metals in fertilizer samples against GB 38400-2019 Table 1.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        Long (``sample_id, analyte, value, unit`` [+ ``qualifier``, ``detection_limit``]) or wide
        (``sample_id`` + ``name (unit)`` columns) results [mg/kg, μg/kg, g/kg]; non-detects (``<0.05``, ``ND``) allowed.
    comparison : {"full_value", "rounded_value"}
        GB/T 8170-2008 §4.3 comparison method.

    Returns
    -------
    FertilizerCheck

    Raises
    ------
    soilgw.assessment._batch.InputError
        Unknown analyte or unit, text in a value, negative content (row and column named).
    ValueError
        Unknown comparison method.

    References
    ----------
    GB 38400-2019 肥料中有毒有害物质的限量要求, §4.1 Table 1; GB/T 8170-2008 §4.3.
    """
    prep = prepare(df)
    lim = _limits()
    f = prep.frame
    factor, reason = factors_to(prep, {c: "mg/kg" for c in lim})
    code = prep.analyte_codes
    limit = prep.per_analyte({c: v[0] for c, v in lim.items()}, np.nan)
    dec = prep.per_analyte({c: v[1] for c, v in lim.items()}, 0)
    verified = prep.per_analyte({c: v[2] for c, v in lim.items()}, True)
    measured = f["measured"].to_numpy()
    screened = measured & ~np.isnan(factor) & ~np.isnan(limit)
    value = f["value"].to_numpy() * np.where(screened, factor, np.nan)
    qual = f["qualifier"].to_numpy()
    exceed, undecided = cmp.censored_exceeds(value, qual, limit, method=comparison, decimals=dec)
    undecided = screened & (undecided | np.isnan(value))
    exceed = screened & exceed & ~undecided
    status = np.select([~screened, undecided, exceed], ["not_screened", "indeterminate", "exceeds"], "pass")
    note = np.where(~measured, "not measured", pd.Series(reason).astype(object).fillna("").to_numpy())
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(screened & (qual == ""), value / limit, np.nan)
    results = pd.DataFrame({
        "sample_id": f["sample_id"].to_numpy(), "analyte_code": code, "value_reported": f["value_reported"].to_numpy(),
        "value_std": value, "limit": np.where(screened, limit, np.nan), "ratio": ratio, "status": status,
        "value_verified": np.where(screened, verified, True), "note": np.where(screened, "", note),
        "standard": STANDARD, "comparison_method": comparison})
    g = results.groupby("sample_id", sort=False)
    samples = pd.DataFrame({"sample_id": list(g.groups)})

    def names(mask):
        return results[mask].groupby("sample_id", sort=False)["analyte_code"].agg(";".join)

    samples["exceeding_analytes"] = samples["sample_id"].map(names(results["status"] == "exceeds")).fillna("")
    samples["indeterminate_analytes"] = samples["sample_id"].map(
        names(results["status"] == "indeterminate")).fillna("")
    samples["compliant"] = pd.array([False if e else (None if i else True) for e, i in zip(
        samples["exceeding_analytes"], samples["indeterminate_analytes"], strict=True)], dtype="boolean")
    samples["values_verified"] = samples["sample_id"].map(g["value_verified"].all())
    return FertilizerCheck(results, samples, STANDARD, CLAUSE, comparison)
