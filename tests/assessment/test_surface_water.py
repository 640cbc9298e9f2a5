"""GB 3838-2002 Table 1 classes (values typed from the printed Table 1)."""

import pandas as pd
import pytest

from soilgw.assessment.surface_water import assess_gb3838


@pytest.mark.parametrize(
    ("analyte", "value", "expected"),
    [
        ("高锰酸盐指数", 2, "I"), ("CODMn", 4.1, "III"), ("化学需氧量", 15, "I"), ("COD", 40.1, "worse_than_V"),
        ("溶解氧", 7.5, "I"), ("DO", 4.9, "IV"), ("DO", 1.9, "worse_than_V"), ("氨氮", 1.0, "III"),
        ("汞", 0.00005, "I"), ("镉", 0.005, "II"), ("pH", 6, "I"), ("pH", 9.1, "worse_than_V"),
    ],
)
def test_single_factor_class(analyte, value, expected):
    """COD ≤15/15/20/30/40; DO ≥7.5/6/5/3/2; CODMn ≤2/4/6/10/15; NH3-N ≤0.15/0.5/1.0/1.5/2.0;
    Hg ≤0.00005 (I, II); Cd ≤0.001/0.005 (II–IV 0.005, better class II); pH 6–9 for all classes."""
    df = pd.DataFrame({"sample_id": ["x"], "analyte": [analyte], "value": [value], "unit": ["" if analyte == "pH" else "mg/L"]})
    assert assess_gb3838(df).results.iloc[0]["class"] == expected


def test_lake_phosphorus_and_nitrogen():
    """TP 0.04: river III (≤0.2 … I 0.02, II 0.1 → II); lake ≤0.05 → III. TN only for lakes."""
    df = pd.DataFrame({"sample_id": "x", "analyte": ["总磷", "总氮"], "value": [0.04, 0.9], "unit": "mg/L"})
    river = assess_gb3838(df, water_body="river").results
    lake = assess_gb3838(df, water_body="lake").results
    assert list(river["class"].astype(str)) == ["II", "nan"] and river.iloc[1]["result_status"] == "not_screened"
    assert list(lake["class"].astype(str)) == ["III", "III"]


def test_temperature_not_classed():
    df = pd.DataFrame({"sample_id": ["x"], "analyte": ["水温"], "value": [20], "unit": ["℃"]})
    r = assess_gb3838(df)
    assert r.results.iloc[0]["result_status"] == "not_screened" and "temperature" in r.results.iloc[0]["note"]
