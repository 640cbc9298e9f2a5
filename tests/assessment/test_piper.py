"""Piper coordinates of the WQChartPy template samples (ray_template_6_samples.csv, mg/L), derived by hand.

Published formula (Piper 1944, Trans. AGU 25(6), 914–928): equivalent fractions of the cation sum (Ca, Mg,
Na+K) and anion sum (HCO3+CO3, Cl, SO4); in an equilateral triangle of side 1 with h = √3/2 a point with
fractions (a, b, c) for the (bottom-left, top, bottom-right) vertices sits at x = c + b/2, y = h·b. The anion
triangle is shifted right by 1 + gap (gap = 0.2); the diamond point is B + (Ca+Mg)(−1/2, h) + (Cl+SO4)(1/2, h)
with B = (1 + gap/2, h·gap).

Equivalent weights [mg/meq]: Ca 20.039, Mg 12.1525, Na 22.990, K 39.098, HCO3 61.016, Cl 35.45, SO4 48.028.

sample1 (Ca 32, Mg 6, Na 28, K 2.8, HCO3 73, CO3 0, Cl 43, SO4 48 mg/L):
    meq/L: Ca 32/20.039 = 1.5969, Mg 6/12.1525 = 0.4937, Na 28/22.990 = 1.2179, K 2.8/39.098 = 0.0716,
    HCO3 73/61.016 = 1.1964, Cl 43/35.45 = 1.2130, SO4 48/48.028 = 0.9994.
    Σcat = 3.3801, Σan = 3.4088. Fractions Ca 0.4724, Mg 0.1461, Na+K 0.3815; HCO3 0.3510, Cl 0.3558,
    SO4 0.2932.
    cation point x = 0.3815 + 0.1461/2 = 0.4545, y = 0.8660·0.1461 = 0.1265;
    anion point  x = 1.2 + 0.3558 + 0.2932/2 = 1.7024, y = 0.8660·0.2932 = 0.2539;
    diamond      x = 1.1 + (0.6490 − 0.6185)/2 = 1.1153, y = 0.8660·(0.2 + 0.6185 + 0.6490) = 1.2709.
sample6 (Ca 134, Mg 21, Na 39, K 6.4, HCO3 275, CO3 0, Cl 96, SO4 100 mg/L):
    meq/L: Ca 6.6870, Mg 1.7280, Na 1.6964, K 0.1637, HCO3 4.5070, Cl 2.7080, SO4 2.0821.
    Σcat = 10.2751, Σan = 9.2972. Fractions Ca 0.6508, Mg 0.1682, Na+K 0.1810; HCO3 0.4848, Cl 0.2913,
    SO4 0.2240.
    cation (0.2651, 0.1456); anion (1.6033, 0.1939); diamond (0.9481, 1.3287).
Tolerance 1e-4: the hand values are rounded to 4 decimals.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from soilgw.assessment.piper import piper_coordinates, to_meq

RAY = Path(__file__).resolve().parents[2] / "data" / "piper_examples" / "ray_template_6_samples.csv"

EXPECTED = {
    0: dict(ca=0.4724, mg=0.1461, na_k=0.3815, hco3_co3=0.3510, cl=0.3558, so4=0.2932, cation_x=0.4545,
            cation_y=0.1265, anion_x=1.7024, anion_y=0.2539, diamond_x=1.1153, diamond_y=1.2709),
    5: dict(ca=0.6508, mg=0.1682, na_k=0.1810, hco3_co3=0.4848, cl=0.2913, so4=0.2240, cation_x=0.2651,
            cation_y=0.1456, anion_x=1.6033, anion_y=0.1939, diamond_x=0.9481, diamond_y=1.3287),
}


@pytest.fixture(scope="module")
def coords() -> pd.DataFrame:
    return piper_coordinates(pd.read_csv(RAY))


@pytest.mark.parametrize("row", sorted(EXPECTED))
def test_piper_coordinates_match_hand_derivation(coords, row):
    for column, value in EXPECTED[row].items():
        assert coords.loc[row, column] == pytest.approx(value, abs=1e-4), column


def test_meq_of_sample1():
    meq = to_meq(pd.read_csv(RAY)).iloc[0]
    np.testing.assert_allclose(meq[["Ca", "Mg", "Na", "K", "HCO3", "Cl", "SO4"]].to_numpy(float),
                               [1.5969, 0.4937, 1.2179, 0.0716, 1.1964, 1.2130, 0.9994], atol=1e-4)


def test_points_lie_inside_their_figures(coords):
    """Invariants: fractions sum to 1; each point lies inside its triangle; the ion balance of the template
    samples is within ±5 % (a usual acceptance limit for major-ion analyses)."""
    np.testing.assert_allclose(coords[["ca", "mg", "na_k"]].sum(axis=1), 1.0)
    np.testing.assert_allclose(coords[["hco3_co3", "cl", "so4"]].sum(axis=1), 1.0)
    h = np.sqrt(3) / 2
    assert ((coords.cation_y >= 0) & (coords.cation_y <= h * 2 * np.minimum(coords.cation_x, 1 - coords.cation_x)
                                      + 1e-12)).all()
    assert (coords.charge_balance_error.abs() <= 0.05 + 1e-3).all()


def test_missing_ion_column_is_named():
    with pytest.raises(ValueError, match="missing ion column"):
        piper_coordinates(pd.DataFrame({"Ca": [1.0]}))
