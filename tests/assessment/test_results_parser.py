"""Reported-value notations of issue 3 (non-detect forms, 'not measured', scientific notation)."""

import math

import numpy as np
import pandas as pd
import pytest

from soilgw.assessment.results import parse_reported, parse_reported_one


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "dl"),
    [
        ("0.12", 0.12, "", math.nan),
        ("1.2E-3", 1.2e-3, "", math.nan),
        ("1.2×10-3", 1.2e-3, "", math.nan),
        ("1.2×10⁻³", 1.2e-3, "", math.nan),
        ("０．３５", 0.35, "", math.nan),
        ("<0.05", 0.05, "<", 0.05),
        ("＜0.05", 0.05, "<", 0.05),
        ("0.05L", 0.05, "<", 0.05),
        ("ND(0.05)", 0.05, "<", 0.05),
        ("未检出（0.002）", 0.002, "<", 0.002),
        ("ND", math.nan, "<", math.nan),
        ("未检出", math.nan, "<", math.nan),
        (">1600", 1600.0, ">", math.nan),
    ],
)
def test_one_notation(text, value, qualifier, dl):
    got = parse_reported_one(text)
    assert got["qualifier"] == qualifier and got["measured"] and got["error"] == ""
    np.testing.assert_allclose([got["value"], got["detection_limit"]], [value, dl], rtol=1e-12)


@pytest.mark.parametrize("text", ["/", "—", "", "  ", None, "-"])
def test_not_measured_is_never_zero(text):
    got = parse_reported_one(text)
    assert not got["measured"] and math.isnan(got["value"]) and got["error"] == ""


def test_bad_text_gives_error_not_exception():
    got = parse_reported(pd.Series(["abc", "1,2", "0.3"], index=[10, 11, 12]))
    assert "cannot read 'abc'" in got.loc[10, "error"] and "无法识别" in got.loc[10, "error"]
    assert got.loc[11, "error"] != "" and got.loc[12, "error"] == ""
    assert list(got.columns) == ["value", "qualifier", "detection_limit", "measured", "error"]


def test_numeric_series_fast_path():
    got = parse_reported(pd.Series([1.0, np.nan, 3.0]))
    assert got["measured"].tolist() == [True, False, True]
    np.testing.assert_array_equal(got["value"].to_numpy()[[0, 2]], [1.0, 3.0])
