"""GB 15618-2018 farmland assessment: golden cases (golden/gb15618_cases.csv) and rules of issue 3.

Each golden row carries its derivation from GB 15618-2018 Tables 1–3 in the ``derivation`` column.
Limits compare with rtol=1e-12: they are printed decimals.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from soilgw.assessment._batch import InputError
from soilgw.assessment.farmland import assess_gb15618

GOLDEN = pd.read_csv(Path(__file__).parent / "golden" / "gb15618_cases.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def golden():
    inputs = GOLDEN[["sample_id", "analyte", "value", "unit", "ph", "land_use"]]
    return assess_gb15618(inputs)


@pytest.mark.parametrize("i", range(len(GOLDEN)), ids=list(GOLDEN["sample_id"]))
def test_golden_case(golden, i):
    exp, got = GOLDEN.iloc[i], golden.results.iloc[i]
    np.testing.assert_allclose(got["screening_value"], float(exp["exp_screening"]), rtol=1e-12)
    want_g = float(exp["exp_intervention"]) if exp["exp_intervention"] else np.nan
    np.testing.assert_allclose(got["intervention_value"], want_g, rtol=1e-12)
    assert got["result_status"] == exp["exp_status"], exp["derivation"]
    assert (got["level"] if isinstance(got["level"], str) else "") == exp["exp_level"], exp["derivation"]


def test_exceedance_booleans_empty_when_indeterminate(golden):
    row = golden.results[golden.results["sample_id"] == "dl_above_limit"].iloc[0]
    assert row["exceeds_screening"] is pd.NA and row["exceeds_intervention"] is pd.NA


def test_duplicates_flagged_and_sample_takes_maximum(golden):
    dup = golden.results[golden.results["sample_id"] == "duplicate"]
    assert dup["duplicate"].all() and len(dup) == 2
    sample = golden.samples.set_index("sample_id").loc["duplicate"]
    assert sample["category"] == "safe_utilization" and sample["has_duplicates"]


def test_categories_and_attention_analytes():
    """Cd 0.35 at pH 6.0 paddy ≤ 0.4 (I); Cu 120 > 50 (其他) is not a classification element → attention only.
    Pb 1000.5 > 1000 (Table 3 pH>7.5) → III → strict_control."""
    df = pd.DataFrame({
        "sample_id": ["a", "a", "b", "b"], "analyte": ["Cd", "Cu", "Pb", "Cd"],
        "value": [0.35, 120, 1000.5, 0.1], "unit": "mg/kg", "ph": [6.0, 6.0, 8.0, 8.0],
        "land_use": ["paddy", "other", "dryland", "dryland"]})
    s = assess_gb15618(df).samples.set_index("sample_id")
    assert s.loc["a", "category"] == "priority_protection" and s.loc["a", "attention_analytes"] == "cu"
    assert s.loc["b", "category"] == "strict_control" and s.loc["b", "deciding_analytes"] == "pb"


def test_classification_elements_configurable():
    df = pd.DataFrame({"sample_id": ["a"], "analyte": ["Cu"], "value": [120], "unit": ["mg/kg"], "ph": [6.0],
                       "land_use": ["other"]})
    s = assess_gb15618(df, classification_elements=("Cd", "Cu")).samples.iloc[0]
    assert s["category"] == "safe_utilization" and s["attention_analytes"] == ""


def test_ph_from_result_row_and_missing_ph_is_error():
    df = pd.DataFrame({"sample_id": ["a", "a"], "analyte": ["pH", "Cd"], "value": ["7.6", "0.7"],
                       "unit": ["无量纲", "mg/kg"], "land_use": "paddy"})
    r = assess_gb15618(df).results
    assert r.iloc[1]["screening_value"] == pytest.approx(0.8, rel=1e-12)  # pH>7.5 水田
    with pytest.raises(InputError, match="has no pH") as exc:
        assess_gb15618(df.iloc[[1]])
    assert exc.value.column == "ph" and exc.value.row == 0  # position in the sheet given


def test_unconvertible_unit_not_screened_and_wrong_dimension_is_error():
    df = pd.DataFrame({"sample_id": ["a"], "analyte": ["Cd"], "value": [0.1], "unit": ["mg/L"], "ph": [6.0],
                       "land_use": ["paddy"]})
    r = assess_gb15618(df)
    assert r.results.iloc[0]["result_status"] == "not_screened" and len(r.not_screened) == 1
    with pytest.raises(InputError, match="cannot measure"):
        assess_gb15618(df.assign(unit="NTU"))


def test_unknown_analyte_and_unknown_land_use_are_errors():
    df = pd.DataFrame({"sample_id": ["a"], "analyte": ["Cdd"], "value": [0.1], "unit": ["mg/kg"], "ph": [6.0],
                       "land_use": ["paddy"]})
    with pytest.raises(InputError, match="unknown analyte 'Cdd'"):
        assess_gb15618(df)
    with pytest.raises(InputError, match="unknown land use"):
        assess_gb15618(df.assign(analyte="Cd", land_use="forest"))


def test_rounded_value_method_recorded():
    """GB/T 8170 rounded-value: 0.404 rounds to 0.4 at the limit's 1 decimal → not exceeding; full-value exceeds."""
    df = pd.DataFrame({"sample_id": ["a"], "analyte": ["Cd"], "value": [0.404], "unit": ["mg/kg"], "ph": [6.0],
                       "land_use": ["paddy"]})
    full = assess_gb15618(df)
    rounded = assess_gb15618(df, comparison="rounded_value")
    assert full.results.iloc[0]["result_status"] == "exceeds_screening"
    assert rounded.results.iloc[0]["result_status"] == "pass"
    assert rounded.results.iloc[0]["comparison_method"] == "rounded_value" and rounded.method == "rounded_value"


