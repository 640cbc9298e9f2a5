"""``soilgw trend`` end to end: published example through the CLI, a real Basel series against pymannkendall,
unit conversion, non-detect notations and input errors (exit 2 naming file, line and column)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pymannkendall
import pytest

from soilgw.cli import main

DATA = Path(__file__).resolve().parents[2] / "data"
EPA = DATA / "epa_unified_guidance_examples"


def _write(tmp_path: Path, df: pd.DataFrame, name: str = "in.csv") -> Path:
    path = tmp_path / name
    df.to_csv(path, index=False)
    return path


def _sulfate() -> pd.DataFrame:
    df = pd.read_csv(EPA / "EPA.09.Ex.17.6.sulfate.df.csv")
    return pd.DataFrame({"point_id": "MW-1", "date": df["Date"], "analyte": "硫酸盐", "value": df["Sulfate.ppm"],
                         "unit": "mg/L"})


def test_trend_cli_reproduces_epa_example_17_6(tmp_path):
    """USEPA (2009) Example 17-6 (sulfate, ppm = mg/L) with its real sampling dates, analyte named in Chinese:
    S = 194, tau = 0.7667984, p = 3.267574e-07 as printed by EnvStats; Sen slope equals the median of the
    pairwise slopes computed here from the dates (days / 365.25)."""
    src = _sulfate()
    out = tmp_path / "out.csv"
    assert main(["trend", str(_write(tmp_path, src)), "--out", str(out)]) == 0
    row = pd.read_csv(out).iloc[0]
    assert list(pd.read_csv(out).columns[:12]) == ["point_id", "analyte", "n", "s", "var_s", "z", "p", "tau", "trend",
                                                   "sen_slope", "sen_slope_unit", "verdict"]
    assert (row.point_id, row.analyte, row.n, row.s) == ("MW-1", "sulfate", 23, 194)
    assert row.tau == pytest.approx(0.7667984, abs=5e-8)
    assert row.p == pytest.approx(3.267574e-07, rel=2e-7)
    assert row.trend == "increasing" and row.verdict == "increasing" and row.sen_slope_unit == "mg/L/yr"
    days = (pd.to_datetime(src["date"]) - pd.Timestamp("1970-01-01")).dt.days.to_numpy(float)
    x = src["value"].to_numpy(float)
    slopes = [(x[j] - x[i]) / ((days[j] - days[i]) / 365.25) for i in range(23) for j in range(23) if days[j] > days[i]]
    assert row.sen_slope == pytest.approx(float(np.median(slopes)), rel=1e-9)


def test_trend_cli_basel_series_matches_pymannkendall_and_converts_units(tmp_path):
    """Basel-Stadt well F_1026 chloride (mg/L), half the rows rewritten in μg/L: the CLI converts them back and
    S and var(S) equal pymannkendall's on the original series."""
    cols = ["sampling_point", "sample_date", "parameter", "value_num", "unit"]
    basel = pd.read_csv(DATA / "basel_groundwater_quality" / "gw_quality_results.csv", usecols=cols)
    s = basel[(basel.sampling_point == "F_1026") & (basel.parameter == "Chlorid")].sort_values("sample_date")
    ref = pymannkendall.original_test(s["value_num"].to_numpy())
    df = pd.DataFrame({"point_id": s["sampling_point"], "date": s["sample_date"], "analyte": "chloride",
                       "value": s["value_num"].astype(str), "unit": "mg/L"}).reset_index(drop=True)
    odd = df.index % 2 == 1
    df.loc[odd, "value"] = [f"{v * 1000:.10g}" for v in s["value_num"].to_numpy()[odd]]
    df.loc[odd, "unit"] = "ug/L"
    out = tmp_path / "out.csv"
    assert main(["trend", str(_write(tmp_path, df)), "--out", str(out)]) == 0
    row = pd.read_csv(out).iloc[0]
    assert row.s == ref.s and row.var_s == pytest.approx(ref.var_s, rel=1e-12)
    assert row.unit == "mg/L"


