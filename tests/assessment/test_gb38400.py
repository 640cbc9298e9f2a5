"""Fertilizer heavy metals against GB 38400-2019 Table 1 (transcribed limits, verified=false — see the data README):
total As 15, Cd 3, Pb 50, Cr 150, Hg 2, Tl 2.5 mg/kg (upper limits, "≤"). Comparison per GB/T 8170-2008 §4.3."""

from __future__ import annotations

import pandas as pd
import pytest

from soilgw.assessment._batch import InputError
from soilgw.assessment.farmland_inputs import check_gb38400
from soilgw.standards.analytes import lookup
from soilgw.standards.loader import load_table


def test_table_rows_and_flags():
    t = load_table("gb38400_2019").set_index("analyte_code")
    assert dict(t["limit"]) == {"as": "≤15", "cd": "≤3", "pb": "≤50", "cr": "≤150", "hg": "≤2", "tl": "≤2.5"}
    assert set(t["unit"]) == {"mg/kg"}
    assert set(t["verified"]) == {"false"}  # no second source printed the numbers
    for code in t.index:  # every row resolves through the analyte catalogue
        assert lookup(code).code == code


@pytest.fixture
def inspection():
    return pd.DataFrame({
        "sample_id": ["f1"] * 6 + ["f2"] * 3,
        "analyte": ["Cd", "Hg", "As", "Pb", "Cr", "Tl", "Cd", "铊", "Zn"],
        "value": ["3.0", "2.1", "<20", "49", "150.5", "ND<0.1", "3100", "2.5", "100"],
        "unit": ["mg/kg"] * 6 + ["μg/kg", "mg/kg", "mg/kg"],
    })


def test_full_value_comparison(inspection):
    res = check_gb38400(inspection)
    status = dict(zip(res.results["sample_id"] + ":" + res.results["analyte_code"], res.results["status"],
                      strict=True))
    assert status["f1:cd"] == "pass"            # 3.0 ≤ 3: equality is within the limit
    assert status["f1:hg"] == "exceeds"         # 2.1 > 2
    assert status["f1:as"] == "indeterminate"   # <20 with a detection limit above 15
    assert status["f1:pb"] == "pass"            # 49 ≤ 50
    assert status["f1:cr"] == "exceeds"         # 150.5 > 150
    assert status["f1:tl"] == "pass"            # ND<0.1: the whole bound is within 2.5
    assert status["f2:cd"] == "exceeds"         # 3100 μg/kg = 3.1 mg/kg > 3
    assert status["f2:tl"] == "pass"            # 2.5 ≤ 2.5
    assert status["f2:zn"] == "not_screened"    # not a GB 38400 Table 1 item
    r = res.results.set_index(res.results["sample_id"] + ":" + res.results["analyte_code"])
    assert r.loc["f2:cd", "value_std"] == pytest.approx(3.1)
    assert r.loc["f1:hg", "ratio"] == pytest.approx(1.05)
    s = res.samples.set_index("sample_id")
    assert s.loc["f1", "exceeding_analytes"] == "hg;cr" and s.loc["f1", "indeterminate_analytes"] == "as"
    assert list(s["compliant"]) == [False, False]
    assert not s["values_verified"].any()
    assert res.standard == "GB 38400-2019"


def test_rounded_value_comparison(inspection):
    # GB/T 8170-2008 §4.3.2: 150.5 rounded to the limit's 0 decimals is 150 (round half to even) → within ≤150.
    res = check_gb38400(inspection, comparison="rounded_value")
    r = res.results.set_index(res.results["sample_id"] + ":" + res.results["analyte_code"])
    assert r.loc["f1:cr", "status"] == "pass"
    assert res.method == "rounded_value"


def test_compliant_sample_and_errors():
    ok = pd.DataFrame({"sample_id": "f3", "analyte": ["Cd", "Pb"], "value": ["0.5", "<1"], "unit": "mg/kg"})
    assert list(check_gb38400(ok).samples["compliant"]) == [True]
    bad = ok.assign(unit=["mg/kg", "furlong"])
    with pytest.raises(InputError, match="row 1, column 'unit': 未知单位 'furlong'.* / unknown unit 'furlong'"):
        check_gb38400(bad)
