"""Kriging and IDW invariants, hand-derived cases, input checks and the real datasets.

Peer comparison with R gstat is in test_spatial_gstat.py.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import gstools as gs
import numpy as np
import pandas as pd
import pytest

from soilgw.assessment import spatial_kriging
from soilgw.assessment.spatial_solvers import (
    CrossValidation,
    inverse_distance_weighting,
    ordinary_kriging,
    sample_skewness,
)
from soilgw.assessment.spatial_variogram import VariogramFit, build_model

DATA = Path(__file__).resolve().parents[2] / "data"
SPH = VariogramFit("spherical", 0.05, 0.59, 897.0, 897.0, float("nan"))


@pytest.fixture(scope="module")
def meuse():
    return pd.read_csv(DATA / "meuse_soil_metals" / "meuse_skgstat.txt")


@pytest.fixture(scope="module")
def cropland():
    return pd.read_csv(DATA / "china_cropland_cd" / "pri_Cd_data.csv", skiprows=[0, 1])


@pytest.mark.parametrize("neighbours", [None, 12])
def test_exact_kriging_reproduces_data(meuse, neighbours):
    res = ordinary_kriging(meuse.x, meuse.y, meuse.zinc, meuse.x, meuse.y, neighbours=neighbours)
    assert res.transform == "log"
    np.testing.assert_allclose(res.prediction, meuse.zinc, rtol=1e-9)
    np.testing.assert_allclose(res.variance, 0.0, atol=1e-9)
    np.testing.assert_allclose(res.lagrange, 0.0, atol=1e-9)


def test_lognormal_back_transform_far_from_all_data():
    # Hand derivation: data further apart than the range and a target beyond it make every semivariance the
    # total sill C0, so λ = 1/n, μ = C0/n, σ² = C0 + C0/n and exp(Ŷ + σ²/2 − μ) = exp(ȳ + C0/2 − C0/(2n)),
    # which is unbiased for E[Z] = exp(m + C0/2) because E[exp(ȳ)] = exp(m + C0/(2n)).
    z = np.array([2.0, 5.0, 9.0, 4.0])
    x, y = np.array([0.0, 1000.0, 2000.0, 3000.0]), np.zeros(4)
    fit = VariogramFit("spherical", 0.1, 0.4, 500.0, 500.0, float("nan"))
    res = ordinary_kriging(x, y, z, [10_000.0], [10_000.0], transform="log", variogram=fit)
    c0, n, ybar = 0.5, 4, np.log(z).mean()
    assert res.lagrange[0] == pytest.approx(c0 / n, rel=1e-12)
    assert res.variance[0] == pytest.approx(c0 + c0 / n, rel=1e-12)
    assert res.prediction[0] == pytest.approx(np.exp(ybar + c0 / 2 - c0 / (2 * n)), rel=1e-12)
    median = ordinary_kriging(x, y, z, [10_000.0], [10_000.0], transform="log", variogram=fit,
                              back_transform="lognormal_median")
    assert median.prediction[0] == pytest.approx(np.exp(ybar), rel=1e-12)
    assert median.back_transform == "lognormal_median"


def test_matches_gstools_ordinary_kriging(meuse):
    tx = np.linspace(178700, 181300, 37)
    ty = np.linspace(329800, 333500, 37)
    ours = ordinary_kriging(meuse.x, meuse.y, np.log(meuse.zinc), tx, ty, transform="none", variogram=SPH)
    ok = gs.krige.Ordinary(SPH.covmodel(), (meuse.x.to_numpy(float), meuse.y.to_numpy(float)),
                           np.log(meuse.zinc.to_numpy(float)), exact=True, pseudo_inv=False)
    pred, var = ok((tx, ty), return_var=True)
    np.testing.assert_allclose(ours.prediction, pred, atol=1e-9)
    np.testing.assert_allclose(ours.variance, var, atol=1e-9)


def test_dubrule_loo_equals_refitting_without_each_point(meuse):
    xy = meuse[["x", "y"]].to_numpy(float)
    z = np.log(meuse.zinc.to_numpy(float))
    vario = SPH.covmodel().vario_nugget
    pred, var, mu = spatial_kriging.loo_global(xy, z, vario)
    for i in (0, 40, 154):
        keep = np.arange(len(z)) != i
        p, v, m = spatial_kriging.krige_global(xy[keep], z[keep], xy[i:i + 1], vario, 10)
        assert (pred[i], var[i], mu[i]) == pytest.approx((p[0], v[0], m[0]), abs=1e-9)


def test_chunking_does_not_change_results(meuse):
    tx, ty = np.linspace(178700, 181300, 50), np.linspace(329800, 333500, 50)
    for nb in (None, 16):
        a = ordinary_kriging(meuse.x, meuse.y, meuse.zinc, tx, ty, variogram=SPH, transform="log",
                             neighbours=nb, chunk_size=7)
        b = ordinary_kriging(meuse.x, meuse.y, meuse.zinc, tx, ty, variogram=SPH, transform="log",
                             neighbours=nb, chunk_size=5000)
        np.testing.assert_allclose(a.prediction, b.prediction, rtol=1e-12)


def test_cross_validation_recomputed_from_stored_predictions(meuse):
    res = ordinary_kriging(meuse.x, meuse.y, meuse.zinc, meuse.x[:2], meuse.y[:2])
    cv = res.cross_validation
    err = cv.predicted - cv.observed
    assert cv.mean_error == pytest.approx(err.mean(), rel=1e-12)
    assert cv.rmse == pytest.approx(np.sqrt((err**2).mean()), rel=1e-12)
    np.testing.assert_array_equal(cv.observed, meuse.zinc.to_numpy(float))
    assert cv.method == "leave_one_out"
    assert CrossValidation.from_predictions([1, 2], [2, 4]).rmse == pytest.approx(np.sqrt(2.5))


def test_result_records_choice_and_library(meuse):
    res = ordinary_kriging(meuse.x, meuse.y, meuse.zinc, [180000.0], [331000.0])
    assert res.method == "ordinary_kriging" and res.library == "gstools"
    assert res.library_version == gs.__version__
    sel = res.variogram
    assert set(sel.candidates) == {"spherical", "exponential", "gaussian"}
    assert sel.best.wsse == min(f.wsse for f in sel.candidates.values())
    assert res.parameters["neighbours"] is None and res.parameters["n_samples"] == 155
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.method = "idw"


def test_skewness_decides_log_transform(meuse, cropland):
    # Meuse zinc is strongly right-skewed (> 1): log; soil pH of the Hunan cropland set is not.
    assert sample_skewness(meuse.zinc) > 1
    assert sample_skewness(cropland.pH) < 1
    assert sample_skewness([1.0, 2.0, 3.0]) == pytest.approx(0.0, abs=1e-12)
    assert sample_skewness([0.0, 0.0, 3.0]) == pytest.approx(1 / np.sqrt(2), rel=1e-12)  # m3/m2^1.5 by hand


def test_idw_exact_and_hand_value():
    x, y, z = np.array([0.0, 1.0]), np.array([0.0, 0.0]), np.array([10.0, 20.0])
    # Target at x = 0.25: weights 1/0.25² = 16 and 1/0.75² = 16/9 → (160 + 320/9) / (16 + 16/9) = 11.
    x3, y3, z3 = np.append(x, 5.0), np.append(y, 5.0), np.append(z, 30.0)
    out = inverse_distance_weighting(x3, y3, z3, [0.25, 1.0], [0.0, 0.0], neighbours=2)
    assert out.prediction[0] == pytest.approx(11.0, rel=1e-12)
    assert out.prediction[1] == 20.0
    assert out.method == "idw" and out.variance is None and out.parameters["power"] == 2.0


def test_input_errors(meuse):
    with pytest.raises(ValueError, match="log transform needs values > 0; sample 1"):
        ordinary_kriging([0, 1, 2, 3], [0, 0, 0, 0], [1, 0, 3, 4], [0], [0], transform="log")
    with pytest.raises(ValueError, match="sample 2: coordinates and values must be finite"):
        ordinary_kriging([0, 1, 2], [0, 0, 0], [1, 2, np.nan], [0], [0])
    with pytest.raises(ValueError, match="all 3 values equal 0.3: no spatial variation"):
        ordinary_kriging([0, 1, 2], [0, 0, 0], [0.3, 0.3, 0.3], [0], [0])
    assert inverse_distance_weighting([0, 1, 2], [0, 0, 0], [0.3] * 3, [0.5], [0]).prediction[0] == pytest.approx(0.3)
    with pytest.raises(ValueError, match="at least 3 samples"):
        ordinary_kriging([0, 1], [0, 0], [1, 2], [0], [0])
    with pytest.raises(ValueError, match="unknown back_transform"):
        ordinary_kriging(meuse.x, meuse.y, meuse.zinc, [0], [0], back_transform="mean")
    with pytest.raises(ValueError, match="unknown variogram model 'matern'; valid: spherical"):
        build_model("matern", 0, 1, 1)
    with pytest.raises(ValueError, match="IDW power must be > 0"):
        inverse_distance_weighting([0, 1, 2], [0, 0, 0], [1, 2, 3], [0], [0], power=0)


def test_kriging_is_exact_at_cropland_samples_for_cd_and_ph(cropland):
    # Project the Hunan sites (lon 111.6–112.2 E) to CGCS2000 / 3-degree GK CM 111E (EPSG:4546).
    from pyproj import Transformer
    tr = Transformer.from_crs("EPSG:4326", "EPSG:4546", always_xy=True)
    x, y = tr.transform(cropland.X.to_numpy(), cropland.Y.to_numpy())
    cd = ordinary_kriging(x, y, cropland.SoilCdtot, x[:5], y[:5], neighbours=24)
    ph = ordinary_kriging(x, y, cropland.pH, x[:5], y[:5], neighbours=24)
    np.testing.assert_allclose(cd.prediction, cropland.SoilCdtot[:5], rtol=1e-9)  # exact at sample points
    np.testing.assert_allclose(ph.prediction, cropland.pH[:5], rtol=1e-9)
    assert ph.transform == "none"


@pytest.mark.parametrize("model", ["spherical", "exponential", "gaussian"])
def test_semivariance_equals_gstools_vario_nugget(model):
    fit = VariogramFit(model, 0.05, 0.6, 700.0, float("nan"), float("nan"))
    h = np.array([0.0, 1e-6, 10.0, 350.0, 699.9, 700.0, 2500.0])
    np.testing.assert_allclose(fit.semivariance(h), fit.covmodel().vario_nugget(h), rtol=1e-12, atol=1e-15)
    # gstat conventions at h = a: spherical reaches the sill, exponential 1 − e⁻¹, gaussian 1 − e⁻¹ of it.
    expected = {"spherical": 1.0, "exponential": 1 - np.exp(-1), "gaussian": 1 - np.exp(-1)}[model]
    assert fit.semivariance(700.0) == pytest.approx(0.05 + 0.6 * expected, rel=1e-12)


def test_jura_cadmium_exact_at_samples():
    # Swiss Jura prediction set (259 points, coordinates in km → m); Cd is right-skewed, so log + lognormal OK.
    d = pd.read_csv(DATA / "swiss_jura_soil_metals" / "jura_prediction_set.csv")
    x, y = d.Xloc.to_numpy() * 1000, d.Yloc.to_numpy() * 1000
    res = ordinary_kriging(x, y, d.Cd, x[:20], y[:20], neighbours=24, chunk_size=6)
    np.testing.assert_allclose(res.prediction, d.Cd[:20], rtol=1e-9)
    assert res.transform == ("log" if sample_skewness(d.Cd) > 1 else "none")
    assert np.isfinite(res.cross_validation.rmse) and len(res.cross_validation.predicted) == 259


def test_block_mean_equals_mean_of_point_estimates(meuse):
    from shapely.geometry import box

    from soilgw.assessment.spatial_blocks import discretise, interpolate_block_means
    blocks = [box(179000, 330000, 179400, 330400), box(180000, 331000, 180030, 331030)]
    res = interpolate_block_means(meuse.x, meuse.y, np.log(meuse.zinc), blocks, 100.0, unit_ids=["a", "b"],
                                  transform="none", variogram=SPH)
    # 400 m square at 100 m spacing: a 4 × 4 grid; the 30 m square is missed by the grid → its centroid.
    assert res.n_points.to_dict() == {"a": 16, "b": 1}
    pts = discretise(blocks, 100.0, ["a", "b"])
    a = pts[pts.unit_id == "a"]
    point = ordinary_kriging(meuse.x, meuse.y, np.log(meuse.zinc), a.x, a.y, transform="none", variogram=SPH)
    assert res.mean["a"] == pytest.approx(point.prediction.mean(), rel=1e-12)
    # Independent check: solve the block-kriging system (Webster & Oliver 2007 eq. 8.11: right-hand side the
    # mean semivariance between each datum and the block's points) and apply its weights to the data.
    xy = meuse[["x", "y"]].to_numpy(float)
    n = len(xy)
    lhs = np.ones((n + 1, n + 1))
    lhs[:n, :n] = SPH.semivariance(np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)))
    lhs[n, n] = 0.0
    gbar = SPH.semivariance(np.hypot(xy[:, 0, None] - a.x.to_numpy(), xy[:, 1, None] - a.y.to_numpy())).mean(1)
    w = np.linalg.solve(lhs, np.append(gbar, 1.0))
    assert res.mean["a"] == pytest.approx(w[:n] @ np.log(meuse.zinc.to_numpy(float)), rel=1e-10)
    assert res.point_result.method == "ordinary_kriging"
    with pytest.raises(ValueError, match="spacing_m must be > 0"):
        discretise(blocks, 0)
