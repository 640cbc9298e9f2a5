"""Sample (示例) assessment units over the real soil surveys, their classification, and sample library data.

No real unit polygons exist for the shipped surveys, so each survey area gets a regular grid of square units
(示例); the classification runs on the real points (monitoring app) with the science core. Townships and the
permanent-basic-farmland flag of these sample units are synthetic (grid columns → the county's townships), as
are the sample measures; crop compliance evidence comes from the real rice-grain Cd co-monitoring where it exists.
"""

from __future__ import annotations

import numpy as np
from django.db import transaction

from soilgw.core.loaders import register_loader
from soilgw.core.models import Township

from . import geo
from .choices import Category, LandUse, MeasureKind
from .models import (
    ClassificationRun,
    CropRecommendation,
    FarmlandUnit,
    Measure,
    SafeUtilizationPlan,
    Technology,
    UnitClassification,
)
from .services.classify import Survey, classify_survey, survey_results

NO_PH = ("No pH was measured in this survey: pH 5.5 is assumed, which selects the lowest (most protective) "
         "GB 15618-2018 screening values (pH ≤ 5.5 band). An assumption, not a measurement.")
SURVEYS = {
    "hunan_cropland": Survey("hunan_cropland", 2025, rule_set="example_crop_adjust_v1", crop="rice"),
    "sinu": Survey("sinu", 2025, sample_contains="-surface-"),
    "jura": Survey("jura", 1994, assumed_ph=5.5, assumption=NO_PH),
    "meuse": Survey("meuse", 1993, assumed_ph=5.5, assumption=NO_PH),
}
#: Land use of the sample units where the points say it (Hunan point names); elsewhere "other" farmland.
POINT_LAND_USE = {"Paddy": LandUse.PADDY, "Upland": LandUse.DRYLAND}
GRID_CELLS = 12  # cells along the longer side of a survey's extent


def _nice(x: float) -> float:
    """Round a cell size [m] up to 1, 2 or 5 × 10^k."""
    k = 10 ** np.floor(np.log10(x))
    return float(min(m for m in (1, 2, 5, 10) if m * k >= x) * k)


