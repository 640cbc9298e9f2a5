"""Non-detects bounded by their detection limit (GB/T 14848-2017 Table 1 镉 Cd: I ≤0.0001, II ≤0.001,
III ≤0.005, IV ≤0.01, V >0.01 mg/L; 铁 Fe: I ≤0.1, II ≤0.2, III ≤0.3, IV ≤2.0 mg/L; §6.2–6.3)."""

import pandas as pd

from soilgw.assessment.groundwater import assess_gbt14848


def _assess(rows, target="III"):
    df = pd.DataFrame(rows, columns=["sample_id", "analyte", "value", "unit"])
    return assess_gbt14848(df, target_class=target)


def test_detection_limit_above_class_limit_is_a_bound_not_an_exceedance():
    """Cd <0.05 mg/L: the limit 0.05 is above the class IV bound 0.01, so the value is only known to be
    ≤ class V — never an exceedance of class III (the true value may be 0)."""
    ass = _assess([("井1-2023", "镉", "<0.05", "mg/L"), ("井1-2023", "Fe", "0.15", "mg/L")])
    cd = ass.results.iloc[0]
    assert cd["class"] == "V" and bool(cd["class_is_upper_bound"])
    assert pd.isna(cd["exceeds_screening"]) and cd["result_status"] == "indeterminate"
    s = ass.samples.iloc[0]
    assert s["class"] == "V" and bool(s["class_is_upper_bound"]) and pd.isna(s["meets_target"])
    assert s["deciding_analytes"] == "cd" and s["analytes_worse_than_target"] == ""


def test_bounded_overall_class_is_best_class_every_value_meets():
    """Cd <0.005 (= class III bound → ≤ III) with Fe 0.15 detected (class II): every value is known to meet
    class III, so the sample is ≤ III and meets target III; it does not meet target II for certain."""
    rows = [("W2", "Cd", "<0.005", "mg/L"), ("W2", "Fe", "0.15", "mg/L")]
    s = _assess(rows).samples.iloc[0]
    assert s["class"] == "III" and bool(s["class_is_upper_bound"]) and bool(s["meets_target"])
    s2 = _assess(rows, target="II").samples.iloc[0]
    assert s2["class"] == "III" and pd.isna(s2["meets_target"])


def test_detect_worse_than_bound_decides_and_is_not_a_bound():
    """Cd <0.001 (≤ II) with Fe 0.5 detected (0.3 < 0.5 ≤ 2.0 → IV): the detect sets class IV for certain."""
    s = _assess([("W3", "Cd", "<0.001", "mg/L"), ("W3", "Fe", "0.5", "mg/L")]).samples.iloc[0]
    assert s["class"] == "IV" and not s["class_is_upper_bound"] and s["meets_target"] == False  # noqa: E712


def test_non_detect_below_class_i_bound_is_class_i():
    """Cd <0.0001 mg/L (= class I bound) with Fe 0.05 (I): class I, meets target."""
    s = _assess([("W4", "Cd", "<0.0001", "mg/L"), ("W4", "Fe", "0.05", "mg/L")]).samples.iloc[0]
    assert s["class"] == "I" and bool(s["meets_target"])
