"""HJ 25.3-2019 health risk assessment of development land: risk, hazard and risk control values.

The nine exposure pathways of HJ 25.3-2019 §5 / Appendix A (six soil, three groundwater), toxicity
extrapolation (Appendix C), risk characterisation (§7, Appendix C) and risk control values (§8,
Appendix D), vectorized over chemicals × sites.

Conventions (see docs/risk.md for the open questions behind each):

- IUR is tabulated in [(µg/m³)⁻¹] (RSL/IRIS); ``SFi = IUR·1000·BWa/DAIRa`` — the factor 1000 [µg/mg]
  makes SFi [(mg/kg·d)⁻¹] dimensionally consistent.
- A chemical without H' (or Da/Dw) is treated as non-volatile: the five vapour pathways are 0.
- A chemical without ABSd has no dermal term (the RSL convention for volatile organics).
- Results above the soil saturation limit are flagged (``above_csat``), not capped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from soilgw import __version__
from soilgw.assessment.risk import pathways as pw
from soilgw.assessment.risk.parameters import (
    ParameterSet,
    apply_chemical_overrides,
    chemical_records,
    resolve_parameters,
    select_chemicals,
)

METHOD = "hj25.3-2019"


@dataclass(frozen=True)
class Pathway:
    """One exposure pathway of HJ 25.3-2019 §5."""

    code: str
    name_zh: str
    name_en: str
    medium: str  # surface_soil | subsurface_soil | groundwater
    route: str  # oral | dermal | inhalation


PATHWAYS = (
    Pathway("ois", "经口摄入土壤", "oral ingestion of soil", "surface_soil", "oral"),
    Pathway("dcs", "皮肤接触土壤", "dermal contact with soil", "surface_soil", "dermal"),
    Pathway("pis", "吸入土壤颗粒物", "inhalation of soil particles", "surface_soil", "inhalation"),
    Pathway("iov1", "吸入室外空气中来自表层土壤的气态污染物", "outdoor vapour from surface soil",
            "surface_soil", "inhalation"),
    Pathway("iov2", "吸入室外空气中来自下层土壤的气态污染物", "outdoor vapour from subsurface soil",
            "subsurface_soil", "inhalation"),
    Pathway("iiv1", "吸入室内空气中来自下层土壤的气态污染物", "indoor vapour from subsurface soil",
            "subsurface_soil", "inhalation"),
    Pathway("iov3", "吸入室外空气中来自地下水的气态污染物", "outdoor vapour from groundwater",
            "groundwater", "inhalation"),
    Pathway("iiv2", "吸入室内空气中来自地下水的气态污染物", "indoor vapour from groundwater",
            "groundwater", "inhalation"),
    Pathway("cgw", "饮用地下水", "drinking groundwater", "groundwater", "oral"),
)
PATHWAY_CODES = tuple(p.code for p in PATHWAYS)
SOIL_PATHWAYS = PATHWAY_CODES[:6]
GROUNDWATER_PATHWAYS = PATHWAY_CODES[6:]


@dataclass(frozen=True)
class UnitRisk:
    """Risk and hazard per unit concentration, per pathway, shape (n_chem, n_sites).

    Attributes
    ----------
    cr, hq : dict[str, numpy.ndarray]
        Pathway code → carcinogenic risk per [mg/kg] (soil) or [mg/L] (groundwater), and hazard quotient
        per unit concentration (apportionment SAF/WAF included).
    exposure_ca, exposure_nc : dict[str, numpy.ndarray]
        Exposure rates per pathway (OISER…CGWER) [kg/(kg·d)] or [L/(kg·d)], VF and ABSd included.
    intermediates : dict[str, numpy.ndarray]
        Ksw, Kd, porosities, Deff (soil, capillary, crack, groundwater-to-surface), DFoa, DFia, Qs, the
        five VFs, Csat, LFsgw, SFo/SFd/SFi, RfDo/RfDd/RfDi.
    """

    cr: dict[str, np.ndarray]
    hq: dict[str, np.ndarray]
    exposure_ca: dict[str, np.ndarray]
    exposure_nc: dict[str, np.ndarray]
    intermediates: dict[str, np.ndarray]


def _site(v):
    a = np.asarray(v, dtype=float)
    return a.reshape(1, -1) if a.ndim == 1 else a


def _col(chem: pd.DataFrame, name: str) -> np.ndarray:
    return chem[name].to_numpy(dtype=float).reshape(-1, 1)


def unit_risk(chem: pd.DataFrame, params: ParameterSet) -> UnitRisk:
    """Compute per-unit-concentration risk and hazard for every chemical × site × pathway.

    Parameters
    ----------
    chem : pandas.DataFrame
        Chemical rows as returned by :func:`~soilgw.assessment.risk.parameters.select_chemicals`
        (n_chem rows).
    params : ParameterSet
        Resolved exposure/site parameters (n_sites along the site axis).

    Returns
    -------
    UnitRisk
        Arrays of shape (n_chem, n_sites).

    References
    ----------
    HJ 25.3-2019 Appendix A (exposure), Appendix C (toxicity extrapolation, CR and HQ per pathway),
    Appendix F (volatilisation, Johnson–Ettinger indoor model).
    """
    p = {k: _site(v) for k, v in params.values.items()}
    shape = (len(chem), params.n_sites)
    H = _col(chem, "henry")
    da, dw = _col(chem, "da"), _col(chem, "dw")
    volatile = (np.nan_to_num(H) > 0) & ~np.isnan(da) & ~np.isnan(dw)
    sp = pw.soil_phases(p["rho_b"], p["rho_s"], p["Pws"], p["fom"], _col(chem, "koc"), _col(chem, "kd"), H)
    theta_cap = p["theta_acap"] + p["theta_wcap"]
    theta_crack = p["theta_acrack"] + p["theta_wcrack"]
    deff_s = pw.effective_diffusion(da, dw, H, sp["theta_as"], sp["theta_ws"], sp["theta"])
    deff_cap = pw.effective_diffusion(da, dw, H, p["theta_acap"], p["theta_wcap"], theta_cap)
    deff_crack = pw.effective_diffusion(da, dw, H, p["theta_acrack"], p["theta_wcrack"], theta_crack)
    deff_gws = pw.deff_groundwater_to_surface(p["Lgw"], p["hcap"], p["hv"], deff_cap, deff_s)
    DFoa = pw.dispersion_outdoor(p["Uair"], p["W"], p["delta_air"], p["A"])
    DFia = pw.dispersion_indoor(p["LB"], p["ER"])
    Qs = pw.soil_gas_flow(p["dP"], p["Kv"], p["Xcrack"], p["Ab"], p["eta"], p["Zcrack"], p["mu_air"])
    vf = {
        "VFsuroa": pw.vf_surface_outdoor(p["rho_b"], DFoa, deff_s, H, p["tau"], sp["Ksw"], p["d"]),
        "VFsuboa": pw.vf_subsurface_outdoor(p["rho_b"], DFoa, deff_s, H, p["tau"], sp["Ksw"], p["Ls"], p["dsub"]),
        "VFsubia": pw.vf_subsurface_indoor(p["rho_b"], DFia, deff_s, deff_crack, H, p["tau"], sp["Ksw"],
                                           p["Ls"], p["dsub"], Qs, p["Ab"], p["Lcrack"], p["eta"]),
        "VFgwoa": pw.vf_groundwater_outdoor(H, DFoa, p["Lgw"], deff_gws),
        "VFgwia": pw.vf_groundwater_indoor(H, DFia, deff_gws, deff_crack, p["Lgw"], Qs, p["Ab"],
                                           p["Lcrack"], p["eta"]),
    }
    vf = {k: np.broadcast_to(np.where(volatile, np.nan_to_num(v), 0.0), shape) for k, v in vf.items()}

    rates = pw.exposure_rates(p, params.land_class)
    absd = np.nan_to_num(_col(chem, "absd"))
    drink = 1.0 if params.switches["groundwater_drinking"] else 0.0
    exposure = {}
    for eff in ("ca", "nc"):
        r = {k: v[eff] for k, v in rates.items()}
        exposure[eff] = {
            "ois": r["ois"], "dcs": r["dcs"] * absd, "pis": r["pis"],
            "iov1": vf["VFsuroa"] * r["air_out"], "iov2": vf["VFsuboa"] * r["air_out"],
            "iiv1": vf["VFsubia"] * r["air_in"], "iov3": vf["VFgwoa"] * r["air_out"],
            "iiv2": vf["VFgwia"] * r["air_in"], "cgw": r["cgw"] * drink,
        }
        exposure[eff] = {k: np.broadcast_to(v, shape) for k, v in exposure[eff].items()}

    absgi = _col(chem, "absgi")
    sfo, rfdo = _col(chem, "sfo"), _col(chem, "rfdo")
    tox = {
        "SFo": sfo, "SFd": sfo / absgi, "SFi": _col(chem, "iur") * 1000.0 * p["BWa"] / p["DAIRa"],
        "RfDo": rfdo, "RfDd": rfdo * absgi, "RfDi": _col(chem, "rfc") * p["DAIRa"] / p["BWa"],
    }
    sf_of = {"oral": "SFo", "dermal": "SFd", "inhalation": "SFi"}
    rfd_of = {"oral": "RfDo", "dermal": "RfDd", "inhalation": "RfDi"}
    cr, hq = {}, {}
    for pth in PATHWAYS:
        af = p["SAF"] if pth.medium != "groundwater" else p["WAF"]
        sf = np.nan_to_num(tox[sf_of[pth.route]])
        with np.errstate(divide="ignore", invalid="ignore"):
            inv_rfd = np.where(np.isnan(tox[rfd_of[pth.route]]), 0.0, 1.0 / tox[rfd_of[pth.route]])
        cr[pth.code] = np.broadcast_to(exposure["ca"][pth.code] * sf, shape)
        hq[pth.code] = np.broadcast_to(exposure["nc"][pth.code] * inv_rfd / af, shape)

    csat = pw.soil_saturation(_col(chem, "solubility"), p["rho_b"], sp["Kd"], sp["theta_ws"], H, sp["theta_as"])
    lf = pw.leaching_factor(sp["Ksw"], p["Ugw"], p["delta_gw"], p["I"], p["W"], p["dsub"], p["rho_b"], p["tau"])
    inter = {**sp, "theta_cap": theta_cap, "theta_crack": theta_crack, "Deffs": deff_s, "Deffcap": deff_cap,
             "Deffcrack": deff_crack, "Deffgws": deff_gws, "DFoa": DFoa, "DFia": DFia, "Qs": Qs, **vf,
             "Csat": csat, "LFsgw": lf, **tox}
    inter = {k: np.broadcast_to(np.asarray(v, dtype=float), shape) for k, v in inter.items()}
    return UnitRisk(cr, hq, exposure["ca"], exposure["nc"], inter)


def _ratio(num, den):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def control_value_arrays(ur: UnitRisk, params: ParameterSet) -> dict[str, np.ndarray]:
    """RCVS, HCVS [mg/kg] and RCVG, HCVG [mg/L], shape (n_chem, n_sites); NaN where no pathway applies.

    ``RCVS = ACR/Σ_soil CR₁``, ``HCVS = AHQ/Σ_soil HQ₁`` (HQ₁ includes SAF, so this equals the printed
    ``AHQ·SAF/Σ(E/RfD)``); groundwater likewise with WAF.

    References
    ----------
    HJ 25.3-2019 §8, Appendix D (equations for RCVS, HCVS, RCVG, HCVG).
    """
    acr, ahq = _site(params["ACR"]), _site(params["AHQ"])
    soil_cr = sum(ur.cr[k] for k in SOIL_PATHWAYS)
    soil_hq = sum(ur.hq[k] for k in SOIL_PATHWAYS)
    gw_cr = sum(ur.cr[k] for k in GROUNDWATER_PATHWAYS)
    gw_hq = sum(ur.hq[k] for k in GROUNDWATER_PATHWAYS)
    return {"RCVS": _ratio(acr, soil_cr), "HCVS": _ratio(ahq, soil_hq),
            "RCVG": _ratio(acr, gw_cr), "HCVG": _ratio(ahq, gw_hq)}


@dataclass(frozen=True)
class ControlValueResult:
    """Risk control values with everything needed to explain them.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per chemical × site: ``chemical, name_zh, cas, gb36600_item, site, rcvs_mg_per_kg,
        hcvs_mg_per_kg, control_value_mg_per_kg, governing, rcvg_mg_per_l, hcvg_mg_per_l,
        groundwater_control_value_mg_per_l, csat_mg_per_kg, above_csat, verified, reason``.
    parameters : pandas.DataFrame
        Exposure/site parameter record (see :class:`ParameterSet`).
    chemical_parameters : pandas.DataFrame
        Every chemical parameter used with its source.
    method : str
    land_class : int
    unit_risk : UnitRisk
        Per-pathway arrays and intermediates.
    version : str
        SoilGW version that computed the result.
    """

    frame: pd.DataFrame
    parameters: pd.DataFrame
    chemical_parameters: pd.DataFrame
    method: str
    land_class: int
    unit_risk: UnitRisk = field(repr=False)
    version: str = __version__


def _reason(chem: pd.DataFrame) -> np.ndarray:
    has_tox = chem[["sfo", "iur", "rfdo", "rfc"]].notna().any(axis=1)
    return np.where(has_tox | (chem["reason"] != ""), chem["reason"], "no toxicity value in the parameter table")


def control_values(chemicals: Iterable[str] | pd.DataFrame | None = None, land_class: int = 1,
                   overrides: Mapping[str, object] | None = None,
                   chemical_overrides: Mapping[str, Mapping[str, float]] | None = None) -> ControlValueResult:
    """Soil (RCVS, HCVS) and groundwater (RCVG, HCVG) risk control values by HJ 25.3-2019.

    Parameters
    ----------
    chemicals : iterable of str or DataFrame, optional
        Names/aliases/CAS numbers, or chemical rows (e.g. with edited properties); default every
        GB 36600-2018 item.
    land_class : {1, 2}
        GB 36600-2018 land class (first-class: child + adult carcinogenic, child non-carcinogenic;
        second-class: adult).
    overrides : mapping, optional
        Parameter symbol → value or per-site array (see
        :func:`~soilgw.assessment.risk.parameters.resolve_parameters`), incl. ``ACR``, ``AHQ``.
    chemical_overrides : mapping, optional
        Chemical → {property → value}, see
        :func:`~soilgw.assessment.risk.parameters.apply_chemical_overrides`.

    Returns
    -------
    ControlValueResult
        ``control_value_mg_per_kg = min(RCVS, HCVS)`` with ``governing`` naming the smaller.

    Raises
    ------
    ValueError
        Unknown chemical or parameter, bad land class.

    References
    ----------
    HJ 25.3-2019 §8 and Appendix D.
    """
    chem = chemicals if isinstance(chemicals, pd.DataFrame) else select_chemicals(chemicals)
    chem = apply_chemical_overrides(chem, chemical_overrides)
    params = resolve_parameters(land_class, overrides)
    ur = unit_risk(chem, params)
    cv = control_value_arrays(ur, params)
    n_c, n_s = len(chem), params.n_sites

    def rep(a):  # one value per chemical -> one per chemical × site
        return np.repeat(np.asarray(a), n_s)

    flat = {k: v.reshape(-1) for k, v in cv.items()}
    soil_cv = np.fmin(flat["RCVS"], flat["HCVS"])
    governing = np.where(np.isnan(soil_cv), "",
                         np.where(np.nan_to_num(flat["RCVS"], nan=np.inf) <= np.nan_to_num(flat["HCVS"], nan=np.inf),
                                  "carcinogenic", "non-carcinogenic"))
    csat = ur.intermediates["Csat"].reshape(-1)
    frame = pd.DataFrame({
        "chemical": rep(chem["name_en"]), "name_zh": rep(chem["name_zh"]), "cas": rep(chem["cas"]),
        "gb36600_item": rep(chem["gb36600_item"]), "site": np.tile(np.arange(n_s), n_c),
        "rcvs_mg_per_kg": flat["RCVS"], "hcvs_mg_per_kg": flat["HCVS"], "control_value_mg_per_kg": soil_cv,
        "governing": governing, "rcvg_mg_per_l": flat["RCVG"], "hcvg_mg_per_l": flat["HCVG"],
        "groundwater_control_value_mg_per_l": np.fmin(flat["RCVG"], flat["HCVG"]),
        "csat_mg_per_kg": csat, "above_csat": soil_cv > csat,
        "verified": rep(chem["verified"]), "reason": rep(_reason(chem)),
    })
    return ControlValueResult(frame, params.records, chemical_records(chem), METHOD, params.land_class, ur)


@dataclass(frozen=True)
class AssessmentResult:
    """Carcinogenic risk and hazard quotients per chemical × site × pathway, plus totals.

    Attributes
    ----------
    frame : pandas.DataFrame
        Tidy: one row per chemical × site × pathway, then the rows ``soil_total``,
        ``groundwater_total`` per chemical × site (HI = sum of HQs). Columns ``chemical, cas, site,
        pathway, pathway_zh, medium, concentration, unit, exposure_ca, exposure_nc,
        carcinogenic_risk, hazard_quotient, cr_contribution_pct, hq_contribution_pct, exceeds_acr,
        exceeds_ahq, above_csat, reason``; risk is NaN (not 0) where the chemical has no toxicity
        value for that effect.
    parameters, chemical_parameters : pandas.DataFrame
        As in :class:`ControlValueResult`.
    method : str
    land_class : int
    arrays : dict
        ``cr``/``hq`` → pathway → (n_chem, n_sites) arrays of risk (not per unit).
    version : str
        SoilGW version that computed the result.
    """

    frame: pd.DataFrame
    parameters: pd.DataFrame
    chemical_parameters: pd.DataFrame
    method: str
    land_class: int
    arrays: dict = field(repr=False)
    version: str = __version__


def risk_arrays(ur: UnitRisk, csur, csub, cgw) -> dict[str, dict[str, np.ndarray]]:
    """Risk and hazard quotients = per-unit values × concentration (HJ 25.3-2019 Appendix C).

    Parameters
    ----------
    ur : UnitRisk
    csur, csub : array_like
        Surface and subsurface soil concentration [mg/kg], broadcastable to (n_chem, n_sites); NaN → 0.
    cgw : array_like
        Groundwater concentration [mg/L], broadcastable likewise; NaN → 0.

    Returns
    -------
    dict
        ``{"cr": {pathway: array}, "hq": {pathway: array}}``.
    """
    conc = {"surface_soil": np.nan_to_num(np.asarray(csur, float)),
            "subsurface_soil": np.nan_to_num(np.asarray(csub, float)),
            "groundwater": np.nan_to_num(np.asarray(cgw, float))}
    return {
        "cr": {p.code: ur.cr[p.code] * conc[p.medium] for p in PATHWAYS},
        "hq": {p.code: ur.hq[p.code] * conc[p.medium] for p in PATHWAYS},
    }


def to_long(chem: pd.DataFrame, ur: UnitRisk, arrays: dict, conc: dict, params: ParameterSet) -> pd.DataFrame:
    """Tidy long form of :func:`risk_arrays` (see :class:`AssessmentResult` for the columns).

    Rows are ordered site, chemical (input order), pathway (HJ order, then ``soil_total``,
    ``groundwater_total``); text columns are categoricals so that millions of rows stay cheap.
    """
    n_c, n_s = len(chem), params.n_sites
    shape = (n_c, n_s)
    groups = {"soil_total": SOIL_PATHWAYS, "groundwater_total": GROUNDWATER_PATHWAYS}
    codes = [*PATHWAY_CODES, *groups]
    n_p = len(codes)
    totals = {g: (sum(arrays["cr"][k] for k in ks), sum(arrays["hq"][k] for k in ks)) for g, ks in groups.items()}
    group_of = {p.code: ("groundwater_total" if p.medium == "groundwater" else "soil_total") for p in PATHWAYS}
    nan = np.full(shape, np.nan)

    def stack(per_pathway, per_total):
        # (n_p, n_c, n_s) -> rows ordered (site, chemical, pathway)
        a = np.stack([np.broadcast_to(per_pathway(p), shape) for p in PATHWAYS]
                     + [np.broadcast_to(per_total(g), shape) for g in groups])
        return a.transpose(2, 1, 0).reshape(-1)

    c_of = {p.code: np.broadcast_to(conc[p.medium], shape) for p in PATHWAYS}
    cr = stack(lambda p: arrays["cr"][p.code], lambda g: totals[g][0])
    hq = stack(lambda p: arrays["hq"][p.code], lambda g: totals[g][1])
    # "not applicable" rather than 0 where the chemical has no toxicity value for that effect
    no_ca = np.broadcast_to(chem[["sfo", "iur"]].isna().all(axis=1).to_numpy()[None, :, None], (n_s, n_c, n_p))
    no_nc = np.broadcast_to(chem[["rfdo", "rfc"]].isna().all(axis=1).to_numpy()[None, :, None], (n_s, n_c, n_p))
    cr = np.where(no_ca.reshape(-1), np.nan, cr)
    hq = np.where(no_nc.reshape(-1), np.nan, hq)
    acr = np.broadcast_to(_site(params["ACR"]), shape)
    ahq = np.broadcast_to(_site(params["AHQ"]), shape)
    csat = ur.intermediates["Csat"]

    def cat(values_per_chem, kind="chem"):
        values = list(values_per_chem)
        cats = list(dict.fromkeys(values))
        idx = np.array([cats.index(v) for v in values])
        if kind == "chem":
            code_arr = np.broadcast_to(idx[None, :, None], (n_s, n_c, n_p))
        else:
            code_arr = np.broadcast_to(idx[None, None, :], (n_s, n_c, n_p))
        return pd.Categorical.from_codes(code_arr.reshape(-1), categories=cats)

    medium = [p.medium for p in PATHWAYS] + ["soil", "groundwater"]
    unit = ["mg/L" if m == "groundwater" else "mg/kg" for m in medium]
    return pd.DataFrame({
        "chemical": cat(chem["name_en"]), "cas": cat(chem["cas"]),
        "site": np.repeat(np.arange(n_s), n_c * n_p),
        "pathway": cat(codes, "p"), "pathway_zh": cat([p.name_zh for p in PATHWAYS] + ["合计", "合计"], "p"),
        "medium": cat(medium, "p"),
        "concentration": stack(lambda p: c_of[p.code], lambda g: nan), "unit": cat(unit, "p"),
        "exposure_ca": stack(lambda p: ur.exposure_ca[p.code], lambda g: nan),
        "exposure_nc": stack(lambda p: ur.exposure_nc[p.code], lambda g: nan),
        "carcinogenic_risk": cr, "hazard_quotient": hq,
        "cr_contribution_pct": stack(lambda p: _ratio(100 * arrays["cr"][p.code], totals[group_of[p.code]][0]),
                                     lambda g: nan),
        "hq_contribution_pct": stack(lambda p: _ratio(100 * arrays["hq"][p.code], totals[group_of[p.code]][1]),
                                     lambda g: nan),
        "exceeds_acr": stack(lambda p: arrays["cr"][p.code] > acr, lambda g: totals[g][0] > acr).astype(bool),
        "exceeds_ahq": stack(lambda p: arrays["hq"][p.code] > ahq, lambda g: totals[g][1] > ahq).astype(bool),
        "above_csat": stack(lambda p: (c_of[p.code] > csat) & (p.medium != "groundwater"),
                            lambda g: np.zeros(shape, bool)).astype(bool),
        "reason": cat(_reason(chem)),
    })


def assess(concentrations: pd.DataFrame, land_class: int = 1, overrides: Mapping[str, object] | None = None,
           chemical_overrides: Mapping[str, Mapping[str, float]] | None = None) -> AssessmentResult:
    """Carcinogenic risk and hazard quotient per pathway and in total for given concentrations.

    Parameters
    ----------
    concentrations : pandas.DataFrame
        One row per chemical: ``chemical`` (name/alias/CAS) and any of ``surface_soil_mg_per_kg``,
        ``subsurface_soil_mg_per_kg``, ``groundwater_mg_per_l`` (missing/NaN → pathway not assessed).
        Representative concentrations, e.g. the UCL95 of the mean (HJ 25.3-2019 §6).
    land_class : {1, 2}
    overrides : mapping, optional
        As in :func:`control_values`; arrays over sites give one assessment per site.
    chemical_overrides : mapping, optional
        As in :func:`control_values`.

    Returns
    -------
    AssessmentResult

    Raises
    ------
    ValueError
        Missing ``chemical`` column, unknown chemical, negative concentration.

    References
    ----------
    HJ 25.3-2019 §7 and Appendix C (CR, HQ per pathway; CRn, HIn totals).
    """
    if "chemical" not in concentrations.columns:
        raise ValueError("concentrations: missing column 'chemical'")
    chem = apply_chemical_overrides(select_chemicals(concentrations["chemical"].astype(str)), chemical_overrides)
    params = resolve_parameters(land_class, overrides)
    ur = unit_risk(chem, params)

    def col(name):
        if name not in concentrations.columns:
            return np.zeros((len(chem), 1))
        v = pd.to_numeric(concentrations[name], errors="raise").to_numpy(float)
        if np.any(v < 0):
            raise ValueError(f"concentrations: column {name!r} has a negative value")
        return np.nan_to_num(v).reshape(-1, 1)

    conc = {"surface_soil": col("surface_soil_mg_per_kg"), "subsurface_soil": col("subsurface_soil_mg_per_kg"),
            "groundwater": col("groundwater_mg_per_l")}
    arrays = risk_arrays(ur, conc["surface_soil"], conc["subsurface_soil"], conc["groundwater"])
    frame = to_long(chem, ur, arrays, conc, params)
    return AssessmentResult(frame, params.records, chemical_records(chem), METHOD, params.land_class, arrays)