def test_trend_cli_nondetect_notations(tmp_path):
    """'<1', '1L' (Chinese convention), 'ND' with a detection_limit column and a qualifier column all mark
    non-detects; '/' is not measured. Series [<1, <1, <1, 3, 4, 5, 6, 7] (8 values): below the highest DL 1 all
    tie, S = 3·5 + 10 = 25 (every detect pair increases)."""
    df = pd.DataFrame({
        "point_id": "W1",
        "date": pd.date_range("2020-01-01", periods=9, freq="90D").strftime("%Y-%m-%d"),
        "analyte": "arsenic",
        "value": ["<1", "1L", "ND", "3", "4", "5", "/", "6", "7"],
        "unit": "μg/L",
        "qualifier": ["", "", "", "", "", "", "", "", ""],
        "detection_limit": ["", "", "1", "", "", "", "", "", ""],
    })
    out = tmp_path / "out.csv"
    assert main(["trend", str(_write(tmp_path, df)), "--out", str(out)]) == 0
    row = pd.read_csv(out).iloc[0]
    assert (row.n, row.n_nondetect, row.s) == (8, 3, 25)
    # the same non-detect written as qualifier '<' with a blank value and its detection limit
    df.loc[1, ["value", "qualifier", "detection_limit"]] = ["", "<", "1"]
    assert main(["trend", str(_write(tmp_path, df)), "--out", str(out)]) == 0
    row = pd.read_csv(out).iloc[0]
    assert (row.n, row.n_nondetect, row.s) == (8, 3, 25)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.drop(columns="unit"), "column 'unit': missing column"),
        (lambda d: d.assign(value=d["value"].astype(str).where(d.index != 4, "abc")), "line 6, column 'value'"),
        (lambda d: d.assign(analyte="unobtainium"), "column 'analyte'"),
        (lambda d: d.assign(unit=d["unit"].where(d.index != 2, "furlong")), "line 4, column 'unit'"),
        (lambda d: d.assign(date=d["date"].where(d.index != 0, "31/31/2020")), "line 2, column 'date'"),
        (lambda d: d.assign(value=d["value"].astype(str).where(d.index != 3, "ND")), "line 5, column 'detection_limit'"),
        (lambda d: d.assign(unit=d["unit"].where(d.index != 5, "mg/kg")), "column 'unit'"),
    ],
)
def test_trend_cli_bad_input_exits_2_naming_line_and_column(tmp_path, capsys, change, message):
    path = _write(tmp_path, change(_sulfate()))
    assert main(["trend", str(path), "--out", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and message in err


def test_trend_cli_usage_error_and_missing_file(tmp_path, capsys):
    assert main(["trend", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["trend"]) == 2


def test_trend_cli_short_series_is_insufficient(tmp_path):
    out = tmp_path / "out.csv"
    df = _sulfate().head(6)
    assert main(["trend", str(_write(tmp_path, df)), "--out", str(out)]) == 0
    row = pd.read_csv(out).iloc[0]
    # one rule (trends.MIN_N_VERDICT = 8) for every label: no direction from six values, S still given
    assert row.trend == "insufficient_data" and row.verdict == "insufficient_data" and row.n == 6
    assert pd.notna(row.s)


def test_trend_cli_installed_script(tmp_path):
    """Once through the installed console script."""
    out = tmp_path / "out.csv"
    script = Path(sys.executable).parent / "soilgw"
    proc = subprocess.run([str(script), "trend", str(_write(tmp_path, _sulfate())), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert pd.read_csv(out).loc[0, "s"] == 194


def test_trend_cli_seasonal_epa_example_14_10(tmp_path):
    """USEPA (2009) Example 14-10 (EPA.09.Ex.14.8.df, monthly 1983–1985) through ``--seasonal month`` with real
    dates (15th of each month): rank statistics as printed by EnvStats — z = 5.1849514, tau = 0.9722222,
    chi-square heterogeneity = 0.1071882. The slope from real dates differs from the printed 0.06 per year only
    because calendar years are 365 or 366 days, not 365.25 (≤ 0.07 %, tolerance 1e-4)."""
    e = pd.read_csv(EPA / "EPA.09.Ex.14.8.df.csv")
    dates = pd.to_datetime(e["Month"] + " 15 " + e["Year"].astype(str), format="%B %d %Y")
    df = pd.DataFrame({"point_id": "W", "date": dates.dt.strftime("%Y-%m-%d"), "analyte": "铁",
                       "value": e["Unadj.Conc"], "unit": "mg/L"})
    out = tmp_path / "out.csv"
    assert main(["trend", str(_write(tmp_path, df)), "--out", str(out), "--seasonal", "month"]) == 0
    row = pd.read_csv(out).iloc[0]
    assert row.z == pytest.approx(5.1849514, abs=5e-8)
    assert row.tau == pytest.approx(0.9722222, abs=5e-8)
    assert row.chi2_heterogeneity == pytest.approx(0.1071882, abs=5e-8)
    assert row.sen_slope == pytest.approx(0.06, abs=1e-4)
    assert row.method.startswith("seasonal_kendall(month)")
