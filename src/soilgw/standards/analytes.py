"""Analyte catalogue: one canonical code per substance or indicator, matched from any name a lab writes.

The catalogue is package data (``data/analytes.csv``, provenance in ``data/README.md``) and covers every
item of the shipped standards tables. Names are matched after folding (:func:`fold_name`): Unicode NFKC
(full-width → half-width), case, spacing, hyphens/underscores, and square vs round brackets.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from soilgw.standards.loader import load_table

#: Values ``Analyte.dimension`` may take.
DIMENSIONS = frozenset(
    {"mass_fraction", "mass_concentration", "ph", "count", "radioactivity", "turbidity", "colour",
     "qualitative", "other"}
)

_FOLD_DROP = re.compile(r"[\s\-_‐‑–—·]+")


class UnknownAnalyteError(KeyError, ValueError):
    """An analyte name that is not in the catalogue; the message lists the closest known names."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Analyte:
    """One catalogue entry.

    Attributes
    ----------
    code : str
        Canonical snake_case code (``"cd"``, ``"cr_vi"``, ``"nitrate_n"``).
    name_zh, name_en : str
        Chinese name as printed in the standards, English name.
    cas : str
        CAS Registry Number(s), comma-separated; empty for sums, indices and physical indicators.
    aliases : tuple of str
        Other accepted spellings (symbols, German lab names, standard's long forms).
    dimension : str
        Kind of quantity. ``"mass_concentration"`` for chemical substances means "an amount of
        substance": measured as a mass fraction [mg/kg] in soil and crops or as a mass concentration
        [mg/L] in water — the standard's medium decides which family applies (see
        :attr:`unit_dimensions`).
    """

    code: str
    name_zh: str
    name_en: str
    cas: str
    aliases: tuple[str, ...]
    dimension: str

    @property
    def unit_dimensions(self) -> frozenset[str]:
        """Unit dimensions (as in :mod:`soilgw.standards.units`) a result of this analyte may carry."""
        if self.dimension in {"mass_concentration", "mass_fraction"}:
            return frozenset({"mass_fraction", "mass_concentration"})
        if self.dimension == "qualitative":  # 无/有: written with a blank or 无量纲 unit
            return frozenset({"qualitative", "ph"})
        if self.dimension == "other":
            return frozenset({"temperature", "conductivity"})
        return frozenset({self.dimension})

    @property
    def label(self) -> str:
        """``"镉 (Cadmium)"`` — the bilingual label used in messages and reports."""
        return f"{self.name_zh} ({self.name_en})"


def fold_name(text: str) -> str:
    """Fold a name for matching: NFKC, lower case, no spacing/hyphens, ``[]`` → ``()``.

    Examples
    --------
    >>> fold_name("苯并［ａ］芘")
    '苯并(a)芘'
    """
    s = unicodedata.normalize("NFKC", str(text)).lower().replace("[", "(").replace("]", ")")
    s = s.replace("’", "'").replace("′", "'")
    return _FOLD_DROP.sub("", s)


@cache
def _catalogue() -> tuple[dict[str, Analyte], dict[str, str], dict[str, str]]:
    table = load_table("analytes")
    by_code: dict[str, Analyte] = {}
    index: dict[str, str] = {}
    display: dict[str, str] = {}
    for row in table.itertuples(index=False):
        if row.dimension not in DIMENSIONS:
            raise ValueError(f"analytes.csv: {row.code}: unknown dimension {row.dimension!r}")
        aliases = tuple(a.strip() for a in row.aliases.split(";") if a.strip())
        analyte = Analyte(row.code, row.name_zh, row.name_en, row.cas, aliases, row.dimension)
        by_code[row.code] = analyte
        cas = tuple(c.strip() for c in row.cas.split(",") if c.strip())
        for name in (row.code, row.name_zh, row.name_en, *cas, *aliases):
            key = fold_name(name)
            if index.get(key, row.code) != row.code:
                raise ValueError(f"analytes.csv: name {name!r} given to both {index[key]} and {row.code}")
            index[key] = row.code
            display.setdefault(key, name)
    return by_code, index, display


def all_analytes() -> list[Analyte]:
    """Every catalogue entry, in file order."""
    return list(_catalogue()[0].values())


def lookup(name: str) -> Analyte:
    """Return the catalogue entry for a Chinese/English name, symbol, CAS number, alias or code.

    Parameters
    ----------
    name : str
        As written by a lab, e.g. ``"镉"``, ``"Cd"``, ``"cadmium"``, ``"7440-43-9"``, ``"铬（六价）"``.

    Returns
    -------
    Analyte

    Raises
    ------
    UnknownAnalyteError
        If the folded name matches nothing; the message lists up to five closest known names.
    """
    by_code, index, display = _catalogue()
    key = fold_name(name)
    code = index.get(key)
    if code is None:
        close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
        hint_zh = "、".join(f"{display[c]!r}（{by_code[index[c]].name_zh}）" for c in close) or "无"
        hint = ", ".join(f"{display[c]!r} ({index[c]})" for c in close) or "none close"
        raise UnknownAnalyteError(  # Chinese / English, the platform shows the page's language
            f"未收录的检测项目 {name!r}；相近的名称：{hint_zh} / unknown analyte {name!r}; closest known names: {hint}"
        )
    return by_code[code]


def lookup_many(names: Iterable[str]) -> list[Analyte]:
    """:func:`lookup` for each name (each distinct name folded once); raises on the first unknown."""
    seen: dict[str, Analyte] = {}
    out = []
    for n in names:
        if n not in seen:
            seen[n] = lookup(n)
        out.append(seen[n])
    return out
