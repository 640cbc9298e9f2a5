"""Evaluate stored results: QA flags, GB/T 14848 classes, next-aquifer follow-ups, trends and statistics.

Everything is computed by the standards and statistics cores and stored with the method, parameters and
standard version. Run for the points an import touched (``evaluate_points(ids)``) or for all points.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import connection, transaction

from soilgw.assessment import anomaly, stats, trends
from soilgw.assessment.groundwater import assess_gbt14848
from soilgw.assessment.irrigation import assess_gb5084
from soilgw.assessment.irrigation import table_codes as gb5084_codes
from soilgw.assessment.surface_water import assess_gb3838
from soilgw.standards.limits import ROMAN, gb3838, gbt14848
from soilgw.standards.units import UnitError, conversion_factor

from . import qa
from .choices import Aquifer, FollowUpStatus, Medium, WaterStandard, water_standard
from .models import FOLLOW_UP_RULE, FollowUp, MonitoringPoint, PointAnalyteStat, Result, Sample

#: Class used as the reference for points without a configured target (GB/T 14848-2017 §4: class III is
#: the quality needed for drinking-water sources and industrial/agricultural use).
REFERENCE_CLASS = "III"
CLASS_RANK = {c: i + 1 for i, c in enumerate(ROMAN)} | {"worse_than_V": 6}
MIN_ANOMALY_N = 3
FRAME_CHUNK = 100_000
_WATER_UNITS = ("mg/L", "μg/L", "ng/L", "pH", "NTU", "PtCo", "MPN/100mL", "CFU/100mL", "CFU/mL", "Bq/L",
                "qualitative")


def _frame(point_ids) -> pd.DataFrame:
    """The results of ``point_ids`` as a frame, read in chunks with repeated strings as categoricals."""
    qs = Result.objects.all()
    if point_ids is not None:
        qs = qs.filter(point_id__in=list(point_ids))
    cols = ["id", "sample_id", "point_id", "date", "analyte", "catalogued", "value", "qualifier",
            "detection_limit", "unit", "text_value", "sample__medium", "sample__qc_type", "sample__parent_id"]
    names = [c.removeprefix("sample__") for c in cols]
    parts, rows = [], qs.values_list(*cols).iterator(chunk_size=FRAME_CHUNK)
    while chunk := list(itertools.islice(rows, FRAME_CHUNK)):
        part = pd.DataFrame.from_records(chunk, columns=names)
        for c in ("analyte", "qualifier", "unit", "text_value", "medium", "qc_type"):
            part[c] = part[c].astype("category")
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=names)
    df = pd.concat(parts, ignore_index=True)
    for c in ("analyte", "qualifier", "unit", "text_value", "medium", "qc_type"):  # union of the chunks' categories
        df[c] = df[c].astype(str)
    return df


def _update(table: str, column: str, pairs: list[tuple]) -> None:
    """UPDATE many rows by id in one executemany (far faster than bulk_update's CASE on SQLite)."""
    if pairs:
        with connection.cursor() as cur:
            cur.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", pairs)


@transaction.atomic
def evaluate_points(point_ids=None) -> dict:
    """QA, classes, follow-ups and statistics for ``point_ids`` (None: every point). Returns counts."""
    df = _frame(point_ids)
    points = MonitoringPoint.objects.all() if point_ids is None else MonitoringPoint.objects.filter(pk__in=point_ids)
    points = {p.pk: p for p in points}
    if df.empty:
        return {"results": 0}
    rules = qa.qa_rules(getattr(settings, "SOILGW_MONITORING_QA", None))
    summary = {"results": len(df)}
    summary.update(_qa(df, rules))
    summary.update(_classes(df, points))
    summary.update(_follow_ups(points))
    summary.update(_stats(df, points))
    return summary


def _flag(rule: qa.QaRule, value: float | None = None, **extra) -> dict:
    return {"rule": rule.rule, "value": None if value is None else round(float(value), 2),
            "threshold": rule.threshold, "unit": rule.unit, "source": rule.source, "verified": rule.verified, **extra}


def _qa(df: pd.DataFrame, rules) -> dict:
    result_flags: dict[int, list[str]] = {}
    sample_flags: dict[int, list[dict]] = {}
    below = qa.detect_below_dl(df["value"], df["qualifier"], df["detection_limit"])
    for rid in df.loc[below, "id"]:
        result_flags.setdefault(int(rid), []).append("detect_below_dl")
    # Ion balance: water samples with all seven major ions measured, in mg/L (non-detects as 0).
    ions = df[df["analyte"].isin(qa.ION_CODES) & df["catalogued"] & df["medium"].ne(Medium.SOIL)
              & df["value"].notna()].copy()
    n_ion = 0
    if not ions.empty:
        factor = ions["unit"].map(lambda u: _factor(u, "mg/L"))
        ions["mg_l"] = np.where(ions["qualifier"] == "<", 0.0, ions["value"] * factor)
        wide = ions.pivot_table(index="sample_id", columns="analyte", values="mg_l", aggfunc="mean")
        wide = wide.rename(columns=qa.ION_CODES)
        cbe = qa.charge_balance_error(wide).dropna()
        rule = rules[("ion_balance", "water")]
        for sid, v in cbe[cbe.abs() > rule.threshold].items():
            sample_flags.setdefault(int(sid), []).append(_flag(rule, v))
        n_ion = int((cbe.abs() > rule.threshold).sum())
    # Field duplicates: RPD per analyte against the original sample, both detected.
    dups = df[df["parent_id"].notna() & df["value"].notna() & (df["qualifier"] == "")]
    n_rpd = 0
    if not dups.empty:
        orig = df[df["sample_id"].isin(dups["parent_id"].unique()) & (df["qualifier"] == "")]
        pair = dups.merge(orig[["sample_id", "analyte", "value"]], left_on=["parent_id", "analyte"],
                          right_on=["sample_id", "analyte"], suffixes=("", "_orig"))
        pair["rpd"] = qa.relative_percent_difference(pair["value"], pair["value_orig"])
        for r in pair.itertuples(index=False):
            rule = rules[("field_duplicate_rpd", "soil" if r.medium == Medium.SOIL else "water")]
            if r.rpd > rule.threshold:
                result_flags.setdefault(int(r.id), []).append("field_duplicate_rpd")
                sample_flags.setdefault(int(r.sample_id), []).append(_flag(rule, r.rpd, analyte=r.analyte))
                n_rpd += 1
    _update(Result._meta.db_table, "qa_flags", [(",".join(v), k) for k, v in result_flags.items()])
    Sample.objects.filter(pk__in=df["sample_id"].unique().tolist()).exclude(qa_flags=[]).update(qa_flags=[])
    for sid, flags in sample_flags.items():
        Sample.objects.filter(pk=sid).update(qa_flags=flags)
    return {"qa_detect_below_dl": int(below.sum()), "qa_ion_balance": n_ion, "qa_rpd": n_rpd}


def _factor(from_unit: str, to_unit: str) -> float:
    try:
        return conversion_factor(from_unit, to_unit)
    except UnitError:
        return np.nan


def _target(point: MonitoringPoint) -> str:
    return point.target_class or REFERENCE_CLASS


def _classes(df: pd.DataFrame, points: dict) -> dict:
    """Class or judge every water sample by the standard of its point's water use (:func:`water_standard`).

    GB/T 14848-2017 (groundwater, drinking sources with their target class) and GB 3838-2002 (surface water,
    riverside sources) give classes I–V; GB 5084-2021 (irrigation water, limits by the point's crop) gives
    pass/exceeds per sample. Stored numbers go in as numbers with their qualifier and detection limit (never
    re-parsed from text); only qualitative observations (嗅和味 无/有) go in as their reported text. A
    non-detect whose limit is above a class bound is stored as an upper bound (``class_bounded``), never as an
    exceedance. A stored non-detect without a positive limit (kept from a file read before the boundary refused
    them) carries no information: it is left unclassed and counted, never a reason to stop.
    """
    limit = df["detection_limit"].where(df["detection_limit"].notna(), df["value"])
    no_limit = (df["qualifier"] == "<") & ~(limit > 0)
    df = df[~no_limit]
    by_std: dict[str, set] = {}
    for pid, p in points.items():
        by_std.setdefault(water_standard(p.kind, p.water_standard), set()).add(pid)
    water = df[df["catalogued"] & df["unit"].isin(_WATER_UNITS) & (df["value"].notna() | (df["text_value"] != ""))
               & df["medium"].isin([Medium.GROUNDWATER, Medium.SURFACE_WATER])]
    result_pairs, sample_rows = [], []
    for std, assess, lim in ((WaterStandard.GBT14848, assess_gbt14848, gbt14848()),
                             (WaterStandard.GB3838, assess_gb3838, gb3838())):
        sel = water[water["point_id"].isin(by_std.get(std, ())) & water["analyte"].isin(lim.codes)]
        _class_table(sel, points, assess, str(std), result_pairs, sample_rows)
    n_no_crop = _irrigation(water[water["point_id"].isin(by_std.get(WaterStandard.GB5084, ()))], points, sample_rows)
    if result_pairs:
        with connection.cursor() as cur:
            cur.executemany(f"UPDATE {Result._meta.db_table} SET class_label = %s, class_bounded = %s "
                            "WHERE id = %s", result_pairs)
    if sample_rows:
        with connection.cursor() as cur:
            cur.executemany(f"UPDATE {Sample._meta.db_table} SET class_label = %s, class_bounded = %s, "
                            "meets_target = %s, target_class = %s, deciding_analytes = %s, class_standard = %s "
                            "WHERE id = %s", sample_rows)
    return {"classed_samples": len(sample_rows), "irrigation_points_without_crop": n_no_crop,
            "nondetects_without_limit": int(no_limit.sum())}


def _numbers(part: pd.DataFrame, **extra) -> pd.DataFrame:
    """The core's input from stored rows: numbers, qualifier and detection limit as stored."""
    return pd.DataFrame({"sample_id": part["sample_id"].to_numpy(), "analyte": part["analyte"].to_numpy(),
                         "value": part["value"].to_numpy(dtype=float), "unit": part["unit"].to_numpy(),
                         "qualifier": part["qualifier"].to_numpy(),
                         "detection_limit": part["detection_limit"].to_numpy(dtype=float), **extra})


def _class_table(sel: pd.DataFrame, points: dict, assess, standard: str, result_pairs: list, sample_rows: list):
    """Classes I–V (GB/T 14848 or GB 3838) per result and per sample, per target class."""
    if sel.empty:
        return
    target = sel["point_id"].map(lambda p: _target(points[p])).to_numpy()
    text = (sel["text_value"] != "").to_numpy()
    for t in np.unique(target):
        part, is_text = sel[target == t], text[target == t]
        ass = []
        if (~is_text).any():
            ass.append((part[~is_text]["id"], assess(_numbers(part[~is_text]), target_class=t)))
        if is_text.any():
            obs = part[is_text]
            ass.append((obs["id"], assess(pd.DataFrame({
                "sample_id": obs["sample_id"].to_numpy(), "analyte": obs["analyte"].to_numpy(),
                "value": obs["text_value"].to_numpy(), "unit": obs["unit"].to_numpy()}), target_class=t)))
        for ids, a in ass:
            res = a.results
            labels = res["class"].astype(object).where(res["class"].notna(), "").to_numpy()
            bounded = res["class_is_upper_bound"].fillna(False).to_numpy(dtype=bool)
            result_pairs += list(zip([str(x) for x in labels], bounded.tolist(), ids.astype(int).tolist(),
                                     strict=True))
        smp = _merge_samples([a.samples for _, a in ass])
        sample_rows += [(r.cls, r.bounded, r.meets, t, r.deciding[:300], standard, int(r.sample_id))
                        for r in smp.itertuples(index=False)]


def _irrigation(sel: pd.DataFrame, points: dict, sample_rows: list) -> int:
    """GB 5084-2021 per irrigation sample with the point's crop; returns the points left unjudged (no crop)."""
    crop = sel["point_id"].map(lambda p: points[p].irrigation_crop)
    no_crop = {int(p) for p in sel.loc[crop == "", "point_id"].unique()}
    sel = sel[(crop != "").to_numpy() & sel["analyte"].isin(list(gb5084_codes())).to_numpy()]
    if sel.empty:
        return len(no_crop)
    smp = assess_gb5084(_numbers(sel, crop=crop[sel.index].to_numpy())).samples
    for r in smp.itertuples(index=False):
        meets = False if r.exceeds else (True if r.indeterminate_analytes == "" else None)
        deciding = r.exceeding_analytes or r.indeterminate_analytes
        sample_rows.append(("", False, meets, "", deciding[:300], str(WaterStandard.GB5084), int(r.sample_id)))
    return len(no_crop)


def _merge_samples(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per sample from the numeric and the qualitative assessment (worst class over both, §6.3).

    The class is the worst part's class; it is an upper bound unless an unbounded part reaches it.
    ``meets``: False if any part fails the target, True if every part meets it, else None. Columns
    ``sample_id, cls, bounded, meets, deciding``.
    """
    if len(parts) == 1:
        p = parts[0]
        return pd.DataFrame({"sample_id": p["sample_id"], "cls": p["class"].astype(str),
                             "bounded": p["class_is_upper_bound"].fillna(False).astype(bool),
                             "meets": p["meets_target"].astype(object).where(p["meets_target"].notna(), None),
                             "deciding": p["deciding_analytes"].fillna("")})
    f = pd.concat([pd.DataFrame({
        "sample_id": p["sample_id"].to_numpy(),
        "rank": p["class"].map(CLASS_RANK).fillna(0).to_numpy(dtype=int),
        "bounded": p["class_is_upper_bound"].fillna(False).to_numpy(dtype=bool),
        "meets": p["meets_target"].astype(object).where(p["meets_target"].notna(), None).to_numpy(),
        "deciding": p["deciding_analytes"].fillna("").to_numpy()}) for p in parts], ignore_index=True)
    f["up"] = f.groupby("sample_id", sort=False)["rank"].transform("max")
    top = f[(f["rank"] == f["up"])]
    names = {0: "not_screened"} | {v: k for k, v in CLASS_RANK.items()}
    rows = []
    for sid, g in f.groupby("sample_id", sort=False):
        t = top[top["sample_id"] == sid]
        m = list(g["meets"])
        meets = False if False in m else (True if all(x is True for x in m) else None)
        rows.append((sid, names[int(g["up"].iat[0])], bool(t["bounded"].all()) and int(g["up"].iat[0]) > 0,
                     meets, ";".join(sorted({x for v in t["deciding"] if v for x in v.split(";")}))))
    return pd.DataFrame(rows, columns=["sample_id", "cls", "bounded", "meets", "deciding"])


def _follow_ups(points: dict) -> dict:
    """A shallow point worse than its target raises a follow-up on the next aquifer down in its nest."""
    shallow = [p for p in points.values() if p.aquifer == Aquifer.PHREATIC or p.aquifer_order == 1]
    made = 0
    for p in shallow:
        FollowUp.objects.filter(point=p).delete()
        failing = Sample.objects.filter(point=p, meets_target=False).order_by("-date")[:1]
        for s in failing:
            below = None
            if p.nest:
                below = (MonitoringPoint.objects.filter(nest=p.nest, dataset=p.dataset,
                                                        aquifer_order__gt=p.aquifer_order or 1)
                         .order_by("aquifer_order").first())
            FollowUp.objects.create(point=p, sample=s, deeper_point=below, rule=FOLLOW_UP_RULE,
                                    status=FollowUpStatus.OPEN if below else FollowUpStatus.NO_DEEPER_POINT)
            made += 1
    return {"follow_ups": made}


def _limit(code: str, unit: str, target: str, standard: str):
    """The target class's upper limit of ``code`` in ``unit`` under ``standard`` (GB/T 14848 or GB 3838,
    river rows), None where the standard has no upper limit for it (GB 5084 limits depend on the crop)."""
    lim = {WaterStandard.GBT14848: gbt14848, WaterStandard.GB3838: gb3838}.get(standard)
    if lim is None:
        return None
    lim = lim()
    rows = [i for i, (c, body) in enumerate(zip(lim.codes, lim.water_body, strict=True))
            if c == code and body in ("all", "river")]
    if not rows or lim.direction[rows[0]] != "upper_limit":
        return None
    i = rows[0]
    bound = lim.bounds[i, ROMAN.index(target)]
    f = _factor(lim.units[i].split("或")[0], unit)
    return None if np.isnan(f) or not np.isfinite(bound) else float(bound * f)


def _stats(df: pd.DataFrame, points: dict) -> dict:
    """Mann–Kendall/Sen/MAROS trends, Kaplan–Meier mean and anomaly flags per point × analyte.

    One value per sampling date (the highest when a date has several); anomaly rules run on series with at
    least :data:`MIN_ANOMALY_N` values and one detect (no rule can fire otherwise).
    """
    num, excluded = _one_unit_per_series(df[df["catalogued"] & df["value"].notna() & (df["qc_type"] == "normal")])
    num = (num.sort_values("value", ascending=False).drop_duplicates(["point_id", "analyte", "date"])
           .sort_values(["point_id", "analyte", "date"]).reset_index(drop=True))
    PointAnalyteStat.objects.filter(point_id__in=list(points)).delete()
    if num.empty:
        return {"series": 0}
    # Class deterioration is defined only where the analyte has a GB/T 14848 class: its own result's class
    # (a class bounded by a detection limit is not known, so it cannot deteriorate).
    result_class = {pk: CLASS_RANK.get(label, np.nan) for pk, label in
                    Result.objects.filter(point_id__in=list(points), class_bounded=False)
                    .exclude(class_label="").values_list("pk", "class_label")}
    rank = num["id"].map(lambda r: result_class.get(r, np.nan)).to_numpy(dtype=float)
    classed = {WaterStandard.GBT14848: set(gbt14848().codes), WaterStandard.GB3838: set(gb3838().codes)}
    key = num["point_id"].astype(str) + "\x1f" + num["analyte"]
    starts = np.flatnonzero(np.r_[True, key.to_numpy()[1:] != key.to_numpy()[:-1]])
    ends = np.r_[starts[1:], len(num)]
    x_all = num["value"].to_numpy(dtype=float)
    c_all = (num["qualifier"] == "<").to_numpy()
    d_all = pd.to_datetime(num["date"]).to_numpy(dtype="datetime64[D]")
    t_all = trends.decimal_years(d_all)
    pid_all, code_all, unit_all = num["point_id"].to_numpy(), num["analyte"].to_numpy(), num["unit"].to_numpy()
    reported_all = num["unit_reported"].to_numpy()
    mk_s, mk_p, sen, verdict = _trends(starts, ends, x_all, c_all, t_all)
    rows = []
    limits: dict[tuple, float | None] = {}
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        pid, code, unit = int(pid_all[a]), code_all[a], unit_all[a]
        x, c = x_all[a:b], c_all[a:b]
        target = _target(points[pid])
        std = water_standard(points[pid].kind, points[pid].water_standard)
        if (code, unit, target, std) not in limits:
            limits[(code, unit, target, std)] = _limit(code, unit, target, std)
        limit = limits[(code, unit, target, std)]
        mean, method = None, ""
        if (~c).sum() >= 2:
            try:
                summ = stats.summarize(x, c, method="kaplan_meier")
                mean, method = summ.mean, summ.method
            except ValueError:
                mean, method = None, ""
        if b - a >= MIN_ANOMALY_N and (~c).any():
            flags = anomaly.anomaly_flags(d_all[a:b], x, c, limit=limit,
                                          class_rank=rank[a:b] if code in classed.get(std, ()) else None)
            defined = [r for r in anomaly.RULES if (r != "class_deterioration" or code in classed.get(std, ()))
                       and (r != "new_exceedance" or limit is not None)]
            anomalies = {"latest": {r: bool(flags[r].iat[-1]) for r in defined},
                         "any": {r: bool(flags[r].any()) for r in defined}}
        else:
            anomalies = {"latest": {}, "any": {}, "note": f"not evaluated: fewer than {MIN_ANOMALY_N} values "
                                                           "or no detect"}
        exceed = (x > limit) & ~c if limit is not None else np.zeros(len(x), bool)
        rows.append(PointAnalyteStat(
            point_id=pid, analyte=code, unit=unit, n=int(b - a), n_nondetect=int(c.sum()),
            first_date=d_all[a].item(), last_date=d_all[b - 1].item(), latest_value=float(x[-1]),
            latest_qualifier="<" if c[-1] else "", max_value=float(np.max(x)), mean=mean, mean_method=method,
            mk_s=_num(mk_s[i]), mk_p=_num(mk_p[i]), sen_slope=_num(sen[i]), trend=str(verdict[i]), limit=limit,
            exceeds_latest=bool(exceed[-1]) if limit is not None else None, n_exceedances=int(exceed.sum()),
            anomalies=anomalies,
            parameters={"trend": "Mann-Kendall + Sen + MAROS verdict (soilgw.assessment.trends.analyze_trends)",
                        "alpha": 0.05, "min_n_test": trends.MIN_N_TEST,
                        "min_n_verdict": trends.MIN_N_VERDICT, "rule": trends.TREND_RULE, "mean": method or "none (<2 detects)",
                        "limit": f"{std} class {target}" if limit is not None else "",
                        "anomaly": "soilgw.assessment.anomaly.anomaly_flags (default AnomalyConfig)",
                        "unit_conversions": _conversions(reported_all[a:b], unit)
                        + excluded.get((pid, code), [])},
        ))
    PointAnalyteStat.objects.bulk_create(rows, batch_size=2000)
    return {"series": len(rows)}


def _series_unit(code: str, units: pd.Series) -> str:
    """The unit a point's series of ``code`` is evaluated in: the GB/T 14848 table unit when the analyte has
    one and the series' units convert to it, else the unit most of the series is reported in."""
    lim = gbt14848()
    if code in lim.codes:
        table = lim.units[lim.codes.index(code)].split("或")[0]
        if all(np.isfinite(_factor(u, table)) for u in units.unique()):
            return table
    return str(units.value_counts().index[0])


def _one_unit_per_series(num: pd.DataFrame) -> pd.DataFrame:
    """Convert results reported in different units within one point × analyte series to one unit.

    Statistics, trends and exceedance counts of a mixed series (0.5 mg/L next to 20 μg/L) are wrong unless
    the values share a unit (conversion by :func:`soilgw.standards.units.conversion_factor`). Rows whose unit
    cannot be converted (another dimension) are left out of the series and counted in ``excluded``.

    Returns ``(frame, excluded)``: the frame with ``unit_reported`` (the stored unit of each row) and
    ``value``/``unit`` converted; ``excluded[(point_id, analyte)]`` the units left out with their counts.
    """
    num = num.assign(unit_reported=num["unit"])
    mixed = num.groupby(["point_id", "analyte"])["unit"].transform("nunique") > 1
    if not mixed.any():
        return num, {}
    sub = num[mixed]
    target = sub.groupby(["point_id", "analyte"])["unit"].transform(
        lambda u: _series_unit(str(sub.loc[u.index[0], "analyte"]), u))
    pairs = {(a, b): _factor(a, b) for a, b in set(zip(sub["unit"], target, strict=True))}
    factor = np.array([pairs[(a, b)] for a, b in zip(sub["unit"], target, strict=True)])
    ok = np.isfinite(factor)
    num.loc[sub.index[ok], "value"] = sub["value"].to_numpy()[ok] * factor[ok]
    num.loc[sub.index[ok], "unit"] = target.to_numpy()[ok]
    bad = sub[~ok]
    excluded = {k: [f"{n} results in {u} left out: not convertible to {t}" for (u, t), n in
                    g.assign(t=target[~ok]).groupby(["unit", "t"]).size().items()]
                for k, g in bad.groupby(["point_id", "analyte"])}
    return num.drop(index=bad.index), excluded


def _conversions(units_reported: np.ndarray, unit: str) -> list[str]:
    """``["20 results μg/L → mg/L × 0.001"]`` for the rows of one series that were converted."""
    out = []
    for u, n in zip(*np.unique(units_reported, return_counts=True), strict=True):
        if u != unit:
            out.append(f"{n} results {u} → {unit} × {_factor(str(u), unit):g}")
    return out


def _trends(starts, ends, x_all, c_all, t_all):
    """Mann–Kendall S and p, Sen slope and MAROS verdict per series, vectorized per length class.

    Series are padded to the next power of two of their length (at least 2: the core needs a pair column),
    so a few long series do not make every row as wide as the longest (the pair work grows with width²).
    """
    m = len(starts)
    mk_s, mk_p, sen = np.full(m, np.nan), np.full(m, np.nan), np.full(m, np.nan)
    verdict = np.empty(m, dtype=object)
    lengths = ends - starts
    width_of = 2 ** np.ceil(np.log2(np.maximum(lengths, 2))).astype(int)
    for width in np.unique(width_of):
        idx = np.flatnonzero(width_of == width)
        vals = np.full((len(idx), width), np.nan)
        cens = np.zeros((len(idx), width), dtype=bool)
        times = np.full((len(idx), width), np.nan)
        for row, i in enumerate(idx):
            a, b = starts[i], ends[i]
            vals[row, : b - a], cens[row, : b - a], times[row, : b - a] = x_all[a:b], c_all[a:b], t_all[a:b]
        pad = np.isnan(times)  # padding after each series: NaN values at later, increasing times
        times[pad] = np.nanmax(t_all) + 1 + np.cumsum(pad, axis=1)[pad]
        res = trends.analyze_trends(vals, times, cens)
        mk_s[idx], mk_p[idx], sen[idx] = res.mann_kendall.s, res.mann_kendall.p, res.sen.slope
        verdict[idx] = np.asarray(res.verdict.verdict, dtype=object)
    return mk_s, mk_p, sen, verdict


def _num(x) -> float | None:
    x = float(x)
    return None if np.isnan(x) else x
