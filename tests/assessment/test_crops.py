"""GB 2762-2022 heavy metals in crops (Table 2 Cd: 稻谷、糙米、大米(粉) 0.2, 谷物(稻谷除外) 0.1, 叶菜蔬菜 0.2,
新鲜蔬菜 0.05 mg/kg; Table 4 inorganic As 糙米 0.35, 大米(粉) 0.2 mg/kg)."""

import pandas as pd
import pytest

from soilgw.assessment._batch import InputError
from soilgw.assessment.crops import assess_gb2762


@pytest.mark.parametrize(
    ("crop", "value", "limit", "status"),
    [("稻谷", 0.2, 0.2, "pass"), ("rice", 0.21, 0.2, "exceeds_screening"), ("大米", 0.15, 0.2, "pass"),
     ("wheat", 0.11, 0.1, "exceeds_screening"), ("叶菜蔬菜", 0.2, 0.2, "pass"), ("tomato-like", None, None, None)],
)
def test_cadmium_by_food_category(crop, value, limit, status):
    df = pd.DataFrame({"sample_id": ["c"], "analyte": ["Cd"], "value": [value], "unit": ["mg/kg"], "crop": [crop]})
    if limit is None:
        with pytest.raises(InputError, match="unknown food category"):
            assess_gb2762(df)
        return
    row = assess_gb2762(df).results.iloc[0]
    assert row["screening_value"] == pytest.approx(limit, rel=1e-12) and row["result_status"] == status


def test_total_arsenic_screened_against_inorganic_level():
    """Table 4 note: total As ≤ the inorganic-As level (糙米 0.35) passes; above it inorganic As must be measured."""
    df = pd.DataFrame({"sample_id": ["a", "b"], "analyte": ["总砷", "总砷"], "value": [0.3, 0.4], "unit": "mg/kg",
                       "crop": "稻谷"})
    r = assess_gb2762(df).results
    assert list(r["result_status"]) == ["pass", "indeterminate"]
    assert r.iloc[0]["screening_value"] == pytest.approx(0.35, rel=1e-12)


def test_no_level_is_not_screened_and_crop_required():
    df = pd.DataFrame({"sample_id": ["t"], "analyte": ["Hg"], "value": [0.01], "unit": ["mg/kg"], "crop": ["tea"]})
    assert assess_gb2762(df).results.iloc[0]["result_status"] == "not_screened"
    with pytest.raises(InputError, match="food category"):
        assess_gb2762(df.drop(columns="crop"))
