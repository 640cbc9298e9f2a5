"""Single-indicator classes I–V for water-quality class tables (GB/T 14848-2017, GB 3838-2002).

Shared by :mod:`groundwater` and :mod:`surface_water`. Where several classes print the same limit the
better class applies (GB/T 14848-2017 §6.2, 从优不从劣): the class is the first whose bound holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from soilgw.assessment import compare as cmp
from soilgw.assessment._batch import (
    InputError,
    Prepared,
    analyte_labels,
    factors_to,
    labels,
    nullable_bool,
    per_sample_all,
    per_sample_max,
    per_sample_names,
    result_frame,
    with_equivalents,
)
from soilgw.standards.limits import ROMAN, ClassLimits, in_intervals

WORSE_THAN_V = "worse_than_V"
CLASS_LABELS = (*ROMAN, WORSE_THAN_V)
DIRECTIONS = ("upper_limit", "lower_limit", "range", "qualitative", "temperature_change")
QUALITATIVE = DIRECTIONS.index("qualitative")
_QUALITATIVE = {"无": 1, "none": 1, "no": 1, "有": 5, "yes": 5, "present": 5}


def class_number(text: str) -> int:
    """``"III"``/``"Ⅲ"``/``"3"`` → 3; raises ValueError listing the valid spellings."""
    t = str(text).strip().upper().replace("Ⅰ", "I").replace("Ⅱ", "II").replace("Ⅲ", "III")
    t = t.replace("Ⅳ", "IV").replace("Ⅴ", "V").removesuffix("类").removeprefix("CLASS").strip()
    if t in ROMAN:
        return ROMAN.index(t) + 1
    if t.isdigit() and 1 <= int(t) <= 5:
        return int(t)
    raise ValueError(f"unknown class {text!r}; use I, II, III, IV or V")


@dataclass(frozen=True)
class ClassAssessment:
    """Result of a class-table assessment: per-result ``results``, per-sample ``samples``, options used."""

    results: pd.DataFrame
    samples: pd.DataFrame
    standard: str
    method: str
    parameters: dict

    @property
    def not_screened(self) -> pd.DataFrame:
        """Rows the table could not class, with the reason in ``note``."""
        return self.results[self.results["result_status"] == cmp.NOT_SCREENED]


def _row_index(lim: ClassLimits, water_body: str) -> dict[str, int]:
    out = {}
    for i, (code, body) in enumerate(zip(lim.codes, lim.water_body, strict=True)):
        if body in ("all", water_body):
            out[code] = i
    return out


def assess_classes(prep: Prepared, lim: ClassLimits, *, standard: str, clause: str, target: str,
                   comparison: str, water_body: str = "all", n_classes: int = 5) -> ClassAssessment:
    """Class every result of ``prep`` with table ``lim`` (see module docstring for the rules)."""
    f = prep.frame
    n = len(f)
    target_n = class_number(target)
    index = _row_index(lim, water_body)
    prep, stoich, notes = with_equivalents(prep, index)
    factor, reason = factors_to(prep, {c: lim.units[i] for c, i in index.items()})
    factor = factor * stoich
    ti = prep.per_analyte(index, -1)
    safe = np.where(ti < 0, 0, ti)
    direction = prep.per_analyte({c: DIRECTIONS.index(lim.direction[i]) for c, i in index.items()}, -1)
    measured = f["measured"].to_numpy()
    qual_dim = direction == QUALITATIVE
    screened = measured & (~np.isnan(factor) | (qual_dim & (ti >= 0)))
    temp = direction == DIRECTIONS.index("temperature_change")
    screened &= ~temp
    notes.add(~screened, reason)
    notes.set(~measured, "not measured")
    notes.set(temp, "the standard limits the man-made temperature change, not one reading")
    lake_only = (ti < 0) & prep.per_analyte({c: True for c, b in zip(lim.codes, lim.water_body, strict=True)
                                             if b == "lake"}, False)
    notes.set(lake_only, "limit applies to lakes and reservoirs only (water_body=lake)")

    value = f["value"].to_numpy() * np.where(screened, np.nan_to_num(factor, nan=1.0), np.nan)
    qual = prep.qual_code
    cls = np.zeros(n, dtype=np.int8)
    n_bounds = n_classes - 1  # GB/T 14848 prints bounds of I–IV (V is "above IV"); GB 3838 of I–V

    rounded = comparison == "rounded_value"
    up = screened & (direction == DIRECTIONS.index("upper_limit"))
    if up.any():
        above = np.zeros(n, dtype=np.int8)
        for j in range(n_bounds):
            with np.errstate(invalid="ignore"):
                above += cmp.exceeds(value, lim.bounds[safe, j], method=comparison,
                                     decimals=lim.decimals[safe, j] if rounded else None).astype(np.int8)
        cls = np.where(up, 1 + above, cls)
        nd_first = lim.not_detected_class[safe, 0] & up & (qual == 1)
        cls = np.where(nd_first, 1, cls)
    low = screened & (direction == DIRECTIONS.index("lower_limit"))
    if low.any():
        below = np.zeros(n, dtype=np.int8)
        for j in range(n_bounds):
            with np.errstate(invalid="ignore"):
                below += (value < lim.bounds[safe, j]).astype(np.int8)
        cls = np.where(low, 1 + below, cls)
    rng = screened & (direction == DIRECTIONS.index("range"))
    for i in np.unique(ti[rng]):
        rows = rng & (ti == i)
        found = np.zeros(rows.sum(), dtype=np.int8)
        for j in reversed(range(5)):
            found = np.where(in_intervals(value[rows], lim.ranges[i][j]), j + 1, found)
        cls[rows] = np.where(found == 0, 6, found)  # outside every printed range
    if qual_dim.any():
        q = screened & qual_dim
        text = [str(t).strip().lower() for t in f["value_reported"].to_numpy()[q]]
        mapped = np.array([_QUALITATIVE.get(t, 0) for t in text], dtype=np.int8)
        if (mapped == 0).any():
            bad = int(np.flatnonzero(mapped == 0)[0])
            pos = int(np.flatnonzero(q)[bad])
            raise InputError(f"qualitative indicator needs 无 or 有, got {text[bad]!r}", int(f["_row"].iat[pos]),
                             "value")
        cls[q] = mapped
    nd_no_dl = screened & ~qual_dim & np.isnan(value)
    cls = np.where(nd_no_dl, n_classes, cls)
    uncertain = screened & (((qual == 1) & (cls > 1)) | nd_no_dl | (qual == 2))
    cls_max = n_classes
    # Bounds of the true class: a non-detect lies anywhere from I up to the class of its detection limit;
    # a ">x" result from the class of x up to the worst class.
    certain = np.where(screened & (qual == 1), 1, cls)
    possible = np.where(screened & (qual == 2), cls_max, cls)

    exceed = screened & (certain > target_n)
    undecided = screened & ~exceed & (possible > target_n)
    status = np.select([~screened, undecided, exceed], [4, 3, 1], default=0).astype(np.int8)
    tb = np.where(up, lim.bounds[safe, target_n - 1], np.nan)
    detect = screened & (qual == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(detect, value / tb, np.nan)
    notes.set(nd_no_dl, "non-detect without a detection limit")
    verified = np.append(lim.verified, True)[ti]
    results = result_frame(prep, {
        "value_std": value,
        "unit_std": analyte_labels(prep, {c: lim.units[i] for c, i in index.items()}, screened),
        "class": labels(np.where(screened, cls, 0).astype(np.int16) - 1, CLASS_LABELS),
        "class_is_upper_bound": nullable_bool(uncertain, ~screened),
        "target_class": ROMAN[target_n - 1],
        "screening_value": tb,
        "ratio_screening": ratio,
        "exceeds_screening": nullable_bool(exceed, ~screened | undecided),
        "meets_target": nullable_bool(~exceed & screened, ~screened | undecided),
        "result_status": labels(status, cmp.STATUSES),
        "table": analyte_labels(prep, {c: lim.tables[i] for c, i in index.items()}, screened),
        "item_no": analyte_labels(prep, {c: lim.item_no[i] for c, i in index.items()}, screened),
        "value_verified": nullable_bool(verified, ~screened),
        "note": notes.categorical(),
    }, standard=standard, clause=clause, method=comparison)
    samples = _samples(prep, results, possible, certain, target_n, standard)
    params = {"target_class": ROMAN[target_n - 1], "comparison": comparison, "water_body": water_body}
    return ClassAssessment(results, samples, standard, comparison, params)


def _samples(prep, results, possible, certain, target_n, standard) -> pd.DataFrame:
    """Overall class per sample (GB/T 14848-2017 §6.3: the worst single-indicator class).

    A non-detect is bounded by the class of its detection limit, so the overall class is the best class every
    value — detected, or bounded by its limit — is known to meet: the worst of those upper-bound classes, with
    ``class_is_upper_bound`` True when a bound (not a detect) sets it ("≤ class X because of the detection
    limit"). ``meets_target`` is True when every upper bound is within the target, False when a detect is
    worse, else NA.
    """
    worst, worst_possible = per_sample_max(prep, certain), per_sample_max(prep, possible)
    names = np.array(["not_screened", *CLASS_LABELS], dtype=object)
    out = pd.DataFrame({"sample_id": prep.sample_uniques})
    out["class"] = names[worst_possible]
    out["class_is_upper_bound"] = pd.array(worst_possible > worst, dtype="boolean")
    meets = pd.array((worst > 0) & (worst_possible <= target_n), dtype="boolean")
    meets[((worst_possible > target_n) & (worst <= target_n)) | (worst == 0)] = pd.NA
    out["meets_target"] = meets
    out["target_class"] = ROMAN[target_n - 1]
    status = results["result_status"].cat.codes.to_numpy()
    setting = (possible > 0) & (possible == worst_possible[prep.sample_index])
    out["deciding_analytes"] = per_sample_names(prep, setting)
    out["analytes_worse_than_target"] = per_sample_names(prep, status == cmp.STATUSES.index(cmp.EXCEEDS_SCREENING))
    out["indeterminate_analytes"] = per_sample_names(prep, status == cmp.STATUSES.index(cmp.INDETERMINATE))
    out["has_duplicates"] = ~per_sample_all(prep, ~prep.frame["duplicate"].to_numpy())
    out["values_verified"] = per_sample_all(prep, results["value_verified"].fillna(True).to_numpy(dtype=bool))
    out["standard"] = standard
    return out
