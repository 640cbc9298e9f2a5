"""One entry point for every standard: ``assess(df, standard=...)`` dispatches by name."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from soilgw.assessment._batch import canonical_columns
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


def assess_in_chunks(df: pd.DataFrame, standard: str, *, chunk_rows: int = 1_000_000, **options) -> Iterator:
    """Assess a large sheet chunk by chunk, never splitting a sample across chunks.

    Parameters
    ----------
    df : DataFrame, shape (n, m)
        As for :func:`assess`.
    standard : str
    chunk_rows : int
        Approximate number of input rows per chunk (whole samples are kept together).
    **options
        As for :func:`assess`.

    Yields
    ------
    The standard's result object for each chunk, in sample order; ``source_row`` keeps the row's position
    in ``df``. Per-sample results are complete because every row of a sample is in the same chunk.
    """
    frame = canonical_columns(df)
    if "sample_id" not in frame.columns or len(frame) <= chunk_rows:
        yield assess(df, standard, **options)
        return
    codes, uniques = pd.factorize(frame["sample_id"], sort=False)
    rows_per_sample = max(len(frame) / max(len(uniques), 1), 1.0)
    per_chunk = max(int(chunk_rows / rows_per_sample), 1)
    chunk_of_row = codes // per_chunk
    frame = frame.assign(_row=np.arange(len(frame)))
    n_chunks = int(chunk_of_row.max()) + 1
    if np.all(chunk_of_row[1:] >= chunk_of_row[:-1]):  # samples stored contiguously: slice, no copy
        bounds = np.searchsorted(chunk_of_row, np.arange(n_chunks + 1), side="left")
        parts = (frame.iloc[bounds[c]:bounds[c + 1]] for c in range(n_chunks))
    else:  # one stable counting sort by chunk, then each chunk takes only its own rows
        small = chunk_of_row.astype(np.int16 if n_chunks < 2**15 else np.int64)
        order = np.argsort(small, kind="stable")
        bounds = np.searchsorted(small[order], np.arange(n_chunks + 1), side="left")
        parts = (frame.iloc[order[bounds[c]:bounds[c + 1]]] for c in range(n_chunks))
    for part in parts:
        if len(part):
            yield assess(part, standard, **options)
