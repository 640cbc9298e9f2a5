"""Pages of the monitoring app: network map, point page, exceedance table, trend × threshold matrix, Piper
diagram, and the Excel export of every table shown."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from soilgw.assessment.piper import piper_coordinates
from soilgw.core.permissions import is_internal
from soilgw.standards.limits import ROMAN, gbt14848

from . import export as xl
from . import qa
from .api.views import latest_class_subquery
from .chart import point_figure
from .choices import WaterStandard, water_standard
from .datasets import dataset_name
from .evaluate import CLASS_RANK, REFERENCE_CLASS, _factor
from .geo import finite_or_none
from .models import FollowUp, MonitoringPoint, PointAnalyteStat, Result, Sample, WaterLevel
from .qa import ION_CODES

CLASS_COLOURS = {"I": "#1a9850", "II": "#91cf60", "III": "#d9ef8b", "IV": "#fc8d59", "V": "#d73027",
                 "worse_than_V": "#7f0000", "": "#999999"}
WORSE = {t: list(ROMAN[ROMAN.index(t) + 1:]) + ["worse_than_V"] for t in ROMAN}


def _internal(request) -> None:
    if not is_internal(request.user):
        raise PermissionDenied(_("Only members of a department may see monitoring data."))


def _datasets():
    return (MonitoringPoint.objects.values("dataset", "origin").annotate(n=Count("id"),
                                                                          on_map=Count("id", filter=Q(lat__isnull=False)))
            .order_by("dataset"))


@login_required
def network_map(request):
    """Points on a blank Leaflet map, coloured by the class of their latest classed sample."""
    _internal(request)
    return render(request, "monitoring/map.html", {
        "datasets": list(_datasets()), "dataset": request.GET.get("dataset", ""),
        "legend": [(_("worse than V") if c == "worse_than_V" else c, CLASS_COLOURS[c]) for c in (*ROMAN, "worse_than_V")],
    })


@login_required
def points_geojson(request):
    """GeoJSON of points with a known CRS (local/unknown CRS points are never placed on the map; nor is a
    stored non-finite coordinate, which would make the whole document invalid JSON and blank the map)."""
    _internal(request)
    qs = MonitoringPoint.objects.filter(lon__isnull=False, lat__isnull=False).annotate(
        latest_class=latest_class_subquery(), latest_bounded=latest_class_subquery("class_bounded"))
    if request.GET.get("dataset"):
        qs = qs.filter(dataset=request.GET["dataset"])
    features = [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
        "properties": {"id": p.pk, "code": p.code, "dataset": dataset_name(p.dataset), "kind": p.get_kind_display(),
                       "latest_class": ("≤" if p.latest_bounded else "") + (p.latest_class or ""),
                       "url": p.get_absolute_url(),  # a bound is not a class: grey, like an unclassed point
                       "colour": "#999999" if p.latest_bounded else CLASS_COLOURS.get(p.latest_class or "", "#999999")},
    } for p in qs if finite_or_none(p.lon) is not None and finite_or_none(p.lat) is not None]
    return JsonResponse({"type": "FeatureCollection", "features": features})


def _class_lines(code: str, unit: str) -> list[dict]:
    """GB/T 14848 class bounds of ``code`` converted to ``unit`` (upper-limit indicators only)."""
    lim = gbt14848()
    if code not in lim.codes:
        return []
    i = lim.codes.index(code)
    if lim.direction[i] != "upper_limit":
        return []
    f = _factor(lim.units[i].split("或")[0], unit)
    if np.isnan(f):
        return []
    return [{"class": ROMAN[k], "value": float(lim.bounds[i, k] * f)} for k in range(4)
            if np.isfinite(lim.bounds[i, k]) and (k == 0 or lim.bounds[i, k] != lim.bounds[i, k - 1])]


@login_required
def point_detail(request, pk: int):
    """A point: where it is and where the data come from, samples with classes and QA flags, trends per
    analyte, exceedance history, follow-ups, and a chart per analyte with paired water levels."""
    _internal(request)
    point = get_object_or_404(MonitoringPoint, pk=pk)
    samples = Sample.objects.filter(point=point).order_by("-date")
    stats = PointAnalyteStat.objects.filter(point=point).order_by("analyte")
    analytes = list(Result.objects.filter(point=point, value__isnull=False).values_list("analyte", flat=True)
                    .distinct().order_by("analyte"))
    target = point.target_class or REFERENCE_CLASS
    standard = water_standard(point.kind, point.water_standard)
    exceed = (Result.objects.filter(point=point, class_label__in=WORSE[target], class_bounded=False)
              .order_by("-date", "analyte"))
    levels = WaterLevel.objects.filter(point=point)
    paired = _paired_levels(point, samples[:200])
    default = request.GET.get("analyte") or default_analyte(point, analytes, stats)
    return render(request, "monitoring/point.html", {
        "point": point, "samples": samples[:200], "n_samples": samples.count(), "stats": stats,
        "analytes": analytes, "analyte": default, "target": target, "target_is_reference": not point.target_class,
        "exceedances": exceed[:300], "n_exceedances": exceed.count(), "n_levels": levels.count(),
        "follow_ups": FollowUp.objects.filter(point=point).select_related("deeper_point", "sample"),
        "paired": paired, "colours": CLASS_COLOURS,
        "series_url": reverse("monitoring:point-series", args=[point.pk]),
        "standard": WaterStandard(standard).label if standard else "",
        "needs_crop": standard == WaterStandard.GB5084 and not point.irrigation_crop,
    })


def default_analyte(point, analytes: list[str], stats) -> str:
    """The analyte the point page charts first: the most informative one, not the first by code.

    Ranked by, in turn: (1) the worst water-quality class any of its results reached at this point (classes
    bounded by a detection limit do not count: they are not known), (2) its number of exceedances of the
    point's target class (the statistics' ``n_exceedances``), (3) its number of detected values; ties go to the
    code in alphabetical order. ``analytes``: the codes with a value; ``stats``: the point's
    :class:`PointAnalyteStat` rows. Empty when the point has no value.
    """
    if not analytes:
        return ""
    worst: dict[str, int] = {}
    for code, label in (Result.objects.filter(point=point, class_bounded=False).exclude(class_label="")
                        .values_list("analyte", "class_label").distinct()):
        worst[code] = max(worst.get(code, 0), CLASS_RANK.get(label, 0))
    exceed = {s.analyte: s.n_exceedances for s in stats}
    detects = dict(Result.objects.filter(point=point, value__isnull=False).exclude(qualifier="<")
                   .values("analyte").annotate(n=Count("id")).values_list("analyte", "n"))
    return min(analytes, key=lambda a: (-worst.get(a, 0), -exceed.get(a, 0), -detects.get(a, 0), a))


def _paired_levels(point, samples) -> list[tuple]:
    """Each quality sample with the level of the same day (or the weekly mean whose week holds that day)."""
    samples = list(samples)
    if not samples:
        return []
    levels = list(WaterLevel.objects.filter(point=point, date__lte=max(s.date for s in samples),
                                            date__gte=min(s.date for s in samples) - pd.Timedelta(days=7))
                  .order_by("date"))
    out = []
    for s in samples:
        match = next((lv for lv in levels if lv.date <= s.date < lv.date + pd.Timedelta(days=lv.period_days)), None)
        out.append((s, match))
    return out


@login_required
def point_series(request, pk: int):
    """JSON for the point chart: one analyte's values (detects and non-detects apart), class limits, levels,
    and ``figure``, the plotly figure drawn on the page (:func:`soilgw.monitoring.chart.point_figure`)."""
    _internal(request)
    point = get_object_or_404(MonitoringPoint, pk=pk)
    analyte = request.GET.get("analyte", "")
    stat = PointAnalyteStat.objects.filter(point=point, analyte=analyte).first()
    raw = list(Result.objects.filter(point=point, analyte=analyte, value__isnull=False)
               .order_by("date").values_list("date", "value", "qualifier", "unit", "class_label",
                                             "sample__qc_type"))
    # one unit per chart: the statistics' (a mixed series is converted as it was for the trend)
    unit = stat.unit if stat is not None else (raw[0][3] if raw else "")
    factors = {u: 1.0 if u == unit else _factor(u, unit) for u in {r[3] for r in raw}}
    rows = [(d, v * factors[u], q, c, qc) for d, v, q, u, c, qc in raw if np.isfinite(factors[u])]
    levels = list(WaterLevel.objects.filter(point=point).order_by("date").values_list("date", "elevation", "depth"))
    limits = _class_lines(analyte, unit) if point.kind in ("groundwater_well", "drinking_source") else []
    figure = point_figure(point.code, analyte, unit, [(d, v, q, qc == "normal") for d, v, q, _c, qc in rows],
                          limits, point.target_class or REFERENCE_CLASS, stat, levels)
    return JsonResponse({
        "analyte": analyte, "unit": unit,
        "detects": [{"date": d.isoformat(), "value": v, "class": c} for d, v, q, c, _qc in rows if q != "<"],
        "nondetects": [{"date": d.isoformat(), "value": v} for d, v, q, _c, _qc in rows if q == "<"],
        "limits": limits,
        "levels": [{"date": d.isoformat(), "elevation": e, "depth": w} for d, e, w in levels],
        "figure": figure,
    })


def _exceedance_rows(dataset: str = ""):
    # A non-detect bounded by its detection limit is never an exceedance (it may be far below the limit).
    qs = Result.objects.select_related("point").exclude(class_label="").filter(class_bounded=False)
    cond = Q()
    for target in ROMAN:
        match = Q(point__target_class=target) | (Q(point__target_class="") if target == REFERENCE_CLASS else Q(pk=None))
        cond |= match & Q(class_label__in=WORSE[target])
    qs = qs.filter(cond)
    if dataset:
        qs = qs.filter(point__dataset=dataset)
    return qs.order_by("-date", "point__code", "analyte")


#: Rows of the exceedance list per page (the whole list is the Excel download).
EXCEEDANCES_PER_PAGE = 100


@login_required
def exceedances(request):
    """Every result worse than its point's target class (GB/T 14848; class III where none is configured)."""
    _internal(request)
    dataset = request.GET.get("dataset", "")
    rows = _exceedance_rows(dataset)
    by_point = (rows.values("point__id", "point__code", "point__dataset").annotate(n=Count("id"))
                .order_by("-n")[:50])
    return render(request, "monitoring/exceedances.html", {
        "page": Paginator(rows, EXCEEDANCES_PER_PAGE).get_page(request.GET.get("page")), "total": rows.count(),
        "by_point": by_point, "dataset": dataset,
        "datasets": list(_datasets()), "reference": REFERENCE_CLASS})


