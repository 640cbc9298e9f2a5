"""GB 5084-2021 irrigation water (values equal to GB 5084-2005 Table 1; all marked verified=false):
总镉 ≤0.01; 总砷 水田 0.05 / 旱地 0.1 / 蔬菜 0.05; BOD5 60 / 100 / 40(a) 15(b); pH 5.5–8.5; 全盐量 1000 / 2000."""

import pandas as pd
import pytest

from soilgw.assessment.irrigation import assess_gb5084


def _df():
    return pd.DataFrame({"sample_id": "w", "analyte": ["总砷", "BOD5", "pH", "全盐量", "总镍"],
                         "value": [0.08, 45, 8.6, 1500, 0.1], "unit": ["mg/L", "mg/L", "", "mg/L", "mg/L"]})


@pytest.mark.parametrize(("crop", "statuses"), [
    ("paddy", ["exceeds_screening", "pass", "exceeds_screening"]),
    ("旱地作物", ["pass", "pass", "exceeds_screening"]),
    ("vegetable_processed", ["exceeds_screening", "exceeds_screening", "exceeds_screening"]),
])
def test_crop_columns(crop, statuses):
    r = assess_gb5084(_df(), crop_type=crop).results
    assert list(r["result_status"])[:3] == statuses


def test_options_never_guessed_and_values_flagged_unverified():
    r = assess_gb5084(_df(), crop_type="paddy").results
    assert list(r["result_status"])[3:] == ["not_screened", "not_screened"]  # salt: area unknown; Ni: not transcribed
    assert r["value_verified"].iloc[0] is False or not r["value_verified"].iloc[0]
    salt = assess_gb5084(_df(), crop_type="paddy", saline_alkaline=True).results.iloc[3]
    assert salt["result_status"] == "pass" and salt["screening_value"] == pytest.approx(2000, rel=1e-12)
