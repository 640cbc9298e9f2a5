"""Derive the concentrated contaminated-farmland areas (受污染耕地相对集中区域) from the categories and hand them
to the enterprises app (``enterprises.ConcentratedFarmlandArea``), where they set the special emission limits.

The plans give no numeric definition of "relatively concentrated"; the platform closes gaps between contaminated
units (safe utilization + strict control) up to ``gap_m`` and keeps clusters of at least ``min_mu``. Both
parameters are recorded in each area's ``source``.
"""

from __future__ import annotations

import shapely
from django.db import transaction

from .. import geo
from ..choices import Category
from ..models import FarmlandUnit

PREFIX = "耕地类别划定"


@transaction.atomic
def derive_concentrated_areas(gap_m: float = 200.0, min_mu: float = 500.0) -> list:
    """Create/update one area per cluster and per survey; remove areas this function made earlier that vanished."""
    from soilgw.enterprises.models import ConcentratedFarmlandArea

    kept = []
    contaminated = FarmlandUnit.objects.filter(category__in=(Category.SAFE_UTILIZATION, Category.STRICT_CONTROL))
    for dataset in sorted(set(contaminated.values_list("dataset", flat=True))):
        units = list(contaminated.filter(dataset=dataset))
        c = shapely.MultiPoint([(u.centroid_lon, u.centroid_lat) for u in units]).centroid
        crs = geo.area_crs(c.x, c.y)
        merged = shapely.union_all([geo.project(geo.polygon(u.geometry), crs) for u in units])
        closed = merged.buffer(gap_m / 2).buffer(-gap_m / 2)
        parts = list(getattr(closed, "geoms", [closed]))
        big = sorted((p for p in parts if p.area / geo.M2_PER_MU >= min_mu), key=lambda p: -p.area)
        for i, part in enumerate(big, start=1):
            lonlat = geo.unproject(part, crs)
            area, _ = ConcentratedFarmlandArea.objects.update_or_create(
                name=f"{PREFIX}：{dataset}-{i}", defaults={
                    "geometry": geo.to_geojson(lonlat), "is_sample": all(u.is_sample for u in units),
                    "source": f"farmland categories (gap {gap_m:g} m, ≥ {min_mu:g} mu; {part.area / geo.M2_PER_MU:.0f} mu)"})
            kept.append(area)
    ConcentratedFarmlandArea.objects.filter(name__startswith=PREFIX).exclude(pk__in=[a.pk for a in kept]).delete()
    return kept
