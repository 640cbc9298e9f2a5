"""Non-detect statistics against published examples and an independent Kaplan–Meier implementation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter

from soilgw.assessment import stats

DATA = Path(__file__).resolve().parents[2] / "data"
EPA = DATA / "epa_unified_guidance_examples"
CENSORED = DATA / "censored_water_quality"


def _manganese():
    df = pd.read_csv(EPA / "EPA.09.Ex.15.1.manganese.df.csv")
    return df["Manganese.ppb"].to_numpy(), df["Censored"].to_numpy(bool)


def test_kaplan_meier_epa_example_15_1_original_scale():
    """USEPA (2009) Example 15-1, p. 15-10: 25 manganese values (ppb), 6 non-detects at DLs 2 and 5.

    EnvStats ``enparCensored(Manganese.ppb, Censored)`` (help page, EnvStats 2.x) prints mean = 19.867000,
    sd = 25.317737; tolerance = half a unit of the 8th significant digit.
    """
    x, c = _manganese()
    km = stats.kaplan_meier(x, c)
    assert km.mean == pytest.approx(19.867, abs=5e-7)
    assert km.sd == pytest.approx(25.317737, abs=5e-7)
    assert km.n == 25 and km.n_censored == 6 and km.detection_limits == (2.0, 5.0)


def test_kaplan_meier_epa_example_15_1_log_scale():
    """USEPA (2009) Example 15-1 estimates the mean and SD of ln(manganese) by Kaplan–Meier; EnvStats prints
    mean = 2.3092890, sd = 1.1816102 (the guidance rounds them to 2.309 and 1.182)."""
    x, c = _manganese()
    km = stats.kaplan_meier(np.log(x), c)
    assert km.mean == pytest.approx(2.3092890, abs=5e-8)
    assert km.sd == pytest.approx(1.1816102, abs=5e-8)


def _censored_sets():
    cuzn = pd.read_csv(CENSORED / "NADA_CuZn.csv")
    tce = pd.read_csv(CENSORED / "NADA_TCEReg.csv")
    atra = pd.read_csv(CENSORED / "NADA_Atrazine.csv")
    arsenic = pd.read_csv(CENSORED / "NADA_Arsenic.csv")
    md = pd.read_csv(CENSORED / "Millard.Deverel.88.df.csv")
    skagit = pd.read_csv(CENSORED / "Skagit.NH3_N.df.csv")
    sets = {
        "CuZn.Cu": (cuzn["Cu"], cuzn["CuCen"]),
        "CuZn.Zn": (cuzn["Zn"], cuzn["ZnCen"]),
        "TCEReg": (tce["TCEConc"], tce["TCECen"]),
        "Atrazine": (atra["Atra"], atra["AtraCen"]),
        "Arsenic": (arsenic["As"], arsenic["AsCen"]),
        "MillardDeverel.Zn": (md["Zn"], md["Zn.censored"]),
        "Skagit.NH3_N": (skagit["NH3_N.mg.per.L"], skagit["Censored"]),
    }
    out = {}
    for name, (v, c) in sets.items():
        keep = v.notna() & c.notna()
        out[name] = (v[keep].to_numpy(float), c[keep].astype(bool).to_numpy())
    return out


SETS = _censored_sets()


@pytest.mark.parametrize("name", sorted(SETS))
def test_kaplan_meier_cdf_matches_lifelines(name):
    """Peer: lifelines ``KaplanMeierFitter.fit_left_censoring`` on the NADA / EnvStats censored sets (several
    detection limits). Both evaluate the same product-limit formula, so they agree to rounding (1e-12)."""
    x, c = SETS[name]
    z, cdf, _, _ = stats.km_distribution(x, c)
    ref = KaplanMeierFitter().fit_left_censoring(x, ~c).cumulative_density_at_times(z).to_numpy()
    np.testing.assert_allclose(cdf, ref, rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("restricted", [False, True])
def test_kaplan_meier_mean_matches_lifelines_integral(name, restricted):
    """The KM mean is Σ z_j·ΔF(z_j) over the lifelines CDF, the mass below the smallest detect sitting at the
    smallest detect (unrestricted) or at the lowest detection limit counted as a detect (restricted)."""
    x, c = SETS[name]
    flags = stats.restrict_lowest(x, c) if restricted else c
    kmf = KaplanMeierFitter().fit_left_censoring(x, ~flags)
    z = np.unique(x[~flags])
    p = np.diff(np.concatenate([[0.0], kmf.cumulative_density_at_times(z).to_numpy()]))
    assert stats.kaplan_meier(x, c, restricted=restricted).mean == pytest.approx(float((p * z).sum()), rel=1e-12)


def test_robust_ros_helsel_cohn_1988_appendix_b():
    """Helsel & Cohn (1988), Water Resour. Res. 24(12), Appendix B: 18 values, DLs 1 (×6) and 10 (×3).

    Published exceedance probabilities of the detection limits: 0.5556 (DL 1) and 0.3333 (DL 10); published
    final values (two decimals, truncated — as transcribed in the statsmodels ``imputation.ros`` tests):
    0.47 0.85 1.11 1.27 1.76 2.34 2.50 3.00 3.03 4.80 7 9 …, of which 3.00 is the detect 3 and the others
    the nine imputed non-detects. Truncation means our value must lie in
    [printed, printed + 0.01).
    """
    values = np.array([1.0] * 6 + [10.0] * 3 + [3.0, 7, 9, 12, 15, 20, 27, 33, 50])
    cens = np.array([True] * 9 + [False] * 9)
    pp = stats.hc_plotting_positions(values, cens)
    # detects between DL 1 and DL 10 get 1 − 0.5556 + (0.5556 − 0.3333)·r/4
    assert pp[9] == pytest.approx(1 - 5 / 9 + (5 / 9 - 1 / 3) / 4, abs=1e-12)
    res = stats.robust_ros(values, cens)
    imputed = np.sort(np.asarray(res.parameters["imputed"])[cens])
    printed = np.array([0.47, 0.85, 1.11, 1.27, 1.76, 2.34, 2.50, 3.03, 4.80])
    assert np.all(imputed >= printed - 1e-9) and np.all(imputed < printed + 0.01)
    assert res.method == "robust_ros"


def test_robust_ros_needs_three_detects():
    with pytest.raises(ValueError, match="at least 3 detects"):
        stats.robust_ros([1, 2, 5, 5], [False, False, True, True])


def test_substitution_is_explicit_and_records_fraction():
    """DL/2 substitution by hand: [<2, 4, 6] → [1, 4, 6], mean 11/3."""
    res = stats.summarize([2.0, 4.0, 6.0], [True, False, False], method="substitution")
    assert res.mean == pytest.approx(11 / 3)
    assert res.parameters == {"fraction": 0.5}


def test_summary_dispatcher_and_errors():
    with pytest.raises(ValueError, match="valid: kaplan_meier, robust_ros, substitution"):
        stats.summarize([1, 2], method="dl_half")
    with pytest.raises(ValueError, match="all values are non-detects"):
        stats.kaplan_meier([1, 2], [True, True])
    with pytest.raises(ValueError, match="differ in length"):
        stats.kaplan_meier([1, 2], [True])
    with pytest.raises(ValueError, match="not finite"):
        stats.kaplan_meier([1, np.nan], [False, False])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.001, 1e4, allow_nan=False), min_size=2, max_size=50))
def test_without_nondetects_km_mean_is_arithmetic_mean(values):
    """Invariant: with no non-detects the KM mean is the arithmetic mean and the bias-corrected KM standard
    error is s/√n."""
    x = np.array(values)
    km = stats.kaplan_meier(x)
    assert km.mean == pytest.approx(x.mean(), rel=1e-9)
    if np.unique(x).size > 1:
        assert km.se_mean == pytest.approx(x.std(ddof=1) / np.sqrt(x.size), rel=1e-7)
