"""Spatial questions of the groundwater registries (shapely 2 STRtree; lengths in EPSG:4546 [m]).

- :func:`zone_hits`: which drinking-water sources' protection zones or recharge areas contain (intersect) a
  pollution source or an abandoned well (groundwater plan tasks 13 and 14).
- :func:`nearest_irrigation_point`: the irrigation-water monitoring point nearest a mining-waste site
  (soil plan task 3).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from django.apps import apps

from . import geo


@dataclass(frozen=True)
class ZoneHit:
    """One feature inside one zone of a drinking-water source.

    ``distance_to_intake_m`` is the distance [m] (EPSG:4546) from the feature to the source's intake point.
    """

    source: object  # DrinkingWaterSource
    zone_kind: str  # "first" | "second" | "quasi" | "recharge"
    zone_label: str
    feature: object  # PollutionSource | AbandonedWell
    distance_to_intake_m: float


def _feature_geometry(obj):
    if getattr(obj, "geometry", None):
        return geo.parse(obj.geometry)
    return shapely.Point(obj.lon, obj.lat)


def intersecting_pairs(zones: list, features: list) -> np.ndarray:
    """Index pairs (zone i, feature j) whose EPSG:4546 geometries intersect, via an STRtree on the features.

    Parameters
    ----------
    zones, features : list of shapely geometries in EPSG:4326 [degree]

    Returns
    -------
    ndarray, shape (2, k)
        Row 0 zone indices, row 1 feature indices, sorted by zone then feature.
    """
    if not zones or not features:
        return np.empty((2, 0), dtype=int)
    tree = shapely.STRtree(geo.to_gk(np.array(features, dtype=object)))
    pairs = tree.query(geo.to_gk(np.array(zones, dtype=object)), predicate="intersects")
    order = np.lexsort((pairs[1], pairs[0]))
    return pairs[:, order]


def zone_hits(sources=None) -> list[ZoneHit]:
    """Pollution sources and abandoned wells inside the protection zones and recharge areas of ``sources``
    (all drinking-water sources when None)."""
    from .models import AbandonedWell, DrinkingWaterSource, PollutionSource, ProtectionZone, RechargeArea

    sources = list(DrinkingWaterSource.objects.all() if sources is None else sources)
    by_id = {s.pk: s for s in sources}
    zones = [(z.source_id, z.level, z.get_level_display(), z)
             for z in ProtectionZone.objects.filter(source_id__in=by_id).exclude(geometry=None)]
    zones += [(r.source_id, "recharge", str(r._meta.verbose_name), r)
              for r in RechargeArea.objects.filter(source_id__in=by_id).exclude(geometry=None)]
    features = [*PollutionSource.objects.all(), *AbandonedWell.objects.select_related("township__department")]
    pairs = intersecting_pairs([geo.parse(z[3].geometry) for z in zones], [_feature_geometry(f) for f in features])
    if pairs.shape[1] == 0:
        return []
    feat_gk = geo.to_gk(np.array([_feature_geometry(features[j]) for j in pairs[1]], dtype=object))
    intake_gk = geo.to_gk(np.array([shapely.Point(by_id[zones[i][0]].lon, by_id[zones[i][0]].lat)
                                    for i in pairs[0]], dtype=object))
    dist = shapely.distance(feat_gk, intake_gk)
    return [ZoneHit(by_id[zones[i][0]], zones[i][1], zones[i][2], features[j], float(d))
            for i, j, d in zip(pairs[0], pairs[1], dist, strict=True)]


def zones_containing(feature) -> list[tuple[object, str]]:
    """(drinking-water source, zone label) of every protection zone or recharge area intersecting ``feature``
    (a PollutionSource or AbandonedWell), prefiltered on the zones' bounding boxes."""
    from .models import ProtectionZone, RechargeArea

    geom = _feature_geometry(feature)
    minx, miny, maxx, maxy = geom.bounds
    box = {"min_lon__lte": maxx, "max_lon__gte": minx, "min_lat__lte": maxy, "max_lat__gte": miny}
    zones = [(z.source, z.get_level_display(), z) for z in ProtectionZone.objects.filter(**box).select_related("source")]
    zones += [(r.source, str(r._meta.verbose_name), r) for r in RechargeArea.objects.filter(**box).select_related("source")]
    return [(src, label) for src, label, z in zones if geo.parse(z.geometry).intersects(geom)]


def nearest_point(geometry, points: list[tuple[str, float, float]]) -> tuple[str, float | None]:
    """Code and distance [m] (EPSG:4546) of the point nearest ``geometry`` (0 when inside it).

    Parameters
    ----------
    geometry : shapely geometry in EPSG:4326
    points : list of (code, lon, lat)

    Returns
    -------
    (code, distance) or ("", None) when there are no points.
    """
    if not points:
        return "", None
    pts = geo.to_gk(np.array([shapely.Point(lon, lat) for _, lon, lat in points], dtype=object))
    target = geo.to_gk(geometry)
    tree = shapely.STRtree(pts)
    idx = tree.query_nearest(target, all_matches=False)
    j = int(idx[0])
    return points[j][0], float(shapely.distance(target, pts[j]))


def nearest_irrigation_point(geometry: dict) -> tuple[str, float | None]:
    """The irrigation-water monitoring point nearest a site (monitoring app points of kind ``irrigation``)."""
    if not apps.is_installed("soilgw.monitoring"):
        return "", None
    Point = apps.get_model("monitoring", "MonitoringPoint")
    points = list(Point.objects.filter(kind="irrigation", lon__isnull=False, lat__isnull=False)
                  .values_list("code", "lon", "lat"))
    return nearest_point(geo.parse(geometry), points)
