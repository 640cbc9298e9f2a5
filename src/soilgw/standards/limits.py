"""Numeric views of the shipped standards tables, parsed once and cached.

The CSV files keep the standards' printed text ("≤0.10", ">1.50", "不得检出", "6.5≤pH≤8.5"); this module
turns each cell into numbers plus the count of printed decimals (needed by the rounded-value comparison of
GB/T 8170-2008). Nothing here judges a result; see :mod:`soilgw.assessment`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from soilgw.standards.loader import load_table

ROMAN = ("I", "II", "III", "IV", "V")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def decimals_of(text: str) -> int:
    """Number of printed decimals of the first number in ``text`` (``"≤0.10"`` → 2)."""
    m = _NUMBER.search(text)
    if not m:
        return 0
    part = m.group(0)
    return len(part.split(".")[1]) if "." in part else 0


def _num(text: str) -> float:
    m = _NUMBER.search(text)
    return float(m.group(0)) if m else np.nan


def parse_intervals(text: str) -> list[tuple[float, bool, float, bool]]:
    """Parse a printed pH condition into ``(low, low_inclusive, high, high_inclusive)`` intervals.

    ``"5.5≤pH<6.5 或 8.5<pH≤9.0"`` → ``[(5.5, True, 6.5, False), (8.5, False, 9.0, True)]``;
    ``"6~9"`` → ``[(6, True, 9, True)]``; ``"pH<5.5 或 pH>9.0"`` → two open-ended intervals.
    """
    out = []
    for part in re.split(r"或|;|；", text):
        p = part.replace(" ", "").replace("<=", "≤").replace(">=", "≥")
        if not p:
            continue
        m = re.fullmatch(r"([\d.]+)[~～\-]([\d.]+)", p)
        if m:
            out.append((float(m[1]), True, float(m[2]), True))
            continue
        m = re.fullmatch(r"(?:([\d.]+)(≤|<))?pH(?:(≤|<|>|≥)([\d.]+))?", p, flags=re.IGNORECASE)
        if not m:
            raise ValueError(f"cannot parse range {text!r}")
        low, low_inc, high, high_inc = -np.inf, False, np.inf, False
        if m[1]:
            low, low_inc = float(m[1]), m[2] == "≤"
        if m[3] in ("≤", "<"):
            high, high_inc = float(m[4]), m[3] == "≤"
        elif m[3] in (">", "≥"):
            low, low_inc = float(m[4]), m[3] == "≥"
        out.append((low, low_inc, high, high_inc))
    return out


def in_intervals(x: np.ndarray, intervals) -> np.ndarray:
    """Boolean mask: ``x`` inside any of ``intervals`` (as returned by :func:`parse_intervals`)."""
    mask = np.zeros(np.shape(x), dtype=bool)
    for low, li, high, hi in intervals:
        lo_ok = x >= low if li else x > low
        hi_ok = x <= high if hi else x < high
        mask |= lo_ok & hi_ok
    return mask


# ---------------------------------------------------------------- GB 15618-2018
PH_EDGES = np.array([5.5, 6.5, 7.5])
LAND_COLUMNS = ("paddy", "other", "orchard", "rotation")


@dataclass(frozen=True)
class GB15618Limits:
    """GB 15618-2018 Tables 1–3 as arrays.

    Attributes
    ----------
    codes : tuple of str, length k
        Analyte codes, in table order.
    screening : ndarray, shape (k, 4, 4) [mg/kg]
        Screening value by analyte, land column (:data:`LAND_COLUMNS`) and pH bin
        (pH ≤ 5.5; 5.5 < pH ≤ 6.5; 6.5 < pH ≤ 7.5; pH > 7.5). ``rotation`` is the stricter of paddy and
        other (Table 1 footnote b).
    intervention : ndarray, shape (k, 4) [mg/kg]
        Intervention value by pH bin (Table 3); NaN where the standard gives none.
    screening_decimals, intervention_decimals : ndarray of int, same shapes
    tables : tuple of str, length k
        Table of the screening value (表1 or 表2).
    """

    codes: tuple[str, ...]
    screening: np.ndarray
    intervention: np.ndarray
    screening_decimals: np.ndarray
    intervention_decimals: np.ndarray
    tables: tuple[str, ...]
    verified: np.ndarray


@cache
def gb15618() -> GB15618Limits:
    """Parse ``gb15618_2018`` (GB 15618-2018 Tables 1, 2, 3)."""
    t = load_table("gb15618_2018")
    codes = tuple(dict.fromkeys(t["analyte_code"]))
    k = len(codes)
    s = np.full((k, 4, 4), np.nan)
    sd = np.zeros((k, 4, 4), dtype=int)
    g = np.full((k, 4), np.nan)
    gd = np.zeros((k, 4), dtype=int)
    tables = {}
    verified = np.ones(k, dtype=bool)
    for row in t.itertuples(index=False):
        i = codes.index(row.analyte_code)
        verified[i] &= row.verified == "true"
        bins = range(4) if row.ph_min == "" and row.ph_max == "" else [
            int(np.searchsorted(PH_EDGES, float(row.ph_max), side="left")) if row.ph_max
            else 3
        ]
        value, dec = float(row.value_mg_per_kg), decimals_of(row.value_mg_per_kg)
        for b in bins:
            if row.value_type == "intervention":
                g[i, b], gd[i, b] = value, dec
                continue
            tables[row.analyte_code] = row.table
            lands = {"paddy": [0], "other": [1], "orchard": [2], "all": [0, 1, 2]}[row.land_type]
            for land in lands:
                s[i, land, b], sd[i, land, b] = value, dec
    # A column the table does not split uses 其他: orchard for Cd…Cr, paddy for Cu (Table 1 layout).
    for i in range(k):
        for land in (0, 2):
            missing = np.isnan(s[i, land])
            s[i, land, missing], sd[i, land, missing] = s[i, 1, missing], sd[i, 1, missing]
    stricter_paddy = s[:, 0] <= s[:, 1]
    s[:, 3] = np.where(stricter_paddy, s[:, 0], s[:, 1])
    sd[:, 3] = np.where(stricter_paddy, sd[:, 0], sd[:, 1])
    return GB15618Limits(codes, s, g, sd, gd, tuple(tables[c] for c in codes), verified)


# ---------------------------------------------------------------- GB 36600-2018
@dataclass(frozen=True)
class GB36600Limits:
    """GB 36600-2018 Tables 1–2: per analyte (k = 85) screening and intervention values [mg/kg].

    ``screening``/``intervention`` have shape (k, 2): column 0 first-class land, column 1 second-class.
    ``background_footnote`` marks the items with Table footnote a (background values: As, Co, V).
    """

    codes: tuple[str, ...]
    screening: np.ndarray
    intervention: np.ndarray
    screening_decimals: np.ndarray
    intervention_decimals: np.ndarray
    tables: tuple[str, ...]
    item_no: tuple[str, ...]
    background_footnote: np.ndarray
    verified: np.ndarray


@cache
def gb36600() -> GB36600Limits:
    """Parse ``gb36600_2018`` (GB 36600-2018 Tables 1 and 2)."""
    t = load_table("gb36600_2018")
    cols_s, cols_g = ["screening_class1", "screening_class2"], ["intervention_class1", "intervention_class2"]
    return GB36600Limits(
        codes=tuple(t["analyte_code"]),
        screening=t[cols_s].astype(float).to_numpy(),
        intervention=t[cols_g].astype(float).to_numpy(),
        screening_decimals=t[cols_s].map(decimals_of).to_numpy(),
        intervention_decimals=t[cols_g].map(decimals_of).to_numpy(),
        tables=tuple(t["table"]),
        item_no=tuple(t["item_no"]),
        background_footnote=(t["background_footnote"] == "true").to_numpy(),
        verified=(t["verified"] == "true").to_numpy(),
    )


# ------------------------------------------------- class tables: GB/T 14848-2017, GB 3838-2002
@dataclass(frozen=True)
class ClassLimits:
    """A water-quality class table (classes I–V) as arrays.

    Attributes
    ----------
    codes : tuple of str, length k
    units : tuple of str, length k
        The table's unit per row (alternatives separated by "或", e.g. "MPN/100mL或CFU/100mL").
    direction : tuple of str, length k
        ``upper_limit`` (≤), ``lower_limit`` (≥, dissolved oxygen), ``range`` (pH), ``qualitative``
        (无/有), ``temperature_change`` (not classable from one reading).
    bounds : ndarray, shape (k, 5)
        Bound of classes I–V; for GB/T 14848 column V is NaN (class V is "above IV"); a class IV printed as
        ">x" (radioactivity) is +inf; "不得检出" is 0 with ``not_detected_class`` set.
    decimals : ndarray of int, shape (k, 5)
    ranges : tuple
        Per row, for ``range`` rows the parsed intervals of each class, else None.
    not_detected_class : ndarray of bool, shape (k, 5)
    water_body : tuple of str
        ``all``, ``river`` or ``lake`` (GB 3838 total phosphorus / nitrogen).
    tables : tuple of str
        Table of each row (表1 / 表2).
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    item_no: tuple[str, ...]
    units: tuple[str, ...]
    direction: tuple[str, ...]
    bounds: np.ndarray
    decimals: np.ndarray
    ranges: tuple
    not_detected_class: np.ndarray
    water_body: tuple[str, ...]
    verified: np.ndarray
    tables: tuple[str, ...] = ()


