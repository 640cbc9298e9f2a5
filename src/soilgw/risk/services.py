"""Run the science core (``soilgw.assessment.risk``) for an assessment and turn its tables into records.

The views and the API call :func:`compute`; nothing here touches the database, so the same inputs always give
the same stored result.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from django.utils import timezone

from soilgw.assessment import risk
from soilgw.assessment.results import ResultsError
from soilgw.assessment.risk.concentrations import concentrations

from .choices import Method

#: Concentration keys of an input row, with their unit.
CONCENTRATION_FIELDS = {
    "surface_soil_mg_per_kg": "mg/kg", "subsurface_soil_mg_per_kg": "mg/kg", "groundwater_mg_per_l": "mg/L",
}
#: The clauses the stored numbers come from.
STANDARD = ("HJ 25.3-2019 §7 and Appendix C (risk per pathway, totals), Appendix D (risk control values), "
            "§9 (one-at-a-time sensitivity); land class per GB 36600-2018 §4")
#: Parameter groups offered on the form (the exposure group keeps the standard's defaults there; the API
#: accepts every symbol).
FORM_GROUPS = ("risk", "soil", "source", "groundwater", "building", "air")
#: Not offered on the form: a physical constant, and hv, derived as Lgw − hcap.
FORM_EXCLUDED = frozenset({"mu_air", "hv"})
SENSITIVITY_DELTA = 0.2


class AssessmentInputError(ValueError):
    """Inputs the core refused; the message says which and why."""


def resolve_chemical(text: str) -> dict:
    """Resolve a name, alias or CAS number (``soilgw.standards.analytes.lookup``) to its risk-table row.

    Returns ``{"query", "chemical", "name_zh", "cas"}``.

    Raises
    ------
    AssessmentInputError
        Unknown name (the message lists the closest catalogue names) or no row in the HJ 25.3 table.
    """
    try:
        row = risk.select_chemicals([text]).iloc[0]
    except ValueError as exc:
        raise AssessmentInputError(str(exc)) from None
    return {"query": text, "chemical": row["name_en"], "name_zh": row["name_zh"], "cas": row["cas"]}


def read_concentration_file(filename: str, content: bytes) -> list[dict]:
    """Rows for the form from a CSV in the ``soilgw risk assess`` INPUT format.

    Columns ``chemical, concentration, unit`` and optionally ``medium`` (``soil``, ``surface_soil``,
    ``subsurface_soil``, ``groundwater``; default from the unit); values are converted to [mg/kg] / [mg/L]
    (:func:`soilgw.assessment.risk.concentrations.concentrations`, the reader the CLI also uses).

    Returns
    -------
    list of dict
        ``{"chemical", "surface_soil_mg_per_kg", "subsurface_soil_mg_per_kg", "groundwater_mg_per_l"}``,
        ``None`` where the file gives no concentration.

    Raises
    ------
    AssessmentInputError
        The reader's message (file, row and column), naming the uploaded file.
    """
    name = Path(filename).name or "upload.csv"
    try:
        raw = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise AssessmentInputError(f"{name}: not a readable UTF-8 CSV ({exc})") from None
    try:
        frame = concentrations(raw)
    except ResultsError as exc:
        raise AssessmentInputError(exc.describe(name)) from None
    return [{"chemical": row["chemical"], **{k: _clean(row.get(k, math.nan)) for k in CONCENTRATION_FIELDS}}
            for row in frame.to_dict("records")]


@cache
def chemical_choices() -> list[tuple[str, str, str]]:
    """(Chinese name, English name, CAS) of every chemical the core has parameters for (for a datalist)."""
    t = risk.chemical_table()
    return list(zip(t["name_zh"], t["name_en"], t["cas"], strict=True))


def parameter_fields() -> list[dict]:
    """The overridable parameters shown on the form, with both land classes' defaults and their sources."""
    one, two = risk.exposure_defaults(1), risk.exposure_defaults(2)
    rows = []
    for sym, row in one.iterrows():
        if row["group"] not in FORM_GROUPS or sym in FORM_EXCLUDED:
            continue
        rows.append({"symbol": sym, "name_zh": row["name_zh"], "name_en": row["name_en"], "unit": row["unit"],
                     "group": row["group"], "default_1": _clean(row["value"]), "default_2": _clean(two.loc[sym, "value"]),
                     "source": row["source"], "verified": bool(row["verified"])})
    return rows


