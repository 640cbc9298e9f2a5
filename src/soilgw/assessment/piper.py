"""Piper diagram coordinates: meq/L of the major ions, cation and anion ternary points and the diamond point.

Layout (all lengths in triangle sides; h = √3/2):

* cation triangle: Ca at (0, 0), Na+K at (1, 0), Mg at (0.5, h); a sample with equivalent fractions
  (Ca, Mg, Na+K) sits at ``x = (Na+K) + Mg/2``, ``y = h·Mg``;
* anion triangle, shifted right by ``1 + gap``: HCO3+CO3 at (1 + gap, 0), Cl at (2 + gap, 0), SO4 at
  (1.5 + gap, h); ``x = 1 + gap + Cl + SO4/2``, ``y = h·SO4``;
* diamond with its bottom corner B = (1 + gap/2, h·gap), its lower-left side parallel to the cation triangle's
  right side and its lower-right side parallel to the anion triangle's left side; the sample sits at
  ``B + (Ca+Mg)·(−1/2, h) + (Cl+SO4)·(1/2, h)``, so the left corner is Ca–HCO3 water, the right corner Na–Cl,
  the top Ca–Cl/SO4 and the bottom Na–HCO3 (Piper 1944).

Equivalent weights [mg/meq] are molar mass / |charge| from IUPAC standard atomic weights (CIAAW 2021
abridged values).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Ions read by :func:`piper_coordinates`, in mg/L.
IONS = ("Ca", "Mg", "Na", "K", "HCO3", "CO3", "Cl", "SO4")

_ATOMIC = {"H": 1.008, "C": 12.011, "O": 15.999, "Na": 22.990, "Mg": 24.305, "S": 32.06, "Cl": 35.45,
           "K": 39.098, "Ca": 40.078}

#: Equivalent weight of each ion [mg/meq] = molar mass [g/mol] / |charge|.
EQUIVALENT_WEIGHT = {
    "Ca": _ATOMIC["Ca"] / 2,
    "Mg": _ATOMIC["Mg"] / 2,
    "Na": _ATOMIC["Na"],
    "K": _ATOMIC["K"],
    "HCO3": _ATOMIC["H"] + _ATOMIC["C"] + 3 * _ATOMIC["O"],
    "CO3": (_ATOMIC["C"] + 3 * _ATOMIC["O"]) / 2,
    "Cl": _ATOMIC["Cl"],
    "SO4": (_ATOMIC["S"] + 4 * _ATOMIC["O"]) / 2,
}

_H = np.sqrt(3.0) / 2.0


def to_meq(mg_per_l: pd.DataFrame) -> pd.DataFrame:
    """Convert major-ion concentrations from mg/L to meq/L.

    Parameters
    ----------
    mg_per_l : DataFrame
        Columns :data:`IONS` [mg/L]; other columns are ignored.

    Returns
    -------
    DataFrame
        Same index, columns :data:`IONS` [meq/L].

    Raises
    ------
    ValueError
        If a column is missing or a value is negative.
    """
    missing = [ion for ion in IONS if ion not in mg_per_l.columns]
    if missing:
        raise ValueError(f"missing ion column(s) {missing}; need {list(IONS)} in mg/L")
    data = mg_per_l[list(IONS)].astype(float)
    bad = (data < 0).any(axis=1)
    if bad.any():
        raise ValueError(f"negative concentration in row(s) {list(data.index[bad][:10])}")
    return data / pd.Series(EQUIVALENT_WEIGHT)


def piper_coordinates(mg_per_l: pd.DataFrame, *, gap: float = 0.2) -> pd.DataFrame:
    """Piper diagram coordinates of each sample.

    Parameters
    ----------
    mg_per_l : DataFrame, shape (n, ≥8)
        Columns :data:`IONS` [mg/L] (CO3 may be 0).
    gap : float, default 0.2
        Horizontal gap between the two triangles [triangle sides].

    Returns
    -------
    DataFrame, shape (n, 16)
        meq/L of each ion (``<ion>_meq``), equivalent fractions ``ca, mg, na_k`` of the cation sum and
        ``hco3_co3, cl, so4`` of the anion sum [unitless], ``cation_x, cation_y, anion_x, anion_y,
        diamond_x, diamond_y`` [triangle sides], and ``charge_balance_error`` =
        (Σcations − Σanions)/(Σcations + Σanions) [unitless].

    Raises
    ------
    ValueError
        As :func:`to_meq`, or when a sample's cation or anion sum is 0.

    References
    ----------
    Piper, A.M. (1944). A graphic procedure in the geochemical interpretation of water-analyses. Trans. AGU 25(6),
    914–928. doi:10.1029/TR025i006p00914
    """
    meq = to_meq(mg_per_l)
    cat = meq["Ca"] + meq["Mg"] + meq["Na"] + meq["K"]
    an = meq["HCO3"] + meq["CO3"] + meq["Cl"] + meq["SO4"]
    zero = (cat <= 0) | (an <= 0)
    if zero.any():
        raise ValueError(f"cation or anion sum is 0 in row(s) {list(meq.index[zero][:10])}")
    out = meq.add_suffix("_meq")
    out["ca"] = meq["Ca"] / cat
    out["mg"] = meq["Mg"] / cat
    out["na_k"] = (meq["Na"] + meq["K"]) / cat
    out["hco3_co3"] = (meq["HCO3"] + meq["CO3"]) / an
    out["cl"] = meq["Cl"] / an
    out["so4"] = meq["SO4"] / an
    out["cation_x"] = out["na_k"] + out["mg"] / 2
    out["cation_y"] = _H * out["mg"]
    out["anion_x"] = 1 + gap + out["cl"] + out["so4"] / 2
    out["anion_y"] = _H * out["so4"]
    ca_mg = out["ca"] + out["mg"]
    cl_so4 = out["cl"] + out["so4"]
    out["diamond_x"] = 1 + gap / 2 + (cl_so4 - ca_mg) / 2
    out["diamond_y"] = _H * gap + _H * (ca_mg + cl_so4)
    out["charge_balance_error"] = (cat - an) / (cat + an)
    return out
