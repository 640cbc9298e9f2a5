"""Swiss Jura validation: krige the 259-sample prediction set at the 100 validation locations and check against peers.

Data: ``data/swiss_jura_soil_metals/`` (Atteia et al. 1994; Goovaerts P. (1997) *Geostatistics for Natural
Resources Evaluation*, Oxford University Press, Appendix C), coordinates km → m, untransformed values [mg/kg].

Peers, each given the SAME spherical model and the SAME neighbourhood as our kriging:

* gstools ``krige.Ordinary`` (run here) with the model :func:`soilgw.assessment.spatial.interpolate` fitted;
  for a 16-nearest neighbourhood it is run once per target on the same 16 samples;
* R gstat ``krige`` (stored in ``fixtures/gstat_jura_*.csv``, written by R gstat 2.1.0, sp 1.6.0, R 4.2.2 with
  ``Rscript tests/assessment/fixtures/gstat_jura_validation.R``) with gstat's own weighted fit.

Tolerances: both sides solve the same double-precision system (259 + 1 unknowns, 1-norm condition number 1e3–2e6);
gstat writes 15 significant digits of values ≤ 50 mg/kg, so 1e-8 mg/kg; gstools in memory, 1e-9 mg/kg.

Published validation errors: Goovaerts (1997) and Goovaerts P. (1998) Ordinary cokriging revisited, *Mathematical
Geology* 30(1):21–42, score estimators of these metals at these 100 test locations, but their result tables could
not be consulted while writing this test, so no figure of theirs is asserted. The error test asserts instead
(a) that our mean error, mean absolute error and RMSE equal those of gstat's predictions with the same model and
neighbourhood, and (b) a plausibility bound, documented as such and not a published figure: RMSE ≤ 1.2 × the
validation set's standard deviation (:data:`soilgw.assessment.spatial.MAX_CV_RATIO`, the guard interpolate applies to
its own cross-validation: kriging not clearly worse than one mean) and |mean error| ≤ 15 % of the validation mean.
Jura Cd is the hard case: with a nugget of ~60 % of the sill its kriging RMSE (0.75–0.78 mg/kg) is slightly above
the validation SD (0.69 mg/kg); Co and Ni krige well below it.
"""

from __future__ import annotations

from pathlib import Path

import gstools as gs
import numpy as np
import pandas as pd
import pytest
from scipy.spatial import cKDTree
from tests.assessment.gstat_fixtures import assert_gstat_reproduces, needs_r

from soilgw.assessment.spatial import MAX_CV_RATIO, interpolate
from soilgw.assessment.spatial_solvers import CrossValidation, ordinary_kriging
from soilgw.assessment.spatial_variogram import VariogramFit

ROOT = Path(__file__).resolve().parents[2]
JURA = ROOT / "data" / "swiss_jura_soil_metals"
FIX = ROOT / "tests" / "assessment" / "fixtures"
METALS = ("Cd", "Co", "Ni")
NEIGHBOURHOODS = [(None, "global"), (16, "nmax16")]


@pytest.fixture(scope="module")
def jura():
    pred = pd.read_csv(JURA / "jura_prediction_set.csv")
    val = pd.read_csv(JURA / "jura_validation_set.csv")
    return pred, val, pred[["Xloc", "Yloc"]].to_numpy(float) * 1000.0, val[["Xloc", "Yloc"]].to_numpy(float) * 1000.0


@pytest.fixture(scope="module")
def peer():
    return {name: pd.read_csv(FIX / f"gstat_jura_{name}.csv") for name in ("fits", "krige")}


def _gstat_model(peer, metal) -> VariogramFit:
    r = peer["fits"].set_index("element").loc[metal]
    return VariogramFit("spherical", r.nugget, r.psill, r.range, r.range, float(r.sserr))


