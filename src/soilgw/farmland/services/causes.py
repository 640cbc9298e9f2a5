"""Cause investigations and mining-waste proximity (science: soilgw.assessment.proximity).

Distances are measured in the units' area CRS (EPSG:4546 in the county). No flow direction is stored for the
county, so "downstream-adjacent" is judged by distance alone and every result says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from django.utils.translation import gettext_lazy as _
from shapely.geometry import shape

from soilgw.assessment.proximity import BASIS, mining_waste_proximity

from .. import geo
from ..choices import SourceKind
from ..models import CauseInvestigation, FarmlandUnit, InputInspection
from .classify import Survey, assign_points, survey_results


def _crs(units) -> str:
    c = shapely.MultiPoint([(u.centroid_lon, u.centroid_lat) for u in units]).centroid
    return geo.area_crs(c.x, c.y)


#: The proximity basis as the farmland page states it (the science's basis text is English).
BASIS_SHOWN = {BASIS: _("distance only: no flow direction known, downstream position not judged")}


def mining_proximity(distance_m: float, units=None) -> dict:
    """Units within ``distance_m`` of each ``groundwater.MiningWasteSite`` and each site's nearest unit [m]."""
    from soilgw.groundwater.models import MiningWasteSite

    sites = [s for s in MiningWasteSite.objects.all() if s.geometry]
    units = list(units if units is not None else FarmlandUnit.objects.all())
    if sites:  # measure in the sites' frame (EPSG:4546 in the county); units projected far outside it are left out
        c = shapely.union_all([shape(s.geometry) for s in sites]).centroid
        crs = geo.area_crs(c.x, c.y)
        units = [u for u in units if geo.area_crs(u.centroid_lon, u.centroid_lat) == crs]
    if not units or not sites:
        return {"pairs": [], "nearest": [], "distance_m": distance_m, "basis": BASIS_SHOWN[BASIS]}
    ug = [geo.project(geo.polygon(u.geometry), crs) for u in units]
    sg = [geo.project(shape(s.geometry), crs) for s in sites]
    res = mining_waste_proximity(ug, sg, distance_m, unit_ids=[u.code for u in units],
                                 site_ids=[s.code for s in sites])
    return {"pairs": res.pairs.to_dict("records"), "nearest": res.nearest.to_dict("records"),
            "distance_m": res.distance_m, "basis": BASIS_SHOWN.get(res.basis, res.basis)}


def _sources(units, distance_m: float) -> list[dict]:
    """Candidate sources within ``distance_m`` of the cluster, nearest first, with their distance [m]."""
    from soilgw.enterprises.models import Enterprise
    from soilgw.groundwater.models import MiningWasteSite
    from soilgw.monitoring.models import MonitoringPoint

    crs = _crs(units)
    cluster = shapely.union_all([geo.project(geo.polygon(u.geometry), crs) for u in units])
    found = []

    def consider(kind, label, geom_lonlat, **extra):
        d = float(cluster.distance(geo.project(geom_lonlat, crs)))
        if d <= distance_m:
            found.append({"kind": kind, "name": label, "distance_m": round(d, 1), **extra})

    for s in MiningWasteSite.objects.exclude(geometry=None):
        consider(SourceKind.MINING_WASTE, f"{s.code} {s.name}", shape(s.geometry), metals=s.metals)
    for e in Enterprise.objects.exclude(lon=None):
        consider(SourceKind.EMITTER, e.name, shapely.Point(e.lon, e.lat))
    for p in MonitoringPoint.objects.filter(kind__in=("irrigation", "irrigation_return")).exclude(lon=None):
        consider(SourceKind.IRRIGATION, f"{p.dataset}:{p.code}", shapely.Point(p.lon, p.lat))
    towns = {u.township_id for u in units if u.township_id}
    for i in InputInspection.objects.filter(compliant=False, township_id__in=towns):
        found.append({"kind": SourceKind.INPUTS, "name": f"{i.sample_code} {i.product}", "distance_m": None,
                      "exceeding": i.exceeding, "note": "same township (inputs have no location)"})
    return sorted(found, key=lambda r: (r["distance_m"] is None, r["distance_m"] or 0))


def correlation_pattern(units) -> dict:
    """Spearman correlation of the metals over the soil points inside the cluster's units (per survey)."""
    out = {"method": "spearman", "points": 0, "matrix": {}}
    frames = []
    for dataset in {u.dataset for u in units if u.dataset}:
        data = survey_results(Survey(dataset=dataset, year=0))
        soil = data[(data["medium"] == "soil") & (data["analyte"] != "ph")]
        if soil.empty:
            continue
        pts = soil.drop_duplicates("point_code").set_index("point_code")[["lon", "lat"]]
        inside = assign_points(pts, list(units)).dropna()
        soil = soil[soil["point_code"].isin(inside.index)]
        frames.append(soil.assign(v=pd.to_numeric(soil["value"], errors="coerce")).pivot_table(
            index="sample_id", columns="analyte", values="v", aggfunc="mean"))
    if not frames:
        return out
    wide = pd.concat(frames).dropna(axis=1, thresh=3)
    out["points"] = int(len(wide))
    if len(wide) >= 3 and wide.shape[1] >= 2:
        m = wide.corr(method="spearman", min_periods=3).round(2)
        out["matrix"] = {r: {c: (None if np.isnan(v) else float(v)) for c, v in row.items()}
                         for r, row in m.to_dict("index").items()}
    return out


def investigate(inv: CauseInvestigation) -> CauseInvestigation:
    """Compute and store the candidate sources and the correlation pattern of ``inv``'s units."""
    units = list(inv.units.all())
    if not units:
        inv.sources, inv.correlation = [], {}
    else:
        inv.sources = _sources(units, inv.distance_m)
        inv.correlation = correlation_pattern(units) | {"distance_basis": BASIS}
    inv.save()
    return inv
