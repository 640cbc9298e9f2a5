"""Safe-utilization rate A = (B + C + D) / E × 100 %, terms as defined by 受污染耕地安全利用率核算方法（试行）
(quoted in shared/standards/notes/farmland_classification_rules.md §6). Expected figures are worked by hand
from those definitions in the comments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from soilgw.assessment.safe_utilization import safe_utilization_rate


@pytest.fixture
def units():
    return pd.DataFrame({
        "unit_id": ["u1", "u2", "u3", "u4", "u5", "u6", "u7"],
        "township": ["东镇", "东镇", "东镇", "东镇", "西镇", "西镇", "西镇"],
        "area": [100.0, 50.0, 200.0, 80.0, 40.0, 60.0, 30.0],
        "category": ["priority_protection", "priority_protection", "safe_utilization", "strict_control",
                     "safe_utilization", "safe_utilization", "priority_protection"],
        "slightly_polluted": [False, True, False, False, False, False, True],
        "priority_measures": [True, True, False, False, False, False, False],
        "safe_measures": [False, False, True, False, True, True, False],
        "crop_compliant": [False, False, True, False, False, True, False],
        "strict_measures": [False, False, False, True, False, False, False],
        "c_evidence": ["", "", "rice 2023: 5/5 ≤ 0.2 mg/kg", "", "", "rice 2023: 4/4", ""],
    })


def test_rate_by_township_and_county(units):
    res = safe_utilization_rate(units)
    t = res.by_township.set_index("township")
    # 东镇: E = u2 50 (slightly polluted priority) + u3 200 + u4 80 = 330 (u1 is clean priority land: not in E);
    # B = u2 50; C = u3 200 (measures + compliant crops); D = u4 80 → A = 330 / 330 = 100 %.
    assert tuple(t.loc["东镇", ["E", "B", "C", "D"]]) == (330.0, 50.0, 200.0, 80.0)
    assert t.loc["东镇", "A"] == pytest.approx(100.0)
    # 西镇: E = u5 40 + u6 60 + u7 30 = 130; B = 0 (u7 has no measures); C = u6 60 (u5's crops not compliant);
    # D = 0 → A = 60 / 130 = 46.153846… %.
    assert tuple(t.loc["西镇", ["E", "B", "C", "D"]]) == (130.0, 0.0, 60.0, 0.0)
    assert t.loc["西镇", "A"] == pytest.approx(600 / 13, rel=1e-12)
    c = res.county.iloc[0]
    # County: E = 460, B + C + D = 390 → 84.7826… %.
    assert (c["township"], c["E"], c["n_units"]) == ("county", 460.0, 7)
    assert c["A"] == pytest.approx(390 / 460 * 100, rel=1e-12)
    assert list(res.units["in_C"]) == [False, False, True, False, False, True, False]
    assert res.units.loc[2, "c_evidence"].startswith("rice 2023")
    assert res.area_unit == "mu" and "(B + C + D) / E" in res.method and len(res.notes) == 2


def test_no_contaminated_land_gives_nan(units):
    clean = units[units.unit_id == "u1"]
    res = safe_utilization_rate(clean)
    assert res.county.iloc[0]["E"] == 0.0 and np.isnan(res.county.iloc[0]["A"])


def test_missing_flag_column_means_false(units):
    res = safe_utilization_rate(units.drop(columns="crop_compliant"))
    assert res.county.iloc[0]["C"] == 0.0


def test_input_errors(units):
    bad = units.copy()
    bad.loc[3, "category"] = "polluted"
    with pytest.raises(ValueError, match="row 3, column 'category': unknown 'polluted'"):
        safe_utilization_rate(bad)
    bad = units.copy()
    bad.loc[1, "area"] = -5
    with pytest.raises(ValueError, match=r"row 1, column 'area': must be a number ≥ 0 \[mu\]"):
        safe_utilization_rate(bad)
    bad = units.copy().astype({"strict_measures": object})
    bad.loc[0, "strict_measures"] = "yes"
    with pytest.raises(ValueError, match="row 0, column 'strict_measures': must be true/false"):
        safe_utilization_rate(bad)
    with pytest.raises(ValueError, match="lack required column 'township'"):
        safe_utilization_rate(units.drop(columns="township"))
    with pytest.raises(ValueError, match="unknown area_unit 'acre'"):
        safe_utilization_rate(units, area_unit="acre")