def test_wide_input_and_bad_header():
    wide = pd.DataFrame({"样品编号": ["a"], "pH": [6.0], "用地类型": ["水田"], "Cd (mg/kg)": [0.5], "Pb（mg/kg）": [50]})
    r = assess_gb15618(wide).results
    assert list(r["analyte_code"].astype(str)) == ["cd", "pb"]
    with pytest.raises(InputError) as exc:
        assess_gb15618(wide.rename(columns={"Cd (mg/kg)": "Cd"}))
    assert exc.value.column == "Cd"


def test_rotation_output_flags_unverified_footnote(golden):
    row = golden.results[golden.results["sample_id"] == "rotation"].iloc[0]
    assert not row["value_verified"] and "footnote b" in row["note"]


def test_chunked_assessment_equals_one_pass():
    """assess_in_chunks keeps whole samples together, so per-result and per-sample outputs equal one pass."""
    from soilgw.assessment.screening import assess, assess_in_chunks

    rng = np.random.default_rng(0)
    n = 3000
    df = pd.DataFrame({"sample_id": [f"s{i // 3}" for i in range(n)], "analyte": ["Cd", "Pb", "Hg"] * (n // 3),
                       "value": rng.lognormal(-1, 1.5, n), "unit": "mg/kg",
                       "ph": np.repeat(rng.uniform(4, 9, n // 3), 3), "land_use": "paddy"})
    for frame in (df, df.sample(frac=1, random_state=1).reset_index(drop=True)):  # contiguous, then shuffled
        one = assess(frame, "gb15618")
        parts = list(assess_in_chunks(frame, "gb15618", chunk_rows=700))
        assert len(parts) > 1
        res = pd.concat([p.results for p in parts]).sort_values("source_row")
        assert (res["result_status"].astype(str).to_numpy()
                == one.results["result_status"].astype(str).to_numpy()).all()
        cat = pd.concat([p.samples for p in parts]).set_index("sample_id")["category"]
        assert (cat.loc[one.samples["sample_id"]].to_numpy() == one.samples["category"].to_numpy()).all()


def test_impossible_ph_is_an_error_not_the_highest_bin():
    """pH is defined on 0–14; a value of 15 is a typo, never judged with the pH > 7.5 column of Table 1."""
    import pandas as pd

    from soilgw.assessment._batch import InputError
    from soilgw.assessment.farmland import assess_gb15618

    df = pd.DataFrame({"sample_id": ["S1"], "analyte": ["Cd"], "value": ["0.5"], "unit": ["mg/kg"],
                       "ph": ["15"], "land_use": ["paddy"]})
    with pytest.raises(InputError, match="pH lies between 0 and 14"):
        assess_gb15618(df)
