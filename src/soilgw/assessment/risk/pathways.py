"""HJ 25.3-2019 fate-and-transport terms and exposure rates, vectorized over chemicals × sites.

All functions take NumPy arrays (or scalars) that broadcast: chemical properties as column vectors
(n_chem, 1), site parameters as row vectors (1, n_sites). Units are those of HJ 25.3-2019 Appendix G:
lengths [cm], densities [kg/dm³] = [g/cm³], diffusion coefficients [cm²/s], time [a] or [s].

Equation numbers of the 2019 print could not be verified; docstrings cite the appendix and the
literature form each equation follows (ASTM E1739, Johnson & Ettinger 1991).
"""

from __future__ import annotations

import numpy as np

#: Seconds per year (365 d), HJ 25.3-2019 Appendix F.
SECONDS_PER_YEAR = 31_536_000.0
#: Diffusion exponent of the Millington–Quirk relation as printed in HJ 25.3 (10/3 rounded).
MQ_EXPONENT = 3.33


def soil_phases(rho_b, rho_s, Pws, fom, koc, kd, henry):
    """Soil-phase volumes, Kd and the soil–water partition coefficient Ksw.

    Parameters
    ----------
    rho_b, rho_s : array_like
        Dry bulk density and particle density [kg/dm³].
    Pws : array_like
        Gravimetric water content [kg/kg].
    fom : array_like
        Soil organic matter [g/kg]; foc = fom / 1.7 / 1000.
    koc, kd : array_like
        Organic-carbon partition coefficient and a measured/tabulated Kd [L/kg]; ``kd`` (where not NaN)
        wins over ``koc × foc`` (metals and inorganics have Kd only).
    henry : array_like
        Dimensionless Henry's constant H' [unitless]; NaN → 0 (non-volatile).

    Returns
    -------
    dict
        ``theta`` total porosity, ``theta_ws`` water-filled, ``theta_as`` air-filled [unitless],
        ``foc`` [unitless], ``Kd`` [L/kg], ``Ksw`` [L/kg] = (θws + Kd·ρb + H'·θas)/ρb.

    References
    ----------
    HJ 25.3-2019, Appendix F (soil parameters); ASTM E1739-95 Table X2.
    """
    theta = 1.0 - rho_b / rho_s
    theta_ws = rho_b * Pws  # ρw = 1 kg/L
    theta_as = theta - theta_ws
    foc = fom / 1.7 / 1000.0
    Kd = np.where(np.isnan(kd), koc * foc, kd)
    H = np.nan_to_num(henry)
    Ksw = (theta_ws + Kd * rho_b + H * theta_as) / rho_b
    return {"theta": theta, "theta_ws": theta_ws, "theta_as": theta_as, "foc": foc, "Kd": Kd, "Ksw": Ksw}


