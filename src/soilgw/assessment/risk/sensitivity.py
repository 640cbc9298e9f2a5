"""One-at-a-time sensitivity of HJ 25.3-2019 risk to its exposure and site parameters.

Each parameter is moved by ±``delta`` (default 20 %) with every other parameter at its value; all
perturbations are evaluated in one vectorized call by treating each as a "site".
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from soilgw.assessment.risk.hj25_3 import GROUNDWATER_PATHWAYS, SOIL_PATHWAYS, risk_arrays, unit_risk
from soilgw.assessment.risk.parameters import resolve_parameters, select_chemicals

#: Parameters never perturbed: targets, the air viscosity constant, and hv (derived as Lgw − hcap so that
#: moving Lgw or hcap keeps the soil column consistent).
FIXED = frozenset({"ACR", "AHQ", "mu_air", "hv"})


def sensitivity(concentrations: pd.DataFrame, land_class: int = 1, overrides: Mapping[str, object] | None = None,
                delta: float = 0.2) -> pd.DataFrame:
    """Change in total carcinogenic risk and hazard index when each parameter moves by ±``delta``.

    Parameters
    ----------
    concentrations : pandas.DataFrame
        As in :func:`~soilgw.assessment.risk.hj25_3.assess` (one row per chemical).
    land_class : {1, 2}
    overrides : mapping, optional
        Scalar overrides of the base case (site arrays are not accepted here).
    delta : float
        Relative perturbation, 0 < delta < 1 [unitless].

    Returns
    -------
    pandas.DataFrame
        One row per chemical × parameter × direction (``"-"``/``"+"``): ``chemical, parameter, unit,
        direction, base_value, perturbed_value, total_cr_base, total_cr, cr_change_pct, hi_base, hi,
        hi_change_pct``; totals are soil + groundwater pathways. Parameters whose default is 0 (e.g. dP)
        or that do not apply to the land class are skipped. A perturbation that makes the soil
        physically impossible (negative air-filled porosity) gives NaN.

    Raises
    ------
    ValueError
        ``delta`` outside (0, 1), site arrays in ``overrides``, or as in ``assess``.

    References
    ----------
    HJ 25.3-2019 §9 (uncertainty analysis: parameter sensitivity, sensitivity ratio by one-at-a-time
    variation).
    """
    if not 0 < delta < 1:
        raise ValueError(f"delta must be between 0 and 1 (exclusive), got {delta!r}")
    base = resolve_parameters(land_class, overrides)
    if base.n_sites != 1:
        raise ValueError("sensitivity: overrides must be scalars (one base case)")
    names = [s for s, v in base.values.items() if s not in FIXED and np.isfinite(v) and v > 0]
    n = len(names)
    site_values = {s: np.full(2 * n + 1, float(v)) for s, v in base.values.items() if np.isfinite(v) and s != "hv"}
    for i, s in enumerate(names):
        site_values[s][1 + 2 * i] *= 1 - delta
        site_values[s][2 + 2 * i] *= 1 + delta
    params = resolve_parameters(land_class, {**site_values, **base.switches}, check_soil=False)
    chem = select_chemicals(concentrations["chemical"].astype(str))

    def col(name):
        if name not in concentrations.columns:
            return np.zeros((len(chem), 1))
        return np.nan_to_num(pd.to_numeric(concentrations[name]).to_numpy(float)).reshape(-1, 1)

    ur = unit_risk(chem, params)
    arr = risk_arrays(ur, col("surface_soil_mg_per_kg"), col("subsurface_soil_mg_per_kg"), col("groundwater_mg_per_l"))
    codes = SOIL_PATHWAYS + GROUNDWATER_PATHWAYS
    cr = sum(arr["cr"][k] for k in codes)
    hi = sum(arr["hq"][k] for k in codes)
    bad = ur.intermediates["theta_as"] < 0
    cr, hi = np.where(bad, np.nan, cr), np.where(bad, np.nan, hi)
    units = base.records.set_index("symbol")["unit"]
    rows = []
    for j, name in enumerate(chem["name_en"]):
        for i, s in enumerate(names):
            for k, direction in ((1 + 2 * i, "-"), (2 + 2 * i, "+")):
                with np.errstate(divide="ignore", invalid="ignore"):
                    rows.append({
                        "chemical": name, "parameter": s, "unit": units[s], "direction": direction,
                        "base_value": base.values[s], "perturbed_value": site_values[s][k],
                        "total_cr_base": cr[j, 0], "total_cr": cr[j, k],
                        "cr_change_pct": 100 * (cr[j, k] / cr[j, 0] - 1) if cr[j, 0] > 0 else np.nan,
                        "hi_base": hi[j, 0], "hi": hi[j, k],
                        "hi_change_pct": 100 * (hi[j, k] / hi[j, 0] - 1) if hi[j, 0] > 0 else np.nan,
                    })
    return pd.DataFrame(rows)