def _clean(value):
    """A JSON-safe Python scalar: NaN/inf → None, numpy types → Python."""
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(value) else float(value)
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame`` as a list of JSON-safe dicts."""
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _frame(concentrations: Sequence[Mapping]) -> pd.DataFrame:
    rows = []
    for row in concentrations:
        item = {"chemical": row["query"]}
        for key in CONCENTRATION_FIELDS:
            value = row.get(key)
            item[key] = np.nan if value is None else float(value)
        rows.append(item)
    return pd.DataFrame(rows, columns=["chemical", *CONCENTRATION_FIELDS])


def compute(concentrations: Sequence[Mapping], land_class: int, overrides: Mapping[str, object] | None = None,
            method: str = Method.HJ25_3_2019) -> dict:
    """Risk, control values and sensitivity for one assessment, as model field values.

    Parameters
    ----------
    concentrations : sequence of mapping
        Rows as resolved by :func:`resolve_chemical` plus the three concentration keys
        (:data:`CONCENTRATION_FIELDS`; ``None`` = not measured) [mg/kg], [mg/L].
    land_class : {1, 2}
    overrides : mapping, optional
        Scalar parameter overrides (symbols of ``risk.exposure_defaults``, switch ``groundwater_drinking``).
    method : {"hj25.3-2019"}

    Returns
    -------
    dict
        ``results, control_values, parameters, chemical_parameters, sensitivity, max_carcinogenic_risk,
        max_hazard_index, exceeds_acceptable, parameters_verified, standard, core_version, computed_at``.

    Raises
    ------
    AssessmentInputError
        Unknown method, chemical or parameter, negative value, impossible soil (the core's message).

    References
    ----------
    HJ 25.3-2019 §7, §9, Appendices C and D (through ``soilgw.assessment.risk``).
    """
    if method not in Method.values:
        raise AssessmentInputError(f"unknown method {method!r}; valid: {', '.join(Method.values)}")
    overrides = dict(overrides or {})
    frame = _frame(concentrations)
    try:
        result = risk.assess(frame, land_class=land_class, overrides=overrides)
        cv = risk.control_values(list(frame["chemical"]), land_class=land_class, method=method, overrides=overrides)
        sens = risk.sensitivity(frame, land_class=land_class, overrides=overrides, delta=SENSITIVITY_DELTA)
    except ValueError as exc:
        raise AssessmentInputError(str(exc)) from None
    res = result.frame.drop(columns="site")
    # HJ 25.3-2019 totals soil and groundwater pathways separately (CRn, HIn per medium).
    totals = res[res["pathway"].isin(["soil_total", "groundwater_total"])]
    max_cr, max_hi = totals["carcinogenic_risk"].max(), totals["hazard_quotient"].max()
    exceeds = bool(totals["exceeds_acr"].any() or totals["exceeds_ahq"].any())
    parameters = records(result.parameters)
    chem_params = records(result.chemical_parameters)
    return {
        "results": records(res), "control_values": records(cv.frame.drop(columns="site")),
        "parameters": parameters, "chemical_parameters": chem_params, "sensitivity": records(sens),
        "max_carcinogenic_risk": _clean(max_cr), "max_hazard_index": _clean(max_hi),
        "exceeds_acceptable": exceeds,
        "parameters_verified": all(p["verified"] for p in parameters + chem_params),
        "standard": STANDARD, "core_version": result.version, "computed_at": timezone.now(),
    }