def matrix_frame(dataset: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Trend verdict and exceedance state per well × analyte of one dataset (GWSDAT-style matrix)."""
    stats = pd.DataFrame.from_records(
        PointAnalyteStat.objects.filter(point__dataset=dataset).values_list(
            "point__code", "analyte", "trend", "exceeds_latest", "n", "n_nondetect", "limit"),
        columns=["point", "analyte", "trend", "exceeds", "n", "n_nd", "limit"])
    if stats.empty:
        return stats, stats
    keep = stats.groupby("analyte")["n"].sum()
    keep = keep[keep >= 4].index
    stats = stats[stats["analyte"].isin(keep)]
    trend = stats.pivot(index="point", columns="analyte", values="trend")
    state = stats.assign(state=np.where(stats["exceeds"].eq(True), "exceeds",
                                        np.where(stats["n"].eq(stats["n_nd"]), "all_nd",
                                                 np.where(stats["limit"].isna(), "no_limit", "below"))))
    return trend, state.pivot(index="point", columns="analyte", values="state")


@login_required
def trend_matrix(request):
    """Every well × analyte of a dataset at a glance: trend verdict (arrow) and latest value vs limit (colour);
    each cell links to the point's page charting that analyte."""
    _internal(request)
    datasets = list(_datasets())
    dataset = request.GET.get("dataset") or (datasets[0]["dataset"] if datasets else "")
    trend, state = matrix_frame(dataset)
    analytes = list(trend.columns) if not trend.empty else []
    if request.GET.get("analytes"):
        wanted = request.GET["analytes"].split(",")
        analytes = [a for a in analytes if a in wanted]
    elif len(analytes) > 25:  # most informative first: analytes with exceedances or detected trends
        score = (state[analytes] == "exceeds").sum() * 10 + trend[analytes].isin(
            ["increasing", "probably_increasing", "decreasing", "probably_decreasing"]).sum()
        analytes = list(score.sort_values(ascending=False).index[:25])
    # codes are unique within a dataset: each row and cell links to its point's page (the cell with its analyte)
    urls = {code: reverse("monitoring:point", args=[pk]) for code, pk in
            MonitoringPoint.objects.filter(dataset=dataset).values_list("code", "pk")}
    rows = [(p, urls.get(p, ""), [(a, trend.at[p, a] if not pd.isna(trend.at[p, a]) else "",
                                   state.at[p, a] if not pd.isna(state.at[p, a]) else "") for a in analytes])
            for p in (trend.index if not trend.empty else [])]
    return render(request, "monitoring/matrix.html", {"datasets": datasets, "dataset": dataset,
                                                      "analytes": analytes, "rows": rows})


def piper_frame(dataset: str) -> pd.DataFrame:
    """Piper coordinates (standards core) of every sample of ``dataset`` with all major ions."""
    qs = Result.objects.filter(point__dataset=dataset, analyte__in=list(ION_CODES), catalogued=True,
                               value__isnull=False)
    df = pd.DataFrame.from_records(qs.values_list("sample_id", "sample__point__code", "analyte", "value",
                                                  "qualifier", "unit"),
                                   columns=["sample", "point", "analyte", "value", "qualifier", "unit"])
    if df.empty:
        return df
    df["mg_l"] = np.where(df["qualifier"] == "<", 0.0, df["value"] * df["unit"].map(lambda u: _factor(u, "mg/L")))
    wide = df.pivot_table(index=["sample", "point"], columns="analyte", values="mg_l", aggfunc="mean")
    wide = wide.rename(columns=ION_CODES)
    if "CO3" not in wide:
        wide["CO3"] = 0.0
    wide["CO3"] = wide["CO3"].fillna(0.0)
    wide = wide.dropna(subset=["Ca", "Mg", "Na", "K", "HCO3", "Cl", "SO4"]) if set(ION_CODES.values()) <= set(
        wide.columns) else wide.iloc[0:0]
    if wide.empty:
        return wide
    ok = (wide[["Ca", "Mg", "Na", "K"]].sum(axis=1) > 0) & (wide[["HCO3", "CO3", "Cl", "SO4"]].sum(axis=1) > 0)
    coords = piper_coordinates(wide[ok])
    return coords.reset_index()


@login_required
def piper(request):
    """Piper diagram of the major ions of one dataset (coordinates from soilgw.assessment.piper)."""
    _internal(request)
    datasets = list(_datasets())
    dataset = request.GET.get("dataset") or "dagu"
    coords = piper_frame(dataset)
    # samples failing the shipped ion-balance QA rule (qa_rules.csv, |CBE| > 5 %) would sit in the wrong field
    limit = qa.qa_rules()[("ion_balance", "water")].threshold / 100
    failing = coords[coords["charge_balance_error"].abs() > limit] if not coords.empty else coords
    drawn = coords.drop(failing.index) if not coords.empty else coords
    data = [] if drawn.empty else drawn[["point", "cation_x", "cation_y", "anion_x", "anion_y",
                                         "diamond_x", "diamond_y"]].round(4).to_dict("records")
    named = {pk: (code, date) for pk, code, date in
             Sample.objects.filter(pk__in=list(failing["sample"]) if not failing.empty else []).values_list(
                 "pk", "code", "date")}
    excluded = [{"point": r.point, "sample": named.get(r.sample, ("", None))[0],
                 "date": named.get(r.sample, ("", None))[1], "cbe_percent": round(100 * r.charge_balance_error, 1)}
                for r in failing.itertuples()]
    return render(request, "monitoring/piper.html", {
        "datasets": datasets, "dataset": dataset, "data": json.dumps(data), "n": len(data), "excluded": excluded,
        "limit_percent": round(100 * limit)})


@login_required
def export(request, table: str):
    """Excel of the table ``table`` with the filters of the page it came from."""
    _internal(request)
    try:
        frame, name = xl.table_frame(table, request.GET)
    except KeyError:
        raise Http404(f"no table {table!r}") from None
    except ValueError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    resp = HttpResponse(xl.to_xlsx(frame, name),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return resp
