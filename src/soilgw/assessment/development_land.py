"""Development-land soil, GB 36600-2018: screening and intervention exceedance, per-sample/per-site conclusion.

Conclusions (GB 36600-2018 §5, use of the values): every item ≤ screening → ``negligible`` (risk can
generally be ignored); any item above screening but ≤ intervention → ``investigate`` (detailed investigation
and risk assessment); any item above intervention → ``risk_control`` (risk control or remediation). With a
``background_value`` column, an item carrying Table footnote a (As, Co, V) that is above screening but at or
below the background value is not managed as contaminated; this is recorded as ``background_applied``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from soilgw.assessment import compare as cmp
from soilgw.assessment._batch import (
    factors_to,
    join_names,
    labels,
    nullable_bool,
    prepare,
    result_frame,
)
from soilgw.standards.limits import gb36600

STANDARD = "GB 36600-2018"
CLAUSE = "GB 36600-2018 §5 Table 1 (basic items), Table 2 (other items); Table footnote a (background)"
LAND_CLASSES = {"1": 0, "2": 1, "class_1": 0, "class_2": 1, "第一类用地": 0, "第二类用地": 1}
CONCLUSIONS = ("negligible", "investigate", "risk_control")


@dataclass(frozen=True)
class DevelopmentLandAssessment:
    """Result of :func:`assess_gb36600`: ``results``, ``samples``, ``sites`` and the options used."""

    results: pd.DataFrame
    samples: pd.DataFrame
    sites: pd.DataFrame
    standard: str
    method: str
    parameters: dict

    @property
    def not_screened(self) -> pd.DataFrame:
        """Rows GB 36600 gives no value for, with the reason in ``note``."""
        return self.results[self.results["result_status"] == cmp.NOT_SCREENED]


def assess_gb36600(df: pd.DataFrame, *, land_class: str | int = 1,
                   comparison: str = "full_value") -> DevelopmentLandAssessment:
    """Judge development-land soil results against GB 36600-2018.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        Long or wide results [mg/kg, μg/kg, ng/kg]; optional ``background_value`` [same unit as the
        result] and ``site_id`` columns.
    land_class : {1, 2}
        First-class (residential, schools, medical, social welfare, parks in residential areas) or
        second-class land. A site whose planned use is not yet known uses class 1.
    comparison : {"full_value", "rounded_value"}

    Returns
    -------
    DevelopmentLandAssessment

    Raises
    ------
    ValueError
        Unknown land class; InputError for bad input rows.

    References
    ----------
    GB 36600-2018, Tables 1–2 and footnote a; GB/T 8170-2008 §4.3.
    """
    key = str(land_class).strip()
    if key not in LAND_CLASSES:
        raise ValueError(f"unknown land class {land_class!r}; valid: 1, 2 (第一类用地, 第二类用地)")
    col = LAND_CLASSES[key]
    prep = prepare(df)
    lim = gb36600()
    f = prep.frame
    factor, reason = factors_to(prep, {c: "mg/kg" for c in lim.codes})
    ai = prep.per_analyte({c: i for i, c in enumerate(lim.codes)}, -1)
    safe = np.where(ai < 0, 0, ai)
    measured = f["measured"].to_numpy()
    screened = ~np.isnan(factor) & measured
    reason = np.where(~measured & (reason == ""), "not measured", reason)
    value = f["value"].to_numpy() * np.where(screened, factor, np.nan)
    qual = prep.qual_code
    s = np.where(screened, lim.screening[safe, col], np.nan)
    g = np.where(screened, lim.intervention[safe, col], np.nan)
    ex_s, und_s = cmp.censored_exceeds(value, qual, s, method=comparison,
                                       decimals=lim.screening_decimals[safe, col])
    ex_g, und_g = cmp.censored_exceeds(value, qual, g, method=comparison,
                                       decimals=lim.intervention_decimals[safe, col])
    nd_no_dl = screened & np.isnan(value)
    undecided = screened & (und_s | (ex_s & und_g) | nd_no_dl)

    background = np.zeros(len(f), dtype=bool)
    if "background_value" in f.columns:
        bg = pd.to_numeric(f["background_value"], errors="coerce").to_numpy(dtype=float) * factor
        background = (screened & ex_s & ~ex_g & lim.background_footnote[safe] & (ai >= 0)
                      & ~np.isnan(bg) & (value <= bg))
    status = np.select([~screened, undecided, ex_g, ex_s & ~background], [4, 3, 2, 1], default=0)
    detect = screened & (qual == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_s = np.where(detect, value / s, np.nan)
        ratio_g = np.where(detect, value / g, np.nan)
    level = np.where(screened & ~undecided, np.where(ex_g, 3, np.where(ex_s & ~background, 2, 1)), 0)
    results = result_frame(prep, {
        "value_std": value,
        "unit_std": pd.Categorical(np.where(screened, "mg/kg", "")),
        "land_class": f"class_{col + 1}",
        "screening_value": s,
        "intervention_value": g,
        "ratio_screening": ratio_s,
        "ratio_intervention": ratio_g,
        "level": labels(level.astype(np.int16) - 1, ("I", "II", "III")),
        "exceeds_screening": nullable_bool(ex_s & screened, ~screened | undecided),
        "exceeds_intervention": nullable_bool(ex_g & screened, ~screened | undecided),
        "background_applied": background,
        "result_status": labels(status.astype(np.int8), cmp.STATUSES),
        "table": pd.Categorical(np.where(screened, np.array([*lim.tables, ""], dtype=object)[ai], "")),
        "item_no": pd.Categorical(np.where(screened, np.array([*lim.item_no, ""], dtype=object)[ai], "")),
        "value_verified": nullable_bool(np.append(lim.verified, True)[ai], ~screened),
        "note": pd.Categorical(np.where(~screened, reason, np.where(
            background, "above screening but within the soil background value (Table footnote a): "
            "not managed as a contaminated site", np.where(nd_no_dl, "non-detect without a detection limit", "")))),
    }, standard=STANDARD, clause=CLAUSE, method=comparison)
    possible = np.where(undecided, 3, level)
    samples = _conclude(results, level, possible, "sample_id")
    if "site_id" in f.columns:
        results.insert(1, "site_id", f["site_id"].to_numpy())
        sites = _conclude(results, level, possible, "site_id")
    else:
        sites = pd.DataFrame(columns=["site_id", "conclusion"])
    params = {"land_class": col + 1, "comparison": comparison}
    return DevelopmentLandAssessment(results, samples, sites, STANDARD, comparison, params)


def _conclude(results: pd.DataFrame, level: np.ndarray, possible: np.ndarray, by: str) -> pd.DataFrame:
    frame = pd.DataFrame({by: results[by].to_numpy(), "lvl": level, "possible": possible})
    g = frame.groupby(by, sort=False)
    worst, worst_possible = g["lvl"].max(), g["possible"].max()
    out = pd.DataFrame({by: worst.index})
    out["conclusion"] = [CONCLUSIONS[w - 1] if w == wp and w > 0 else ("indeterminate" if wp else "not_screened")
                         for w, wp in zip(worst, worst_possible, strict=True)]
    status = results["result_status"].astype(str).to_numpy()
    for name, st in (("exceeds_screening_analytes", cmp.EXCEEDS_SCREENING),
                     ("exceeds_intervention_analytes", cmp.EXCEEDS_INTERVENTION),
                     ("indeterminate_analytes", cmp.INDETERMINATE)):
        out[name] = out[by].map(join_names(results, status == st, by=by)).fillna("")
    out["background_applied_analytes"] = out[by].map(
        join_names(results, results["background_applied"].to_numpy(), by=by)).fillna("")
    verified = results["value_verified"].fillna(True).astype(bool)
    out["values_verified"] = verified.groupby(results[by].to_numpy(), sort=False).all().to_numpy()
    out["standard"] = STANDARD
    return out
