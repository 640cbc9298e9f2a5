"""Exposure concentrations for a risk assessment, read through the lab-results boundary.

One row per chemical and medium: ``chemical`` (检测项目, 污染物 …), ``concentration`` (检测结果, 浓度 …),
``unit`` and optionally ``medium`` (``soil`` = surface and subsurface, ``surface_soil``, ``subsurface_soil``,
``groundwater``; default from the unit: mass fraction → soil, mass concentration → groundwater). Headers,
values and units go through :mod:`soilgw.assessment.results` and :mod:`soilgw.standards.units`, so
``1.2×10-3``, full-width digits and ``微克/千克`` are read as elsewhere. A non-detect is not an exposure
concentration (HJ 25.3-2019 §5.2 uses the representative measured concentration): it is an error asking
for the value to use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from soilgw.assessment.results import Problem, ResultsError, canonical_columns, parse_reported
from soilgw.assessment.risk.parameters import select_chemicals
from soilgw.standards.units import UnitError, convert, get_unit

#: Medium → the concentration fields it fills [mg/kg soil, mg/L groundwater].
MEDIA = {"soil": ("surface_soil_mg_per_kg", "subsurface_soil_mg_per_kg"),
         "surface_soil": ("surface_soil_mg_per_kg",), "subsurface_soil": ("subsurface_soil_mg_per_kg",),
         "groundwater": ("groundwater_mg_per_l",)}
_REQUIRED = {"analyte": "chemical", "value": "concentration", "unit": "unit"}


def concentrations(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per chemical with its concentration per medium.

    Parameters
    ----------
    raw : pandas.DataFrame
        As read (text cells, any accepted headers). Data row ``i`` is position ``i``.

    Returns
    -------
    pandas.DataFrame
        ``chemical`` plus those of ``surface_soil_mg_per_kg``, ``subsurface_soil_mg_per_kg`` [mg/kg] and
        ``groundwater_mg_per_l`` [mg/L] the input gives.

    Raises
    ------
    ResultsError
        With every problem: missing column, unreadable or censored value, negative value, unknown or
        wrong-kind unit, unknown medium or chemical, a second concentration for one chemical and medium.
    """
    f = canonical_columns(raw).reset_index(drop=True)
    headers = f.attrs.get("headers", {})
    problems: list[Problem] = []

    def add(row, col, zh, en):
        problems.append(Problem(row, col, headers.get(col, _REQUIRED.get(col, col)), zh, en))

    for col, name in _REQUIRED.items():
        if col not in f.columns:
            add(None, col, f"缺少必需列 {name}", f"missing column {name!r} (required: chemical, concentration, unit "
                "[, medium])")
    if problems:
        raise ResultsError(problems)
    if f.empty:
        raise ResultsError([Problem(None, None, None, "没有数据行", "no data rows")])
    parsed = parse_reported(f["value"])
    rows: dict[str, dict[str, float]] = {}
    for i in range(len(f)):
        text, err = f["value"].iat[i], parsed["error"].iat[i]
        if err:
            zh, _, en = err.partition(" / ")
            add(i, "value", zh, en or zh)
            continue
        if parsed["qualifier"].iat[i] or not parsed["measured"].iat[i]:
            add(i, "value", f"{text!r} 不是暴露浓度，请填写采用的浓度值",
                f"{text!r} is not an exposure concentration; give the value to use")
            continue
        value = float(parsed["value"].iat[i])
        if value < 0:
            add(i, "value", f"浓度不能为负 {value}", f"negative value {value}")
            continue
        try:
            unit = get_unit(str(f["unit"].iat[i]))
        except UnitError as exc:
            add(i, "unit", f"未知单位 {f['unit'].iat[i]!r}", str(exc))
            continue
        medium = str(f["medium"].iat[i]).strip() if "medium" in f.columns else ""
        medium = medium or ("groundwater" if unit.dimension == "mass_concentration" else "soil")
        if medium not in MEDIA:
            add(i, "medium", f"未知介质 {medium!r}", f"{medium!r} is not one of {sorted(MEDIA)}")
            continue
        target = "mg/L" if medium == "groundwater" else "mg/kg"
        try:
            v = float(convert(np.array([value]), unit.symbol, target)[0])
        except UnitError as exc:
            add(i, "unit", f"单位 {unit.symbol} 不能用于介质 {medium}", f"{exc} (medium {medium} needs {target})")
            continue
        name = str(f["analyte"].iat[i]).strip()
        try:
            select_chemicals([name])
        except ValueError as exc:
            add(i, "analyte", f"未知化学物质 {name!r}", str(exc))
            continue
        entry = rows.setdefault(name, {})
        for col in MEDIA[medium]:
            if col in entry:
                add(i, "value", f"{name} 的 {col.split('_mg')[0]} 浓度重复",
                    f"{name!r} has a second {col.split('_mg')[0]} concentration")
            entry[col] = v
    if problems:
        raise ResultsError(problems)
    return pd.DataFrame([{"chemical": k, **v} for k, v in rows.items()])
