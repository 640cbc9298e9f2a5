"""Land supply: matching records to sites, clear-to-zero violations per quarter, notifications (soil tasks 8,
11, 15).

Matching: parcel code first; else geometry, a site whose intersection with the record covers at least
``MATCH_OVERLAP`` of the smaller polygon (EPSG:4546); several such sites → needs review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from soilgw.core.clock import quarter_bounds

from . import geo
from .choices import (
    CONTAMINATED_STAGES,
    INVESTIGATION_STAGES,
    Direction,
    MatchStatus,
    NoticeKind,
    Stage,
    SupplyKind,
)
from .models import LandSupplyRecord, Notification, Site

#: Share of the smaller polygon that must overlap for a geometry match [unitless] (issue 10).
MATCH_OVERLAP = 0.5


def match_site(record: LandSupplyRecord) -> tuple[Site | None, str, list]:
    """(site, match status, candidate parcel codes) for a supply record."""
    if record.parcel_code:
        site = Site.objects.filter(parcel_code=record.parcel_code).first()
        if site is not None:
            return site, MatchStatus.PARCEL_CODE, [site.parcel_code]
    if not record.geometry:
        return None, MatchStatus.UNMATCHED, []
    lon0, lat0, lon1, lat1 = geo.polygon(record.geometry).bounds
    near = Site.objects.filter(geometry__isnull=False, min_lon__lte=lon1, max_lon__gte=lon0,
                               min_lat__lte=lat1, max_lat__gte=lat0)
    hits = [s for s in near if geo.overlap_of_smaller(record.geometry, s.geometry) >= MATCH_OVERLAP]
    if len(hits) == 1:
        return hits[0], MatchStatus.GEOMETRY, [hits[0].parcel_code]
    if hits:
        return None, MatchStatus.NEEDS_REVIEW, sorted(s.parcel_code for s in hits)
    return None, MatchStatus.UNMATCHED, []


def rematch_for(site: Site) -> int:
    """Match again the supply records a new or moved site may concern (same parcel code, or an overlapping
    bounding box while unmatched or under review); returns how many were saved."""
    near = Q(parcel_code=site.parcel_code) if site.parcel_code else Q(pk__in=[])
    if site.min_lon is not None:
        near |= Q(match_status__in=(MatchStatus.UNMATCHED, MatchStatus.NEEDS_REVIEW), min_lon__lte=site.max_lon,
                   max_lon__gte=site.min_lon, min_lat__lte=site.max_lat, max_lat__gte=site.min_lat)
    records = list(LandSupplyRecord.objects.filter(near).exclude(site=site))
    for rec in records:
        rec.save()
    return len(records)


def notify(kind: str, direction: str, site: Site | None, subject: str, body: str = "") -> Notification:
    return Notification.objects.create(kind=kind, direction=direction, site=site, subject=subject, body=body)


def notify_key_unit(record: LandSupplyRecord) -> None:
    """A key supervised unit's land-use right recovered or transferred → tell the bureau (soil task 11)."""
    if record.kind not in (SupplyKind.RECOVERY, SupplyKind.TRANSFER) or not record.site_id:
        return
    enterprise = record.site.enterprise
    if enterprise is None or not _key_unit(enterprise, record.date):
        return
    notify(NoticeKind.KEY_UNIT_LAND, Direction.TO_EEB, record.site,
           f"{record.get_kind_display()}: {enterprise} · {record.site.parcel_code}",
           f"{record.date:%Y-%m-%d} {record.document}")


def _key_unit(enterprise, on: dt.date) -> bool:
    from soilgw.enterprises.choices import ListKind

    return enterprise.listings.filter(Q(delisted_on__isnull=True) | Q(delisted_on__gt=on),
                                      list_kind=ListKind.KEY_SUPERVISED_UNIT, listed_on__lte=on).exists()