def _gstools(model, pts, z, targets, neighbours):
    if neighbours is None:
        ok = gs.krige.Ordinary(model, (pts[:, 0], pts[:, 1]), z, exact=True, pseudo_inv=False)
        return ok((targets[:, 0], targets[:, 1]), return_var=False)
    _, near = cKDTree(pts).query(targets, k=neighbours)
    out = np.empty(len(targets))
    for j, idx in enumerate(near):
        ok = gs.krige.Ordinary(model, (pts[idx, 0], pts[idx, 1]), z[idx], exact=True, pseudo_inv=False)
        out[j] = ok((targets[j:j + 1, 0], targets[j:j + 1, 1]), return_var=False)[0]
    return out


def test_validation_set_is_the_published_one(jura):
    pred, val, pts, targets = jura
    # Goovaerts (1997) Appendix C: 259 prediction and 100 validation locations, none shared.
    assert (len(pred), len(val)) == (259, 100)
    assert cKDTree(pts).query(targets)[0].min() > 0


@pytest.mark.parametrize("metal", METALS)
@pytest.mark.parametrize(("neighbours", "label"), NEIGHBOURHOODS)
def test_interpolate_at_validation_locations_equals_gstools(jura, metal, neighbours, label):
    pred, _, pts, targets = jura
    z = pred[metal].to_numpy(float)
    res = interpolate(pts, z, targets, models=("spherical",), transform="none", neighbours=neighbours)
    assert res.method_used == "ordinary_kriging" and res.variogram.model == "spherical"
    assert res.warnings == ()  # nothing truncated or merged: the comparison is of plain kriging
    peer = _gstools(res.variogram.covmodel(), pts, z, targets, neighbours)
    np.testing.assert_allclose(res.prediction, peer, atol=1e-9)


@pytest.mark.parametrize("metal", METALS)
@pytest.mark.parametrize(("neighbours", "label"), NEIGHBOURHOODS)
def test_kriging_with_gstat_model_equals_gstat(jura, peer, metal, neighbours, label):
    pred, _, pts, targets = jura
    k = peer["krige"]
    np.testing.assert_allclose(k[["x", "y"]].to_numpy(), targets, atol=1e-9)
    res = ordinary_kriging(pts[:, 0], pts[:, 1], pred[metal], targets[:, 0], targets[:, 1], transform="none",
                           variogram=_gstat_model(peer, metal), neighbours=neighbours)
    np.testing.assert_allclose(res.prediction, k[f"{metal}_{label}"], atol=1e-8)


@pytest.mark.parametrize("metal", METALS)
def test_validation_errors_agree_with_gstat_and_are_plausible(jura, peer, metal):
    pred, val, pts, targets = jura
    observed = val[metal].to_numpy(float)
    theirs = CrossValidation.from_predictions(observed, peer["krige"][f"{metal}_nmax16"].to_numpy())
    res = ordinary_kriging(pts[:, 0], pts[:, 1], pred[metal], targets[:, 0], targets[:, 1], transform="none",
                           variogram=_gstat_model(peer, metal), neighbours=16)
    ours = CrossValidation.from_predictions(observed, res.prediction)
    err = ours.predicted - ours.observed
    assert ours.mean_error == pytest.approx(theirs.mean_error, abs=1e-8)
    assert np.abs(err).mean() == pytest.approx(np.abs(theirs.predicted - observed).mean(), abs=1e-8)
    assert ours.rmse == pytest.approx(theirs.rmse, abs=1e-8)
    # Plausibility bound (not a published figure): see the module docstring.
    auto = interpolate(pts, pred[metal].to_numpy(float), targets, neighbours=16)
    for cv in (ours, CrossValidation.from_predictions(observed, auto.prediction)):
        assert cv.rmse <= MAX_CV_RATIO * observed.std()
        assert abs(cv.mean_error) <= 0.15 * observed.mean()


@needs_r
def test_fixture_reproduced_by_gstat(tmp_path, peer):
    assert_gstat_reproduces("gstat_jura_validation.R", "gstat_jura_", peer, tmp_path)
