"""Groundwater quality classes, GB/T 14848-2017: class I–V per indicator and per sample.

Per result the class I–V of Tables 1–2 (equal limits → the better class, §6.2); per sample the overall
class is the worst indicator's class (§6.3), with the indicators that set it; with a target class,
``meets_target``. pH uses the two-sided ranges as printed; 嗅和味/肉眼可见物 read 无 → I, 有 → V;
radioactivity above the class III guide value is class IV (IV and V print the same bound; nuclide analysis
is then required, Table 1 note).
"""

from __future__ import annotations

import pandas as pd

from soilgw.assessment._batch import prepare
from soilgw.assessment._batch_classes import ClassAssessment, assess_classes
from soilgw.standards.limits import gbt14848

STANDARD = "GB/T 14848-2017"
CLAUSE = "GB/T 14848-2017 §5 Tables 1–2; §6.2 single-indicator class (equal limits: better class); §6.3 overall"


def assess_gbt14848(df: pd.DataFrame, *, target_class: str = "III", comparison: str = "full_value") -> ClassAssessment:
    """Class groundwater results by GB/T 14848-2017.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        Long or wide results; concentrations in any mass-concentration unit [mg/L, μg/L, ng/L], counts
        [MPN/100mL, CFU/100mL, CFU/mL], [Bq/L], [NTU], colour [PtCo], pH [unitless].
    target_class : {"I", "II", "III", "IV", "V"}
        Class the water must meet (III: drinking-water sources, GB/T 14848-2017 §4); results worse than it
        are ``exceeds_screening``.
    comparison : {"full_value", "rounded_value"}
        GB/T 8170-2008 comparison method.

    Returns
    -------
    ClassAssessment
        ``results`` (``class``, ``class_is_upper_bound`` for non-detects, ``meets_target`` …) and
        ``samples`` (``class``, ``meets_target``, ``deciding_analytes``).

    Raises
    ------
    InputError
        Bad values, units or analytes; ValueError for an unknown target class.

    References
    ----------
    GB/T 14848-2017, Tables 1 and 2, §6.2–6.3; GB/T 8170-2008 §4.3.
    """
    return assess_classes(prepare(df), gbt14848(), standard=STANDARD, clause=CLAUSE, target=target_class,
                          comparison=comparison, n_classes=5)
