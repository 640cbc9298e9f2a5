"""Bundled data: the county boundary (GCJ-02 → WGS84) and the 示例 sample entries of every registry.

Both loaders are idempotent on natural keys (admin code; record codes).
"""

from __future__ import annotations

import json

import shapely
from django.conf import settings
from django.db import transaction
from shapely.geometry import mapping

from soilgw.assessment.spatial_crs import gcj02_to_wgs84, geojson_gcj02_to_wgs84
from soilgw.core.loaders import read_yaml, register_loader

from . import geo

BOUNDARY_FILE = "jiang_county_boundary/jiang_county_140826.geojson"
BOUNDARY_SOURCE = ("DataV.GeoAtlas/AMap district boundary of 绛县 (adcode 140826), GitHub tnnevol/gmap 140826.json "
                   "(commit b248aaa); see data/jiang_county_boundary/README.md")
CONVERSION = ("GCJ-02 → WGS84 by soilgw.assessment.spatial_crs.gcj02_to_wgs84 (published forward transform, "
              "iterative inverse, round trip < 0.5 m); the boundary's own accuracy is that of the web-map source")


def county_geometry() -> dict:
    """The county MultiPolygon in WGS84 from the bundled GCJ-02 file."""
    data = json.loads((settings.DATA_DIR / BOUNDARY_FILE).read_text(encoding="utf-8"))
    return geojson_gcj02_to_wgs84(data["features"][0]["geometry"])


@register_loader("groundwater-boundary", depends_on=("departments",))
def load_boundary() -> str:
    """The county outline as a ``CountyBoundary`` record (admin code 140826)."""
    from .models import CountyBoundary

    data = json.loads((settings.DATA_DIR / BOUNDARY_FILE).read_text(encoding="utf-8"))
    props = data["features"][0]["properties"]
    CountyBoundary.objects.update_or_create(admin_code=str(props["adcode"]), defaults={
        "name": props["name"], "geometry": county_geometry(), "source": BOUNDARY_SOURCE, "conversion": CONVERSION})
    centre = gcj02_to_wgs84(*props["center"])
    return f"county boundary {props['name']} (centre {float(centre.lon):.5f}, {float(centre.lat):.5f} WGS84)"


def _shape(row: dict) -> dict | None:
    """A circle (``radius_m``) or square (``half_side_m``) around lon/lat, built in EPSG:4546 [m]."""
    centre = geo.to_gk(shapely.Point(row["lon"], row["lat"]))
    if "radius_m" in row:
        gk = centre.buffer(row["radius_m"], quad_segs=16)
    elif "half_side_m" in row:
        h = row["half_side_m"]
        gk = shapely.box(centre.x - h, centre.y - h, centre.x + h, centre.y + h)
    else:
        return None
    return json.loads(json.dumps(mapping(shapely.set_precision(geo.from_gk(gk), 1e-7))))


def _fields(model, row: dict, **extra) -> dict:
    names = {f.name for f in model._meta.fields}
    out = {k: v for k, v in row.items() if k in names and k != "code"}
    return {**out, **extra, "is_sample": True}


@register_loader("groundwater-samples", depends_on=("departments", "groundwater-boundary"))
def load_samples() -> str:
    """The 示例 sample entries of ``data/samples.yaml`` (idempotent on their codes), with the obligations
    of the groundwater rules recomputed once at the end."""
    from soilgw.plans.obligations import engine
    from soilgw.plans.obligations.rules import rules

    with transaction.atomic(), engine.paused():
        summary = _load_samples()
    engine.refresh([r for r in rules() if r.startswith("gw-")])
    return summary


def _load_samples() -> str:
    from soilgw.core.models import Township

    from .models import (
        AbandonedWell,
        CauseDetermination,
        DrinkingWaterSource,
        GroundwaterKeyZone,
        MiningWasteSite,
        PollutionSource,
        ProtectionZone,
        RechargeArea,
        ReinjectionFiling,
        ReinjectionProject,
        WellRegisterReturn,
    )

    data = read_yaml("soilgw.groundwater.data", "samples.yaml")
    towns = {t.name: t for t in Township.objects.all()}
    n = 0

    def put(model, row, **extra):
        nonlocal n
        if "township" in row:
            extra["township"] = towns[row["township"]]
        obj, _ = model.objects.update_or_create(code=row["code"], defaults=_fields(model, row, **extra))
        n += 1
        return obj

    for row in data["pollution_sources"]:
        put(PollutionSource, row, geometry=_shape(row))
    for row in data["mining_waste_sites"]:
        put(MiningWasteSite, row, geometry=_shape(row))
    for row in data["abandoned_wells"]:
        put(AbandonedWell, row)
    for row in data["key_zones"]:
        put(GroundwaterKeyZone, row, geometry=_shape(row))
    for row in data["reinjection_projects"]:
        put(ReinjectionProject, row)
    for row in data["drinking_water_sources"]:
        source = put(DrinkingWaterSource, row)
        for zone in row.get("zones", []):
            ProtectionZone.objects.update_or_create(source=source, level=zone["level"], defaults={
                "geometry": _shape({**row, **zone}), "is_sample": True})
            n += 1
        if "recharge" in row:
            r = row["recharge"]
            RechargeArea.objects.update_or_create(source=source, defaults={
                "geometry": _shape({**row, **r}), "delineated_on": r["delineated_on"], "method": r["method"],
                "is_sample": True})
            n += 1
    for row in data["reinjection_filings"]:
        project = ReinjectionProject.objects.get(code=row["project"])
        ReinjectionFiling.objects.update_or_create(project=project, filed_on=row["filed_on"], defaults={
            k: v for k, v in _fields(ReinjectionFiling, row).items() if k not in ("project", "filed_on")})
        n += 1
    for row in data["well_register_returns"]:
        WellRegisterReturn.objects.update_or_create(
            township=towns[row["township"]], submitted_on=row["submitted_on"],
            defaults={"well_count": row["well_count"], "complete": row["complete"], "is_sample": True})
        n += 1
    for row in data["cause_determinations"]:
        source = DrinkingWaterSource.objects.get(code=row["source"])
        CauseDetermination.objects.update_or_create(
            source=source, analyte=row["analyte"], started_on=row["started_on"],
            defaults={k: v for k, v in _fields(CauseDetermination, row).items()
                      if k not in ("source", "analyte", "started_on")})
        n += 1
    return f"{n} groundwater sample records (示例)"
