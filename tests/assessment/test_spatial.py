"""Guarded interpolation on synthetic inputs of each fault kind (duplicates, constant, all-ND, heavy tails,
negative-prone): no exception, nothing below 0 or above the bound without a warning, variances ≥ 0."""

from pathlib import Path

import gstools as gs
import numpy as np
import pandas as pd
import pytest

from soilgw.assessment.spatial import interpolate, merge_colocated

RNG = np.random.default_rng(17)
JURA = Path(__file__).resolve().parents[2] / "data" / "swiss_jura_soil_metals" / "jura_prediction_set.csv"


def grid_targets(n=21, size=1000.0):
    g = np.linspace(0.0, size, n)
    gx, gy = np.meshgrid(g, g)
    return np.column_stack([gx.ravel(), gy.ravel()])


def smooth_field(n=80, size=1000.0, seed=3):
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0.0, size, (n, 2))
    vals = 1.0 + 0.5 * np.sin(pts[:, 0] / 300.0) + 0.3 * np.cos(pts[:, 1] / 250.0) + rng.normal(0, 0.05, n)
    return pts, vals


def assert_sound(res):
    """The fault-test contract: variances ≥ 0 (where defined) and out-of-range values always warned about."""
    v = res.variance[np.isfinite(res.variance)]
    assert (v >= 0).all()
    p = res.prediction[np.isfinite(res.prediction)]
    if (p < 0).any():
        assert any("below 0" in w for w in res.warnings)
    if (p > res.upper_bound).any():
        assert any("plausibility bound" in w for w in res.warnings)


def test_colocated_duplicates_are_merged_and_reported():
    pts, vals = smooth_field()
    pts = np.vstack([pts, pts[:10] + 1e-3])  # ten exact-location repeats with different values
    vals = np.concatenate([vals, vals[:10] + 0.2])
    res = interpolate(pts, vals, grid_targets())
    assert res.n_input == 90 and res.n_used == 80
    assert any("10 location(s) with co-located samples" in w for w in res.warnings)
    assert np.isfinite(res.prediction).all()
    assert res.prediction.max() < 10 * vals.max()  # the unmerged system gave ±1e13
    assert_sound(res)


def test_merge_rules_mean_and_max():
    pts = np.array([[0.0, 0.0], [0.1, 0.0], [50.0, 50.0]])
    vals = np.array([1.0, 3.0, 5.0])
    _, mean, groups = merge_colocated(pts, vals, tolerance_m=0.5, rule="mean")
    _, high, _ = merge_colocated(pts, vals, tolerance_m=0.5, rule="max")
    assert groups == 1
    assert sorted(mean) == [2.0, 5.0] and sorted(high) == [3.0, 5.0]
    with pytest.raises(ValueError, match="duplicate_rule"):
        merge_colocated(pts, vals, tolerance_m=0.5, rule="median")


def test_constant_data_give_a_constant_surface_with_a_warning():
    pts, _ = smooth_field()
    res = interpolate(pts, np.full(len(pts), 0.2), grid_targets())
    assert res.method_used == "constant"
    assert np.array_equal(res.prediction, np.full(441, 0.2))
    assert (res.variance == 0).all()
    assert any("constant surface" in w for w in res.warnings)


def test_all_non_detects_are_not_interpolated():
    pts, _ = smooth_field()
    res = interpolate(pts, np.full(len(pts), 0.01), grid_targets(), censored=np.ones(len(pts), bool))
    assert res.method_used == "none"
    assert np.isnan(res.prediction).all()
    assert res.warnings == ("all values below the detection limit: not interpolated",)


def test_some_non_detects_follow_the_named_rule():
    pts, vals = smooth_field()
    cens = np.zeros(len(vals), bool)
    cens[:5] = True
    res = interpolate(pts, vals, grid_targets(), censored=cens, nondetect_rule="half_dl")
    assert any("5 non-detect(s) replaced by rule half_dl" in w for w in res.warnings)
    with pytest.raises(ValueError, match="nondetect_rule"):
        interpolate(pts, vals, grid_targets(), censored=cens, nondetect_rule="ros")


def test_heavy_tailed_lognormal_uses_the_lagrange_back_transform_and_stays_plausible():
    rng = np.random.default_rng(5)
    pts = rng.uniform(0, 1000, (120, 2))
    vals = np.exp(rng.normal(0.0, 1.5, 120) + np.sin(pts[:, 0] / 200.0))
    res = interpolate(pts, vals, grid_targets())
    assert res.transform == "log" or res.method_used == "idw"
    if res.method_used == "ordinary_kriging":
        assert res.back_transform == "lognormal_unbiased"
        assert any("exp(Ŷ + σ²/2 − μ)" in w for w in res.warnings)
    assert np.isfinite(res.prediction).all()
    assert (res.prediction >= 0).all()
    assert_sound(res)


