"""Per-source analyte-name and unit mappings, kept as data (``SourceMapping`` rows; shipped CSVs in data/mappings).

Analyte rows: ``source_text`` → catalogue code, or blank target = keep the name as an uncatalogued
parameter; the row ``*`` with a blank target keeps every other unknown name of that source. Unit rows:
``source_text`` → canonical unit × ``factor``, or target ``=`` = keep the spelling as written (only for
uncatalogued parameters, e.g. UV absorbance 1/m); ``<analyte code>|<spelling>`` applies to one analyte only.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources

from django.utils.translation import gettext_lazy as _

from soilgw.standards.analytes import lookup

from .choices import MappingKind

KEEP_ALL = "*"
KEEP_UNIT = "="


@dataclass
class SourceMaps:
    """The mappings of one source, ready for lookups (empty for the source "")."""

    source: str = ""
    analytes: dict[str, str] = field(default_factory=dict)
    units: dict[str, tuple[str, float]] = field(default_factory=dict)
    keep_unknown: bool = False

    def analyte(self, name: str) -> str | None:
        """Catalogue code, "" (keep as uncatalogued) or None (not mapped: use the catalogue)."""
        return self.analytes.get(name)

    def unit(self, text: str, analyte_code: str = "") -> tuple[str | None, float]:
        """(canonical unit, factor) for ``text``; a row ``<analyte code>|<text>`` wins over ``<text>``."""
        target, factor = self.units.get(f"{analyte_code}|{text}") or self.units.get(text, (None, 1.0))
        if target == KEEP_UNIT:
            return text, factor
        return target, factor

    def keeps_unit(self, text: str) -> bool:
        return self.units.get(text, ("", 1.0))[0] == KEEP_UNIT


def source_maps(source: str) -> SourceMaps:
    """The mappings of ``source`` from the database. Raises ValueError for an unknown source name."""
    from .models import SourceMapping

    if not source:
        return SourceMaps()
    rows = list(SourceMapping.objects.filter(source=source))
    if not rows:
        known = sorted(set(SourceMapping.objects.values_list("source", flat=True)))
        raise ValueError(f"unknown mapping source {source!r}; known sources: {', '.join(known) or 'none'}")
    maps = SourceMaps(source)
    for r in rows:
        if r.kind == MappingKind.ANALYTE:
            if r.source_text == KEEP_ALL:
                maps.keep_unknown = True
            else:
                maps.analytes[r.source_text] = r.target
        else:
            maps.units[r.source_text] = (r.target, r.factor)
    return maps


def shipped_mapping_rows(source: str) -> list[dict]:
    """Rows of ``data/mappings/<source>_analytes.csv`` and ``<source>_units.csv``; analyte targets are checked
    against the catalogue (a typo fails loudly)."""
    base = resources.files("soilgw.monitoring.data") / "mappings"
    rows = []
    for kind in (MappingKind.ANALYTE, MappingKind.UNIT):
        path = base / f"{source}_{kind}s.csv"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                target = r["target"].strip()
                if kind == MappingKind.ANALYTE and target:
                    lookup(target)
                rows.append({"source": source, "kind": kind, "source_text": r["source_text"], "target": target,
                             "factor": float(r.get("factor") or 1.0), "note": r.get("note", "")})
    return rows


#: What the import form calls each shipped mapping (a user-stored source is shown by its own name).
SOURCE_NAMES = {
    "basel": _("Basel-Stadt environment office files"), "gwsdat": _("GWSDAT files"),
    "hydrochem": _("hydrochemistry tables (WQChartPy format)"), "soil": _("soil survey tables"),
}


def shipped_sources() -> list[str]:
    base = resources.files("soilgw.monitoring.data") / "mappings"
    return sorted({p.name.rsplit("_", 1)[0] for p in base.iterdir() if p.name.endswith(".csv")})
