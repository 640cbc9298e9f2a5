"""One entry point for every standard: ``assess(df, standard=...)`` dispatches by name."""

from __future__ import annotations

import pandas as pd

from soilgw.assessment.crops import assess_gb2762
from soilgw.assessment.development_land import assess_gb36600
from soilgw.assessment.farmland import assess_gb15618
from soilgw.assessment.groundwater import assess_gbt14848
from soilgw.assessment.irrigation import assess_gb5084
from soilgw.assessment.surface_water import assess_gb3838

#: Standard name → assessment function (each documents its own options).
ASSESSORS = {
    "gb15618": assess_gb15618,
    "gb36600": assess_gb36600,
    "gbt14848": assess_gbt14848,
    "gb5084": assess_gb5084,
    "gb2762": assess_gb2762,
    "gb3838": assess_gb3838,
}


def assess(df: pd.DataFrame, standard: str, **options):
    """Assess ``df`` against ``standard`` with that standard's ``options``.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        Long or wide results (see :func:`soilgw.assessment._batch.prepare`).
    standard : {"gb15618", "gb36600", "gbt14848", "gb5084", "gb2762", "gb3838"}
    **options
        Passed to the standard's function (``land_use``, ``land_class``, ``target_class``, ``crop_type`` …).

    Returns
    -------
    The standard's frozen result object (``results``, ``samples``, ``not_screened``, ``parameters``).

    Raises
    ------
    ValueError
        Unknown standard (the message lists the valid ones) or invalid option.
    """
    try:
        func = ASSESSORS[standard.lower().replace(" ", "").replace("/", "").replace("-", "")]
    except KeyError:
        raise ValueError(f"unknown standard {standard!r}; valid: {', '.join(ASSESSORS)}") from None
    return func(df, **options)
