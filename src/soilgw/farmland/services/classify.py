"""Classify assessment units from the monitoring app's soil (and crop) points with the science core.

Gathers a survey's soil results from ``monitoring.Result``, assigns points to units by polygon, kriges the
classification elements and pH at the centroids of units without a point
(:func:`soilgw.assessment.spatial.interpolate`), classifies with
:func:`soilgw.assessment.farmland_units.classify_units`, and stores the run and every unit decision with its
inputs, rule set and version. A unit without a category takes the computed one (first classification); a unit
whose computed category differs from its current one gets a ``CategoryAdjustment`` proposal — the category
itself changes only when the county government approves it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from soilgw.assessment.farmland_units import classify_units, load_rule_set, rule_set_from_dict
from soilgw.assessment.spatial import interpolate as robust_interpolate

from .. import geo
from ..choices import CATEGORY_RANK, AdjustmentStatus, AdjustmentTrigger
from ..models import (
    CategoryAdjustment,
    ClassificationRuleSet,
    ClassificationRun,
    FarmlandUnit,
    UnitClassification,
)

#: Elements GB 15618-2018 screens (Table 1 basic items); pH selects the screening values.
SOIL_CODES = ("cd", "hg", "as", "pb", "cr", "cu", "ni", "zn")


@dataclass(frozen=True)
class Survey:
    """Which soil results make one survey and how to read them.

    ``sample_contains`` keeps samples whose code contains it (e.g. topsoil only); ``assumed_ph`` with its
    ``assumption`` text is the recorded pH for data without pH; ``crop`` is the GB 2762 food category of the
    survey's crop samples (co-monitoring), used by rule sets with a crop adjustment.
    """

    dataset: str
    year: int
    rule_set: str = "soilgw_worst_v1"
    sample_contains: str = ""
    assumed_ph: float | None = None
    assumption: str = ""
    crop: str = ""
    method: str = "ordinary_kriging"


def resolve_rule_set(name: str, version: str | None = None):
    """A shipped rule set by name, else one stored in the database (latest version unless given)."""
    stored = ClassificationRuleSet.objects.filter(rule_set_id=name)
    if version:
        stored = stored.filter(version=version)
    row = stored.order_by("-version").first()
    if row is not None:
        return rule_set_from_dict(row.parameters, source=f"database: {row}")
    return load_rule_set(name)


def uploaded_survey(dataset: str) -> Survey | None:
    """The survey of an uploaded dataset: its farmland units classified from its soil results of the latest year.

    None when the dataset has no farmland units or no soil results (nothing to classify). pH comes from the
    results themselves (no assumption is recorded).
    """
    from soilgw.monitoring.models import Result

    if not dataset or not FarmlandUnit.objects.filter(dataset=dataset).exists():
        return None
    latest = Result.objects.filter(point__dataset=dataset, sample__medium="soil").aggregate(d=Max("date"))["d"]
    return Survey(dataset, latest.year) if latest else None


def survey_results(survey: Survey) -> pd.DataFrame:
    """Long soil and crop rows: sample_id, point_code, lon, lat, medium, analyte, value (reported text), unit."""
    from soilgw.monitoring.models import Result

    qs = Result.objects.filter(point__dataset=survey.dataset, sample__medium__in=("soil", "crop"),
                               analyte__in=(*SOIL_CODES, "ph"))
    if survey.year:  # one survey = one year of results (monitoring dates carry the survey's year)
        qs = qs.filter(date__year=survey.year)
    if survey.sample_contains:
        qs = qs.filter(sample__code__contains=survey.sample_contains) | qs.filter(sample__medium="crop")
    rows = list(qs.values_list("sample__code", "point__code", "point__name", "point__lon", "point__lat",
                               "sample__medium", "analyte", "reported", "value", "unit"))
    df = pd.DataFrame(rows, columns=["sample_id", "point_code", "point_name", "lon", "lat", "medium", "analyte",
                                     "reported", "value_num", "unit"])
    df["value"] = df["reported"].where(df["reported"].astype(str).str.strip() != "", df["value_num"].astype(str))
    df["sample_id"] = survey.dataset + ":" + df["sample_id"]
    return df.drop(columns=["reported", "value_num"])


def assign_points(points: pd.DataFrame, units: list[FarmlandUnit]) -> pd.Series:
    """Unit code of each point (index = point_code), or NaN outside every unit (STRtree on lon/lat polygons)."""
    polys = [geo.polygon(u.geometry) for u in units]
    tree = shapely.STRtree(polys)
    pts = shapely.points(points["lon"].to_numpy(), points["lat"].to_numpy())
    p_idx, u_idx = tree.query(pts, predicate="intersects")
    first = pd.Series(u_idx, index=p_idx).groupby(level=0).min()  # a point on a shared edge: first unit
    codes = np.array([u.code for u in units], dtype=object)
    out = pd.Series(np.nan, index=points.index, dtype=object)
    out.iloc[first.index.to_numpy()] = codes[first.to_numpy()]
    return out


def _interpolation_record(res) -> dict:
    """JSON record of one :class:`soilgw.assessment.spatial.Interpolation` (for the run page and audit)."""
    v = res.variogram
    cv = res.cross_validation
    return {
        "method": res.method_used, "method_requested": res.method_requested, "transform": res.transform,
        "back_transform": res.back_transform, "n_samples": res.n_input, "n_locations": res.n_used,
        "duplicate_rule": res.duplicate_rule, "nondetect_rule": res.nondetect_rule,
        "upper_bound": res.upper_bound, "warnings": list(res.warnings),
        "variogram": None if v is None else {
            "model": v.model, "nugget": v.nugget, "sill": v.sill, "range_m": v.range_parameter, "wsse": v.wsse,
            "candidates": {k: {"cv_rmse": None if not np.isfinite(c["cv_rmse"]) else float(c["cv_rmse"]),
                               "rejected": c["rejected"]} for k, c in res.candidates.items()}},
        "cross_validation": None if cv is None else {
            "mean_error": float(cv.mean_error), "rmse": float(cv.rmse),
            "observed": [float(x) for x in cv.observed], "predicted": [float(x) for x in cv.predicted]},
    }


def _estimates(soil: pd.DataFrame, units: list[FarmlandUnit], without: list[str], elements, method: str, crs: str):
    """Guarded kriging (or IDW) at the centroids of units without a point; (DataFrame, interpolation record).

    Every fault (co-located points, constant data, unstable variogram, values below 0) is handled and reported
    by :func:`soilgw.assessment.spatial.interpolate`; its warnings are stored with the run.
    """
    if not without:
        return None, {}
    t = geo.transformer("EPSG:4326", crs)
    wide = soil.assign(v=pd.to_numeric(soil["value"], errors="coerce")).pivot_table(
        index="point_code", columns="analyte", values="v", aggfunc="mean")
    loc = soil.drop_duplicates("point_code").set_index("point_code")[["lon", "lat"]].reindex(wide.index)
    wide["x"], wide["y"] = t.transform(loc["lon"].to_numpy(), loc["lat"].to_numpy())
    by_code = {u.code: u for u in units}
    tx, ty = t.transform([by_code[c].centroid_lon for c in without], [by_code[c].centroid_lat for c in without])
    targets = np.column_stack([tx, ty])
    cols = [c for c in (*elements, "ph") if c in wide.columns and wide[c].notna().sum() >= 5]
    pred, record = pd.DataFrame(index=pd.Index(without, name="unit_id")), {}
    for col in cols:
        ok = wide[col].notna().to_numpy()
        # pH is a log scale already: never log-transformed; its plausibility bound is the pH scale's end
        opts = {"transform": "none", "upper_bound": 14.0} if col == "ph" else {}
        res = robust_interpolate(wide[["x", "y"]].to_numpy()[ok], wide[col].to_numpy(float)[ok], targets,
                                 method=method, **opts)
        pred[col] = res.prediction
        record[col] = _interpolation_record(res)
    return pred, record


@transaction.atomic
def classify_survey(survey: Survey, units: list[FarmlandUnit] | None = None, *, proposed_on: dt.date | None = None
                    ) -> ClassificationRun:
    """Classify ``units`` (default: the survey's units) from the survey's points; store run, decisions, proposals.

    Raises
    ------
    ValueError
        No soil results, no units, or any input error of the science core (its message names the row).
    """
    rule = resolve_rule_set(survey.rule_set)
    units = list(units if units is not None else FarmlandUnit.objects.filter(dataset=survey.dataset))
    if not units:
        raise ValueError(f"no farmland units for survey {survey.dataset!r}")
    data = survey_results(survey)
    soil = data[data["medium"] == "soil"]
    if soil.empty:
        raise ValueError(f"no soil results for survey {survey.dataset!r}")
    pts = soil.drop_duplicates("point_code").set_index("point_code")[["lon", "lat"]]
    point_unit = assign_points(pts, units)
    soil = soil.assign(unit_id=soil["point_code"].map(point_unit)).dropna(subset=["unit_id"])
    soil_units = soil.drop_duplicates("sample_id")[["sample_id", "unit_id"]]
    with_points = set(soil_units["unit_id"])
    without = [u.code for u in units if u.code not in with_points]
    c = units[0]
    crs = geo.area_crs(c.centroid_lon, c.centroid_lat)
    estimates, interp = _estimates(soil, units, without, rule.classification_elements, survey.method, crs)
    table = pd.DataFrame({"unit_id": [u.code for u in units], "land_use": [u.land_use for u in units]})
    kwargs = {}
    if rule.crop_adjustment.enabled:
        crops = data[(data["medium"] == "crop")].assign(crop=survey.crop, unit_id=lambda f: f["point_code"].map(
            point_unit)).dropna(subset=["unit_id"])
        kwargs = {"crops": crops[["sample_id", "analyte", "value", "unit", "crop"]],
                  "crop_units": crops.drop_duplicates("sample_id")[["sample_id", "unit_id"]]}
    res = classify_units(soil[["sample_id", "analyte", "value", "unit"]], soil_units, table, rule,
                         estimates=estimates, assumed_ph=survey.assumed_ph, **kwargs)
    run = ClassificationRun.objects.create(
        dataset=survey.dataset, survey_year=survey.year, rule_set_id=rule.id, rule_set_version=rule.version,
        rule_set={"title": rule.title, "elements": list(rule.classification_elements),
                  "comparison": rule.comparison, "aggregation": rule.aggregation,
                  "crop_adjustment": vars(rule.crop_adjustment) if rule.crop_adjustment.enabled else None},
        interpolation={"crs": "EPSG:4546" if crs == geo.PROJECTED_CRS else crs, "columns": interp,
                       "units_estimated": len(without)},
        assumed_ph=survey.assumed_ph, assumption=survey.assumption,
        summary={k: int(v) for k, v in res.units["category"].value_counts().items()})
    return store_decisions(run, res, units, estimates, proposed_on or dt.date(survey.year, 12, 31))


def _jsonable(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        if isinstance(v, (np.bool_, bool)):
            out[k] = bool(v)
        elif isinstance(v, (np.integer,)):
            out[k] = int(v)
        elif isinstance(v, (float, np.floating)):
            out[k] = None if np.isnan(v) else float(v)
        else:
            out[k] = v
    return out


def store_decisions(run: ClassificationRun, res, units: list[FarmlandUnit], estimates, proposed_on: dt.date):
    by_code = {u.code: u for u in units}
    cols = [c for c in ("sample_id", "unit_id", "category", "basis", "ph", "ph_assumed", "deciding_analytes",
                        "values_verified") if c in res.points.columns]
    per_unit: dict[str, list] = {}
    for r in res.points[cols].to_dict("records"):
        per_unit.setdefault(r.pop("unit_id"), []).append(_jsonable(r))
    decisions = []
    for row in res.units.to_dict("records"):
        u = by_code[row["unit_id"]]
        inputs = {"unit": _jsonable(row), "points": per_unit.get(row["unit_id"], [])}
        if estimates is not None and row["unit_id"] in estimates.index:
            inputs["estimate"] = _jsonable(estimates.loc[row["unit_id"]].to_dict())
        category = row["category"] if row["category"] in CATEGORY_RANK else ""
        decisions.append(UnitClassification(
            run=run, unit=u, category=category, soil_category=row["soil_category"], basis=row["basis"],
            adjustment=row["adjustment"], slightly_polluted=bool(
                category == "priority_protection" and row["n_level_II"] + row["n_level_III"] > 0),
            values_verified=bool(row["values_verified"]), ph_assumed=bool(row["ph_assumed"]),
            rule_set_id=row["rule_set_id"], rule_set_version=row["rule_set_version"], inputs=inputs))
    UnitClassification.objects.bulk_create(decisions, batch_size=500)
    open_units = set(CategoryAdjustment.objects.filter(
        unit__in=units, status__in=(AdjustmentStatus.PROPOSED, AdjustmentStatus.REVIEWED)).values_list("unit", flat=True))
    for d in decisions:
        u = d.unit
        if not d.category:
            continue
        if not u.category:
            u.category, u.category_since = d.category, proposed_on
            u.category_basis = _("Classification run #%(run)s (%(basis)s) under %(rule)s v%(ver)s") % {
                "run": run.pk, "basis": d.basis, "rule": d.rule_set_id, "ver": d.rule_set_version}
            u.rule_set_id, u.rule_set_version, u.slightly_polluted = d.rule_set_id, d.rule_set_version, \
                d.slightly_polluted
            u.save()
        elif d.category != u.category and u.pk not in open_units:
            CategoryAdjustment.objects.create(
                unit=u, trigger=AdjustmentTrigger.NEW_RESULTS, new_category=d.category, classification=d,
                proposed_on=proposed_on,
                reason=_("Survey %(year)s (run #%(run)s, %(rule)s v%(ver)s) computes %(new)s") % {
                    "year": run.survey_year, "run": run.pk, "rule": d.rule_set_id, "ver": d.rule_set_version,
                    "new": d.category},
                evidence=_("%(n)s soil point(s), basis %(basis)s") % {"n": d.inputs["unit"].get("n_points", 0),
                                                                      "basis": d.basis})
    return run
