"""Warnings: priority-protection area decreasing or a unit worsening between two surveys; construction near
permanent basic farmland."""

from __future__ import annotations

import shapely
from django.utils.translation import gettext as _

from .. import geo
from ..choices import CATEGORY_RANK, Category, WarningKind
from ..models import ClassificationRun, FarmlandUnit, FarmlandWarning, UnitClassification


def compare_surveys(earlier: ClassificationRun, later: ClassificationRun) -> list[FarmlandWarning]:
    """Warnings from two runs over the same units: each unit whose computed category worsened, and the
    priority-protection area [mu] per township when it decreased. Stored with both runs' ids as inputs."""
    before = {d.unit_id: d for d in UnitClassification.objects.filter(run=earlier).select_related("unit__township")}
    after = {d.unit_id: d for d in UnitClassification.objects.filter(run=later).select_related("unit__township")}
    raised, prio = [], {}
    for uid, b in before.items():
        a = after.get(uid)
        if a is None or not a.category or not b.category:
            continue
        town = b.unit.township
        p = prio.setdefault(town.pk if town else None, [town, 0.0, 0.0])
        p[1] += b.unit.area_mu if b.category == Category.PRIORITY_PROTECTION else 0.0
        p[2] += a.unit.area_mu if a.category == Category.PRIORITY_PROTECTION else 0.0
        if CATEGORY_RANK[a.category] > CATEGORY_RANK[b.category]:
            raised.append(FarmlandWarning(
                kind=WarningKind.UNIT_WORSENED, unit=b.unit, township=town, dataset=later.dataset,
                raised_on=_run_date(later),
                message=_("Unit %(unit)s worsened from %(b)s (%(y0)s) to %(a)s (%(y1)s)") % {
                    "unit": b.unit.code, "b": b.category, "a": a.category, "y0": earlier.survey_year,
                    "y1": later.survey_year},
                inputs={"earlier_run": earlier.pk, "later_run": later.pk, "before": b.category, "after": a.category}))
    for town, mu0, mu1 in prio.values():
        if mu1 < mu0 - 1e-9:
            raised.append(FarmlandWarning(
                kind=WarningKind.PRIORITY_DECREASE, township=town, dataset=later.dataset, raised_on=_run_date(later),
                message=_("Priority-protection area in %(town)s decreased from %(a).1f to %(b).1f mu") % {
                    "town": town or "—", "a": mu0, "b": mu1},
                inputs={"earlier_run": earlier.pk, "later_run": later.pk, "before_mu": mu0, "after_mu": mu1}))
    return FarmlandWarning.objects.bulk_create(raised)


def _run_date(run: ClassificationRun):
    import datetime as dt

    return dt.date(run.survey_year, 12, 31)


def check_construction(proposal) -> None:
    """Set the proposal's permanent basic farmland within its distance [mu], inside flag and warning flag.

    The buffer and the areas are measured in the unit's area CRS (EPSG:4546 in the county).
    """
    crs = geo.area_crs(proposal.lon, proposal.lat)
    t = geo.transformer("EPSG:4326", crs)
    x, y = t.transform(proposal.lon, proposal.lat)
    site = shapely.Point(x, y)
    zone = site.buffer(proposal.distance_m)
    deg = proposal.distance_m / 80000.0 + 0.01  # bbox prefilter, generous at mid latitudes [degree]
    near = FarmlandUnit.objects.filter(
        permanent_basic=True, min_lon__lte=proposal.lon + deg, max_lon__gte=proposal.lon - deg,
        min_lat__lte=proposal.lat + deg, max_lat__gte=proposal.lat - deg)
    mu, inside = 0.0, False
    for u in near:
        poly = geo.project(geo.polygon(u.geometry), crs)
        inside = inside or poly.covers(site)
        mu += poly.intersection(zone).area / geo.M2_PER_MU
    proposal.basic_farmland_mu = mu
    proposal.inside_basic_farmland = inside
    proposal.warned = inside or mu >= proposal.concentration_mu
