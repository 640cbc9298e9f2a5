"""The lab-results boundary (assessment/results.py): vocabulary, non-detect policy, units, every problem."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soilgw.assessment.groundwater import assess_gbt14848
from soilgw.assessment.results import (
    parse_reported,
    parse_reported_one,
    prepare_results,
    split_depth,
    validate_results,
)
from soilgw.standards.analytes import all_analytes, lookup
from soilgw.standards.loader import load_table
from soilgw.standards.units import get_unit


def _lab_sheet():
    """A county lab's sheet as sent: Chinese headers, Chinese units, 未检出 with the limit in 方法检出限."""
    return pd.DataFrame({
        "采样点位": ["JC-01", "JC-01", "JC-01", "JC-01"],
        "采样时间": ["2024-04-12", "2024-04-12", "2024-10-09", "2024-10-09"],
        "分析项目": ["镉", "四氯乙烯", "镉", "四氯乙烯"],
        "测定值": ["未检出", "3.2", "0.004", "ND<0.5"],
        "单位": ["毫克/升", "微克/升", "mg/L", "µg/L"],
        "方法检出限": ["0.5", "", "", ""],
        "检出限单位": ["μg/L", "", "", ""],
    })


def test_point_and_sample_are_distinct_and_units_normalised():
    out = prepare_results(_lab_sheet())
    # two samplings at one well stay two samples
    assert out["sample_id"].tolist() == ["JC-01 2024-04-12"] * 2 + ["JC-01 2024-10-09"] * 2
    assert out["point_id"].unique().tolist() == ["JC-01"]
    assert out["analyte_code"].tolist() == ["cd", "tetrachloroethylene"] * 2
    assert out["unit"].tolist() == ["mg/L"] * 4
    np.testing.assert_allclose(out["unit_factor"], [1, 1e-3, 1, 1e-3])
    # 未检出 with 0.5 μg/L in its own unit → 0.0005 mg/L (not 0.5 mg/L)
    assert out.loc[0, "qualifier"] == "<" and out.loc[0, "detection_limit"] == pytest.approx(0.0005)
    assert out.loc[3, "detection_limit"] == pytest.approx(0.0005)
    assert out.loc[1, "value"] == pytest.approx(0.0032)


def test_two_samplings_at_one_well_get_their_own_class():
    """GB/T 14848-2017 Table 1 镉: III ≤0.005, IV ≤0.01 mg/L; Table 2 四氯乙烯: I ≤0.5, II ≤4.0 μg/L.
    Sample of April: Cd <0.0005 mg/L (bound within III ≤0.005), PCE 3.2 μg/L → II.
    Sample of October: Cd 0.004 → III; PCE ND<0.5 μg/L → I."""
    df = _lab_sheet()
    r = assess_gbt14848(df).results
    assert r["sample_id"].nunique() == 2
    oct_ = r[r["sample_id"].astype(str).str.endswith("2024-10-09")].set_index("analyte_code")
    assert str(oct_.loc["cd", "class"]) == "III" and str(oct_.loc["tetrachloroethylene", "class"]) == "I"
    apr = r[r["sample_id"].astype(str).str.endswith("2024-04-12")].set_index("analyte_code")
    assert str(apr.loc["tetrachloroethylene", "class"]) == "II"


@pytest.mark.parametrize("text", ["ND<0.000", "<0", "<0.00", "0L", "ND(0)", "＜０"])
def test_non_positive_limit_is_a_row_error(text):
    df = _lab_sheet()
    df.loc[2, "测定值"] = text
    problems = validate_results(df)
    assert [(p.row, p.header) for p in problems] == [(2, "测定值")]
    assert "positive" in problems[0].reason_en and "大于0" in problems[0].reason_zh


def test_non_detect_without_limit_is_a_row_error():
    df = _lab_sheet()
    df.loc[0, "方法检出限"] = ""
    problems = validate_results(df)
    assert [(p.row, p.header) for p in problems] == [(0, "方法检出限")]
    assert "without a detection limit" in problems[0].reason_en


def test_every_problem_is_reported_with_closest_names():
    df = _lab_sheet()
    df.loc[1, "分析项目"] = "四氯乙稀"  # a typo labs make (稀 for 烯)
    df.loc[2, "单位"] = "毫克/立方"
    df.loc[3, "测定值"] = "high"
    problems = validate_results(df)
    assert [(p.row, p.column) for p in problems] == [(1, "analyte"), (2, "unit"), (3, "value")]
    assert "四氯乙烯" in problems[0].reason_zh and "closest" in problems[0].reason_en
    assert all(p.header in df.columns for p in problems)


def test_missing_columns_are_named_with_accepted_headers():
    problems = validate_results(pd.DataFrame({"点位编号": ["a"], "检测项目": ["镉"], "结果": ["1"]}))
    assert [p.column for p in problems] == ["unit"] and "单位" in problems[0].reason_en


def test_numeric_values_and_qualifier_column():
    df = pd.DataFrame({"样品编号": ["S1", "S2"], "检测项目": ["铅", "铅"], "检测结果": [0.004, 0.002],
                       "限定符": ["", "ND"], "单位": ["mg/L", "mg/L"]})
    out = prepare_results(df)
    assert out["qualifier"].tolist() == ["", "<"] and out["detection_limit"].iloc[1] == 0.002