def _class_table(name: str, item_col: str) -> ClassLimits:
    t = load_table(name)
    cols = [f"class_{r}" for r in ROMAN]
    k = len(t)
    bounds = np.full((k, 5), np.nan)
    decimals = np.zeros((k, 5), dtype=int)
    nd = np.zeros((k, 5), dtype=bool)
    ranges = []
    for i, row in enumerate(t.itertuples(index=False)):
        cells = [getattr(row, c) for c in cols]
        if row.direction == "range":
            ranges.append(tuple(tuple(parse_intervals(c)) for c in cells))
            continue
        ranges.append(None)
        if row.direction in ("qualitative", "temperature_change"):
            continue
        for j, cell in enumerate(cells):
            cell = cell.strip()
            if cell == "不得检出":
                bounds[i, j], nd[i, j] = 0.0, True
            elif cell.startswith(("≤", "≥")):
                bounds[i, j], decimals[i, j] = _num(cell), decimals_of(cell)
            elif cell.startswith(">") and j < 4:
                bounds[i, j] = np.inf  # radioactivity: IV printed ">III bound"
    return ClassLimits(
        codes=tuple(t["analyte_code"]), names=tuple(t["name_zh"]), item_no=tuple(t[item_col]),
        units=tuple(t["unit"]), direction=tuple(t["direction"]), bounds=bounds, decimals=decimals,
        ranges=tuple(ranges), not_detected_class=nd,
        water_body=tuple(t["water_body"]) if "water_body" in t else ("all",) * k,
        verified=(t["verified"] == "true").to_numpy(),
        # GB/T 14848: conventional indicators are Table 1, non-conventional Table 2; GB 3838 basic items Table 1.
        tables=tuple("表2" if g.startswith("非常规") else "表1" for g in t["group"]) if "group" in t
        else ("表1",) * k,
    )


@cache
def gbt14848() -> ClassLimits:
    """Parse ``gbt14848_2017`` (GB/T 14848-2017 Tables 1 and 2, 93 indicators)."""
    return _class_table("gbt14848_2017", "indicator_no")


@cache
def gb3838() -> ClassLimits:
    """Parse ``gb3838_2002`` (GB 3838-2002 Table 1, basic items)."""
    return _class_table("gb3838_2002", "item_no")
