"""Background threshold values against the Unified Guidance worked examples (USEPA 2009, EPA 530/R-09-007).

Expected numbers are those printed by the EnvStats reproduction of the examples (scripts "EPA09, Chapter 17
Examples.R" and "Chapter 18 Examples.R", 7 significant digits); tolerances are half a unit of the last digit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from soilgw.assessment import stats_background as bg

EPA = Path(__file__).resolve().parents[2] / "data" / "epa_unified_guidance_examples"


def test_lognormal_utl_epa_example_17_3_chrysene():
    """Example 17-3, p. 17-17: 95 % coverage / 95 % confidence upper tolerance limit from 8 background chrysene
    values (ppb), lognormal: meanlog = 2.5085773, sdlog = 0.6279479, UTL = 90.9247 (``tolIntLnorm``)."""
    df = pd.read_csv(EPA / "EPA.09.Ex.17.3.chrysene.df.csv")
    res = bg.utl_lognormal(df.loc[df["Well.type"] == "Background", "Chrysene.ppb"])
    assert res.parameters["mean_log"] == pytest.approx(2.5085773, abs=5e-8)
    assert res.parameters["sd_log"] == pytest.approx(0.6279479, abs=5e-8)
    assert res.value == pytest.approx(90.9247, abs=5e-5)


def test_nonparametric_utl_epa_example_17_4_copper():
    """Example 17-4, p. 17-21: the maximum of 24 background copper values (ppb, 15 non-detects) is the
    nonparametric UTL, 9.2 ppb, with 95 % confidence and coverage 88 % (``tolIntNpar`` prints 88 %)."""
    df = pd.read_csv(EPA / "EPA.09.Ex.17.4.copper.df.csv")
    b = df[df["Well.type"] == "Background"]
    res = bg.utl_nonparametric(b["Copper.ppb"], b["Censored"], coverage=0.95, confidence=0.95)
    assert res.value == pytest.approx(9.2)
    assert round(res.coverage * 100) == 88
    assert res.parameters["rank"] == 24 and res.parameters["is_nondetect"] is False


def test_upl_epa_example_18_1_arsenic():
    """Example 18-1, pp. 18-9–18-10: 95 % Bonferroni prediction limit for the 4 compliance values of year 4
    from 12 background arsenic values (ppb): mean 27.51667, sd 17.10119, UPL = 73.67237 (``predIntNorm``);
    no compliance value exceeds it."""
    df = pd.read_csv(EPA / "EPA.09.Ex.18.1.arsenic.df.csv")
    b = df.loc[df["Sampling.Period"] == "Background", "Arsenic.ppb"]
    res = bg.upl_normal(b, k_future=4, confidence=0.95)
    assert res.parameters["mean"] == pytest.approx(27.51667, abs=5e-6)
    assert res.parameters["sd"] == pytest.approx(17.10119, abs=5e-6)
    assert res.value == pytest.approx(73.67237, abs=5e-6)
    compliance = df.loc[df["Sampling.Period"] == "Compliance", "Arsenic.ppb"]
    assert bg.within_background(compliance, res).all()


def test_nonparametric_utl_at_59_is_the_maximum():
    """USEPA (2009) §17.2.2: with n = 59 the maximum is a 95/95 upper tolerance limit (1 − 0.95^59 = 0.952)."""
    x = np.arange(1.0, 60.0)
    res = bg.background_threshold(x, method="auto")
    assert res.method == "utl_nonparametric" and res.value == 59.0
    assert res.confidence == pytest.approx(1 - 0.95**59)
    small = bg.background_threshold(x[:30], method="auto")
    assert small.method == "utl_normal"


def test_normal_utl_on_km_estimates_with_nondetects():
    """With non-detects the normal UTL uses KM estimates (Example 15-1 manganese: KM mean 19.867) and the
    tolerance factor K(n=25, 0.95, 0.95) = 2.292 (USEPA 2009, Table 17-3)."""
    df = pd.read_csv(EPA / "EPA.09.Ex.15.1.manganese.df.csv")
    res = bg.utl_normal(df["Manganese.ppb"], df["Censored"])
    assert res.parameters["estimates"] == "kaplan_meier"
    assert res.parameters["mean"] == pytest.approx(19.867, abs=5e-7)
    assert res.parameters["k"] == pytest.approx(2.292, abs=5e-4)


def test_upper_percentile_type7_and_km():
    """Type-7 percentile by hand: the 90th percentile of 1..11 is 10; with non-detects the KM CDF is used."""
    assert bg.upper_percentile(np.arange(1.0, 12.0), percentile=0.9).value == pytest.approx(10.0)
    res = bg.upper_percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [True] + [False] * 9, percentile=0.5)
    assert res.value == 5.0 and res.parameters["estimates"] == "kaplan_meier"


def test_background_dispatcher_lists_methods():
    with pytest.raises(ValueError, match="valid: auto, upl_normal, upper_percentile"):
        bg.background_threshold([1, 2, 3], method="max")
