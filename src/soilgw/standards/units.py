"""Units of measurement the standards and the labs use, with exact conversion factors.

Every unit has a dimension and a factor to its dimension's base unit (mass fraction → mg/kg, mass
concentration → mg/L, counts → per 100 mL, radioactivity → Bq/L). Counts convert only within one counting
basis (MPN with MPN, CFU with CFU); the generic 个 ("number of") is accepted with either, as GB 3838 and
GB 5084 print it. An unknown spelling is an error, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np


class UnitError(ValueError):
    """Unknown unit spelling, or a conversion between incompatible units."""


@dataclass(frozen=True)
class Unit:
    """A canonical unit: ``symbol``, ``dimension``, ``factor`` to the base unit, counting ``basis``."""

    symbol: str
    dimension: str
    factor: float
    basis: str = ""


_UNITS = {
    u.symbol: u
    for u in (
        Unit("g/kg", "mass_fraction", 1e3),
        Unit("mg/kg", "mass_fraction", 1.0),
        Unit("μg/kg", "mass_fraction", 1e-3),
        Unit("ng/kg", "mass_fraction", 1e-6),
        Unit("g/L", "mass_concentration", 1e3),
        Unit("mg/L", "mass_concentration", 1.0),
        Unit("μg/L", "mass_concentration", 1e-3),
        Unit("ng/L", "mass_concentration", 1e-6),
        Unit("MPN/100mL", "count", 1.0, "MPN"),
        Unit("MPN/L", "count", 0.1, "MPN"),
        Unit("CFU/100mL", "count", 1.0, "CFU"),
        Unit("CFU/mL", "count", 100.0, "CFU"),
        Unit("CFU/L", "count", 0.1, "CFU"),
        Unit("个/L", "count", 0.1, "个"),
        Unit("个/10L", "count", 0.01, "个"),
        Unit("Bq/L", "radioactivity", 1.0),
        Unit("mBq/L", "radioactivity", 1e-3),
        Unit("NTU", "turbidity", 1.0),
        Unit("PtCo", "colour", 1.0),
        Unit("pH", "ph", 1.0),
        Unit("℃", "temperature", 1.0),
        Unit("μS/cm", "conductivity", 1.0),
        Unit("mS/cm", "conductivity", 1e3),
        Unit("qualitative", "qualitative", 1.0),
    )
}

# Folded spellings (see _fold) → canonical symbol.
_SPELLINGS = {
    "mg/kg": "mg/kg", "mgkg-1": "mg/kg", "mg·kg-1": "mg/kg", "mg/kgdw": "mg/kg", "mg/kg干重": "mg/kg",
    "g/kg": "g/kg", "gkg-1": "g/kg",
    "μg/kg": "μg/kg", "ug/kg": "μg/kg", "μgkg-1": "μg/kg", "ugkg-1": "μg/kg", "μg·kg-1": "μg/kg",
    "ng/kg": "ng/kg", "ngkg-1": "ng/kg",
    "g/l": "g/L", "mg/l": "mg/L", "mgl-1": "mg/L", "mg·l-1": "mg/L",
    "μg/l": "μg/L", "ug/l": "μg/L", "μgl-1": "μg/L", "ugl-1": "μg/L", "μg·l-1": "μg/L",
    "ng/l": "ng/L", "ngl-1": "ng/L",
    # Chinese unit names as lab reports print them (GB 3100 names: 毫克 mg, 微克 μg, 纳克 ng, 升 L, 千克 kg)
    "毫克/升": "mg/L", "微克/升": "μg/L", "纳克/升": "ng/L", "克/升": "g/L",
    "毫克/千克": "mg/kg", "微克/千克": "μg/kg", "纳克/千克": "ng/kg", "克/千克": "g/kg",
    "毫克/公斤": "mg/kg", "微克/公斤": "μg/kg",
    "mpn/100ml": "MPN/100mL", "mpn/l": "MPN/L", "cfu/100ml": "CFU/100mL", "cfu/ml": "CFU/mL",
    "cfu/l": "CFU/L", "个/l": "个/L", "个/10l": "个/10L",
    "bq/l": "Bq/L", "mbq/l": "mBq/L",
    "ntu": "NTU", "散射浊度单位": "NTU",
    "ptco": "PtCo", "pt-co": "PtCo", "铂钴色度单位": "PtCo", "hazen": "PtCo", "度(铂钴色度单位)": "PtCo",
    "": "pH", "-": "pH", "ph": "pH", "无量纲": "pH", "dimensionless": "pH", "phunits": "pH", "phunit": "pH",
    "℃": "℃", "°c": "℃", "degc": "℃",
    "μs/cm": "μS/cm", "us/cm": "μS/cm", "ms/cm": "mS/cm",
    "无量纲(定性)": "qualitative", "定性": "qualitative", "qualitative": "qualitative",
}


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKC", "" if text is None else str(text)).strip().lower()
    s = s.replace("−", "-").replace("⁻", "-").replace("（", "(").replace("）", ")")
    s = re.sub(r"\s+", "", s)
    return s


def get_unit(text: str) -> Unit:
    """Return the :class:`Unit` for a spelling; raises :class:`UnitError` naming the known ones."""
    key = _fold(text)
    symbol = _SPELLINGS.get(key)
    if symbol is None:
        known = ", ".join(sorted(_UNITS))
        raise UnitError(  # Chinese / English, the platform shows the page's language
            f"未知单位 {text!r}；可用单位：{known}（pH 留空、填无量纲或 pH） / "
            f"unknown unit {text!r}; known units: {known} (pH: blank, 无量纲 or pH)"
        )
    return _UNITS[symbol]


def normalize_unit(text: str) -> str:
    """Canonical spelling of a unit.

    Parameters
    ----------
    text : str
        As written, e.g. ``"ug/L"``, ``"μg·L-1"``, ``"MG/KG"``, ``"铂钴色度单位"``, ``"无量纲"`` or blank.

    Returns
    -------
    str
        ``"mg/kg"``, ``"μg/kg"``, ``"mg/L"``, ``"μg/L"``, ``"ng/L"``, ``"MPN/100mL"``, ``"CFU/100mL"``,
        ``"Bq/L"``, ``"NTU"``, ``"PtCo"``, ``"pH"`` (blank and 无量纲 are pH's dimensionless unit) …

    Raises
    ------
    UnitError
        If the spelling is unknown.
    """
    return get_unit(text).symbol


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """Multiplier taking values in ``from_unit`` to ``to_unit`` [unitless]; raises :class:`UnitError`."""
    a, b = get_unit(from_unit), get_unit(to_unit)
    if a.dimension != b.dimension:
        raise UnitError(
            f"{a.symbol} 与 {b.symbol} 不是同一种量，无法换算 / "
            f"cannot convert {a.symbol} ({a.dimension}) to {b.symbol} ({b.dimension}): different quantities"
        )
    if a.basis and b.basis and a.basis != b.basis and "个" not in (a.basis, b.basis):
        raise UnitError(f"{a.symbol} 与 {b.symbol} 是不同方法的计数，无法换算 / "
                        f"cannot convert {a.symbol} to {b.symbol}: MPN and CFU counts are different methods")
    return a.factor / b.factor


def convert(values, from_unit: str, to_unit: str) -> np.ndarray:
    """Convert values between units of the same dimension.

    Parameters
    ----------
    values : scalar, array_like or pandas.Series, shape (n,)
        Values in ``from_unit``.
    from_unit, to_unit : str
        Any spelling :func:`normalize_unit` accepts.

    Returns
    -------
    numpy.ndarray of float, shape (n,) (0-d for a scalar)

    Raises
    ------
    UnitError
        Unknown unit, or units of different dimensions (mg/kg → mg/L, NTU → mg/L, MPN → CFU).

    Examples
    --------
    >>> convert([250.0], "μg/kg", "mg/kg")
    array([0.25])
    """
    factor = conversion_factor(from_unit, to_unit)
    arr = np.asarray(values, dtype=float)
    return arr * factor if factor != 1.0 else arr.copy()
