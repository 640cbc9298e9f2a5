"""GB/T 14848-2017 classes: golden cases (golden/gbt14848_cases.csv, derivations from Tables 1–2, §6.2–6.3)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soilgw.assessment._batch import InputError
from soilgw.assessment.groundwater import assess_gbt14848

GOLDEN = pd.read_csv(Path(__file__).parent / "golden" / "gbt14848_cases.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def golden():
    return assess_gbt14848(GOLDEN[["sample_id", "analyte", "value", "unit"]])


@pytest.mark.parametrize("i", range(len(GOLDEN)), ids=list(GOLDEN["sample_id"]))
def test_golden_case(golden, i):
    exp, got = GOLDEN.iloc[i], golden.results.iloc[i]
    assert got["class"] == exp["exp_class"], exp["derivation"]
    assert got["result_status"] == exp["exp_status"], exp["derivation"]


def test_sample_class_is_worst_indicator_with_deciding_analytes():
    """Nitrate-N 25 mg/L (IV: 20 < 25 ≤ 30), As 0.0005 (I), TDS 1500 (IV: 1000 < 1500 ≤ 2000) → IV, set by both."""
    df = pd.DataFrame({"sample_id": "w", "analyte": ["NO3-N", "As", "TDS"], "value": [25, 0.0005, 1500],
                       "unit": "mg/L"})
    r = assess_gbt14848(df)
    s = r.samples.iloc[0]
    assert s["class"] == "IV" and s["deciding_analytes"] == "nitrate_n;tds" and not s["meets_target"]
    assert assess_gbt14848(df, target_class="IV").samples.iloc[0]["meets_target"]


def test_screening_value_is_target_class_bound():
    df = pd.DataFrame({"sample_id": ["w"], "analyte": ["苯"], "value": [12], "unit": ["μg/L"]})
    r = assess_gbt14848(df, target_class="II").results.iloc[0]
    np.testing.assert_allclose(r["screening_value"], 1.0, rtol=1e-12)  # Table 2 苯 class II ≤1.0 μg/L
    np.testing.assert_allclose(r["ratio_screening"], 12.0, rtol=1e-12)


def test_coliform_units_and_not_screened_unit():
    """总大肠菌群 MPN/100mL or CFU/100mL (I–III ≤3.0, IV ≤100); 30 MPN/L = 3.0 MPN/100mL → I."""
    df = pd.DataFrame({"sample_id": "w", "analyte": ["总大肠菌群", "总大肠菌群", "Cd"],
                       "value": [30, 50, 0.1], "unit": ["MPN/L", "CFU/100mL", "mg/kg"]})
    r = assess_gbt14848(df).results
    assert list(r["class"].astype(str)) == ["I", "IV", "nan"]
    assert r.iloc[2]["result_status"] == "not_screened"


def test_unknown_target_class():
    df = pd.DataFrame({"sample_id": ["w"], "analyte": ["As"], "value": [0.1], "unit": ["mg/L"]})
    with pytest.raises(ValueError, match="unknown class 'VI'"):
        assess_gbt14848(df, target_class="VI")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=2, max_size=20))
def test_class_never_improves_as_concentration_rises(values):
    """Invariant of an upper-limit table: a larger concentration never gets a better class (nitrate-N)."""
    values = sorted(values)
    df = pd.DataFrame({"sample_id": [f"s{i}" for i in range(len(values))], "analyte": "NO3-N", "value": values,
                       "unit": "mg/L"})
    order = ["I", "II", "III", "IV", "V"]
    classes = [order.index(c) for c in assess_gbt14848(df).results["class"].astype(str)]
    assert classes == sorted(classes)


def test_detection_limit_and_qualifier_columns():
    """Jianghan-style 'n.d.' takes its DL from the detection_limit column; a qualifier column '<' marks a
    non-detect. Iron (GB/T 14848 Table 1: I ≤0.1, II ≤0.2, III ≤0.3): n.d. with DL 0.05 → I; '<' 0.25 → upper
    bound III (passes target III); n.d. without any DL is an error naming its row, never a silent 0."""
    df = pd.DataFrame({"sample_id": ["a", "b", "c"], "analyte": "Fe", "value": ["n.d.", "0.25", "n.d."],
                       "unit": "mg/L", "qualifier": ["", "<", ""], "detection_limit": ["0.05", "", ""]})
    r = assess_gbt14848(df.iloc[:2]).results
    assert list(r["class"].astype(str)) == ["I", "III"]
    assert list(r["result_status"]) == ["pass", "pass"]
    assert list(r["detection_limit"]) == [0.05, 0.25]
    with pytest.raises(InputError, match="non-detect without a detection limit") as exc:
        assess_gbt14848(df)
    assert exc.value.row == 2 and exc.value.column == "detection_limit"


def test_ions_converted_to_as_n():
    """Nitrate 204.83 mg/L as NO3⁻ × 14.007/62.004 = 46.27 mg/L as N > 30 → V; ammonium 0.5 mg/L as NH4⁺ ×
    14.007/18.039 = 0.388 mg/L as N (GB/T 14848 氨氮 III ≤0.50) → III. Each converted row says so."""
    df = pd.DataFrame({"sample_id": "a", "analyte": ["NO3", "NH4"], "value": [204.83, 0.5], "unit": "mg/L"})
    r = assess_gbt14848(df).results
    np.testing.assert_allclose(r["value_std"], [204.83 * 14.007 / 62.004, 0.5 * 14.007 / 18.039], rtol=1e-12)
    assert list(r["class"].astype(str)) == ["V", "III"]
    assert all("converted" in n for n in r["note"])


def test_blank_value_with_qualifier_and_detection_limit_is_a_non_detect():
    """Value cell empty, qualifier '<', detection_limit 0.0001 (Cd, GB/T 14848 class I ≤0.0001) → class I, pass."""
    df = pd.DataFrame({"sample_id": ["a", "b"], "analyte": "Cd", "value": ["", ""], "unit": "mg/L",
                       "qualifier": ["<", ""], "detection_limit": ["0.0001", ""]})
    r = assess_gbt14848(df).results
    assert list(r["result_status"]) == ["pass", "not_screened"] and r.iloc[0]["class"] == "I"
