"""Loaders of the real datasets in ``data/`` (``soilgw load-county-data``). None of them is Jiang County's.

Each dataset becomes points labelled with ``dataset`` and ``origin`` and one accepted ``ImportBatch`` per
file (kind and options as a user import would have), so a second run finds the batch by its sha256 and
skips the file. Results go through the same validation as uploads (``ingest.prepare_results``), except that
a published non-detect with no usable limit (none, or ≤ 0) is set aside and counted in the batch report
(``report["set_aside"]``) instead of refusing the whole file.
The 667,228 daily Basel levels are stored as weekly means (``n_values`` records how many days each holds).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from soilgw.assessment.results import nondetect_limit_problems
from soilgw.core.choices import ImportStatus
from soilgw.core.loaders import register_loader
from soilgw.core.models import ImportBatch

from . import evaluate
from .choices import DatePrecision, LevelAggregation, Medium, PointKind
from .datasets import ORIGINS
from .geo import to_lonlat
from .importers import parse_gwsdat
from .ingest import prepare_results
from .mappings import shipped_mapping_rows, shipped_sources
from .models import MonitoringPoint, SourceMapping
from .store import write_levels, write_results


def data_dir() -> Path:
    return Path(settings.DATA_DIR)


def _batch(kind: str, path: Path, options: dict) -> ImportBatch | None:
    """A new accepted batch for a bundled file, or None when that file was loaded before."""
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    if ImportBatch.objects.filter(kind=kind, sha256=sha, status=ImportStatus.ACCEPTED).exists():
        return None
    batch = ImportBatch(kind=kind, filename=path.name, sha256=sha, size=path.stat().st_size,
                        status=ImportStatus.ACCEPTED, accepted_at=timezone.now(),
                        options={**options, "bundled": str(path.relative_to(data_dir()))})
    batch.raw_file.name = f"bundled/{path.relative_to(data_dir())}"
    batch.save()
    return batch


def _points(dataset: str, frame: pd.DataFrame, kind: str, crs: str) -> dict[str, int]:
    """Create or update points from ``code, name, x, y`` (+ optional lon/lat, ground_elevation); code → id."""
    existing = {p.code: p for p in MonitoringPoint.objects.filter(dataset=dataset)}
    frame = frame.drop_duplicates("code")
    if "lon" not in frame:
        lon, lat = to_lonlat(frame["x"], frame["y"], crs)
        frame = frame.assign(lon=lon, lat=lat)
    new = []
    for r in frame.to_dict("records"):
        values = dict(name=str(r.get("name", "")), kind=kind, origin=ORIGINS[dataset], crs=crs if r["x"] == r["x"] else "",
                      x=_f(r["x"]), y=_f(r["y"]), lon=_f(r["lon"]), lat=_f(r["lat"]),
                      ground_elevation=_f(r.get("ground_elevation")))
        if r["code"] in existing:
            continue
        new.append(MonitoringPoint(dataset=dataset, code=r["code"], **values))
    for p in new:
        p.save()  # one at a time: the change history records the creation
    return dict(MonitoringPoint.objects.filter(dataset=dataset).values_list("code", "pk"))


def _f(x) -> float | None:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(x) else x


#: Why a published non-detect is set aside by a loader (a user import refuses such a row instead).
SET_ASIDE_REASONS = {"missing": "non_detect_without_limit", "not_positive": "non_detect_limit_not_positive"}


def set_aside_nondetects(long: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """Drop the non-detects a published file gives no usable limit (none, or ≤ 0, e.g. Basel ``<0.000``).

    Such a row is neither stored as 0 nor allowed to stop the load. Returns the kept rows and the count of
    set-aside rows per reason and analyte (as written), for the batch report.
    """
    kind = nondetect_limit_problems(long)
    counts: dict[str, dict[str, int]] = {}
    for key, reason in SET_ASIDE_REASONS.items():
        names = long["analyte"].to_numpy()[kind == key]
        if len(names):
            counts[reason] = {str(k): int(v) for k, v in pd.Series(names).value_counts().sort_index().items()}
    return long[kind == ""].reset_index(drop=True), counts


def _results(dataset: str, path: Path, long: pd.DataFrame, points: dict, source: str, **extra) -> str:
    """Validate and store one bundled results file; returns "N results" and any set-aside count."""
    batch = _batch("lab_results", path, {"dataset": dataset, "source": source, "origin": ORIGINS[dataset]})
    if batch is None:
        return "0 results"
    long, set_aside = set_aside_nondetects(long)
    prep = prepare_results(long, filename=path.name, sheet=path.name, points=points, source=source,
                           default_medium=extra.pop("medium", Medium.GROUNDWATER))
    if prep.problems:
        raise ValueError(f"{path}: {len(prep.problems)} problems, first: {prep.problems[0]}")
    frame = prep.frame
    for k, v in extra.items():
        frame[k] = v
    n = write_results(frame, batch)["results"]
    if not set_aside:
        return f"{n} results"
    batch.report = {**(batch.report or {}), "set_aside": set_aside}
    batch.save(update_fields=["report"])
    aside = ", ".join(f"{sum(c.values())} {reason}" for reason, c in set_aside.items())
    return f"{n} results ({aside} set aside)"


@register_loader("monitoring-mappings")
@transaction.atomic
def load_mappings() -> str:
    """Per-source analyte and unit mappings (data/mappings/*.csv)."""
    n = 0
    for source in shipped_sources():
        for row in shipped_mapping_rows(source):
            SourceMapping.objects.update_or_create(source=row["source"], kind=row["kind"],
                                                   source_text=row["source_text"],
                                                   defaults={k: row[k] for k in ("target", "factor", "note")})
            n += 1
    return f"{n} mappings ({', '.join(shipped_sources())})"


@register_loader("monitoring-basel", depends_on=("monitoring-mappings",))
@transaction.atomic
def load_basel() -> str:
    """Basel groundwater quality (70 wells, 144,047 results) and levels (76 stations, weekly means)."""
    base = data_dir() / "basel_groundwater_quality"
    wells = pd.read_csv(base / "wells.csv", dtype={"station_id": str})
    pts = _points("basel", pd.DataFrame({"code": wells["sampling_point"], "name": wells["street"].fillna(""),
                                         "x": wells["x_lv95"], "y": wells["y_lv95"],
                                         "ground_elevation": wells["ground_elev_m"].where(wells["ground_elev_m"] > 0)}),
                  PointKind.GROUNDWATER_WELL, "EPSG:2056")
    df = pd.read_csv(base / "gw_quality_results.csv", dtype=str, keep_default_na=False)
    long = pd.DataFrame({"point": df["sampling_point"], "sample": df["sample_no"], "date": df["sample_date"],
                         "analyte": df["parameter"], "value": df["value_reported"], "unit": df["unit"],
                         "detection_limit": df["quant_limit"]})
    n = _results("basel", base / "gw_quality_results.csv", long, pts, "basel")
    levels = load_basel_levels()
    return f"{len(pts)} points, {n}; {levels}"


def weekly_means(daily: pd.DataFrame) -> pd.DataFrame:
    """Weekly (Monday-start) means of daily levels per station with the number of days in each."""
    d = daily.assign(week=daily["date"] - pd.to_timedelta(daily["date"].dt.weekday, unit="D"))
    g = d.groupby(["station_id", "week"])["gw_level_masl"]
    out = pd.DataFrame({"elevation": g.mean(), "n_values": g.size()}).reset_index()
    return out.rename(columns={"week": "date"})


def load_basel_levels() -> str:
    base = data_dir() / "basel_groundwater_levels"
    st = pd.read_csv(base / "level_stations.csv", dtype={"station_id": str})
    st["code"] = st["station_id"].map(lambda s: f"F_{int(s):04d}" if s.isdigit() else s)
    pts = _points("basel", pd.DataFrame({"code": st["code"], "x": st["x_lv95"], "y": st["y_lv95"],
                                         "ground_elevation": st["ground_elev_m"].where(st["ground_elev_m"] > 0)}),
                  PointKind.GROUNDWATER_WELL, "EPSG:2056")
    path = base / "gw_levels_daily.csv.gz"
    batch = _batch("water_levels", path, {"dataset": "basel", "aggregation": "weekly_mean",
                                          "origin": ORIGINS["basel"]})
    if batch is None:
        return "levels already loaded"
    daily = pd.read_csv(path, dtype={"station_id": str}, parse_dates=["date"])
    weekly = weekly_means(daily)
    code = dict(zip(st["station_id"], st["code"], strict=True))
    weekly["point_id"] = weekly["station_id"].map(code).map(pts)
    weekly = weekly.assign(depth=np.nan, aggregation=LevelAggregation.WEEKLY_MEAN, period_days=7)
    n = write_levels(weekly, batch)
    batch.row_count = len(daily)
    batch.report = {"problems": [], "warnings": [], "summary": {"daily_values": len(daily), "weekly_means": n}}
    batch.save(update_fields=["row_count", "report"])
    return f"{len(daily)} daily levels as {n} weekly means"


def _wide_long(df: pd.DataFrame, id_cols: dict, analytes: dict[str, str]) -> pd.DataFrame:
    """Melt columns ``analytes`` {column: unit} into long rows with the fields of ``id_cols`` {field: column}."""
    base = pd.DataFrame({f: df[c].astype(str) for f, c in id_cols.items()})
    parts = [base.assign(analyte=col, unit=unit, value=df[col].astype(str).replace({"nan": ""}))
             for col, unit in analytes.items()]
    long = pd.concat(parts, ignore_index=True)
    return long[long["value"].str.strip().ne("")].reset_index(drop=True)


@register_loader("monitoring-hydrochem", depends_on=("monitoring-mappings",))
@transaction.atomic
def load_hydrochem() -> str:
    """Dagu River Basin (19 wells, 378 samples) and Jianghan Plain (29 wells, 1184 samples)."""
    base = data_dir() / "china_groundwater_hydrochem"
    out = []
    dagu = pd.read_csv(base / "dagu_river_basin_liu2021.csv", dtype=str).loc[:, lambda d: ~d.columns.str.startswith("Unnamed")]
    pts = _points("dagu", pd.DataFrame({"code": dagu["ShortID"], "name": dagu["ID"], "x": dagu["Longitude"].astype(float),
                                        "y": dagu["Latitude"].astype(float), "lon": dagu["Longitude"].astype(float),
                                        "lat": dagu["Latitude"].astype(float)}),
                  PointKind.GROUNDWATER_WELL, "EPSG:4326")
    dagu["date"] = dagu["SY"] + "-" + dagu["SM"].str.zfill(2) + "-15"
    dagu["sample"] = dagu["ShortID"] + "-" + dagu["SY"] + "-" + dagu["SM"].str.zfill(2) + "-r" + dagu.index.astype(str)
    ions = {c: "mg/L" for c in ("Alk", "Hardness", "TDS", "Ca", "Mg", "K", "Na", "KNa", "Cl", "SO4", "HCO3", "NO3", "F")}
    long = _wide_long(dagu, {"point": "ShortID", "date": "date", "sample": "sample"}, {"pH": "-", **ions})
    n = _results("dagu", base / "dagu_river_basin_liu2021.csv", long, pts, "hydrochem",
                 date_precision=DatePrecision.MONTH)
    out.append(f"Dagu {len(pts)} wells, {n}")
    jh = pd.read_csv(base / "jianghan_plain_yang2020.csv", dtype=str)
    pts = _points("jianghan", pd.DataFrame({"code": jh["Well"], "x": jh["X"].astype(float), "y": jh["Y"].astype(float)}),
                  PointKind.GROUNDWATER_WELL, "unknown")
    # Only year and season are published: nominal dates (dry → 1 Jan, wet → 1 Jul), marked date_precision=season.
    jh["date"] = jh["Sampling year"] + np.where(jh["Sampling season"].eq("dry"), "-01-01", "-07-01")
    jh["sample"] = jh["Well"] + "-" + jh["Sampling year"] + "-" + jh["Sampling season"] + "-r" + jh.index.astype(str)
    ions = {c: "mg/L" for c in ("Ca", "Mg", "K", "Na", "Cl", "SO4", "HCO3", "Fe", "F", "NH4")}
    long = _wide_long(jh, {"point": "Well", "date": "date", "sample": "sample"}, {"pH": "-", **ions})
    n = _results("jianghan", base / "jianghan_plain_yang2020.csv", long, pts, "hydrochem",
                 date_precision=DatePrecision.SEASON)
    out.append(f"Jianghan {len(pts)} wells (CRS not stated: not on the map), {n}")
    return "; ".join(out)


@register_loader("monitoring-gwsdat", depends_on=("monitoring-mappings",))
@transaction.atomic
def load_gwsdat() -> str:
    """GWSDAT Basic and Comprehensive examples: WellCoords (site grid, crs=local) and WellData."""
    base = data_dir() / "gwsdat_examples"
    out = []
    for name, dataset in (("BasicExample", "gwsdat_basic"), ("ComprehensiveExample", "gwsdat_comprehensive")):
        coords = pd.read_csv(base / f"{name}_WellCoords.csv", dtype={"WellName": str})
        data = pd.read_csv(base / f"{name}_WellData.csv", dtype=str, keep_default_na=False)
        names = pd.DataFrame({"code": sorted(set(data["WellName"].str.strip()) | set(coords["WellName"].str.strip()))})
        frame = names.merge(pd.DataFrame({"code": coords["WellName"].str.strip(), "x": coords["XCoord"],
                                          "y": coords["YCoord"]}), on="code", how="left")
        pts = _points(dataset, frame.assign(lon=np.nan, lat=np.nan), PointKind.GROUNDWATER_WELL, "local")
        path = base / f"{name}_WellData.csv"
        batch = _batch("gwsdat", path, {"dataset": dataset, "source": "gwsdat", "origin": ORIGINS[dataset]})
        if batch is None:
            continue
        parsed = parse_gwsdat(path, path.name, {"dataset": dataset, "source": "gwsdat"}, None)
        if parsed.problems:
            raise ValueError(f"{path}: {parsed.problems[0]}")
        levels = sum(write_levels(f, batch) for f in parsed.payload["levels"])
        results = sum(write_results(f, batch)["results"] for f in parsed.payload["results"])
        out.append(f"{name}: {len(pts)} wells, {results} results, {levels} levels")
    return "; ".join(out) or "already loaded"


def _soil(dataset: str, path: Path, points: pd.DataFrame, crs: str, long: pd.DataFrame, year: int, **extra) -> str:
    pts = _points(dataset, points, PointKind.SOIL, crs)
    long = long.assign(date=f"{year}-01-01")
    n = _results(dataset, path, long, pts, "soil", medium=Medium.SOIL, date_precision=DatePrecision.UNKNOWN,
                 campaign=f"no sampling date published; nominal date = {year} (publication year)", **extra)
    return f"{dataset} {len(pts)} points, {n}"


@register_loader("monitoring-soil", depends_on=("monitoring-mappings",))
@transaction.atomic
def load_soil() -> str:
    """Soil surveys as soil points: Hunan cropland Cd, Sinú floodplain, Swiss Jura, Meuse, TcCB site."""
    d = data_dir()
    out = []
    p = d / "china_cropland_cd" / "pri_Cd_data.csv"
    cd = pd.read_csv(p, skiprows=[0, 1], dtype=str, keep_default_na=False)
    cd["code"] = "HN" + (cd.index + 1).astype(str).str.zfill(3)
    pts = pd.DataFrame({"code": cd["code"], "name": cd["land_use"], "x": cd["X"].astype(float), "y": cd["Y"].astype(float)})
    soil = _wide_long(cd, {"point": "code", "sample": "code"}, {"pH": "-", "SoilCdtot": "mg/kg", "OC": "g/kg",
                                                               "Clay": "%"}).replace({"value": {"NA": ""}})
    crop = _wide_long(cd, {"point": "code"}, {"RiceCd": "mg/kg"}).assign(sample=lambda f: f["point"] + "-rice",
                                                                         medium="crop")
    long = pd.concat([soil.assign(medium="soil"), crop], ignore_index=True)
    long = long[long["value"].str.strip().ne("") & long["value"].ne("NA")]
    out.append(_soil("hunan_cropland", p, pts, "EPSG:4326", long, 2025))
    p = d / "sinu_river_floodplain_soil_metals" / "all-measurements.csv"
    sinu = pd.read_csv(p, dtype=str)
    sinu["sample"] = sinu["Location"] + "-" + sinu["Position"] + "-" + sinu["Season"]
    pts = pd.DataFrame({"code": sinu["Location"], "x": sinu["Longitude"].astype(float), "y": sinu["Latitude"].astype(float)})
    metals = {c: "mg/kg" for c in ("Cd", "Cr", "Hg", "Ni", "Pb", "Zn")}
    long = _wide_long(sinu, {"point": "Location", "sample": "sample"}, {**metals, "pH": "-", "OM": "%", "EC": "mS/cm"})
    out.append(_soil("sinu", p, pts, "EPSG:4326", long, 2025))
    p = d / "swiss_jura_soil_metals" / "jura_prediction_set.csv"
    jura = pd.read_csv(p, dtype=str)
    jura["code"] = "J" + (jura.index + 1).astype(str).str.zfill(3)
    pts = pd.DataFrame({"code": jura["code"], "name": jura["Landuse"], "x": jura["long"].astype(float),
                        "y": jura["lat"].astype(float)})
    long = _wide_long(jura, {"point": "code", "sample": "code"},
                      {c: "mg/kg" for c in ("Cd", "Co", "Cr", "Cu", "Ni", "Pb", "Zn")})
    out.append(_soil("jura", p, pts, "EPSG:4326", long, 1994))
    p = d / "meuse_soil_metals" / "meuse_all.csv"
    meuse = pd.read_csv(p, dtype=str)
    meuse["code"] = "M" + meuse["sample"].astype(float).astype(int).astype(str).str.zfill(3)
    pts = pd.DataFrame({"code": meuse["code"], "x": meuse["x"].astype(float), "y": meuse["y"].astype(float)})
    long = _wide_long(meuse, {"point": "code", "sample": "code"},
                      {c: "mg/kg" for c in ("cadmium", "copper", "lead", "zinc")} | {"om": "%"})
    out.append(_soil("meuse", p, pts, "EPSG:28992", long, 1993))
    p = d / "epa_tccb_cleanup_site_soil" / "EPA.94b.tccb.df.csv"
    tccb = pd.read_csv(p, dtype=str)
    tccb["sample"] = tccb["Area"] + "-" + (tccb.index + 1).astype(str).str.zfill(3)
    pts = pd.DataFrame({"code": ["Reference", "Cleanup"], "x": [np.nan, np.nan], "y": [np.nan, np.nan]})
    long = pd.DataFrame({"point": tccb["Area"], "sample": tccb["sample"], "analyte": "TcCB", "unit": "μg/kg",
                         "value": tccb["TcCB.orig"].str.strip()})
    out.append(_soil("tccb", p, pts, "", long, 1994))
    return "; ".join(out)


@register_loader("monitoring-censored", depends_on=("monitoring-mappings",))
@transaction.atomic
def load_censored() -> str:
    """Censored water-quality sets with points: Skagit NH3-N (dated), Millard & Deverel Cu/Zn, ACE TCE."""
    base = data_dir() / "censored_water_quality"
    out = []
    p = base / "Skagit.NH3_N.df.csv"
    sk = pd.read_csv(p, dtype=str, keep_default_na=False)
    pts = _points("skagit", pd.DataFrame({"code": ["Skagit-Marblemount"], "name": ["Skagit River at Marblemount"],
                                          "x": [np.nan], "y": [np.nan]}), PointKind.SURFACE_WATER, "")
    long = pd.DataFrame({"point": "Skagit-Marblemount", "date": sk["Date"], "analyte": "ammonia_n", "unit": "mg/L",
                         "value": sk["NH3_N.Orig.mg.per.L"].str.strip()})
    out.append(f"Skagit {_results('skagit', p, long, pts, '', medium=Medium.SURFACE_WATER)}")
    p = base / "Millard.Deverel.88.df.csv"
    md = pd.read_csv(p, dtype=str, keep_default_na=False)
    md["code"] = md["Zone"].str.slice(0, 2).str.upper() + "-" + md["Location"].astype(float).astype(int).astype(str).str.zfill(3)
    pts = _points("millard_deverel", pd.DataFrame({"code": md["code"], "name": md["Zone"], "x": np.nan, "y": np.nan}),
                  PointKind.GROUNDWATER_WELL, "")
    long = _wide_long(md.replace({"NA": ""}), {"point": "code", "sample": "code"}, {"Cu.orig": "μg/L", "Zn.orig": "μg/L"})
    long["analyte"] = long["analyte"].str.removesuffix(".orig")
    long["date"] = "1988-01-01"
    out.append(f"Millard-Deverel {_results('millard_deverel', p, long, pts, '', date_precision=DatePrecision.UNKNOWN)}")
    p = base / "ACE.13.TCE.df.csv"
    ace = pd.read_csv(p, dtype=str)
    ace["code"] = "ACE-" + ace["Well"].str.zfill(2)
    pts = _points("ace_tce", pd.DataFrame({"code": ace["code"], "x": np.nan, "y": np.nan}), PointKind.GROUNDWATER_WELL, "")
    long = pd.DataFrame({"point": ace["code"], "sample": ace["code"] + "-" + ace["Period"], "analyte": "TCE",
                         "unit": "mg/L", "value": ace["TCE.mg.per.L"],
                         "date": np.where(ace["Period"].eq("Before"), "2013-01-01", "2013-07-01")})
    out.append(f"ACE {_results('ace_tce', p, long, pts, '', date_precision=DatePrecision.UNKNOWN)}")
    return "; ".join(out)


@register_loader("monitoring-evaluate",
                 depends_on=("monitoring-basel", "monitoring-hydrochem", "monitoring-gwsdat", "monitoring-soil",
                             "monitoring-censored"))
def load_evaluation() -> str:
    """QA, classes, follow-ups and point × analyte statistics of every point."""
    summary = evaluate.evaluate_points(None)
    return ", ".join(f"{k} {v}" for k, v in summary.items())

