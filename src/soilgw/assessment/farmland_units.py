"""Category of each farmland assessment unit from its soil points (GB 15618) and co-monitored crops (GB 2762).

The rules are a versioned rule set read from ``soilgw/standards/data/farmland_rules_<name>.yaml`` (or built from a
dict the platform stores): the classification elements and comparison of the point level, the aggregation of
point levels into the unit level (``worst``, ``majority``, ``area_share``) and an optional crop co-monitoring
adjustment with its parameters. The national guide's own aggregation and adjustment rules could not be verified
(shared/standards/notes/farmland_classification_rules.md §3–4), so each rule set carries its provenance and
every output row its rule-set id and version. Point levels come from :func:`soilgw.assessment.farmland.assess_gb15618`
and crop judgements from :func:`soilgw.assessment.crops.assess_gb2762` (paddy rice judged as brown rice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from soilgw.assessment._batch import canonical_columns, wide_to_long
from soilgw.assessment.crops import CropAssessment, assess_gb2762
from soilgw.assessment.farmland import CATEGORIES, FarmlandAssessment, assess_gb15618
from soilgw.standards.analytes import UnknownAnalyteError, lookup

_PACKAGE = "soilgw.standards.data"
RANK = {v: k for k, v in CATEGORIES.items()}  # priority_protection 1 … strict_control 3
CROP_KEYS = {"enabled", "standard", "min_crop_samples", "compliant_share", "serious_exceedance_ratio",
             "safe_to_priority_when_all_compliant", "priority_to_safe_on_exceedance"}


@dataclass(frozen=True)
class CropAdjustment:
    """Parameters of the crop co-monitoring adjustment (see the rule-set YAML files for their sources).

    Attributes
    ----------
    enabled : bool
    min_crop_samples : int
        Fewer crop samples in a unit keep the soil-based category.
    compliant_share : float [unitless]
        strict_control → safe_utilization when (compliant samples / samples) ≥ this and none exceeds seriously.
    serious_exceedance_ratio : float or None [unitless]
        Content / GB 2762 limit above which a sample exceeds seriously; None = never.
    safe_to_priority_when_all_compliant, priority_to_safe_on_exceedance : bool
    standard : str
    """

    enabled: bool = False
    min_crop_samples: int = 3
    compliant_share: float = 0.65
    serious_exceedance_ratio: float | None = None
    safe_to_priority_when_all_compliant: bool = True
    priority_to_safe_on_exceedance: bool = False
    standard: str = "GB 2762-2022"


@dataclass(frozen=True)
class RuleSet:
    """A versioned unit-classification rule set.

    Attributes
    ----------
    id, version, title : str
    title_zh : str
        The title in Chinese (``title_zh`` in the YAML; empty when not given).
    classification_elements : tuple of str
        Analyte codes whose worst level sets a point's level.
    comparison : {"full_value", "rounded_value"}
        GB/T 8170-2008 comparison method.
    aggregation : {"worst", "majority", "area_share"}
    crop_adjustment : CropAdjustment
    provenance : tuple of dict
        ``rule``, ``source``, ``status`` (verified / example / unverified) of each rule.
    """

    id: str
    version: str
    title: str
    classification_elements: tuple[str, ...]
    comparison: str
    aggregation: str
    crop_adjustment: CropAdjustment = field(default_factory=CropAdjustment)
    provenance: tuple = ()
    title_zh: str = ""


def rule_set_from_dict(data: dict, *, source: str = "dict") -> RuleSet:
    """Build and validate a :class:`RuleSet` from its YAML/dict form.

    Raises
    ------
    ValueError
        Missing key, unknown aggregation or crop-adjustment key, share outside [0, 1]; the message names ``source``.
    """
    try:
        point, unit = data["point_level"], data["unit_level"]
        crop = dict(data.get("crop_adjustment") or {})
        rs = RuleSet(str(data["id"]), str(data["version"]), str(data.get("title", "")),
                     tuple(str(e).lower() for e in point["classification_elements"]),
                     str(point.get("comparison", "full_value")), str(unit["aggregation"]),
                     CropAdjustment(**crop) if not (set(crop) - CROP_KEYS) else None,
                     tuple(data.get("provenance") or ()), title_zh=str(data.get("title_zh", "")))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{source}: rule set lacks or mis-types {exc}; needs id, version, "
                         "point_level.classification_elements, unit_level.aggregation") from None
    if rs.crop_adjustment is None:
        raise ValueError(f"{source}: unknown crop_adjustment key(s) {sorted(set(crop) - CROP_KEYS)}; "
                         f"valid: {sorted(CROP_KEYS)}")
    if rs.aggregation not in AGGREGATIONS:
        raise ValueError(f"{source}: unknown aggregation {rs.aggregation!r}; valid: {', '.join(AGGREGATIONS)}")
    if not 0.0 <= rs.crop_adjustment.compliant_share <= 1.0:
        raise ValueError(f"{source}: compliant_share must lie in [0, 1], got {rs.crop_adjustment.compliant_share}")
    return rs


def available_rule_sets() -> list[str]:
    """Names accepted by :func:`load_rule_set` (files ``farmland_rules_<name>.yaml``)."""
    root = resources.files(_PACKAGE)
    return sorted(p.name[len("farmland_rules_"):-len(".yaml")] for p in root.iterdir()
                  if p.name.startswith("farmland_rules_") and p.name.endswith(".yaml"))


def load_rule_set(name: str = "soilgw_worst_v1") -> RuleSet:
    """Load a shipped rule set by name (default: worst point, no crop adjustment).

    Raises
    ------
    KeyError
        Unknown name (the message lists the shipped ones).
    """
    if name not in available_rule_sets():
        raise KeyError(f"no farmland rule set {name!r}; shipped: {', '.join(available_rule_sets())}")
    path = resources.files(_PACKAGE) / f"farmland_rules_{name}.yaml"
    return rule_set_from_dict(yaml.safe_load(path.read_text(encoding="utf-8")), source=path.name)


# ------------------------------------------------------------------ aggregation of point levels into a unit level
def aggregate_worst(rank: pd.Series, unit: pd.Series, weight: pd.Series) -> pd.Series:
    """Unit rank = highest point rank (1 priority_protection … 3 strict_control)."""
    return rank.groupby(unit.to_numpy()).max()


def aggregate_majority(rank: pd.Series, unit: pd.Series, weight: pd.Series) -> pd.Series:
    """Unit rank = most frequent point rank; a tie goes to the worse rank."""
    return aggregate_area_share(rank, unit, pd.Series(1.0, index=rank.index))


def aggregate_area_share(rank: pd.Series, unit: pd.Series, weight: pd.Series) -> pd.Series:
    """Unit rank = rank with the largest summed ``area_weight`` of its points; a tie goes to the worse rank."""
    share = weight.groupby([unit.to_numpy(), rank.to_numpy()]).sum().unstack(fill_value=0.0)
    share = share[sorted(share.columns, reverse=True)]  # worse first: idxmax picks it on ties
    return share.idxmax(axis=1).astype(int)


AGGREGATIONS = {"worst": aggregate_worst, "majority": aggregate_majority, "area_share": aggregate_area_share}


@dataclass(frozen=True)
class UnitClassification:
    """Result of :func:`classify_units`.

    Attributes
    ----------
    units : DataFrame, one row per unit
        ``unit_id, basis`` (points / estimate / no_data), ``n_points, n_level_I, n_level_II, n_level_III,
        n_indeterminate, soil_category`` (from the points alone), with the crop adjustment ``n_crop_samples,
        n_crop_compliant, n_crop_serious, max_crop_ratio`` [content / GB 2762 limit], ``crop_compliant_share``,
        then ``category`` (final), ``adjustment`` (reason, "" if none), ``values_verified`` (False when a
        GB 15618 value used is unverified), ``ph_assumed``, ``assumed_ph``, ``rule_set_id, rule_set_version``.
    points : DataFrame, one row per soil point
        The GB 15618 sample table plus ``unit_id``, ``basis``, ``area_weight``, ``ph_assumed``.
    rule_set : RuleSet
    soil : FarmlandAssessment
    crops : CropAssessment or None
    """

    units: pd.DataFrame
    points: pd.DataFrame
    rule_set: RuleSet
    soil: FarmlandAssessment
    crops: CropAssessment | None = None


def estimates_to_results(estimates: pd.DataFrame, unit: str = "mg/kg") -> pd.DataFrame:
    """Long GB 15618 input rows from interpolated values at unit centroids.

    Parameters
    ----------
    estimates : DataFrame, index unit_id
        One column per analyte (catalogue name) [``unit``] and ``ph`` [unitless], as returned by
        :func:`soilgw.farmland.services.classify` builds it from
        :func:`soilgw.assessment.spatial.interpolate`.
    unit : str

    Returns
    -------
    DataFrame with ``sample_id`` = ``"<unit_id>#estimate"``, ``unit_id``, ``analyte``, ``value``, ``unit``, ``ph``.
    """
    if "ph" not in estimates.columns:
        raise ValueError("estimates need a 'ph' column: GB 15618 values depend on pH (never defaulted)")
    elems = [c for c in estimates.columns if c != "ph"]
    long = estimates[elems].rename_axis("unit_id").reset_index().melt(
        id_vars="unit_id", var_name="analyte", value_name="value")
    long["ph"] = long["unit_id"].map(estimates["ph"])
    long["sample_id"] = long["unit_id"].astype(str) + "#estimate"
    long["unit"] = unit
    return long


def _crop_table(crops, crop_units, rule: CropAdjustment):
    assessed = assess_gb2762(crops)
    ratio = assessed.results.groupby("sample_id", sort=False)["ratio_screening"].max()
    s = assessed.samples.set_index("sample_id")
    t = pd.DataFrame({"unit_id": crop_units.set_index("sample_id")["unit_id"].reindex(s.index)})
    if t["unit_id"].isna().any():
        raise ValueError(f"crop sample {t.index[t['unit_id'].isna()][0]!r} has no unit in crop_units")
    # An indeterminate sample is not shown compliant: it counts against compliance (conservative).
    t["compliant"] = ~s["exceeds"] & (s["indeterminate_analytes"] == "")
    t["serious"] = (ratio.reindex(s.index) > rule.serious_exceedance_ratio).to_numpy() \
        if rule.serious_exceedance_ratio is not None else False
    g = t.groupby("unit_id")
    table = pd.DataFrame({"n_crop_samples": g.size(), "n_crop_compliant": g["compliant"].sum(),
                          "n_crop_serious": g["serious"].sum(),
                          "max_crop_ratio": ratio.reindex(s.index).groupby(t["unit_id"].to_numpy()).max()})
    return table, assessed


def _adjust(soil_rank: pd.Series, crop: pd.DataFrame, rule: CropAdjustment) -> tuple[pd.Series, pd.Series]:
    n = crop["n_crop_samples"].reindex(soil_rank.index).fillna(0).astype(int)
    ok = crop["n_crop_compliant"].reindex(soil_rank.index).fillna(0)
    serious = crop["n_crop_serious"].reindex(soil_rank.index).fillna(0) > 0
    share = ok / n.where(n > 0)
    enough = n >= rule.min_crop_samples
    all_ok = enough & (ok == n)
    rank = soil_rank.copy()
    why = pd.Series("", index=soil_rank.index, dtype=object)
    why[soil_rank.notna() & ~enough] = f"fewer than {rule.min_crop_samples} crop samples: soil category kept"
    to_safe = (soil_rank == 3) & enough & (((share >= rule.compliant_share) & ~serious) | all_ok)
    rank[to_safe] = 2
    why[to_safe] = f"strict_control → safe_utilization: compliant share {rule.compliant_share:g} reached"
    if rule.safe_to_priority_when_all_compliant:
        down = (soil_rank == 2) & all_ok
        rank[down] = 1
        why[down] = "safe_utilization → priority_protection: every crop sample meets GB 2762"
    if rule.priority_to_safe_on_exceedance:
        up = (soil_rank == 1) & enough & (ok < n)
        rank[up] = 2
        why[up] = "priority_protection → safe_utilization: a crop sample exceeds GB 2762"
    return rank, why


def _apply_assumed_ph(soil: pd.DataFrame, assumed_ph: float | None) -> set:
    """Fill ``ph`` with ``assumed_ph`` (in place) for samples with no pH column value and no pH result row."""
    if assumed_ph is None:
        return set()
    if not 0.0 <= assumed_ph <= 14.0:
        raise ValueError(f"assumed_ph must lie in 0–14, got {assumed_ph!r}")
    codes = {}
    for a in soil["analyte"].dropna().unique():
        try:
            codes[a] = lookup(str(a)).code
        except UnknownAnalyteError:
            codes[a] = None  # reported with its row by the GB 15618 assessment
    with_row = set(soil.loc[soil["analyte"].map(codes) == "ph", "sample_id"])
    col = pd.to_numeric(soil["ph"], errors="coerce") if "ph" in soil.columns else pd.Series(np.nan, index=soil.index)
    need = col.isna() & ~soil["sample_id"].isin(with_row)
    soil["ph"] = col.where(~need, assumed_ph)
    return set(soil.loc[need, "sample_id"])


def classify_units(soil: pd.DataFrame, soil_units: pd.DataFrame, units: pd.DataFrame,
                   rule_set: RuleSet | str = "soilgw_worst_v1", *, crops: pd.DataFrame | None = None,
                   crop_units: pd.DataFrame | None = None, estimates: pd.DataFrame | None = None,
                   assumed_ph: float | None = None) -> UnitClassification:
    """Classify farmland assessment units into priority_protection / safe_utilization / strict_control.

    Parameters
    ----------
    soil : DataFrame
        Soil results in any form :func:`~soilgw.assessment.farmland.assess_gb15618` accepts [mg/kg], with pH.
        Without a ``land_use`` column each sample takes its unit's land use.
    soil_units : DataFrame
        ``sample_id, unit_id`` [+ ``area_weight`` [m² or mu], needed by ``area_share``].
    units : DataFrame
        ``unit_id, land_use`` (paddy, dryland, orchard, other, rotation) for every unit to classify.
    rule_set : RuleSet or str
        A rule set or the name of a shipped one (:func:`available_rule_sets`).
    crops, crop_units : DataFrame, optional
        Co-monitored crop results (``crop`` column; rice judged as brown rice) and ``sample_id, unit_id``.
        Used only when the rule set's crop adjustment is enabled.
    estimates : DataFrame, optional
        Interpolated values at unit centroids (index unit_id, analyte columns and ``ph``), used for units
        without their own soil point (``basis = "estimate"``).
    assumed_ph : float, optional [unitless]
        pH used for points (and estimates) that have none — for datasets without pH (Meuse, Swiss Jura). Never
        applied silently: the points and units it touched carry ``ph_assumed`` and the value is in
        ``units.assumed_ph``. Without it a missing pH is an error (GB 15618 values depend on pH).

    Returns
    -------
    UnitClassification

    Raises
    ------
    ValueError
        A sample without a unit, a unit without land use, missing ``area_weight`` for area_share, missing crop
        input when the adjustment is enabled, or any input error of the GB 15618 / GB 2762 assessment.

    References
    ----------
    GB 15618-2018 Tables 1–3; GB 2762-2022; 土壤污染防治行动计划 (2016) item (八);
    《农用地土壤环境质量类别划分技术指南（试行）》(2019, only partly retrieved — see the rule set's provenance).
    """
    rule = load_rule_set(rule_set) if isinstance(rule_set, str) else rule_set
    if "unit_id" not in units.columns or "land_use" not in units.columns:
        raise ValueError("units need columns unit_id and land_use")
    land = units.set_index("unit_id")["land_use"]
    if land.isna().any():
        raise ValueError(f"unit {land.index[land.isna()][0]!r} has no land_use")
    if rule.aggregation == "area_share" and "area_weight" not in soil_units.columns:
        raise ValueError("aggregation 'area_share' needs soil_units.area_weight (area each point represents)")
    for name, table in (("soil_units", soil_units), ("crop_units", crop_units)):
        if table is not None and table["sample_id"].duplicated().any():
            dup = table["sample_id"][table["sample_id"].duplicated()].iloc[0]
            raise ValueError(f"{name}: sample {dup!r} is assigned to more than one unit")
    sample_unit = soil_units.set_index("sample_id")["unit_id"]
    soil = canonical_columns(soil)
    if "analyte" not in soil.columns:  # wide sheet → long, so interpolated estimates can be appended
        soil = wide_to_long(soil).drop(columns=["_row", "_column"])
    soil["_unit"] = soil["sample_id"].map(sample_unit) if "sample_id" in soil.columns else np.nan
    if soil["_unit"].isna().any():
        raise ValueError(f"soil sample {soil['sample_id'][soil['_unit'].isna()].iloc[0]!r} has no unit in soil_units")
    basis = pd.Series("points", index=pd.unique(soil["_unit"]))
    if estimates is not None and "ph" not in estimates.columns and assumed_ph is not None:
        estimates = estimates.assign(ph=np.nan)  # filled with the recorded assumption below
    if estimates is not None:
        extra = estimates.loc[~estimates.index.isin(basis.index) & estimates.index.isin(land.index)]
        if len(extra):
            rows = estimates_to_results(extra)
            soil = pd.concat([soil, rows.rename(columns={"unit_id": "_unit"})], ignore_index=True)
            basis = pd.concat([basis, pd.Series("estimate", index=extra.index)])
            sample_unit = pd.concat([sample_unit, rows.drop_duplicates("sample_id").set_index("sample_id")["unit_id"]])
    if "land_use" not in soil.columns:
        soil["land_use"] = soil["_unit"].map(land)
    assumed = _apply_assumed_ph(soil, assumed_ph)
    assessed = assess_gb15618(soil.drop(columns="_unit"), classification_elements=rule.classification_elements,
                              comparison=rule.comparison)
    pts = assessed.samples.copy()
    pts["unit_id"] = pts["sample_id"].map(sample_unit)
    pts["basis"] = pts["unit_id"].map(basis)
    pts["ph_assumed"] = pts["sample_id"].isin(assumed)
    pts["area_weight"] = (pts["sample_id"].map(soil_units.set_index("sample_id")["area_weight"])
                          if "area_weight" in soil_units.columns else 1.0)
    pts.loc[pts["basis"] == "estimate", "area_weight"] = 1.0  # an estimate is the unit's only point
    if rule.aggregation == "area_share" and pts["area_weight"].isna().any():
        raise ValueError(f"soil sample {pts['sample_id'][pts['area_weight'].isna()].iloc[0]!r} has no area_weight")
    decided = pts["category"].isin(list(RANK))
    d = pts[decided]
    rank = AGGREGATIONS[rule.aggregation](d["category"].map(RANK), d["unit_id"], d["area_weight"])
    out = pd.DataFrame(index=pd.Index(land.index, name="unit_id"))
    out["basis"] = basis.reindex(out.index).fillna("no_data")
    out["n_points"] = pts.groupby("unit_id").size().reindex(out.index).fillna(0).astype(int)
    for lvl, r in (("I", 1), ("II", 2), ("III", 3)):
        out[f"n_level_{lvl}"] = (d["category"].map(RANK) == r).groupby(d["unit_id"]).sum().reindex(
            out.index).fillna(0).astype(int)
    out["n_indeterminate"] = (~decided).groupby(pts["unit_id"]).sum().reindex(out.index).fillna(0).astype(int)
    soil_rank = rank.reindex(out.index)
    out["soil_category"] = soil_rank.map(CATEGORIES).fillna("indeterminate").where(out["n_points"] > 0, "no_data")
    crop_assessed = None
    final, why = soil_rank, pd.Series("", index=out.index, dtype=object)
    if rule.crop_adjustment.enabled:
        if crops is None or crop_units is None:
            raise ValueError(f"rule set {rule.id} v{rule.version} adjusts by crop co-monitoring: pass crops and "
                             "crop_units")
        table, crop_assessed = _crop_table(crops, crop_units, rule.crop_adjustment)
        final, why = _adjust(soil_rank, table, rule.crop_adjustment)
        for col in table.columns:
            out[col] = table[col].reindex(out.index, fill_value=0 if col.startswith("n_") else np.nan)
        out["crop_compliant_share"] = out["n_crop_compliant"] / out["n_crop_samples"]
    out["category"] = final.map(CATEGORIES).fillna(out["soil_category"])
    out["adjustment"] = why.fillna("")
    out["values_verified"] = pts.groupby("unit_id")["values_verified"].all().reindex(out.index, fill_value=True)
    out["ph_assumed"] = pts.groupby("unit_id")["ph_assumed"].any().reindex(out.index, fill_value=False)
    out["assumed_ph"] = assumed_ph if assumed_ph is not None else np.nan
    out["rule_set_id"], out["rule_set_version"] = rule.id, rule.version
    return UnitClassification(out.reset_index(), pts, rule, assessed, crop_assessed)