def effective_diffusion(da, dw, henry, theta_a, theta_w, theta_total):
    """Effective diffusion coefficient in a porous layer (Millington–Quirk).

    ``Deff = Da·θa^3.33/θ² + Dw·θw^3.33/(H'·θ²)`` [cm²/s], with θ the total porosity *of that layer*
    (vadose soil, capillary fringe or crack fill). Convention: for the capillary zone and the cracks
    the total porosity is θa + θw of that layer, as in the Johnson–Ettinger model (USEPA 2004, eq. 11–13);
    risk_backend uses the same, while an HJ 25.3-2014 script used the vadose-soil θ.

    References
    ----------
    HJ 25.3-2019, Appendix F; Johnson, P.C. & Ettinger, R.A. (1991) Environ. Sci. Technol. 25(8),
    1445–1452, doi:10.1021/es00007a004; USEPA (2004) User's guide for evaluating subsurface vapor
    intrusion into buildings, §2.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return (da * theta_a**MQ_EXPONENT / theta_total**2
                + dw * theta_w**MQ_EXPONENT / (henry * theta_total**2))


def deff_groundwater_to_surface(Lgw, hcap, hv, deff_cap, deff_s):
    """Effective diffusion from the water table to the surface, ``Lgw/(hcap/Deffcap + hv/Deffs)`` [cm²/s].

    References
    ----------
    HJ 25.3-2019, Appendix F; ASTM E1739-95 eq. X2.
    """
    return Lgw / (hcap / deff_cap + hv / deff_s)


def dispersion_outdoor(Uair, W, delta_air, A):
    """Outdoor air dispersion factor ``DFoa = Uair·W·δair/A`` [cm/s]. HJ 25.3-2019, Appendix F."""
    return Uair * W * delta_air / A


def dispersion_indoor(LB, ER):
    """Indoor air dispersion factor ``DFia = LB·ER/86400`` [cm/s] (ER in [1/d]). HJ 25.3-2019, Appendix F."""
    return LB * ER / 86400.0


def vf_surface_outdoor(rho_b, DFoa, deff_s, henry, tau, Ksw, d):
    """Volatilisation factor, surface soil → outdoor air: min(diffusion, mass balance) [(mg/m³)/(mg/kg)].

    ``VF1 = (ρb/DFoa)·√(4·Deffs·H'/(π·τ·31536000·Ksw·ρb))·10³``; ``VF2 = d·ρb/(DFoa·τ·31536000)·10³``.

    References
    ----------
    HJ 25.3-2019, Appendix F (VFsuroa); ASTM E1739-95 Table X2.1.
    """
    t = tau * SECONDS_PER_YEAR
    vf1 = rho_b / DFoa * np.sqrt(4.0 * deff_s * henry / (np.pi * t * Ksw * rho_b)) * 1e3
    vf2 = d * rho_b / (DFoa * t) * 1e3
    return np.minimum(vf1, vf2)


def vf_subsurface_outdoor(rho_b, DFoa, deff_s, henry, tau, Ksw, Ls, dsub):
    """Volatilisation factor, subsurface soil → outdoor air [(mg/m³)/(mg/kg)].

    ``VF1 = 10³ / ((1 + DFoa·Ls/Deffs)·Ksw/H')``; ``VF2 = dsub·ρb/(DFoa·τ·31536000)·10³``; min of both.

    References
    ----------
    HJ 25.3-2019, Appendix F (VFsuboa); ASTM E1739-95 Table X2.1.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        vf1 = 1e3 / ((1.0 + DFoa * Ls / deff_s) * Ksw / henry)
    vf2 = dsub * rho_b / (DFoa * tau * SECONDS_PER_YEAR) * 1e3
    return np.minimum(vf1, vf2)


def soil_gas_flow(dP, Kv, Xcrack, Ab, eta, Zcrack, mu_air):
    """Convective soil-gas flow into the building ``Qs = 2π·dP·Kv·Xcrack/(μair·ln(2·Zcrack/Rcrack))``
    [cm³/s], ``Rcrack = Ab·η/Xcrack`` [cm]. Zero when dP = 0 (the HJ default: diffusion only).

    References
    ----------
    HJ 25.3-2019, Appendix F; Johnson & Ettinger (1991), doi:10.1021/es00007a004.
    """
    r_crack = Ab * eta / Xcrack
    return 2.0 * np.pi * dP * Kv * Xcrack / (mu_air * np.log(2.0 * Zcrack / r_crack))


def _je_alpha(deff, L, DFia, Qs, Ab, Lcrack, deff_crack, eta):
    """Johnson–Ettinger attenuation factor (indoor / source vapour concentration) [unitless]."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        xi = np.where(Qs > 0, Qs * Lcrack / (Ab * deff_crack * eta), 0.0)
        e = np.exp(xi)
        # (e^ξ − 1)/Qs → Lcrack/(Ab·Deffcrack·η) as Qs → 0: the diffusion-only branch of HJ
        conv = np.where(Qs > 0, np.expm1(xi) / np.where(Qs > 0, Qs, 1.0), Lcrack / (Ab * deff_crack * eta))
        a = deff / (DFia * L)
        return a * e / (e + a + deff * Ab * conv / L)


def vf_subsurface_indoor(rho_b, DFia, deff_s, deff_crack, henry, tau, Ksw, Ls, dsub, Qs, Ab, Lcrack, eta):
    """Volatilisation factor, subsurface soil → indoor air (Johnson–Ettinger) [(mg/m³)/(mg/kg)].

    ``VF1 = α·H'/Ksw·10³`` with α the J–E attenuation factor (Qs = 0 gives the diffusion-only branch);
    ``VF2 = dsub·ρb/(DFia·τ·31536000)·10³``; min of both.

    References
    ----------
    HJ 25.3-2019, Appendix F (VFsubia); Johnson & Ettinger (1991), doi:10.1021/es00007a004.
    """
    alpha = _je_alpha(deff_s, Ls, DFia, Qs, Ab, Lcrack, deff_crack, eta)
    with np.errstate(divide="ignore", invalid="ignore"):
        vf1 = alpha * henry / Ksw * 1e3
    vf2 = dsub * rho_b / (DFia * tau * SECONDS_PER_YEAR) * 1e3
    return np.minimum(vf1, vf2)


def vf_groundwater_outdoor(henry, DFoa, Lgw, deff_gws):
    """Volatilisation factor, groundwater → outdoor air ``H'·10³/(1 + DFoa·Lgw/Deffgws)`` [(mg/m³)/(mg/L)].

    References
    ----------
    HJ 25.3-2019, Appendix F (VFgwoa); ASTM E1739-95 Table X2.1.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return henry * 1e3 / (1.0 + DFoa * Lgw / deff_gws)


def vf_groundwater_indoor(henry, DFia, deff_gws, deff_crack, Lgw, Qs, Ab, Lcrack, eta):
    """Volatilisation factor, groundwater → indoor air (Johnson–Ettinger) ``α·H'·10³`` [(mg/m³)/(mg/L)].

    References
    ----------
    HJ 25.3-2019, Appendix F (VFgwia); Johnson & Ettinger (1991), doi:10.1021/es00007a004.
    """
    return _je_alpha(deff_gws, Lgw, DFia, Qs, Ab, Lcrack, deff_crack, eta) * henry * 1e3


def soil_saturation(solubility, rho_b, Kd, theta_ws, henry, theta_as):
    """Soil saturation limit ``Csat = S/ρb·(Kd·ρb + θws + H'·θas)`` [mg/kg].

    Above Csat a free phase may exist and the linear partitioning of the VF equations no longer holds;
    results are flagged, not capped (HJ 25.3 does not cap).

    References
    ----------
    HJ 25.3-2019, Appendix F; USEPA (1996) Soil Screening Guidance: Technical Background Document,
    eq. 5 (EPA/540/R-95/128).
    """
    return solubility / rho_b * (Kd * rho_b + theta_ws + np.nan_to_num(henry) * theta_as)


def leaching_factor(Ksw, Ugw, delta_gw, infiltration, W, dsub, rho_b, tau):
    """Soil-to-groundwater leaching factor ``LFsgw = min(LF1, LF2)`` [(mg/L)/(mg/kg)].

    ``LF1 = 1/(Ksw·(1 + Ugw·δgw/(I·W)))`` (equilibrium leachate diluted in the mixing zone);
    ``LF2 = dsub·ρb/(I·τ)`` (mass balance over τ). The exact printed form in HJ 25.3-2019 is unverified
    (see docs/risk.md, open questions); this is the dimensionally consistent ASTM E1739 form.

    References
    ----------
    HJ 25.3-2019, Appendix F (LFsgw, recalled); ASTM E1739-95 Table X2.1 (LFsw).
    """
    lf1 = 1.0 / (Ksw * (1.0 + Ugw * delta_gw / (infiltration * W)))
    lf2 = dsub * rho_b / (infiltration * tau)
    return np.minimum(lf1, lf2)


def surface_area(H, BW, SER):
    """Exposed skin area ``SAE = 239·H^0.417·BW^0.517·SER`` [cm²] (H in [cm], BW in [kg]).

    References
    ----------
    HJ 25.3-2019, Appendix A (SAEc, SAEa).
    """
    return 239.0 * H**0.417 * BW**0.517 * SER


#: Receptors summed per effect and land class (HJ 25.3-2019 §5 and Appendix A).
RECEPTORS = {1: {"ca": ("c", "a"), "nc": ("c",)}, 2: {"ca": ("a",), "nc": ("a",)}}


def exposure_rates(p, land_class: int) -> dict:
    """Chemical-independent exposure rates per pathway for carcinogenic (ca) and non-carcinogenic (nc)
    effects.

    Parameters
    ----------
    p : mapping
        Parameter symbol → value (scalars or row vectors over sites), as in
        :func:`~soilgw.assessment.risk.parameters.resolve_parameters`.
    land_class : {1, 2}
        First-class land sums child + adult for carcinogens and uses the child for non-carcinogens;
        second-class land uses the adult for both.

    Returns
    -------
    dict
        Keys ``ois, dcs, pis, air_out, air_in, cgw`` each → ``{"ca": ..., "nc": ...}``:
        soil pathways [kg soil/(kg bw·d)] (``dcs`` still to be multiplied by ABSd), air terms
        [m³/(kg bw·d)] (to be multiplied by a VF), drinking [L/(kg bw·d)].

    References
    ----------
    HJ 25.3-2019, Appendix A, equations for OISER, DCSER, PISER, IOVER, IIVER and CGWER (first- and
    second-class land).
    """
    def term(r, kind):
        BW, ED = p[f"BW{r}"], p[f"ED{r}"]
        if kind == "ois":
            return p[f"OSIR{r}"] * ED * p[f"EF{r}"] * p["ABSo"] / BW * 1e-6
        if kind == "dcs":
            sae = surface_area(p[f"H{r}"], BW, p[f"SER{r}"])
            return sae * p[f"SSAR{r}"] * p[f"EF{r}"] * ED * p["Ev"] / BW * 1e-6
        if kind == "pis":
            return (p["PM10"] * p[f"DAIR{r}"] * ED * p["PIAF"]
                    * (p["fspo"] * p[f"EFO{r}"] + p["fspi"] * p[f"EFI{r}"]) / BW * 1e-6)
        if kind == "air_out":
            return p[f"DAIR{r}"] * p[f"EFO{r}"] * ED / BW
        if kind == "air_in":
            return p[f"DAIR{r}"] * p[f"EFI{r}"] * ED / BW
        return p[f"GWCR{r}"] * p[f"EF{r}"] * ED / BW  # cgw

    rec = RECEPTORS[land_class]
    out = {}
    for kind in ("ois", "dcs", "pis", "air_out", "air_in", "cgw"):
        out[kind] = {
            "ca": sum(term(r, kind) for r in rec["ca"]) / p["ATca"],
            "nc": sum(term(r, kind) for r in rec["nc"]) / p["ATnc"],
        }
    return out