def test_depth_ranges():
    d = split_depth(pd.Series(["0-0.5", "0～0.5", "1.5", "", "2-1"]))
    np.testing.assert_allclose(d["depth_top"][:3], [0, 0, 1.5])
    np.testing.assert_allclose(d["depth_bottom"][:3], [0.5, 0.5, 1.5])
    assert d["error"].tolist()[3] == "" and d["error"].tolist()[4] != ""


@pytest.mark.parametrize(("text", "symbol"), [
    ("毫克/升", "mg/L"), ("微克/升", "μg/L"), ("毫克/千克", "mg/kg"), ("微克/千克", "μg/kg"), ("mg/l", "mg/L"),
    ("ug/L", "μg/L"), ("\u00b5g/L", "μg/L"), ("\u03bcg/L", "μg/L"), ("mg/L", "mg/L"),
])
def test_unit_spellings(text, symbol):
    assert get_unit(text).symbol == symbol


def test_nd_notations():
    for text in ("ND<0.05", "ND < 0.05", "ND(0.05)", "nd(<0.05)", "0.05L", "＜0.05", "未检出(0.05)"):
        got = parse_reported_one(text)
        assert (got["qualifier"], got["detection_limit"], got["error"]) == ("<", 0.05, ""), text


# --- property tests: never a crash, never a silent 0 limit -------------------------------------------------

_FULLWIDTH = str.maketrans("0123456789.<", "０１２３４５６７８９．＜")
numbers = st.decimals(min_value=0, max_value=10_000, places=4, allow_nan=False).map(lambda d: format(d, "f"))
notations = st.tuples(
    st.sampled_from(["{}", "<{}", "＜{}", "{}L", "ND<{}", "ND({})", "未检出({})", "{}E-3", "{}×10-3", "ND", "未检出",
                     "/", "—", "{}mg", ">{}"]),
    numbers, st.booleans(), st.sampled_from(["", " ", "\u3000", "\t"]),
).map(lambda t: t[3] + (t[0].format(t[1]).translate(_FULLWIDTH) if t[2] else t[0].format(t[1])) + t[3])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(notations, st.text(max_size=8)), min_size=1, max_size=20))
def test_parser_never_crashes_nor_gives_a_zero_limit(texts):
    got = parse_reported(pd.Series(texts, dtype=object))
    ok = got["error"] == ""
    nd = ok & (got["qualifier"] == "<")
    dl = got.loc[nd, "detection_limit"]
    assert (dl.isna() | (dl > 0)).all()  # a limit is either positive or absent (then the column must give it)
    assert not (ok & got["measured"] & (got["qualifier"] == "") & got["value"].isna()).any()


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["mg/L", "mg/l", "MG/L", "毫克/升", "ug/L", "μg/L", "\u00b5g/L", "微克/升", "毫克/千克",
                        "微克/千克", "mg/kg", "ug/kg"]), st.sampled_from(["", " ", "\u3000", "\t"]))
def test_unit_normaliser_with_whitespace(unit, pad):
    u = get_unit(pad + unit + pad)
    assert u.symbol in {"mg/L", "μg/L", "mg/kg", "μg/kg"} and u.factor > 0


# --- catalogue coverage, table by table --------------------------------------------------------------------

def _cas_ok(cas: str) -> bool:
    """CAS check digit (CAS Registry: weighted sum of the digits mod 10)."""
    m = re.fullmatch(r"(\d{2,7})-(\d{2})-(\d)", cas)
    if not m:
        return False
    digits = (m[1] + m[2])[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10 == int(m[3])


@pytest.mark.parametrize(("table", "count"), [("gbt14848_2017", 93), ("gb36600_2018", 85), ("gb15618_2018", None),
                                              ("gb5084_2021", None), ("gb3838_2002", None)])
def test_every_standard_item_is_catalogued(table, count):
    codes = set(load_table(table)["analyte_code"]) - {""}
    if count:
        assert len(codes) == count
    for code in codes:
        a = lookup(code)
        assert a.name_zh and a.name_en, code


def test_cas_numbers_have_valid_check_digits():
    for a in all_analytes():
        for cas in filter(None, (c.strip() for c in a.cas.split(","))):
            assert _cas_ok(cas), (a.code, cas)


@pytest.mark.parametrize(("name", "code", "cas"), [
    ("四氯乙烯", "tetrachloroethylene", "127-18-4"), ("tetrachloroethene", "tetrachloroethylene", "127-18-4"),
    ("三氯乙烯", "trichloroethylene", "79-01-6"), ("trichloroethene", "trichloroethylene", "79-01-6"),
    ("甲基叔丁基醚", "mtbe", "1634-04-4"), ("MTBE", "mtbe", "1634-04-4"),
])
def test_common_solvents_and_mtbe(name, code, cas):
    a = lookup(name)
    assert (a.code, a.cas) == (code, cas)


def test_not_measured_is_nan_never_zero():
    for text in ("/", "—", "", None):
        assert math.isnan(parse_reported_one(text)["value"])
