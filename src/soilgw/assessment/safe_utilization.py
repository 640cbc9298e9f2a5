"""Safe-utilization rate of contaminated farmland, A = (B + C + D) / E × 100 %, per township and county.

Terms as《受污染耕地安全利用率核算方法（试行）》defines them (shared/standards/notes/farmland_classification_rules.md §6):

* E — contaminated farmland area: slightly polluted (轻微污染) priority-protection units + safe-utilization units +
  strict-control units. Clean priority-protection land is not in E.
* B — slightly polluted priority-protection area with priority-protection measures in the year.
* C — safe-utilization area with safe-utilization (or remediation) measures **and** crop-compliance evidence in the
  year. The method's section "二、C类面积核算" was not retrieved, so compliance is the caller's per-unit flag and its
  evidence is carried through per unit.
* D — strict-control area with strict-control measures in the year.

A unit counts only under its own category (the method's rule for land with both safe-use and strict-control
measures was truncated in the retrieved text; recorded in ``notes``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

METHOD = "受污染耕地安全利用率核算方法（试行）: A = (B + C + D) / E × 100 %"
CATEGORIES = ("priority_protection", "safe_utilization", "strict_control")
FLAGS = ("slightly_polluted", "priority_measures", "safe_measures", "crop_compliant", "strict_measures")
NOTES = ("C: crop compliance is the caller's per-unit flag; the method's section 二 (C类面积核算) was not retrieved",
         "a unit counts only under its own category (the method's rule for units with both safe-use and "
         "strict-control measures was not retrieved)")


@dataclass(frozen=True)
class SafeUtilizationRate:
    """Result of :func:`safe_utilization_rate`.

    Attributes
    ----------
    by_township : DataFrame
        ``township, n_units, E, B, C, D, A`` (areas in ``area_unit``; A [%], NaN where E = 0).
    county : DataFrame, one row
        The same columns summed over every township (``township`` = ``"county"`` label given).
    units : DataFrame
        Input rows with ``in_E, in_B, in_C, in_D`` flags (and any evidence columns passed through).
    area_unit : str
    method : str
    notes : tuple of str
    """

    by_township: pd.DataFrame
    county: pd.DataFrame
    units: pd.DataFrame
    area_unit: str
    method: str = METHOD
    notes: tuple = NOTES


def _flag(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    s = frame[col]
    bad = ~s.isin([True, False, 0, 1]) | s.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"row {row}, column {col!r}: must be true/false, got {s.iloc[row]!r}")
    return s.astype(bool).to_numpy()


def safe_utilization_rate(units: pd.DataFrame, *, area_unit: str = "mu", county: str = "county"
                          ) -> SafeUtilizationRate:
    """Compute A = (B + C + D) / E × 100 % per township and for the county.

    Parameters
    ----------
    units : DataFrame, one row per assessment unit for one year
        ``township``, ``area`` [``area_unit``], ``category`` (priority_protection / safe_utilization /
        strict_control) and boolean ``slightly_polluted``, ``priority_measures``, ``safe_measures``,
        ``crop_compliant``, ``strict_measures`` (a missing flag column means false for every unit).
        Other columns (e.g. ``unit_id``, ``c_evidence``) are passed through to ``units``.
    area_unit : {"mu", "ha", "m2", "km2"}
        Unit of ``area``; the results keep it.
    county : str
        Label of the county row.

    Returns
    -------
    SafeUtilizationRate

    Raises
    ------
    ValueError
        Missing column, unknown category, missing or negative area, non-boolean flag (row and column named).

    References
    ----------
    农业农村部《受污染耕地安全利用率核算方法（试行）》(2020), definitions of A–E; 土壤污染防治行动计划 (2016)
    item (八) for the degree-of-pollution ↔ category correspondence.
    """
    if area_unit not in ("mu", "ha", "m2", "km2"):
        raise ValueError(f"unknown area_unit {area_unit!r}; valid: mu, ha, m2, km2")
    for col in ("township", "area", "category"):
        if col not in units.columns:
            raise ValueError(f"units lack required column {col!r}")
    area = pd.to_numeric(units["area"], errors="coerce")
    bad = area.isna() | (area < 0)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"row {row}, column 'area': must be a number ≥ 0 [{area_unit}], got {units['area'].iloc[row]!r}")
    unknown = ~units["category"].isin(CATEGORIES)
    if unknown.any():
        row = int(np.flatnonzero(unknown.to_numpy())[0])
        raise ValueError(f"row {row}, column 'category': unknown {units['category'].iloc[row]!r}; "
                         f"valid: {', '.join(CATEGORIES)}")
    f = {c: _flag(units, c) for c in FLAGS}
    cat = units["category"].to_numpy()
    prio, safe, strict = cat == CATEGORIES[0], cat == CATEGORIES[1], cat == CATEGORIES[2]
    out = units.copy()
    out["in_E"] = safe | strict | (prio & f["slightly_polluted"])
    out["in_B"] = prio & f["slightly_polluted"] & f["priority_measures"]
    out["in_C"] = safe & f["safe_measures"] & f["crop_compliant"]
    out["in_D"] = strict & f["strict_measures"]
    parts = pd.DataFrame({k: np.where(out[f"in_{k}"], area, 0.0) for k in "EBCD"})
    parts["township"] = units["township"].to_numpy()
    parts["n_units"] = 1
    town = parts.groupby("township", sort=True)[["n_units", "E", "B", "C", "D"]].sum().reset_index()
    total = town[["n_units", "E", "B", "C", "D"]].sum().to_frame().T
    total.insert(0, "township", county)
    for frame in (town, total):
        with np.errstate(divide="ignore", invalid="ignore"):
            frame["A"] = np.where(frame["E"] > 0, (frame["B"] + frame["C"] + frame["D"]) / frame["E"] * 100.0,
                                  np.nan)
    return SafeUtilizationRate(town, total.reset_index(drop=True), out, area_unit)