# ---------------------------------------------------------------------------------------------- violations
@dataclass(frozen=True)
class Violation:
    """A supply record breaking the rules, open until ``resolved_on`` (None: still open)."""

    record: LandSupplyRecord
    kind: str  # a key of VIOLATION_KINDS
    missing: str  # what is missing, as shown (lazy translation)
    found_on: dt.date
    resolved_on: dt.date | None

    @property
    def kind_label(self) -> str:
        return VIOLATION_KINDS[self.kind]


#: The two kinds of non-compliant supply the clear-to-zero campaign counts, as a reader names them.
VIOLATION_KINDS = {"sensitive_without_steps": _("sensitive use without required steps"),
                   "plan_without_investigation": _("supply plan without investigation")}


def _investigated_on(site: Site | None) -> dt.date | None:
    if site is None:
        return None
    inv = site.latest(*INVESTIGATION_STAGES)
    return inv.completed_on if inv else None


def _steps_done_on(site: Site | None) -> tuple[dt.date | None, str]:
    """When a sensitive-use parcel had its required steps (investigation, and risk assessment and
    remediation where required), and what is missing."""
    if site is None:
        return None, _("site record and investigation")
    inv = site.latest(*INVESTIGATION_STAGES)
    if inv is None:
        return None, _("investigation")
    if inv.conclusion in ("", "negligible"):
        return inv.completed_on, ""
    ra = site.latest(Stage.RISK_ASSESSMENT)
    if ra is None:
        return None, _("risk assessment")
    if ra.conclusion != "unacceptable":
        return ra.completed_on, ""
    off = site.latest(Stage.OFF_REGISTER)
    return (off.completed_on, "") if off else (None, _("risk control / remediation and evaluation"))


def violations(year: int | None = None) -> list[Violation]:
    """Sensitive-use allocations and transfers missing their required steps, and parcels of the supply plan
    without an investigation (soil tasks 8 and 15)."""
    qs = LandSupplyRecord.objects.select_related("site", "planned_use")
    if year:
        qs = qs.filter(year=year)
    out = []
    for rec in qs:
        if rec.kind in (SupplyKind.ALLOCATION, SupplyKind.TRANSFER) and rec.planned_use.sensitive_use:
            done, missing = _steps_done_on(rec.site)
            if done is None or done > rec.date:
                out.append(Violation(rec, "sensitive_without_steps", missing or _("steps completed after supply"),
                                     rec.date, done))
        elif rec.kind == SupplyKind.PLAN:
            done = _investigated_on(rec.site)
            if done is None or done > rec.date:
                out.append(Violation(rec, "plan_without_investigation", _("investigation"), rec.date,
                                     done))
    return out


def open_per_quarter(found: list[Violation], year: int) -> list[dict]:
    """Open violations at the end of each quarter of ``year`` (the clear-to-zero curve)."""
    rows = []
    for q in (1, 2, 3, 4):
        end = quarter_bounds(year, q)[1]
        open_ = [v for v in found if v.found_on <= end and (v.resolved_on is None or v.resolved_on > end)]
        rows.append({"quarter": f"{year}Q{q}", "end": end.isoformat(), "open": len(open_),
                     "sensitive_without_steps": sum(v.kind == "sensitive_without_steps" for v in open_),
                     "plan_without_investigation": sum(v.kind == "plan_without_investigation" for v in open_)})
    return rows


def notify_site_change(site: Site, before_stage: str | None, before_use_id: int | None) -> None:
    """Tell the natural resources bureau when a suspected or contaminated site changes stage and when the
    planned use becomes residential or public service (soil task 11)."""
    if before_stage is None or before_stage != site.stage:
        if site.stage == Stage.SUSPECTED or site.stage in CONTAMINATED_STAGES or before_stage in CONTAMINATED_STAGES:
            notify(NoticeKind.SITE_STATUS, Direction.TO_NRB, site,
                   f"{site.parcel_code}: {site.get_stage_display()}", site.name)
    if site.planned_use_id and site.planned_use_id != before_use_id and site.planned_use.sensitive_use:
        notify(NoticeKind.SENSITIVE_USE, Direction.TO_NRB, site,
               f"{site.parcel_code}: → {site.planned_use}", site.name)
