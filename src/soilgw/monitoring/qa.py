"""Quality-assurance checks on lab results, with thresholds read from ``data/qa_rules.csv`` (each with its source).

Pure pandas/numpy (no Django): the ion balance of a sample, the relative percent difference of a field
duplicate pair, and a detected value below its own detection limit.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from soilgw.assessment.piper import to_meq

#: Major ions required for the ion balance (CO3 counts as 0 when not measured).
ION_BALANCE_IONS = ("Ca", "Mg", "Na", "K", "Cl", "SO4", "HCO3")
#: Catalogue code → ion symbol used by :func:`soilgw.assessment.piper.to_meq`.
ION_CODES = {"ca": "Ca", "mg": "Mg", "na": "Na", "k": "K", "chloride": "Cl", "sulfate": "SO4", "hco3": "HCO3",
             "co3": "CO3"}


@dataclass(frozen=True)
class QaRule:
    """One QA threshold and the source it comes from."""

    rule: str
    medium: str
    threshold: float
    unit: str
    source: str
    verified: bool


def qa_rules(overrides: dict | None = None) -> dict[tuple[str, str], QaRule]:
    """The shipped rules keyed by ``(rule, medium)``; ``overrides`` ``{"rule:medium": threshold}`` replace
    thresholds (the source then says so)."""
    path = resources.files("soilgw.monitoring.data") / "qa_rules.csv"
    out = {}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[(r["rule"], r["medium"])] = QaRule(r["rule"], r["medium"], float(r["threshold"]), r["unit"],
                                                   r["source"], r["verified"] == "true")
    for key, value in (overrides or {}).items():
        rule, medium = key.split(":")
        old = out[(rule, medium)]
        out[(rule, medium)] = QaRule(rule, medium, float(value), old.unit,
                                     f"configured threshold {value} (shipped default {old.threshold}: {old.source})",
                                     False)
    return out


def charge_balance_error(mg_per_l: pd.DataFrame) -> pd.Series:
    """Charge-balance error of each row [%]; NaN where any of :data:`ION_BALANCE_IONS` is missing.

    Parameters
    ----------
    mg_per_l : DataFrame, shape (n, ≥7)
        Columns Ca, Mg, Na, K, Cl, SO4, HCO3 and optionally CO3 [mg/L]; non-detects as 0.

    Returns
    -------
    Series, shape (n,)
        ``(Σcations − Σanions) / (Σcations + Σanions) × 100`` [%] with milliequivalents from
        :func:`soilgw.assessment.piper.to_meq`.

    References
    ----------
    Freeze R.A. & Cherry J.A. (1979) Groundwater, ch. 3.3 (electroneutrality; the charge-balance error).
    """
    data = mg_per_l.reindex(columns=[*ION_BALANCE_IONS, "CO3"]).astype(float)
    complete = data[list(ION_BALANCE_IONS)].notna().all(axis=1)
    data["CO3"] = data["CO3"].fillna(0.0)
    out = pd.Series(np.nan, index=data.index)
    if complete.any():
        meq = to_meq(data[complete])
        cat = meq[["Ca", "Mg", "Na", "K"]].sum(axis=1)
        an = meq[["HCO3", "CO3", "Cl", "SO4"]].sum(axis=1)
        total = (cat + an).replace(0.0, np.nan)
        out[complete] = (cat - an) / total * 100.0
    return out


def relative_percent_difference(x1, x2) -> np.ndarray:
    """RPD = |x1 − x2| / ((x1 + x2)/2) × 100 [%] (NaN when both are 0).

    References
    ----------
    US EPA (2017) National Functional Guidelines for Inorganic Superfund Methods Data Review,
    EPA-540-R-2017-001 (duplicate sample analysis).
    """
    a = np.asarray(x1, dtype=float)
    b = np.asarray(x2, dtype=float)
    mean = (a + b) / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(mean > 0, np.abs(a - b) / mean * 100.0, np.nan)


def detect_below_dl(value, qualifier, detection_limit) -> np.ndarray:
    """True where a detected result (qualifier "") is below its own detection limit.

    References
    ----------
    HJ 168-2020, §3 (method detection limit).
    """
    v = np.asarray(value, dtype=float)
    dl = np.asarray(detection_limit, dtype=float)
    q = np.asarray(qualifier, dtype=object)
    with np.errstate(invalid="ignore"):
        return (q == "") & ~np.isnan(dl) & ~np.isnan(v) & (v < dl)
