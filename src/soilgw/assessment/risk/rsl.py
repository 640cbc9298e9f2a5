"""US EPA Regional Screening Levels (May 2018 edition): resident and industrial (composite worker) soil.

A method of its own, used as an external check on the HJ 25.3 engine and selectable with
``method="us-epa-rsl"``: the RSL equations with their particulate emission factor (PEF), the Jury/ASTM
volatilisation factor, mutagenic age-dependent adjustment factors (ADAF 10/3/3/1), dermal absorption
only for chemicals with a tabulated ABS, and the soil saturation limit Csat (flagged, as the RSL
table's "s" key).

Volatile per the RSL User's Guide: H > 1E-05 atm·m³/mol and MW < 200 g/mol (H = H'·R·T, 25 °C).
Trichloroethylene's kidney-only mutagenic approach and vinyl chloride's early-life adjustment are not
implemented (those chemicals get the generic equations; the output says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from soilgw import __version__
from soilgw.assessment.risk.parameters import apply_chemical_overrides, chemical_records, select_chemicals
from soilgw.standards.loader import load_table

METHOD = "us-epa-rsl"
PARAMETER_TABLE = "us_epa_rsl_2018_05_parameters"
RECEPTORS = {1: "resident", 2: "industrial"}
#: R·T at 25 °C [atm·m³/mol] to turn H' into H.
RT_25C = 8.205736e-5 * 298.15
#: ADAF age bins for mutagens (RSL User's Guide §4.1): (years, ADAF, child?).
ADAF_BINS = ((2, 10.0, True), (4, 3.0, True), (10, 3.0, False), (10, 1.0, False))
SPECIAL_CASES = {"79-01-6": "trichloroethylene kidney-only mutagenic approach not implemented",
                 "75-01-4": "vinyl chloride early-life adjustment not implemented"}


@cache
def _table() -> pd.DataFrame:
    return load_table(PARAMETER_TABLE).set_index("symbol")


def rsl_parameters(receptor: str = "resident", overrides: Mapping[str, float] | None = None):
    """RSL default exposure and soil parameters for ``receptor`` with ``overrides`` applied.

    Returns
    -------
    (dict, pandas.DataFrame)
        Symbol → value, and the record ``symbol, name_en, unit, value, default, overridden, source,
        source_id, verified``.

    Raises
    ------
    ValueError
        Unknown receptor or parameter.

    References
    ----------
    US EPA Regional Screening Levels User's Guide, May 2018, §4 (standard default exposure factors).
    """
    if receptor not in RECEPTORS.values():
        raise ValueError(f"receptor must be one of {sorted(RECEPTORS.values())}, got {receptor!r}")
    t = _table()
    overrides = dict(overrides or {})
    bad = sorted(set(overrides) - set(t.index))
    if bad:
        raise ValueError(f"unknown RSL parameter(s) {bad}; valid: {', '.join(t.index)}")
    values, rows = {}, []
    for sym, row in t.iterrows():
        default = float(row[receptor]) if row[receptor] else np.nan
        over = sym in overrides
        values[sym] = float(overrides[sym]) if over else default
        rows.append({"symbol": sym, "name_en": row["name_en"], "unit": row["unit"], "value": values[sym],
                     "default": default, "overridden": over, "source": "override" if over else row["source"],
                     "source_id": "" if over else row["source_id"],
                     "verified": row["verified"] == "true" and not over})
    return values, pd.DataFrame(rows)


def age_adjusted_factors(p: Mapping[str, float]) -> dict[str, float]:
    """Age-adjusted resident soil factors IFS, DFS (non-mutagen) and IFSM, DFSM (mutagen) [mg/kg].

    ``IFS = EF·EDc·IRSc/BWc + EF·EDa·IRSa/BWa``; ``DFS`` likewise with SA·AF; the mutagenic forms
    weight the age bins 0–2, 2–6, 6–16, 16–26 a by ADAF 10, 3, 3, 1.

    References
    ----------
    US EPA RSL User's Guide (May 2018) §4.1, resident soil equations.
    """
    ef = p["EF"]
    ifs = ef * p["EDc"] * p["IRSc"] / p["BWc"] + ef * p["EDa"] * p["IRSa"] / p["BWa"]
    dfs = (ef * p["EDc"] * p["AFc"] * p["SAc"] / p["BWc"] + ef * p["EDa"] * p["AFa"] * p["SAa"] / p["BWa"])
    ifsm = dfsm = 0.0
    for years, adaf, child in ADAF_BINS:
        r = "c" if child else "a"
        ifsm += ef * years * adaf * p[f"IRS{r}"] / p[f"BW{r}"]
        dfsm += ef * years * adaf * p[f"AF{r}"] * p[f"SA{r}"] / p[f"BW{r}"]
    return {"IFS": ifs, "DFS": dfs, "IFSM": ifsm, "DFSM": dfsm}


def particulate_emission_factor(Q_C_wind, V, Um, Ut, Fx):
    """PEF = Q/Cwind·3600/(0.036·(1−V)·(Um/Ut)³·F(x)) [m³/kg].

    References
    ----------
    US EPA RSL User's Guide (May 2018) §4.2; USEPA (2002) Supplemental Guidance for Developing Soil
    Screening Levels, eq. 4-5 (OSWER 9355.4-24).
    """
    return Q_C_wind * 3600.0 / (0.036 * (1.0 - V) * (Um / Ut) ** 3 * Fx)


def volatilization_factor(Q_C_vol, T_s, rho_b, rho_s, theta_w, foc, henry, da, dw, koc, kd):
    """Soil-to-air volatilisation factor VF [m³/kg] and apparent diffusivity DA [cm²/s].

    ``DA = ((θa^(10/3)·Da·H' + θw^(10/3)·Dw)/n²)/(ρb·Kd + θw + θa·H')``;
    ``VF = Q/Cvol·(3.14·DA·T)^½/(2·ρb·DA)·10⁻⁴``.

    References
    ----------
    US EPA RSL User's Guide (May 2018) §4.3; USEPA (1996) Soil Screening Guidance TBD, eq. 8
    (EPA/540/R-95/128).
    """
    n = 1.0 - rho_b / rho_s
    theta_a = n - theta_w
    Kd = np.where(np.isnan(kd), koc * foc, kd)
    DA = ((theta_a ** (10 / 3) * da * henry + theta_w ** (10 / 3) * dw) / n**2) / (rho_b * Kd + theta_w
                                                                                  + theta_a * henry)
    vf = Q_C_vol * np.sqrt(3.14 * DA * T_s) / (2.0 * rho_b * DA) * 1e-4
    return vf, DA


def soil_saturation(solubility, rho_b, rho_s, theta_w, foc, henry, koc, kd):
    """Csat = S/ρb·(Kd·ρb + θw + H'·θa) [mg/kg]. RSL User's Guide (May 2018) §4.4."""
    n = 1.0 - rho_b / rho_s
    Kd = np.where(np.isnan(kd), koc * foc, kd)
    return solubility / rho_b * (Kd * rho_b + theta_w + henry * (n - theta_w))


def is_volatile(henry, mw):
    """RSL volatility criterion: H = H'·R·T > 1E-05 atm·m³/mol and MW < 200 g/mol."""
    return (np.nan_to_num(henry) * RT_25C > 1e-5) & (np.nan_to_num(mw, nan=np.inf) < 200.0)


@dataclass(frozen=True)
class RSLResult:
    """Screening levels by route with the one that governs.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per chemical: ``chemical, name_zh, cas, gb36600_item, sl_ing_ca, sl_derm_ca, sl_inh_ca,
        sl_ca_mg_per_kg, sl_ing_nc, sl_derm_nc, sl_inh_nc, sl_nc_mg_per_kg, sl_mg_per_kg, governing,
        volatile, vf_m3_per_kg, csat_mg_per_kg, above_csat, note, verified, reason``.
    parameters, chemical_parameters : pandas.DataFrame
        Records of every parameter used, with sources.
    factors : dict
        IFS, DFS, IFSM, DFSM [mg/kg], PEF [m³/kg].
    receptor : str
    method : str
    version : str
        SoilGW version that computed the result.
    """

    frame: pd.DataFrame
    parameters: pd.DataFrame
    chemical_parameters: pd.DataFrame
    factors: dict
    receptor: str
    method: str = METHOD
    version: str = __version__


def _inv(x):
    with np.errstate(divide="ignore"):
        return np.where(x > 0, 1.0 / np.where(x > 0, x, 1.0), np.nan)


def screening_levels(chemicals: Iterable[str] | pd.DataFrame | None = None, receptor: str = "resident",
                     overrides: Mapping[str, float] | None = None,
                     chemical_overrides: Mapping[str, Mapping[str, float]] | None = None) -> RSLResult:
    """RSL soil screening levels (TR and THQ from the parameter table, default 1E-06 and 1).

    Parameters
    ----------
    chemicals : iterable of str or DataFrame, optional
        As in :func:`~soilgw.assessment.risk.parameters.select_chemicals`; default every GB 36600 item.
    receptor : {"resident", "industrial"}
        Resident (child + adult, ADAF for mutagens) or composite worker (adult, no ADAF).
    overrides : mapping, optional
        RSL parameter symbol → value.
    chemical_overrides : mapping, optional
        Chemical → {property → value}, recorded as "override".

    Returns
    -------
    RSLResult
        ``sl_mg_per_kg = min(SL_ca, SL_nc)`` with route-specific SLs combined as 1/Σ(1/SLᵢ).

    References
    ----------
    US EPA Regional Screening Levels User's Guide, May 2018, §4.1 (resident soil; composite worker
    soil equations); chemical values from the RSL May 2018 chemical-specific parameters table.
    """
    chem = chemicals if isinstance(chemicals, pd.DataFrame) else select_chemicals(chemicals)
    chem = apply_chemical_overrides(chem, chemical_overrides)
    p, record = rsl_parameters(receptor, overrides)
    c = {k: chem[k].to_numpy(float) for k in ("sfo", "iur", "rfdo", "rfc", "absgi", "absd", "rba", "henry",
                                             "da", "dw", "koc", "kd", "solubility", "mw")}
    mut = chem["mutagen"].to_numpy(bool)
    resident = receptor == "resident"
    at_ca = p["LT"] * 365.0
    ed = p["ED"]
    pef = particulate_emission_factor(p["Q_C_wind"], p["V"], p["Um"], p["Ut"], p["Fx"])
    volatile = is_volatile(c["henry"], c["mw"]) & ~np.isnan(c["da"])
    vf, _ = volatilization_factor(p["Q_C_vol"], ed * 365.0 * 86400.0, p["rho_b"], p["rho_s"], p["theta_w"],
                                  p["foc"], np.nan_to_num(c["henry"]), c["da"], c["dw"], c["koc"], c["kd"])
    inv_vf = np.where(volatile, _inv(vf), 0.0)
    air = inv_vf + 1.0 / pef  # [kg/m³]
    sfo = np.nan_to_num(c["sfo"])
    absd = np.nan_to_num(c["absd"])
    rba = np.nan_to_num(c["rba"], nan=1.0)
    if resident:
        f = age_adjusted_factors(p)
        ing_f = np.where(mut, f["IFSM"], f["IFS"])
        derm_f = np.where(mut, f["DFSM"], f["DFS"])
        inh_ed = np.where(mut, sum(y * a for y, a, _ in ADAF_BINS), ed)
    else:
        f = {"IFS": p["EF"] * ed * p["IRSa"] / p["BWa"], "DFS": p["EF"] * ed * p["AFa"] * p["SAa"] / p["BWa"]}
        ing_f, derm_f, inh_ed = f["IFS"], f["DFS"], ed
    f["PEF"] = pef
    tr, thq = p["TR"], p["THQ"]
    sl_ing_ca = tr * at_ca * _inv(sfo * rba * ing_f * 1e-6)
    sl_derm_ca = tr * at_ca * _inv(sfo / c["absgi"] * absd * derm_f * 1e-6)
    sl_inh_ca = tr * at_ca * _inv(np.nan_to_num(c["iur"]) * 1000.0 * p["EF"] * inh_ed * p["ET"] / 24.0 * air)

    r = "c" if resident else "a"
    ed_nc = p["EDc"] if resident else ed
    at_nc = ed_nc * 365.0
    bw, irs, sa, af = p[f"BW{r}"], p[f"IRS{r}"], p[f"SA{r}"], p[f"AF{r}"]
    sl_ing_nc = thq * at_nc * bw * _inv(p["EF"] * ed_nc * _inv(c["rfdo"]) * rba * irs * 1e-6)
    sl_derm_nc = thq * at_nc * bw * _inv(p["EF"] * ed_nc * _inv(c["rfdo"] * c["absgi"]) * absd * af * sa * 1e-6)
    sl_inh_nc = thq * at_nc * _inv(p["EF"] * ed_nc * p["ET"] / 24.0 * _inv(c["rfc"]) * air)

    def combine(*sls):
        tot = sum(np.nan_to_num(_inv(s)) for s in sls)
        return _inv(tot)

    sl_ca = combine(sl_ing_ca, sl_derm_ca, sl_inh_ca)
    sl_nc = combine(sl_ing_nc, sl_derm_nc, sl_inh_nc)
    sl = np.fmin(sl_ca, sl_nc)
    governing = np.where(np.isnan(sl), "", np.where(np.nan_to_num(sl_ca, nan=np.inf) <= np.nan_to_num(sl_nc, nan=np.inf),
                                                    "carcinogenic", "non-carcinogenic"))
    csat = soil_saturation(c["solubility"], p["rho_b"], p["rho_s"], p["theta_w"], p["foc"],
                           np.nan_to_num(c["henry"]), c["koc"], c["kd"])
    has_tox = chem[["sfo", "iur", "rfdo", "rfc"]].notna().any(axis=1).to_numpy()
    reason = np.where(has_tox | (chem["reason"] != ""), chem["reason"], "no toxicity value in the parameter table")
    frame = pd.DataFrame({
        "chemical": chem["name_en"].to_numpy(), "name_zh": chem["name_zh"].to_numpy(), "cas": chem["cas"].to_numpy(),
        "gb36600_item": chem["gb36600_item"].to_numpy(),
        "sl_ing_ca": sl_ing_ca, "sl_derm_ca": sl_derm_ca, "sl_inh_ca": sl_inh_ca, "sl_ca_mg_per_kg": sl_ca,
        "sl_ing_nc": sl_ing_nc, "sl_derm_nc": sl_derm_nc, "sl_inh_nc": sl_inh_nc, "sl_nc_mg_per_kg": sl_nc,
        "sl_mg_per_kg": sl, "governing": governing, "volatile": volatile,
        "vf_m3_per_kg": np.where(volatile, vf, np.nan), "csat_mg_per_kg": np.where(volatile, csat, np.nan),
        "above_csat": volatile & (sl > csat),
        "note": [SPECIAL_CASES.get(cas, "") for cas in chem["cas"]],
        "verified": chem["verified"].to_numpy(), "reason": reason,
    })
    return RSLResult(frame, record, chemical_records(chem), f, receptor)
