"""Surface-water classes, GB 3838-2002 Table 1 (basic items), e.g. for riverside groundwater sources.

Per result the class I–V (a result beyond the class V limit is ``worse_than_V``, 劣Ⅴ类); dissolved oxygen
is a lower limit; pH 6–9 holds for every class; total phosphorus uses the lake/reservoir limits when
``water_body="lake"``; total nitrogen applies to lakes and reservoirs only; water temperature is a limit on
man-made change and is not classed from one reading.
"""

from __future__ import annotations

import pandas as pd

from soilgw.assessment._batch import prepare
from soilgw.assessment._batch_classes import ClassAssessment, assess_classes
from soilgw.standards.limits import gb3838

STANDARD = "GB 3838-2002"
CLAUSE = "GB 3838-2002 Table 1 (basic items, classes I–V); single-factor evaluation"
WATER_BODIES = ("river", "lake")


def assess_gb3838(df: pd.DataFrame, *, target_class: str = "III", water_body: str = "river",
                  comparison: str = "full_value") -> ClassAssessment:
    """Class surface-water results by GB 3838-2002 Table 1.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        Long or wide results [mg/L, μg/L; 个/L or MPN/L for fecal coliforms; pH unitless].
    target_class : {"I", "II", "III", "IV", "V"}
        Functional class of the water body (III for centralized drinking-water sources, grade 2).
    water_body : {"river", "lake"}
        Selects the total-phosphorus row; "lake" also screens total nitrogen.
    comparison : {"full_value", "rounded_value"}

    Returns
    -------
    ClassAssessment

    Raises
    ------
    ValueError
        Unknown water body or class; InputError for bad input rows.

    References
    ----------
    GB 3838-2002, Table 1; GB/T 8170-2008 §4.3.
    """
    if water_body not in WATER_BODIES:
        raise ValueError(f"unknown water_body {water_body!r}; valid: {', '.join(WATER_BODIES)}")
    return assess_classes(prepare(df), gb3838(), standard=STANDARD, clause=CLAUSE, target=target_class,
                          comparison=comparison, water_body=water_body, n_classes=6)
