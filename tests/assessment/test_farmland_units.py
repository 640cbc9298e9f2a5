"""Unit classification from soil points and co-monitored crops, under versioned rule sets.

Thresholds used by the hand cases (all for paddy soil at pH ≤ 5.5 and paddy rice):
GB 15618-2018 Table 1, Cd 水田 pH≤5.5 screening value 0.3 mg/kg; Table 3, Cd pH≤5.5 intervention value 1.5 mg/kg;
GB 2762-2022 Table 2, Cd in 稻谷 (judged as brown rice) 0.2 mg/kg.
So soil Cd 0.2 → level I, 0.5 → II, 2.0 → III; rice Cd 0.1 complies, 0.3 exceeds (ratio 1.5).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from soilgw.assessment.farmland_units import (
    available_rule_sets,
    classify_units,
    load_rule_set,
    rule_set_from_dict,
)

DATA = Path(__file__).resolve().parents[2] / "data"


def _soil(rows, ph=5.0):
    return pd.DataFrame([{"sample_id": s, "analyte": "Cd", "value": v, "unit": "mg/kg", "ph": ph} for s, v in rows])


@pytest.fixture
def case():
    soil = _soil([("a1", 0.2), ("a2", 0.5), ("a3", 2.0), ("b1", 0.2), ("b2", 0.25), ("b3", 0.5)])
    soil_units = pd.DataFrame({"sample_id": ["a1", "a2", "a3", "b1", "b2", "b3"],
                               "unit_id": ["A"] * 3 + ["B"] * 3, "area_weight": [1, 1, 1, 1, 1, 5]})
    units = pd.DataFrame({"unit_id": ["A", "B", "C"], "land_use": ["paddy"] * 3})
    return soil, soil_units, units


def _cats(result):
    return dict(zip(result.units["unit_id"], result.units["category"], strict=True))


@pytest.mark.parametrize(("aggregation", "expected"), [
    ("worst", {"A": "strict_control", "B": "safe_utilization"}),
    # A: one point per level, a tie → the worse level; B: I, I, II → I.
    ("majority", {"A": "strict_control", "B": "priority_protection"}),
    # B: weights 1 + 1 on level I against 5 on level II → II.
    ("area_share", {"A": "strict_control", "B": "safe_utilization"}),
])
def test_aggregation(case, aggregation, expected):
    rule = dataclasses.replace(load_rule_set("soilgw_worst_v1"), aggregation=aggregation)
    res = classify_units(*case, rule)
    cats = _cats(res)
    assert {k: cats[k] for k in "AB"} == expected
    assert cats["C"] == "no_data"
    u = res.units.set_index("unit_id")
    assert (u.loc["A", ["n_level_I", "n_level_II", "n_level_III"]] == [1, 1, 1]).all()
    assert set(res.units["rule_set_id"]) == {"soilgw_worst"} and set(res.units["rule_set_version"]) == {"1"}


def test_default_rule_set_is_worst_without_crop_adjustment():
    rule = load_rule_set()
    assert (rule.id, rule.version, rule.aggregation) == ("soilgw_worst", "1", "worst")
    assert rule.classification_elements == ("cd", "hg", "as", "pb", "cr")
    assert not rule.crop_adjustment.enabled
    assert {p["status"] for p in rule.provenance} >= {"verified", "unverified"}
    assert {"soilgw_worst_v1", "example_crop_adjust_v1"} <= set(available_rule_sets())


def test_crop_adjustment_example_rules(case):
    soil, soil_units, units = case
    crops = pd.DataFrame({"sample_id": [f"r{i}" for i in range(1, 9)], "analyte": "Cd",
                          "value": [0.1, 0.1, 0.3, 0.1, 0.1, 0.1, 0.3, 0.3], "unit": "mg/kg", "crop": "稻谷"})
    crop_units = pd.DataFrame({"sample_id": crops["sample_id"], "unit_id": ["A"] * 3 + ["B"] * 3 + ["C"] * 2})
    res = classify_units(soil, soil_units, units, "example_crop_adjust_v1", crops=crops, crop_units=crop_units)
    u = res.units.set_index("unit_id")
    # A: strict_control with 2 of 3 rice samples ≤ 0.2 → share 0.667 ≥ 0.65 → safe_utilization.
    assert u.loc["A", "soil_category"] == "strict_control" and u.loc["A", "category"] == "safe_utilization"
    assert u.loc["A", "crop_compliant_share"] == pytest.approx(2 / 3)
    assert u.loc["A", "max_crop_ratio"] == pytest.approx(1.5)
    # B: safe_utilization with every rice sample compliant → priority_protection.
    assert u.loc["B", "category"] == "priority_protection"
    assert u.loc["C", "category"] == "no_data" and u.loc["C", "n_crop_samples"] == 2
    # One more exceeding sample in A: share 1/3 < 0.65 → stays strict_control.
    crops.loc[1, "value"] = 0.3
    res = classify_units(soil, soil_units, units, "example_crop_adjust_v1", crops=crops, crop_units=crop_units)
    assert _cats(res)["A"] == "strict_control"
    # Two crop samples only (< min_crop_samples 3): the soil category is kept.
    few = crops[crops["sample_id"].isin(["r1", "r2"])]
    res = classify_units(soil, soil_units, units, "example_crop_adjust_v1", crops=few, crop_units=crop_units)
    assert _cats(res)["A"] == "strict_control"
    assert "fewer than 3 crop samples" in res.units.set_index("unit_id").loc["A", "adjustment"]


def test_unit_without_points_uses_interpolated_estimate(case):
    soil, soil_units, units = case
    # pH 6.0 (5.5 < pH ≤ 6.5): paddy Cd screening value 0.4 (Table 1) → 0.35 is level I, 0.45 level II.
    for cd, expected in ((0.35, "priority_protection"), (0.45, "safe_utilization")):
        est = pd.DataFrame({"cd": [cd], "ph": [6.0]}, index=["C"])
        u = classify_units(soil, soil_units, units, estimates=est).units.set_index("unit_id")
        assert (u.loc["C", "basis"], u.loc["C", "category"]) == ("estimate", expected)
    with pytest.raises(ValueError, match="need a 'ph' column"):
        classify_units(soil, soil_units, units, estimates=pd.DataFrame({"cd": [0.1]}, index=["C"]))


def test_input_errors(case):
    soil, soil_units, units = case
    with pytest.raises(ValueError, match="soil sample 'a3' has no unit"):
        classify_units(soil, soil_units[soil_units.sample_id != "a3"], units)
    with pytest.raises(ValueError, match="pass crops and crop_units"):
        classify_units(soil, soil_units, units, "example_crop_adjust_v1")
    with pytest.raises(ValueError, match="needs soil_units.area_weight"):
        classify_units(soil, soil_units.drop(columns="area_weight"), units,
                       dataclasses.replace(load_rule_set(), aggregation="area_share"))
    with pytest.raises(KeyError, match="no farmland rule set 'nope'; shipped: "):
        load_rule_set("nope")
    data = {"id": "x", "version": "1", "point_level": {"classification_elements": ["cd"]},
            "unit_level": {"aggregation": "mean"}}
    with pytest.raises(ValueError, match="unknown aggregation 'mean'; valid: worst, majority, area_share"):
        rule_set_from_dict(data)
    data["unit_level"]["aggregation"] = "worst"
    data["crop_adjustment"] = {"enabled": True, "min_samples": 3}
    with pytest.raises(ValueError, match="unknown crop_adjustment key"):
        rule_set_from_dict(data)
    with pytest.raises(ValueError, match="lacks or mis-types"):
        rule_set_from_dict({"id": "x"})


def test_real_cropland_points_on_sample_grid():
    # china_cropland_cd: 136 co-monitored sites (soil Cd, pH, rice-grain Cd). Sample units (示例): 5 km grid
    # cells in EPSG:4546. Expected levels recomputed here from the printed GB 15618-2018 Cd rows:
    # Table 1 paddy 0.3/0.4/0.6/0.8, other 0.3/0.3/0.3/0.6; Table 3 1.5/2.0/3.0/4.0 by pH bin.
    from pyproj import Transformer
    d = pd.read_csv(DATA / "china_cropland_cd" / "pri_Cd_data.csv", skiprows=[0, 1])
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:4546", always_xy=True).transform(d.X.to_numpy(), d.Y.to_numpy())
    cell = (np.floor(x / 5000).astype(int).astype(str) + "_" + np.floor(y / 5000).astype(int).astype(str))
    d["sample_id"] = [f"s{i}" for i in range(len(d))]
    soil = pd.DataFrame({"sample_id": d.sample_id, "analyte": "Cd", "value": d.SoilCdtot, "unit": "mg/kg",
                         "ph": d.pH, "land_use": d.land_use})
    soil_units = pd.DataFrame({"sample_id": d.sample_id, "unit_id": cell})
    units = pd.DataFrame({"unit_id": sorted(set(cell)), "land_use": "paddy"})
    res = classify_units(soil, soil_units, units)
    b = np.searchsorted([5.5, 6.5, 7.5], d.pH.to_numpy(), side="left")
    s = np.where(d.land_use == "Paddy", np.array([0.3, 0.4, 0.6, 0.8])[b], np.array([0.3, 0.3, 0.3, 0.6])[b])
    g = np.array([1.5, 2.0, 3.0, 4.0])[b]
    level = np.where(d.SoilCdtot > g, 3, np.where(d.SoilCdtot > s, 2, 1))
    expected = pd.Series(level).groupby(cell).max().map({1: "priority_protection", 2: "safe_utilization",
                                                         3: "strict_control"})
    got = res.units.set_index("unit_id")["category"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)
    assert res.units["n_points"].sum() == len(d)
    # Crop adjustment on the same cells, rice grain Cd against 0.2 mg/kg (GB 2762-2022 Table 2).
    paddy = d[d.land_use == "Paddy"].dropna(subset=["RiceCd"])
    crops = pd.DataFrame({"sample_id": paddy.sample_id, "analyte": "Cd", "value": paddy.RiceCd, "unit": "mg/kg",
                          "crop": "rice"})
    crop_units = soil_units[soil_units.sample_id.isin(paddy.sample_id)]
    adj = classify_units(soil, soil_units, units, "example_crop_adjust_v1", crops=crops, crop_units=crop_units)
    compliant = (paddy.RiceCd <= 0.2).groupby(cell[paddy.index]).sum()
    u = adj.units.set_index("unit_id")
    np.testing.assert_array_equal(u.loc[compliant.index, "n_crop_compliant"], compliant.to_numpy())


def test_sinu_estimates_at_sample_points_match_point_categories():
    # Sinú floodplain, surface samples of the dry season (25 points with pH, Cd, Cr, Hg, Pb). Assumption recorded
    # here: land use "other" (the dataset gives none). Exact kriging reproduces every element and the pH at the
    # sample locations, so a unit classified from kriged estimates there must get the point's own category.
    from pyproj import Transformer

    from soilgw.assessment.spatial_solvers import inverse_distance_weighting
    d = pd.read_csv(DATA / "sinu_river_floodplain_soil_metals" / "all-measurements.csv")
    d = d[(d.Position == "surface") & (d.Season == "dry")].reset_index(drop=True)
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:32618", always_xy=True).transform(d.Longitude.to_numpy(),
                                                                                     d.Latitude.to_numpy())
    samples = pd.DataFrame({"x": x, "y": y, "cd": d.Cd, "cr": d.Cr, "hg": d.Hg, "pb": d.Pb, "ph": d.pH})
    targets = pd.DataFrame({"x": x, "y": y}, index=[f"E{loc}" for loc in d.Location])
    results = {c: inverse_distance_weighting(x, y, samples[c], targets.x, targets.y) for c in ["cd", "cr", "hg", "pb", "ph"]}
    pred = pd.DataFrame({c: r.prediction for c, r in results.items()}, index=targets.index)
    units = pd.DataFrame({"unit_id": list(targets.index) + [f"P{loc}" for loc in d.Location], "land_use": "other"})
    soil = pd.DataFrame({"sample_id": np.repeat(d.Location.to_numpy(), 4), "analyte": ["Cd", "Cr", "Hg", "Pb"] * 25,
                         "value": d[["Cd", "Cr", "Hg", "Pb"]].to_numpy().ravel(), "unit": "mg/kg",
                         "ph": np.repeat(d.pH.to_numpy(), 4)})
    soil_units = pd.DataFrame({"sample_id": d.Location, "unit_id": [f"P{loc}" for loc in d.Location]})
    res = classify_units(soil, soil_units, units, estimates=pred).units.set_index("unit_id")
    est = res.loc[[f"E{loc}" for loc in d.Location]]
    pts = res.loc[[f"P{loc}" for loc in d.Location]]
    assert (est["basis"] == "estimate").all() and (pts["basis"] == "points").all()
    np.testing.assert_array_equal(est["category"].to_numpy(), pts["category"].to_numpy())
    # Hg up to 3.9 mg/kg exceeds the screening values (dataset README), so some units leave priority_protection.
    assert (pts["category"] != "priority_protection").any()


def test_wide_soil_sheet_and_duplicate_assignment(case):
    _, soil_units, units = case
    wide = pd.DataFrame({"样品编号": ["a1", "a2", "a3", "b1", "b2", "b3"], "pH": 5.0,
                         "Cd (mg/kg)": [0.2, 0.5, 2.0, 0.2, 0.25, 0.5]})
    est = pd.DataFrame({"cd": [0.45], "ph": [6.0]}, index=["C"])
    cats = _cats(classify_units(wide, soil_units, units, estimates=est))
    assert cats == {"A": "strict_control", "B": "safe_utilization", "C": "safe_utilization"}
    dup = pd.concat([soil_units, soil_units.iloc[[0]].assign(unit_id="B")])
    with pytest.raises(ValueError, match="soil_units: sample 'a1' is assigned to more than one unit"):
        classify_units(wide, dup, units)


def test_meuse_without_ph_needs_a_recorded_assumption():
    # Meuse has no pH: an explicit assumption (pH 7.0, land use "other") is required and recorded. Expected levels
    # from the printed GB 15618-2018 values for 6.5 < pH ≤ 7.5, other land: Table 1 Cd 0.3, Pb 120 mg/kg;
    # Table 3 Cd 3.0, Pb 700 mg/kg.
    d = pd.read_csv(DATA / "meuse_soil_metals" / "meuse_skgstat.txt")
    d["sample_id"] = [f"m{i}" for i in range(len(d))]
    soil = pd.DataFrame({"sample_id": np.repeat(d.sample_id.to_numpy(), 2), "analyte": ["Cd", "Pb"] * len(d),
                         "value": d[["cadmium", "lead"]].to_numpy().ravel(), "unit": "mg/kg"})
    soil_units = pd.DataFrame({"sample_id": d.sample_id, "unit_id": d.sample_id})
    units = pd.DataFrame({"unit_id": d.sample_id, "land_use": "other"})
    with pytest.raises(ValueError, match="has no pH"):
        classify_units(soil, soil_units, units)
    res = classify_units(soil, soil_units, units, assumed_ph=7.0).units.set_index("unit_id")
    def level(c, s, g):
        return np.where(c > g, 3, np.where(c > s, 2, 1))
    expected = np.maximum(level(d.cadmium, 0.3, 3.0), level(d.lead, 120, 700))
    names = {1: "priority_protection", 2: "safe_utilization", 3: "strict_control"}
    assert res.loc[d.sample_id, "category"].tolist() == [names[v] for v in expected]
    assert res["ph_assumed"].all() and (res["assumed_ph"] == 7.0).all()
    with pytest.raises(ValueError, match="assumed_ph must lie in 0–14"):
        classify_units(soil, soil_units, units, assumed_ph=15)


def test_assumed_ph_never_overrides_a_measured_ph(case):
    with_assumption = classify_units(*case, assumed_ph=7.0)
    # At pH 7.0 (other bins) 0.5 mg/kg Cd in paddy would be level I (screening 0.6); measured pH 5.0 keeps II/III.
    assert _cats(with_assumption) == _cats(classify_units(*case))
    assert not with_assumption.units["ph_assumed"].any() and not with_assumption.points["ph_assumed"].any()