def sample_units(survey: Survey) -> int:
    """Create the grid units of one survey (idempotent on code). Returns the number of units."""
    data = survey_results(survey)
    pts = data[data["medium"] == "soil"].drop_duplicates("point_code").dropna(subset=["lon", "lat"])
    c_lon, c_lat = float(pts["lon"].mean()), float(pts["lat"].mean())
    crs = geo.area_crs(c_lon, c_lat)
    t = geo.transformer("EPSG:4326", crs)
    x, y = t.transform(pts["lon"].to_numpy(), pts["lat"].to_numpy())
    cell = _nice(max(np.ptp(x), np.ptp(y)) / GRID_CELLS)
    cells = geo.square_grid(pts["lon"], pts["lat"], cell, crs)
    towns = list(Township.objects.order_by("admin_code"))
    ncols = max(c for _, c, _ in cells) + 1
    land = pts["point_name"].map(POINT_LAND_USE)
    existing = set(FarmlandUnit.objects.filter(dataset=survey.dataset).values_list("code", flat=True))
    for r, c, poly in cells:
        code = f"{survey.dataset}-R{r:02d}C{c:02d}"
        if code in existing:
            continue
        cx, cy = t.transform(poly.centroid.x, poly.centroid.y)
        near = int(np.argmin((x - cx) ** 2 + (y - cy) ** 2))
        use = land.iloc[near] if isinstance(land.iloc[near], str) else LandUse.OTHER
        FarmlandUnit(code=code, name=f"示例单元 {survey.dataset} {r + 1}-{c + 1}", dataset=survey.dataset,
                     township=towns[c * len(towns) // ncols] if towns else None, geometry=geo.to_geojson(poly),
                     land_use=use, permanent_basic=(r + c) % 3 != 0, zone=f"示例区 {survey.dataset}",
                     is_sample=True).save()
    return len(cells)


def sample_measures(run: ClassificationRun) -> int:
    """示例 measures on three of every four contaminated units; crop compliance from the run's crop inputs."""
    made = 0
    decisions = UnitClassification.objects.filter(run=run).select_related("unit").order_by("unit__code")
    for i, d in enumerate(decisions):
        u = d.unit
        if i % 4 == 0 or not u.category:
            continue
        unit_inputs = d.inputs.get("unit", {})
        n, ok = unit_inputs.get("n_crop_samples") or 0, unit_inputs.get("n_crop_compliant") or 0
        kind, compliant, evidence = None, None, ""
        if u.category == Category.SAFE_UTILIZATION:
            kind = MeasureKind.WATER_FERTILIZER
            if n:
                compliant = bool(ok == n)
                evidence = f"rice grain Cd co-monitoring: {ok}/{n} samples meet GB 2762-2022 (run #{run.pk})"
        elif u.category == Category.STRICT_CONTROL:
            kind = MeasureKind.ROTATION_FALLOW
        elif u.slightly_polluted:
            kind = MeasureKind.PRIORITY
        if kind is None:
            continue
        Measure.objects.get_or_create(unit=u, year=run.survey_year, kind=kind, defaults={
            "area_mu": round(u.area_mu, 1), "crop": "rice" if u.land_use == LandUse.PADDY else "",
            "crop_compliant": compliant, "evidence": evidence, "is_sample": True})
        made += 1
    return made


LIBRARY = [
    ("示例：低积累水稻品种替代", MeasureKind.VARIETY, "选用镉低积累品种（示例条目，待农业农村局核定）"),
    ("示例：全生育期淹水灌溉", MeasureKind.WATER_FERTILIZER, "水分管理降低稻米镉吸收（示例条目）"),
    ("示例：叶面阻控剂喷施", MeasureKind.FOLIAR, "分蘖期和灌浆期喷施（示例条目）"),
    ("示例：石灰调酸", MeasureKind.SOIL_CONDITIONING, "酸性土壤施用石灰调节 pH（示例条目）"),
    ("示例：种植结构调整", MeasureKind.STRUCTURE, "改种非食用作物（示例条目）"),
    ("示例：轮作休耕", MeasureKind.ROTATION_FALLOW, "严格管控类耕地轮作休耕（示例条目）"),
]
CROPS = [(Category.PRIORITY_PROTECTION, "示例：常规品种"), (Category.SAFE_UTILIZATION, "示例：镉低积累水稻品种"),
         (Category.STRICT_CONTROL, "示例：饲草 / 苗木（非食用）")]


@register_loader("farmland-sample", depends_on=("departments", "monitoring-soil", "enterprises-sample"))
def load_farmland() -> str:
    """Sample units over the four real soil surveys, classified from their points; sample library and plans."""
    from .services.concentrated import derive_concentrated_areas

    out = []
    with transaction.atomic():
        for name, survey in SURVEYS.items():
            n = sample_units(survey)
            run = ClassificationRun.objects.filter(dataset=name, survey_year=survey.year).first()
            if run is None:
                run = classify_survey(survey)
                sample_measures(run)
            out.append(f"{name}: {n} units, run #{run.pk} {run.summary}")
        for zone in sorted(set(FarmlandUnit.objects.exclude(zone="").values_list("zone", flat=True))):
            for tname, kind, desc in LIBRARY:
                Technology.objects.get_or_create(name=f"{tname}（{zone}）", defaults={
                    "kind": kind, "zone": zone, "description": desc, "is_sample": True})
            for cat, crop in CROPS:
                CropRecommendation.objects.get_or_create(zone=zone, category=cat, crop=crop,
                                                         defaults={"is_sample": True})
        year = max(s.year for s in SURVEYS.values())
        for town in Township.objects.all():
            SafeUtilizationPlan.objects.get_or_create(township=town, year=year, defaults={
                "target_rate": 90.0, "content": "示例：年度安全利用方案；目标值取《土壤污染防治行动计划》2020 年目标（90% 左右）"})
        areas = derive_concentrated_areas()
    return "; ".join(out) + f"; {len(areas)} concentrated areas handed to enterprises"



