"""Comparing a result with a limit value: GB/T 8170-2008 methods and censored (non-detect) results.

GB/T 8170-2008 §4.3 gives two ways to judge a measured value against a limit: the full-value method
(全数值比较法, the measured value as is) and the rounded-value method (修约值比较法, the value first rounded
to the limit's printed decimals by the §3 rules — round half to even). Both read "≤ limit" as conforming and
"> limit" as exceeding. Full-value is the default; the method used is recorded in every output.
"""

from __future__ import annotations

import numpy as np

#: Result statuses, in the order used for "worst" decisions.
PASS = "pass"
EXCEEDS_SCREENING = "exceeds_screening"
EXCEEDS_INTERVENTION = "exceeds_intervention"
INDETERMINATE = "indeterminate"
NOT_SCREENED = "not_screened"
STATUSES = (PASS, EXCEEDS_SCREENING, EXCEEDS_INTERVENTION, INDETERMINATE, NOT_SCREENED)


def round_gbt8170(values, decimals) -> np.ndarray:
    """Round to ``decimals`` places by GB/T 8170-2008 §3.3 (round half to even, 四舍六入五成双).

    Parameters
    ----------
    values : array_like, shape (n,)
    decimals : int or array_like of int, shape (n,)

    Returns
    -------
    ndarray of float, shape (n,)

    Notes
    -----
    Values are first snapped to 12 significant digits so that binary representation error
    (0.35 stored as 0.34999…) does not decide a tie; then numpy's half-to-even rounding applies.
    """
    v = np.asarray(values, dtype=float)
    scale = np.power(10.0, np.asarray(decimals, dtype=float))
    scaled = v * scale
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = np.where(scaled == 0, 0, np.floor(np.log10(np.abs(np.where(scaled == 0, 1, scaled)))))
    snap = np.power(10.0, mag - 11)
    snapped = np.where(np.isfinite(snap) & (snap > 0), np.round(scaled / snap) * snap, scaled)
    return np.round(snapped) / scale


def exceeds_full_value(values, limits) -> np.ndarray:
    """Full-value method, GB/T 8170-2008 §4.3.2: ``value > limit`` exceeds (NaN limit → False)."""
    return np.asarray(values, dtype=float) > np.asarray(limits, dtype=float)


def exceeds_rounded_value(values, limits, decimals) -> np.ndarray:
    """Rounded-value method, GB/T 8170-2008 §4.3.3: round to the limit's decimals, then ``>``."""
    return round_gbt8170(values, decimals) > np.asarray(limits, dtype=float)


_METHODS = {"full_value": exceeds_full_value, "rounded_value": exceeds_rounded_value}


def exceeds(values, limits, *, method: str = "full_value", decimals=None) -> np.ndarray:
    """Dispatch to a GB/T 8170 comparison method.

    Parameters
    ----------
    values, limits : array_like, shape (n,)
        Result and limit in the same unit.
    method : {"full_value", "rounded_value"}
    decimals : array_like of int, shape (n,), optional
        Printed decimals of each limit (required by ``rounded_value``).

    Raises
    ------
    ValueError
        Unknown method (the message lists the valid ones), or ``rounded_value`` without ``decimals``.
    """
    if method not in _METHODS:
        raise ValueError(f"unknown comparison method {method!r}; valid: {', '.join(_METHODS)}")
    if method == "rounded_value":
        if decimals is None:
            raise ValueError("rounded_value comparison needs the limits' printed decimals")
        return exceeds_rounded_value(values, limits, decimals)
    return exceeds_full_value(values, limits)


def censored_exceeds(values, qualifiers, limits, *, method: str = "full_value", decimals=None):
    """Exceedance of possibly censored results, with an "undecidable" mask.

    Parameters
    ----------
    values : array_like of float, shape (n,)
        Detected value, or the detection limit for ``"<"`` non-detects, or the bound for ``">"``.
    qualifiers : array_like of str or int, shape (n,)
        ``""``, ``"<"`` or ``">"`` — or the integer codes 0, 1, 2 of the same.
    limits : array_like of float, shape (n,)

    Returns
    -------
    exceed : ndarray of bool, shape (n,)
        True only where exceedance is certain.
    undecidable : ndarray of bool, shape (n,)
        A non-detect whose detection limit is above the limit (the true value may lie on either side), or a
        ``">x"`` result with x ≤ limit — reported ``indeterminate``, never a silent pass.
    """
    q = np.asarray(qualifiers)
    above = exceeds(values, limits, method=method, decimals=decimals)
    lt, gt = (q == 1, q == 2) if q.dtype.kind in "iu" else (q == "<", q == ">")
    undecidable = (lt & above) | (gt & ~above)
    exceed = above & ~lt
    if gt.any():  # ">x" with x == limit still means value > limit
        exact = gt & (np.asarray(values, dtype=float) == np.asarray(limits, dtype=float))
        exceed |= exact
        undecidable &= ~exact
    return exceed, undecidable
