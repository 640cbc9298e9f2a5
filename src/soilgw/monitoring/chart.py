"""The point page's time-series chart as a plotly figure (``{"data": [...], "layout": {...}}``), built here so
the labels go through Django's translations and the figure can be tested without a browser.

The page's script only escapes the texts (plotly parses a subset of HTML in them) and draws the figure.
Statistics are not computed here: the Sen slope is the one stored per point × analyte by
:mod:`soilgw.monitoring.evaluate` (from :mod:`soilgw.assessment.trends`); this module only places its line.
"""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext as _

from soilgw.assessment import trends
from soilgw.core.templatetags.analytes import analyte_name

#: Roman numerals as GB/T 14848 prints them (Ⅲ类), keyed by the stored class codes.
NUMERALS = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ", "V": "Ⅴ"}

DETECT_COLOUR = "#2166ac"
TARGET_COLOUR = "#d73027"


def _with_unit(text: str, unit: str) -> str:
    return _("%(label)s (%(unit)s)") % {"label": text, "unit": unit} if unit else text


def _limit_traces(limits: list[dict], x_range: list[str], target: str, data_max: float) -> list[dict]:
    """One labelled horizontal line per class bound; the target class solid and red, the others dashed.

    Bounds far above the data would flatten the series to the axis: only the bounds up to the first one at or
    above the highest value (and the target's) are shown, the others are one legend click away.
    """
    out, shown_above = [], False
    for lim in limits:
        label = _("class %(numeral)s limit") % {"numeral": NUMERALS.get(lim["class"], lim["class"])}
        is_target = lim["class"] == target
        visible = is_target or not shown_above
        shown_above = shown_above or lim["value"] >= data_max
        out.append({
            "uid": f"limit-{lim['class']}", "type": "scatter", "x": x_range, "y": [lim["value"]] * 2,
            "mode": "lines+text", "name": label, "text": ["", label], "textposition": "top left",
            "hoverinfo": "name+y", "visible": True if visible else "legendonly",
            "line": {"color": TARGET_COLOUR if is_target else "#777777", "width": 2 if is_target else 1,
                     "dash": "solid" if is_target else "dash"},
            "textfont": {"color": TARGET_COLOUR if is_target else "#555555", "size": 11},
        })
    return out


def sen_line(dates: list, values: list[float], censored: list[bool], slope: float | None) -> dict | None:
    """End points of the Sen slope line over the sampled period, or None without a slope.

    The line has the stored slope and passes through the median time and median value of the series as the
    trend test saw it (one value per date, the highest; non-detects and lower values censored at the highest
    detection limit, :func:`soilgw.assessment.trends.censor_at_highest_dl`) — Conover's intercept
    ``b = median(y) − slope · median(t)`` (Helsel et al. 2020, USGS TM 4-A3, §10.1.1).
    """
    if slope is None or not np.isfinite(slope) or len(dates) < 2:
        return None
    by_date: dict = {}
    for d, v, c in zip(dates, values, censored, strict=True):
        if d not in by_date or v > by_date[d][0]:
            by_date[d] = (v, c)
    days = sorted(by_date)
    x = trends.censor_at_highest_dl(np.array([by_date[d][0] for d in days]), np.array([by_date[d][1] for d in days]))
    t = trends.decimal_years(np.array(days, dtype="datetime64[D]"))
    y_med, t_med = float(np.median(x)), float(np.median(t))
    return {"x": [days[0].isoformat(), days[-1].isoformat()],
            "y": [y_med + slope * (t[0] - t_med), y_med + slope * (t[-1] - t_med)]}


def point_figure(point_code: str, analyte: str, unit: str, rows: list[tuple], limits: list[dict], target: str,
                 stat, levels: list[tuple]) -> dict:
    """The chart of one analyte at one point.

    ``rows``: ``(date, value, qualifier, normal)`` in ``unit``, non-detects (``"<"``) at their detection limit,
    ``normal`` False for QC samples (plotted, but left out of the trend as in the statistics);
    ``limits``: class bounds ``[{"class": "III", "value": …}]`` in ``unit``; ``target``: the class drawn
    solid; ``stat``: the point × analyte statistics (its ``sen_slope`` [unit/yr] and ``unit``) or None;
    ``levels``: ``(date, elevation, depth)``. Detects are filled circles, non-detects open circles in their own
    trace, the Sen line is drawn where a slope was computed in this unit.
    """
    name = analyte_name(analyte)
    det = [(d, v) for d, v, q, _n in rows if q != "<"]
    nd = [(d, v) for d, v, q, _n in rows if q == "<"]
    traces = [
        {"uid": "detects", "type": "scatter", "name": _("detected"), "mode": "lines+markers",
         "x": [d.isoformat() for d, _v in det], "y": [v for _d, v in det],
         "marker": {"symbol": "circle", "size": 8, "color": DETECT_COLOUR}, "line": {"color": DETECT_COLOUR}},
        {"uid": "nondetects", "type": "scatter", "name": _("non-detect (at DL)"), "mode": "markers",
         "x": [d.isoformat() for d, _v in nd], "y": [v for _d, v in nd],
         "text": [f"< {v:g} {unit}".strip() for _d, v in nd], "hoverinfo": "x+text+name",
         "marker": {"symbol": "circle-open", "size": 9, "color": "#555555", "line": {"width": 2}}},
    ]
    dates = sorted(r[0] for r in rows)
    x_range = [dates[0].isoformat(), dates[-1].isoformat()] if dates else []
    if x_range:
        traces += _limit_traces(limits, x_range, target, max(r[1] for r in rows))
    slope = stat.sen_slope if stat is not None and stat.unit == unit else None
    normal = [r for r in rows if r[3]]
    line = sen_line([r[0] for r in normal], [r[1] for r in normal], [r[2] == "<" for r in normal], slope)
    if line:
        label = _("Sen slope %(slope)s %(unit)s/yr") % {"slope": f"{slope:.3g}", "unit": unit}
        traces.append({"uid": "sen", "type": "scatter", "mode": "lines", "name": label,
                       "hoverinfo": "name", "line": {"color": "#762a83", "width": 2, "dash": "dot"}, **line})
    layout = {
        "title": {"text": (_("%(analyte)s at %(point)s (%(unit)s)") if unit else _("%(analyte)s at %(point)s"))
                  % {"analyte": name, "point": point_code, "unit": unit}},
        "separators": ".,", "margin": {"t": 50}, "legend": {"orientation": "h", "y": -0.2},
        "hovermode": "closest",
        # numeric year-month ticks read the same in Chinese and English (the bundle has no zh month names)
        "xaxis": {"title": {"text": _("Sampling date")}, "type": "date", "tickformat": "%Y-%m",
                  "hoverformat": "%Y-%m-%d", "nticks": 8},
        "yaxis": {"title": {"text": _with_unit(name, unit)}, "rangemode": "tozero", "exponentformat": "power"},
    }
    if levels:
        traces.append({"uid": "levels", "type": "scatter", "yaxis": "y2", "mode": "lines", "name": _("water level"),
                       "x": [d.isoformat() for d, _e, _w in levels],
                       "y": [e if e is not None else w for _d, e, w in levels],
                       "line": {"color": "#5aae61", "width": 1}})
        layout["yaxis2"] = {"title": {"text": _("water level [m]")}, "overlaying": "y", "side": "right",
                            "showgrid": False}
    return {"data": traces, "layout": layout}
