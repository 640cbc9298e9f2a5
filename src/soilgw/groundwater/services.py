"""What the drinking-water source page shows, and the background evidence of a cause determination.

Reads the monitoring app's points, samples and per-point statistics (classes, anomaly flags, trends); the
background threshold value comes from :mod:`soilgw.assessment.stats_background`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from soilgw.assessment.stats_background import background_threshold
from soilgw.monitoring.terms import term
from soilgw.standards.units import UnitError, convert, normalize_unit

from .models import CauseDetermination, DrinkingWaterSource
from .spatial import zone_hits


@dataclass
class PointSummary:
    """One linked monitoring point: latest class, its anomalies and trends."""

    point: object
    latest_date: object = None
    latest_class: str = ""
    meets_target: bool | None = None
    anomalies: list[tuple[str, list[str]]] = field(default_factory=list)  # (analyte, rules flagged latest)
    trends: list[tuple[str, str, float | None]] = field(default_factory=list)  # (analyte, verdict, Sen slope)
    exceeding: list[str] = field(default_factory=list)  # analytes whose latest value exceeds the limit


def point_summaries(source: DrinkingWaterSource) -> list[PointSummary]:
    """Class, anomalies and trends of every monitoring point linked to ``source``."""
    out = []
    for point in source.monitoring_points.prefetch_related("stats").order_by("code"):
        summary = PointSummary(point)
        latest = point.samples.exclude(class_label="").order_by("-date").first()
        if latest is not None:
            summary.latest_date, summary.latest_class = latest.date, latest.class_label
            summary.meets_target = latest.meets_target
        for stat in sorted(point.stats.all(), key=lambda s: s.analyte):
            flagged = [term(r) for r, on in (stat.anomalies or {}).get("latest", {}).items() if on]
            if flagged:
                summary.anomalies.append((stat.analyte, flagged))
            if stat.trend:
                summary.trends.append((stat.analyte, term(stat.trend), stat.sen_slope))
            if stat.exceeds_latest:
                summary.exceeding.append(stat.analyte)
        out.append(summary)
    return out


def exceedance_from_monitoring(source: DrinkingWaterSource) -> DrinkingWaterSource:
    """Set ``exceedance_found_on`` and ``exceeding_analytes`` from the linked points' judged samples.

    At each linked point, the current exceedance starts at the first sample of the latest unbroken run of
    samples that do not meet the point's target class (GB/T 14848 judgement of the monitoring app); the
    source's date is the earliest such start, its analytes the deciding analytes of those runs. A recorded
    date is kept (it starts the cause-analysis deadline).

    Raises
    ------
    ValidationError
        If no linked point's latest judged sample misses its target.
    """
    starts, analytes = [], []
    for point in source.monitoring_points.all():
        run = []
        for sample in point.samples.exclude(meets_target=None).order_by("-date"):
            if sample.meets_target:
                break
            run.append(sample)
        if run:
            starts.append(run[-1].date)
            analytes += [a.strip() for s in run for a in re.split(r"[,，、;；]", s.deciding_analytes) if a.strip()]
    if not starts:
        raise ValidationError(_("No linked monitoring point's latest sample misses its target class."))
    if source.exceedance_found_on is None:
        source.exceedance_found_on = min(starts)
    source.exceeding_analytes = "、".join(dict.fromkeys(analytes))[:300] or source.exceeding_analytes
    source.save()
    return source


def record_context(request, obj) -> dict:
    """Extra context of every groundwater detail page: derived facts and the record's obligations."""
    from soilgw.plans.obligations.views import obligations_of

    return {"facts": obj.facts() if hasattr(obj, "facts") else [], "obligations": obligations_of(obj)}


def drinking_source_context(request, source: DrinkingWaterSource) -> dict:
    """Extra context of the drinking-water source detail page (``RegistryConfig.detail_context``)."""
    from .registries import CAUSE, NS, PROTECTION_ZONE

    return {
        **record_context(request, source),
        "points": point_summaries(source),
        "causes": list(source.cause_determinations.all()),
        "zones": list(source.protection_zones.all()),
        "recharge": getattr(source, "recharge_area", None),
        "hits": zone_hits([source]),
        "cause_create_url": reverse(f"{NS}:{CAUSE.url_name('create')}"),
        "zone_list_url": reverse(f"{NS}:{PROTECTION_ZONE.url_name('list')}") + f"?source={source.pk}",
    }


def compute_background(determination: CauseDetermination, point_codes: list[str], method: str = "auto"
                       ) -> CauseDetermination:
    """Compute and store the background threshold value of the determination's analyte at background points.

    Non-detects (qualifier ``<``) enter as censored values at their detection limit; values in another unit
    are converted to the determination's unit.

    Raises
    ------
    ValidationError
        If a point code is unknown, there are fewer than 2 results, a unit cannot be converted, or the
        method is unknown.
    """
    from soilgw.monitoring.models import MonitoringPoint, Result

    codes = [c.strip() for c in point_codes if c.strip()]
    found = set(MonitoringPoint.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = sorted(set(codes) - found)
    if missing:
        raise ValidationError({"points": _("unknown monitoring point(s): %s") % ", ".join(missing)})
    rows = list(Result.objects.filter(point__code__in=codes, analyte=determination.analyte, value__isnull=False)
                .values_list("value", "qualifier", "unit"))
    if len(rows) < 2:
        raise ValidationError({"points": _("%(n)d result(s) of %(a)s at these points; at least 2 are needed.")
                               % {"n": len(rows), "a": determination.analyte}})
    target = normalize_unit(determination.unit)
    values = np.empty(len(rows))
    try:
        for unit in {r[2] for r in rows}:
            idx = [i for i, r in enumerate(rows) if r[2] == unit]
            values[idx] = convert(np.array([rows[i][0] for i in idx], dtype=float), unit, target)
    except UnitError as exc:
        raise ValidationError({"points": str(exc)}) from None
    censored = np.array([r[1] == "<" for r in rows])
    try:
        result = background_threshold(values, censored, method=method)
    except ValueError as exc:
        raise ValidationError({"method": str(exc)}) from None
    determination.background_points = "、".join(codes)
    determination.background_value = float(result.value)
    determination.background_method = result.method
    determination.background_n = result.n
    determination.background_parameters = {
        "coverage": result.coverage, "confidence": result.confidence, "n_censored": result.n_censored,
        "unit": target, "function": "soilgw.assessment.stats_background.background_threshold",
        **{k: (float(v) if isinstance(v, (int, float, np.floating, np.integer)) else str(v))
           for k, v in result.parameters.items()}}
    determination.save()
    return determination
