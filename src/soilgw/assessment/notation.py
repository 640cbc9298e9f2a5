"""Parse reported values as laboratories write them — detects, non-detects and "not measured".

Accepted notations (after Unicode NFKC folding, so full-width digits and ``＜`` work):

=========================  ==========================================================
``0.12``, ``1.2E-3``,       a detected value
``1.2×10-3``, ``1.2×10⁻³``
``<0.05``, ``＜0.05``       non-detect, detection limit 0.05
``0.05L``                   non-detect in the Chinese monitoring convention (DL then "L")
``ND``, ``N.D.``, ``未检出``  non-detect, detection limit not stated (NaN; give it in a column)
``ND(0.05)``, ``未检出(0.05)`` non-detect with its detection limit
``>1600``                   right-censored value (counts above the method's range)
``/``, ``—``, ``-``, blank   not measured (never zero)
=========================  ==========================================================

For a non-detect ``value`` holds the detection limit (the convention is explicit: no ½·DL substitution here).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_NUM = r"[+-]?(?:\d+\.?\d*|\.\d+)"
_EXP = r"(?:\s*(?:[×xX*]\s*10\s*\^?\s*(?P<e1>[+-]?\d+)|[eE](?P<e2>[+-]?\d+)))?"
_PATTERN = (
    rf"^(?:(?P<q><|>)\s*(?P<n1>{_NUM}){_EXP.replace('e1', 'f1').replace('e2', 'f2')}"
    rf"|(?P<n2>{_NUM}){_EXP}\s*(?P<L>l)?"
    rf"|(?P<nd>nd|n\.d\.|未检出|notdetected|not detected|bdl|<dl|<lod)"
    rf"(?:\s*\(\s*(?:<\s*)?(?P<n3>{_NUM})\s*\))?)$"
)
_NOT_MEASURED = {"", "/", "-", "--", "—", "——", "–", "nan", "na", "n/a", "未测", "未检测", "none"}

COLUMNS = ("value", "qualifier", "detection_limit", "measured", "error")


def _scaled(mantissa: pd.Series, exp_a: pd.Series, exp_b: pd.Series) -> pd.Series:
    exp = pd.to_numeric(exp_a, errors="coerce").fillna(pd.to_numeric(exp_b, errors="coerce")).fillna(0.0)
    return pd.to_numeric(mantissa, errors="coerce") * np.power(10.0, exp)


def parse_reported(texts: pd.Series) -> pd.DataFrame:
    """Parse a column of reported values, vectorized.

    Parameters
    ----------
    texts : pandas.Series, shape (n,)
        Text or numbers as reported [unit of the result].

    Returns
    -------
    pandas.DataFrame, shape (n, 5), same index
        ``value`` (float; the detection limit for non-detects, NaN when not measured or unparsed),
        ``qualifier`` (``""`` detect, ``"<"`` non-detect, ``">"`` right-censored),
        ``detection_limit`` (float or NaN), ``measured`` (bool; False for ``/``, ``—``, blank),
        ``error`` (``""`` when parsed, else the reason).

    Notes
    -----
    Never raises on bad text: the caller decides (the batch CLI stops with file, row and column).
    """
    n = len(texts)
    out = pd.DataFrame(
        {
            "value": np.full(n, np.nan),
            "qualifier": np.full(n, "", dtype=object),
            "detection_limit": np.full(n, np.nan),
            "measured": np.ones(n, dtype=bool),
            "error": np.full(n, "", dtype=object),
        },
        index=texts.index,
    )
    if pd.api.types.is_numeric_dtype(texts.dtype) and not pd.api.types.is_bool_dtype(texts.dtype):
        vals = texts.to_numpy(dtype=float)
        out["value"] = vals
        out["measured"] = ~np.isnan(vals)
        return out

    raw = texts.astype(object).where(texts.notna(), "")
    s = raw.astype(str).str.normalize("NFKC").str.strip().str.replace("−", "-", regex=False)
    plain = pd.to_numeric(s.where(~s.str.lower().isin(["nan", "inf", "-inf", "infinity"]), ""),
                          errors="coerce")
    done = plain.notna()
    out.loc[done, "value"] = plain[done]

    lower = s.str.lower()
    blank = ~done & lower.isin(_NOT_MEASURED)
    out.loc[blank, "measured"] = False

    rest = ~done & ~blank
    if rest.any():
        sub = lower[rest].str.replace(r"\s+", " ", regex=True)
        m = sub.str.extract(_PATTERN)
        q_val = _scaled(m["n1"], m["f1"], m["f2"])
        d_val = _scaled(m["n2"], m["e1"], m["e2"])
        nd_dl = pd.to_numeric(m["n3"], errors="coerce")
        is_q = m["q"].notna()
        is_l = m["n2"].notna() & m["L"].notna()
        is_d = m["n2"].notna() & m["L"].isna()
        is_nd = m["nd"].notna()
        value = pd.Series(np.nan, index=sub.index)
        value[is_q] = q_val[is_q]
        value[is_l | is_d] = d_val[is_l | is_d]
        value[is_nd] = nd_dl[is_nd]
        qual = pd.Series("", index=sub.index, dtype=object)
        qual[is_q] = np.where(m.loc[is_q, "q"].eq(">"), ">", "<")
        qual[is_l | is_nd] = "<"
        out.loc[sub.index, "value"] = value
        out.loc[sub.index, "qualifier"] = qual
        censored_low = qual.eq("<")
        out.loc[censored_low[censored_low].index, "detection_limit"] = value[censored_low]
        bad = ~(is_q | is_l | is_d | is_nd)
        if bad.any():
            idx = bad[bad].index
            out.loc[idx, "error"] = [f"cannot read {t!r} as a value, a non-detect (<DL, DL+L, ND) or '/'"
                                     for t in raw[idx]]
    return out


def parse_reported_one(text) -> dict:
    """Parse one reported value; returns a dict with the keys of :func:`parse_reported`'s columns."""
    row = parse_reported(pd.Series([text], dtype=object)).iloc[0]
    return {k: row[k] for k in COLUMNS}