def test_negative_prone_data_are_truncated_and_reported():
    # Patches of near-zero values between peaks: untransformed kriging overshoots below 0 between them.
    rng = np.random.default_rng(0)
    pts = rng.uniform(0, 1000, (60, 2))
    vals = np.maximum(0.0, np.sin(pts[:, 0] / 120.0) * np.cos(pts[:, 1] / 120.0)) * 2 + 0.001
    res = interpolate(pts, vals, grid_targets(41), transform="none")
    assert res.method_used == "ordinary_kriging"
    assert (res.prediction >= 0).all()
    assert any("below 0" in w and "truncated at 0" in w for w in res.warnings)
    assert_sound(res)


def test_trend_beyond_the_data_extent_is_rejected_by_the_range_guard():
    x = np.linspace(0, 500, 40)
    pts = np.column_stack([x, RNG.uniform(0, 500, 40)])
    vals = 1.0 - x / 600.0 + RNG.uniform(0, 0.01, 40)
    res = interpolate(pts, vals, grid_targets(), transform="none")
    assert res.method_used == "idw"
    assert any("practical range" in w and "data extent" in w for w in res.warnings)
    assert_sound(res)


def test_unstable_models_fall_back_to_idw_with_the_reason():
    pts, _ = smooth_field()
    vals = RNG.exponential(1.0, len(pts))  # pure noise: no model beats the mean by the guard
    res = interpolate(pts, vals, grid_targets(), transform="none", max_cv_ratio=0.5)
    assert res.method_used == "idw"
    assert any("no acceptable variogram model" in w and "inverse-distance" in w for w in res.warnings)
    assert all(c["rejected"] for c in res.candidates.values())
    assert_sound(res)


def test_condition_number_guard_rejects_models():
    pts, vals = smooth_field()
    res = interpolate(pts, vals, grid_targets(), max_condition=1.0)
    assert res.method_used == "idw"
    assert all(c["rejected"] for c in res.candidates.values())
    assert any("condition number" in c["rejected"] for c in res.candidates.values())


def test_smooth_field_is_kriged_and_cross_validated():
    pts, vals = smooth_field()
    res = interpolate(pts, vals, grid_targets())
    assert res.method_used == "ordinary_kriging"
    assert res.variogram is not None
    assert res.cross_validation.rmse < np.std(vals)
    assert_sound(res)


@pytest.mark.parametrize("kwargs, match", [
    ({"method": "spline"}, "unknown interpolation method"),
    ({"transform": "boxcox"}, "unknown transform"),
])
def test_bad_options_raise_clear_errors(kwargs, match):
    pts, vals = smooth_field()
    with pytest.raises(ValueError, match=match):
        interpolate(pts, vals, grid_targets(), **kwargs)


def test_bad_inputs_raise_clear_errors():
    pts, vals = smooth_field()
    with pytest.raises(ValueError, match="shape"):
        interpolate(pts[:, 0], vals, grid_targets())
    bad = vals.copy()
    bad[3] = -1.0
    with pytest.raises(ValueError, match="value 3 is negative"):
        interpolate(pts, bad, grid_targets())



def test_jura_cadmium_cross_validation_agrees_with_gstools():
    # Swiss Jura prediction set (Goovaerts 1997, appendix C; 259 samples, km → m). Leave-one-out CV of
    # untransformed ordinary kriging (as Goovaerts krigs Cd) against gstools' own Ordinary kriging, same model.
    d = pd.read_csv(JURA)
    pts = d[["Xloc", "Yloc"]].to_numpy(float) * 1000.0
    cd = d.Cd.to_numpy(float)
    res = interpolate(pts, cd, pts[:5], transform="none")
    assert res.method_used == "ordinary_kriging" and res.n_used == 259
    model = res.variogram.covmodel()
    check = np.arange(0, len(cd), 7)  # every 7th sample keeps the peer loop short
    peer = np.empty(len(check))
    for j, i in enumerate(check):
        keep = np.arange(len(cd)) != i
        ok = gs.krige.Ordinary(model, (pts[keep, 0], pts[keep, 1]), cd[keep], exact=True, pseudo_inv=False)
        peer[j] = ok((pts[i:i + 1, 0], pts[i:i + 1, 1]), return_var=False)[0]
    np.testing.assert_array_equal(res.cross_validation.observed, cd)
    np.testing.assert_allclose(res.cross_validation.predicted[check], peer, atol=1e-8)
    assert res.cross_validation.rmse < np.std(cd)


def test_local_neighbourhood_guards_and_colocated_input():
    pts, vals = smooth_field()
    pts = np.vstack([pts, pts[:5]])
    vals = np.concatenate([vals, vals[:5]])
    res = interpolate(pts, vals, grid_targets(), neighbours=16)
    assert res.method_used == "ordinary_kriging" and res.n_used == 80
    assert_sound(res)
    assert interpolate(pts, vals, grid_targets(), neighbours=16, max_condition=1.0).method_used == "idw"
