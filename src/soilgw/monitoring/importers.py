"""Import kinds of the monitoring app: ``points``, ``lab_results``, ``gwsdat`` and ``water_levels``.

Options (JSON, all optional): ``dataset`` (default "county"), ``source`` (a per-source mapping, e.g. "basel"),
``columns`` ({field: header}, the column-mapping step), ``medium``, ``lab``, ``method``, ``event``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from soilgw.assessment.irrigation import CROP_TYPES
from soilgw.assessment.results import canonical_columns, template_header
from soilgw.core.choices import Role
from soilgw.core.imports import ImportKind, Parsed, Problem, check_time, read_sheets, register
from soilgw.core.permissions import department_ids
from soilgw.core.xlsx import frames_to_xlsx
from soilgw.standards.analytes import fold_name

from . import evaluate
from .choices import Aquifer, PointKind, Programme, WaterStandard
from .geo import CoordinateError, check_coordinates, check_crs
from .ingest import parse_dates, prepare_results
from .models import COUNTY_DATASET, MonitoringPoint
from .store import existing_sample_problems, write_levels, write_results


def can_import(user, options) -> bool:
    return bool(user.is_superuser or department_ids(user, Role.EDITOR))


def _points(dataset: str) -> dict[str, int]:
    return dict(MonitoringPoint.objects.filter(dataset=dataset).values_list("code", "pk"))


def _dataset(options: dict) -> str:
    return str(options.get("dataset") or COUNTY_DATASET)


# ---------------------------------------------------------------------------------------------- lab results
def parse_lab_results(path: Path, filename: str, options: dict, user) -> Parsed:
    """Validate every sheet (long or wide); the whole file is accepted or rejected."""
    points = _points(_dataset(options))
    parsed = Parsed(payload=[])
    defaults = {k: options[k] for k in ("lab", "method", "medium") if options.get(k)}
    for sheet, df in read_sheets(path, filename).items():
        prep = prepare_results(df, filename=filename, sheet=sheet, points=points, source=options.get("source", ""),
                               columns=options.get("columns"), defaults=defaults)
        parsed.problems += prep.problems
        parsed.warnings += prep.warnings
        if not prep.problems:
            parsed.problems += existing_sample_problems(prep.frame, filename, sheet)
            parsed.payload.append(prep.frame)
    parsed.row_count = sum(len(f) for f in parsed.payload)
    if not parsed.problems and parsed.row_count == 0:
        parsed.problems.append(Problem(_("the file holds no results"), filename))
    return parsed


def commit_results(parsed: Parsed, batch, user, *, evaluate_after: bool = True) -> dict:
    frame = pd.concat(parsed.payload, ignore_index=True) if parsed.payload else pd.DataFrame()
    if batch.options.get("event") and not frame.empty:
        frame["campaign"] = str(batch.options["event"])
    summary = write_results(frame, batch)
    del frame
    parsed.payload.clear()  # the validated rows are stored: free them before the evaluation reads them back
    if evaluate_after and summary.get("points"):
        summary["evaluation"] = evaluate.evaluate_points(summary["points"])
    summary.pop("points", None)
    return summary


#: The lab template's columns, printed with the boundary's Chinese headers (:func:`template_header`).
LAB_TEMPLATE_COLUMNS = [template_header(c) for c in (
    "point_id", "sample_id", "date", "depth", "analyte", "value", "unit", "detection_limit", "detection_limit_unit",
    "lab", "method", "qc_type", "parent_sample")]


def lab_template() -> bytes:
    """Long and wide templates with the Chinese headers and example rows."""
    long = pd.DataFrame([
        ["JX-GW-01", "JX-GW-01-2023A", "2023-05-06", "6.0", "硝酸盐(以N计)", "12.3", "mg/L", "0.016", "mg/L",
         "示例检测公司", "HJ 84-2016", "正常样", ""],
        ["JX-GW-01", "JX-GW-01-2023A", "2023-05-06", "6.0", "四氯乙烯", "<0.2", "μg/L", "0.2", "μg/L",
         "示例检测公司", "HJ 639-2012", "正常样", ""],
        ["JX-GW-01", "JX-GW-01-2023A-P", "2023-05-06", "6.0", "硝酸盐(以N计)", "12.9", "mg/L", "0.016", "mg/L",
         "示例检测公司", "HJ 84-2016", "平行样", "JX-GW-01-2023A"],
    ], columns=LAB_TEMPLATE_COLUMNS)
    wide = pd.DataFrame([["JX-GW-01", "2023-05-06", "7.4", "12.3", "<0.2", "0.05L"]],
                        columns=[template_header("point_id"), template_header("date"), "pH(无量纲)",
                                 "硝酸盐(以N计)(mg/L)", "四氯乙烯(μg/L)", "镉(mg/L)"])
    return frames_to_xlsx({"检测结果(长表)": long, "检测结果(宽表)": wide})


# --------------------------------------------------------------------------------------------------- GWSDAT
GWSDAT_LEVEL = "GW"
#: Columns a GWSDAT WellData sheet must have (canonical column → GWSDAT's header, for the message); its headers
#: are read through the boundary's vocabulary like any other sheet. ``ND<x`` results are the parser's notation.
GWSDAT_HEADERS = {"point_id": "WellName", "analyte": "Constituent", "date": "SampleDate", "value": "Result",
                  "unit": "Units"}


def parse_gwsdat(path: Path, filename: str, options: dict, user) -> Parsed:
    """GWSDAT WellData (WellName, Constituent, SampleDate, Result, Units, Flags); ``GW`` rows are levels.

    Wells must exist (import the WellCoords file with kind ``points`` and ``options.format = "gwsdat"``).
    """
    sheets = read_sheets(path, filename)
    parsed = Parsed(payload={"results": [], "levels": []})
    points = _points(_dataset(options))
    for sheet, df in sheets.items():
        df = canonical_columns(df.rename(columns=lambda c: str(c).strip()))
        missing = [GWSDAT_HEADERS[c] for c in GWSDAT_HEADERS if c not in df.columns]
        if missing:
            parsed.problems.append(Problem(_("not a GWSDAT WellData sheet: missing %(columns)s")
                                           % {"columns": "、".join(missing)}, filename, sheet, 1))
            continue
        df = df.assign(analyte=df["analyte"].str.strip(), unit=df["unit"].str.strip())
        is_level = df["analyte"].str.upper().eq(GWSDAT_LEVEL)
        lv = df[is_level]
        if len(lv):
            dates, ok = parse_dates(lv["date"])
            elev = pd.to_numeric(lv["value"], errors="coerce").to_numpy()
            pid = lv["point_id"].str.strip().map(points).to_numpy()
            for pos in np.flatnonzero(~ok | np.isnan(elev) | pd.isna(pid)):
                row = int(lv.index[pos]) + 2
                if pd.isna(pid[pos]):
                    reason, col = _("unknown well '%(text)s'") % {"text": lv["point_id"].iat[pos]}, "point_id"
                elif not ok[pos]:
                    reason, col = _("cannot read the date '%(text)s'") % {"text": lv["date"].iat[pos]}, "date"
                else:
                    reason, col = _("the level '%(text)s' is not a number") % {"text": lv["value"].iat[pos]}, "value"
                parsed.problems.append(Problem(reason, filename, sheet, row, GWSDAT_HEADERS.get(col, col)))
            parsed.payload["levels"].append(pd.DataFrame({"point_id": pid, "date": dates, "elevation": elev,
                                                          "depth": np.nan}))
        res = df[~is_level]
        long = pd.DataFrame({"point": res["point_id"].str.strip(), "date": res["date"], "analyte": res["analyte"],
                             "value": res["value"], "unit": res["unit"]})
        long.index = res.index
        prep = prepare_results(long, filename=filename, sheet=sheet, points=points,
                               source=options.get("source", "gwsdat"))
        # prepare_results numbers rows of its own frame; map them back to the sheet's rows.
        rows = np.asarray(res.index) + 2
        for p in prep.problems:
            parsed.problems.append(Problem(p.reason, p.file, p.sheet, int(rows[p.row - 2]) if p.row else None,
                                           p.column))
        if not prep.problems:
            parsed.problems += existing_sample_problems(prep.frame, filename, sheet)
            parsed.payload["results"].append(prep.frame)
        parsed.warnings += prep.warnings
    parsed.row_count = sum(len(f) for f in parsed.payload["results"] + parsed.payload["levels"])
    return parsed


def commit_gwsdat(parsed: Parsed, batch, user) -> dict:
    levels = sum(write_levels(f, batch) for f in parsed.payload["levels"])
    summary = commit_results(Parsed(payload=parsed.payload["results"]), batch, user)
    return {**summary, "levels": levels}


# ---------------------------------------------------------------------------------------------- water levels
LEVEL_COLUMNS = ("point_id", "date", "elevation", "water_depth")


def parse_levels(path: Path, filename: str, options: dict, user) -> Parsed:
    """Water levels: point, date and an elevation [m a.s.l.] and/or depth to water [m].

    Headers are read through the boundary's vocabulary (a bare ``depth`` header is the depth to water here).
    """
    points = _points(_dataset(options))
    parsed = Parsed(payload=[])
    head = {c: template_header(c) for c in LEVEL_COLUMNS}
    for sheet, df in read_sheets(path, filename).items():
        df = canonical_columns(df.rename(columns=lambda c: str(c).strip()))
        if "water_depth" not in df and "depth" in df:
            df = df.rename(columns={"depth": "water_depth"})
        if "point_id" not in df or "date" not in df or not ({"elevation", "water_depth"} & set(df.columns)):
            parsed.problems.append(Problem(_("the columns %(point)s, %(date)s and %(level)s or %(depth)s are needed")
                                           % {"point": head["point_id"], "date": head["date"],
                                              "level": head["elevation"], "depth": head["water_depth"]},
                                           filename, sheet, 1))
            continue
        dates, ok = parse_dates(df["date"])
        pid = df["point_id"].str.strip().map(points).to_numpy()
        blank = pd.Series([""] * len(df))
        elev = pd.to_numeric(df.get("elevation", blank), errors="coerce").to_numpy()
        depth = pd.to_numeric(df.get("water_depth", blank), errors="coerce").to_numpy()
        for pos in np.flatnonzero(pd.isna(pid)):
            parsed.problems.append(Problem(_("unknown monitoring point '%(code)s'; import the points first")
                                           % {"code": df["point_id"].iat[pos]}, filename, sheet, pos + 2,
                                           head["point_id"]))
        for pos in np.flatnonzero(~ok):
            parsed.problems.append(Problem(_("cannot read the date '%(text)s' (use YYYY-MM-DD or an Excel date)")
                                           % {"text": df["date"].iat[pos]}, filename, sheet, pos + 2, head["date"]))
        for pos in np.flatnonzero(np.isnan(elev) & np.isnan(depth)):
            parsed.problems.append(Problem(_("neither a level nor a depth to water"), filename, sheet, pos + 2,
                                           head["elevation"]))
        parsed.payload.append(pd.DataFrame({"point_id": pid, "date": dates, "elevation": elev, "depth": depth}))
    parsed.row_count = sum(len(f) for f in parsed.payload)
    return parsed


def commit_levels(parsed: Parsed, batch, user) -> dict:
    return {"levels": sum(write_levels(f, batch) for f in parsed.payload)}


def levels_template() -> bytes:
    return frames_to_xlsx({"水位": pd.DataFrame([["JX-GW-01", "2023-05-06", "512.34", "6.21"]],
                                                columns=[template_header(c) for c in LEVEL_COLUMNS])})


# ---------------------------------------------------------------------------------------------------- points
POINT_HEADERS = {
    "code": (template_header("point_id"), "code", "wellname"), "name": ("点位名称", "name"), "kind": ("点位类型", "kind"),
    "programme": ("监测类别", "programme"), "target_class": ("目标水质类别", "target_class"),
    "aquifer": ("含水层", "aquifer"), "aquifer_order": ("含水层序号", "aquifer_order"), "nest": ("井组", "nest"),
    "screen_top": ("滤管顶深(m)", "screen_top"), "screen_bottom": ("滤管底深(m)", "screen_bottom"),
    "owner": ("产权单位", "owner"), "operator": ("运维单位", "operator"), "x": ("x", "xcoord"), "y": ("y", "ycoord"),
    "crs": ("坐标系", "crs", "coordunits"), "water_standard": ("评价标准", "water_standard"),
    "irrigation_crop": ("灌溉作物", "irrigation_crop"),
}
STANDARD_WORDS = {"": "", "地下水": WaterStandard.GBT14848, "地表水": WaterStandard.GB3838, "傍河水源": WaterStandard.GB3838,
                  "农田灌溉": WaterStandard.GB5084, "gb/t 14848": WaterStandard.GBT14848, "gb 3838": WaterStandard.GB3838,
                  "gb 5084": WaterStandard.GB5084, **{v.lower(): v for v in WaterStandard.values if v}}
KIND_WORDS = {"地下水监测井": PointKind.GROUNDWATER_WELL, "饮用水水源": PointKind.DRINKING_SOURCE, "土壤": PointKind.SOIL,
              "农产品": PointKind.CROP, "灌溉水": PointKind.IRRIGATION, "退水": PointKind.IRRIGATION_RETURN,
              "地表水": PointKind.SURFACE_WATER, **{v: v for v in PointKind.values}}
PROGRAMME_WORDS = {"国考区域点": Programme.NATIONAL_REGIONAL, "国考饮用水源点": Programme.NATIONAL_DRINKING,
                   "国考风险监控点": Programme.NATIONAL_RISK, "省控点": Programme.PROVINCIAL, "县控点": Programme.COUNTY,
                   "自行监测": Programme.SELF_MONITORING, "调查": Programme.INVESTIGATION, "": "",
                   **{v: v for v in Programme.values}}
AQUIFER_WORDS = {"潜水": Aquifer.PHREATIC, "承压水": Aquifer.CONFINED, "": "", **{v: v for v in Aquifer.values if v}}


def point_area(dataset: str, extent=None):
    """The area a dataset's points must lie in: the stated ``extent`` ``[lon_min, lat_min, lon_max, lat_max]``
    [°], else the county boundary (5 km buffer, :func:`soilgw.enterprises.geo.near_county`) for the county's
    own dataset, else None (only the valid lon/lat range is checked)."""
    if extent:
        lo0, la0, lo1, la1 = (float(v) for v in extent)
        return lambda lon, lat: lo0 <= lon <= lo1 and la0 <= lat <= la1
    if dataset == COUNTY_DATASET:
        from soilgw.enterprises.geo import near_county

        return near_county
    return None


def parse_points(path: Path, filename: str, options: dict, user) -> Parsed:
    """Points (Chinese template or GWSDAT WellCoords). GWSDAT coordinates are site-grid metres: crs=local."""
    index = {h.lower(): f for f, hs in POINT_HEADERS.items() for h in hs}
    parsed = Parsed(payload=[])
    gwsdat = options.get("format") == "gwsdat"
    area = point_area(_dataset(options), options.get("extent"))
    for sheet, df in read_sheets(path, filename).items():
        head = {index.get(str(c).strip().lower(), str(c).strip()): str(c).strip() for c in df.columns}
        df = df.rename(columns=lambda c: index.get(str(c).strip().lower(), str(c).strip()))
        if "code" not in df:
            parsed.problems.append(Problem(_("missing column %(column)s") % {"column": template_header("point_id")},
                                           filename, sheet, 1))
            continue
        seen = set()
        for i, row in enumerate(df.to_dict("records")):
            check_time()
            where = {"file": filename, "sheet": sheet, "row": i + 2}
            bad = []
            code = str(row["code"]).strip()
            kind = PointKind.GROUNDWATER_WELL if gwsdat else KIND_WORDS.get(str(row.get("kind", "")).strip())
            programme = PROGRAMME_WORDS.get(str(row.get("programme", "")).strip())
            aquifer = AQUIFER_WORDS.get(str(row.get("aquifer", "")).strip())
            crs = "local" if gwsdat else str(row.get("crs", "")).strip()
            target = str(row.get("target_class", "")).strip().upper().removesuffix("类")
            standard = STANDARD_WORDS.get(str(row.get("water_standard", "")).strip().lower())
            crop_text = str(row.get("irrigation_crop", "")).strip()
            crop = CROP_TYPES.get(fold_name(crop_text)) if crop_text else ""
            nums = {}
            for f in ("x", "y", "screen_top", "screen_bottom", "aquifer_order"):
                text = str(row.get(f, "")).strip()
                try:
                    nums[f] = float(text) if text else None
                except ValueError:
                    bad.append(Problem(_("'%(text)s' is not a number") % {"text": text}, column=head.get(f, f),
                                       **where))
            checks = [(not code, "code", _("the point code is empty")),
                      (code in seen, "code", _("the point code appears twice")),
                      (kind is None, "kind", _("unknown point kind '%(text)s'; use 地下水监测井, 饮用水水源, 土壤 …")
                       % {"text": row.get("kind")}),
                      (programme is None, "programme", _("unknown monitoring programme '%(text)s'")
                       % {"text": row.get("programme")}),
                      (aquifer is None, "aquifer", _("unknown aquifer '%(text)s'; use 潜水 or 承压水")
                       % {"text": row.get("aquifer")}),
                      (target not in ("", "I", "II", "III", "IV", "V"), "target_class",
                       _("the target class is one of I–V")),
                      (standard is None, "water_standard", f"评价标准 {row.get('water_standard')!r} 未知，可填 地下水、"
                       "地表水、傍河水源、农田灌溉 / unknown standard; use GB/T 14848-2017, GB 3838-2002 or GB 5084-2021"),
                      (crop is None, "irrigation_crop", f"灌溉作物 {crop_text!r} 未知，可填 水田作物、旱地作物、蔬菜a、"
                       "蔬菜b / unknown crop; use paddy, dryland, vegetable_processed, vegetable_raw"),
                      (bool(check_crs(crs)), "crs", check_crs(crs) or ""),
                      (nums.get("x") is not None and not crs, "crs",
                       _("coordinates need a coordinate system (EPSG:…, local or unknown)"))]
            bad += [Problem(reason, column=head.get(col, col), **where) for failed, col, reason in checks if failed]
            place = {"lon": None, "lat": None}
            if not bad and (nums.get("x") is not None or nums.get("y") is not None):
                if nums.get("x") is None or nums.get("y") is None:
                    bad.append(Problem(_("give both x and y"), column=head.get("y" if nums.get("x") is not None
                                                                                else "x"), **where))
                else:
                    try:
                        nums["x"], nums["y"], place["lon"], place["lat"], note = check_coordinates(
                            nums["x"], nums["y"], crs, area=area)
                        if note:
                            parsed.warnings.append(Problem(note, column=head["x"], **where))
                    except CoordinateError as exc:
                        bad.append(Problem(str(exc), column=head["x"], **where))
            seen.add(code)
            parsed.problems += bad
            if not bad and kind == PointKind.DRINKING_SOURCE and not target:
                target = "III"  # drinking-water sources: class III (GB/T 14848-2017 §4)
            if not bad:
                parsed.payload.append(dict(code=code, name=str(row.get("name", "")).strip(), kind=kind,
                                           programme=programme, aquifer=aquifer, target_class=target, crs=crs,
                                           water_standard=standard, irrigation_crop=crop,
                                           nest=str(row.get("nest", "")).strip(),
                                           owner=str(row.get("owner", "")).strip(),
                                           operator=str(row.get("operator", "")).strip(),
                                           aquifer_order=int(nums["aquifer_order"]) if nums.get("aquifer_order") else None,
                                           **place,
                                           **{k: nums.get(k) for k in ("x", "y", "screen_top", "screen_bottom")}))
    parsed.row_count = len(parsed.payload)
    return parsed


def commit_points(parsed: Parsed, batch, user, *, dataset: str | None = None, origin: str = "") -> dict:
    dataset = dataset or _dataset(batch.options)
    created = 0
    for row in parsed.payload:
        _, new = MonitoringPoint.objects.update_or_create(
            dataset=dataset, code=row["code"],
            defaults={**{k: v for k, v in row.items() if k != "code"},
                      "origin": origin or batch.options.get("origin", "")})
        created += new
    return {"created": created, "updated": len(parsed.payload) - created}


#: The template's example row, by field: one value for every column of :data:`POINT_HEADERS`.
POINT_EXAMPLE = {"code": "JX-GW-01", "name": "示例监测井", "kind": "地下水监测井", "programme": "县控点",
                 "target_class": "III", "aquifer": "潜水", "aquifer_order": 1, "nest": "N1", "screen_top": 4.0,
                 "screen_bottom": 10.0, "owner": "县生态环境分局", "operator": "示例运维公司", "x": 111.57, "y": 35.49,
                 "crs": "EPSG:4490", "water_standard": "地下水", "irrigation_crop": ""}


def points_template() -> bytes:
    return frames_to_xlsx({"监测点位": pd.DataFrame([[POINT_EXAMPLE[f] for f in POINT_HEADERS]],
                                                    columns=[h[0] for h in POINT_HEADERS.values()])})


register(ImportKind("lab_results", "检测结果 / lab results", parse_lab_results, commit_results, can_import,
                    template=lab_template,
                    description="长表：" + "、".join(LAB_TEMPLATE_COLUMNS[:9]) + "；或宽表「名称(单位)」列"
                                " / long: " + ", ".join(LAB_TEMPLATE_COLUMNS[:9]) + "; or wide 'name (unit)' columns; "
                                "options: source, columns, dataset, medium"))
register(ImportKind("gwsdat", "GWSDAT WellData", parse_gwsdat, commit_gwsdat, can_import, extensions=(".csv", ".xlsx"),
                    description="WellName, Constituent, SampleDate, Result (ND<x), Units, Flags"))
register(ImportKind("water_levels", "地下水水位 / water levels", parse_levels, commit_levels, can_import,
                    template=levels_template, description=", ".join(template_header(c) for c in LEVEL_COLUMNS)))
register(ImportKind("points", "监测点位 / monitoring points", parse_points, commit_points, can_import,
                    template=points_template,
                    description=", ".join(h[0] for h in POINT_HEADERS.values()) + "; or GWSDAT WellCoords "
                                "(options.format = gwsdat)"))
