"""Health risk assessment of development land (HJ 25.3-2019) and the US EPA RSL check method.

Public API (what the ``risk`` web app and the CLI call):

- :func:`control_values` — soil/groundwater risk control values for chemicals × sites
  (``method="hj25.3-2019"`` or ``"us-epa-rsl"``).
- :func:`assess` — carcinogenic risk and hazard quotient per pathway and in total (HJ 25.3-2019).
- :func:`sensitivity` — one-at-a-time ±20 % parameter sensitivity.
- :func:`resolve_parameters`, :func:`exposure_defaults`, :func:`chemical_table` — the parameters and
  their sources (for forms and reports).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from soilgw.assessment.risk import hj25_3, rsl
from soilgw.assessment.risk.hj25_3 import (
    PATHWAYS,
    AssessmentResult,
    ControlValueResult,
    assess,
    unit_risk,
)
from soilgw.assessment.risk.parameters import (
    LAND_CLASSES,
    ParameterSet,
    chemical_table,
    exposure_defaults,
    gb36600_items,
    resolve_parameters,
    select_chemicals,
)
from soilgw.assessment.risk.rsl import RSLResult, screening_levels
from soilgw.assessment.risk.sensitivity import sensitivity

__all__ = [
    "LAND_CLASSES", "METHODS", "PATHWAYS", "AssessmentResult", "ControlValueResult", "ParameterSet", "RSLResult",
    "assess", "chemical_table", "control_values", "exposure_defaults", "gb36600_items", "resolve_parameters",
    "screening_levels", "select_chemicals", "sensitivity", "unit_risk",
]


def _rsl(chemicals, land_class, overrides, chemical_overrides):
    if land_class not in rsl.RECEPTORS:
        raise ValueError(f"land_class must be one of {sorted(rsl.RECEPTORS)} (1 = resident, 2 = industrial)")
    return screening_levels(chemicals, rsl.RECEPTORS[land_class], overrides, chemical_overrides)


#: Method name → function(chemicals, land_class, overrides, chemical_overrides).
METHODS = {hj25_3.METHOD: hj25_3.control_values, rsl.METHOD: _rsl}


def control_values(chemicals: Iterable[str] | pd.DataFrame | None = None, land_class: int = 1,
                   method: str = hj25_3.METHOD, overrides: Mapping[str, object] | None = None,
                   chemical_overrides: Mapping[str, Mapping[str, float]] | None = None):
    """Risk control values by the chosen method.

    Parameters
    ----------
    chemicals : iterable of str or DataFrame, optional
        Names, aliases or CAS numbers; default every GB 36600-2018 item.
    land_class : {1, 2}
        GB 36600-2018 land class; with ``"us-epa-rsl"`` 1 = resident, 2 = industrial (composite worker).
    method : {"hj25.3-2019", "us-epa-rsl"}
    overrides : mapping, optional
        Parameter symbol → value (HJ: scalars or per-site arrays).
    chemical_overrides : mapping, optional
        Chemical → {property → value} (e.g. ``{"苯": {"koc": 80}}``), recorded as "override".

    Returns
    -------
    ControlValueResult or RSLResult

    Raises
    ------
    ValueError
        Unknown method (the message lists the valid ones), chemical, parameter or land class.

    References
    ----------
    HJ 25.3-2019 §8, Appendix D; US EPA RSL User's Guide (May 2018) §4.
    """
    try:
        fn = METHODS[method]
    except KeyError:
        raise ValueError(f"unknown method {method!r}; valid: {', '.join(METHODS)}") from None
    return fn(chemicals, land_class, overrides, chemical_overrides)
