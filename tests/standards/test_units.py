"""Units: canonical spellings and exact SI prefix factors (1 mg = 1000 μg = 10⁶ ng)."""

import numpy as np
import pandas as pd
import pytest

from soilgw.standards.units import UnitError, convert, normalize_unit


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("mg/kg", "mg/kg"), ("MG/KG", "mg/kg"), ("mg·kg-1", "mg/kg"), ("ug/kg", "μg/kg"), ("µg/kg", "μg/kg"),
        ("mg/l", "mg/L"), ("ug/L", "μg/L"), ("μg·L⁻¹", "μg/L"), ("ng/L", "ng/L"),
        ("MPN/100mL", "MPN/100mL"), ("CFU/100 mL", "CFU/100mL"), ("Bq/L", "Bq/L"), ("NTU", "NTU"),
        ("铂钴色度单位", "PtCo"), ("", "pH"), ("无量纲", "pH"), ("pH", "pH"),
    ],
)
def test_normalize_unit(text, canonical):
    assert normalize_unit(text) == canonical


def test_convert_factors():
    np.testing.assert_allclose(convert([250.0, 1.0], "μg/kg", "mg/kg"), [0.25, 0.001], rtol=1e-15)
    np.testing.assert_allclose(convert(pd.Series([0.5]), "mg/L", "μg/L"), [500.0], rtol=1e-15)
    np.testing.assert_allclose(convert(3.0, "ng/L", "μg/L"), 0.003, rtol=1e-15)
    np.testing.assert_allclose(convert([200.0], "MPN/L", "MPN/100mL"), [20.0], rtol=1e-15)


@pytest.mark.parametrize(("a", "b"), [("mg/kg", "mg/L"), ("NTU", "mg/L"), ("MPN/100mL", "CFU/100mL")])
def test_incompatible_units_raise(a, b):
    with pytest.raises(UnitError, match="cannot convert"):
        convert([1.0], a, b)


def test_unknown_unit_raises():
    with pytest.raises(UnitError, match="unknown unit 'ppm'"):
        normalize_unit("ppm")
