"""Reconciliation of transfer manifests per site: dispatched vs received by mass, and manifests left open.

Both thresholds are platform defaults (issue 10), configurable through settings
``SOILGW_MANIFEST_TOLERANCE`` [unitless, share of the dispatched mass] and ``SOILGW_MANIFEST_OPEN_DAYS`` [d].
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from soilgw.core.clock import as_of

from .models import TransferManifest

DEFAULT_TOLERANCE = 0.05
DEFAULT_OPEN_DAYS = 7


def tolerance() -> float:
    return float(getattr(settings, "SOILGW_MANIFEST_TOLERANCE", DEFAULT_TOLERANCE))


def open_days() -> int:
    return int(getattr(settings, "SOILGW_MANIFEST_OPEN_DAYS", DEFAULT_OPEN_DAYS))


def is_default() -> bool:
    return tolerance() == DEFAULT_TOLERANCE and open_days() == DEFAULT_OPEN_DAYS


@dataclass(frozen=True)
class ManifestLine:
    manifest: TransferManifest
    difference_t: float | None  # received − dispatched [t]; None while open
    relative: float | None  # |difference| / dispatched [unitless]
    unbalanced: bool
    overdue_days: int | None  # days open beyond the limit (None if closed or within it)


@dataclass(frozen=True)
class SiteReconciliation:
    site_id: int
    lines: list[ManifestLine]
    dispatched_t: float
    received_t: float
    tolerance: float
    open_days: int

    @property
    def flagged(self) -> list[ManifestLine]:
        return [ln for ln in self.lines if ln.unbalanced or ln.overdue_days is not None]


def reconcile(site_id: int, on=None) -> SiteReconciliation:
    """Each manifest of the site: closed ones balanced within the tolerance by mass, open ones not older
    than the limit on ``on`` (default: the platform clock)."""
    on = on or as_of()
    tol, days = tolerance(), open_days()
    lines = []
    for m in TransferManifest.objects.filter(site_id=site_id).select_related("facility").order_by("departed_on"):
        if m.is_open:
            age = (on - m.departed_on).days
            lines.append(ManifestLine(m, None, None, False, age if age > days else None))
            continue
        diff = m.received_t - m.quantity_t
        rel = abs(diff) / m.quantity_t
        lines.append(ManifestLine(m, round(diff, 3), rel, rel > tol, None))
    return SiteReconciliation(site_id, lines, sum(ln.manifest.quantity_t for ln in lines),
                              sum(ln.manifest.received_t or 0.0 for ln in lines), tol, days)
