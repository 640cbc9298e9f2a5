"""``soilgw stats`` end to end on Unified Guidance examples (USEPA 2009, EPA 530/R-09-007)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from soilgw.cli import main

EPA = Path(__file__).resolve().parents[2] / "data" / "epa_unified_guidance_examples"


def _manganese(tmp_path: Path) -> Path:
    """Example 15-1 as a lab would report it: '<5' and '<2' strings, wells as points, ppb = μg/L."""
    df = pd.read_csv(EPA / "EPA.09.Ex.15.1.manganese.df.csv")
    path = tmp_path / "mn.csv"
    pd.DataFrame({"point_id": df["Well"], "analyte": "锰", "value": df["Manganese.Orig.ppb"],
                  "unit": "μg/L"}).to_csv(path, index=False)
    return path


def test_stats_cli_pooled_kaplan_meier_epa_example_15_1(tmp_path):
    """Example 15-1 pooled over the five wells: KM mean 19.867, sd 25.317737 (EnvStats ``enparCensored``);
    the recommendation names a method, its confidence and the decision-table row, and the recommended UCL is
    the one computed for that method."""
    out = tmp_path / "out.csv"
    assert main(["stats", str(_manganese(tmp_path)), "--out", str(out), "--by", "analyte", "--n-boot", "500"]) == 0
    row = pd.read_csv(out).iloc[0]
    assert (row.analyte, row.n, row.n_nondetect, row.detection_limits) == ("mn", 25, 6, "2;5")
    assert row.km_mean == pytest.approx(19.867, abs=5e-7)
    assert row.km_sd == pytest.approx(25.317737, abs=5e-7)
    assert row.recommendation_reason.startswith(row.recommendation_rule)
    if row.recommended_confidence == 0.95:
        assert row.recommended_ucl == pytest.approx(row[f"ucl_{row.recommended_method}"])
    assert row.recommended_ucl >= row.km_mean
    assert not row.recommendation_verified


def test_stats_cli_groups_by_point(tmp_path):
    out = tmp_path / "out.csv"
    assert main(["stats", str(_manganese(tmp_path)), "--out", str(out), "--n-boot", "200"]) == 0
    table = pd.read_csv(out)
    assert table["point_id"].tolist() == ["Well.1", "Well.2", "Well.3", "Well.4", "Well.5"]
    assert table["n"].tolist() == [5] * 5


def test_stats_cli_background_value_epa_example_18_1(tmp_path):
    """Example 18-1 background arsenic (12 values, ppb): the background value is the normal UTL 95/95,
    mean 27.51667 + K·sd 17.10119 with K(n = 12) = 2.736 (USEPA 2009, Table 17-3, 3 decimals → tolerance
    0.0005·17.10 ≈ 0.009)."""
    df = pd.read_csv(EPA / "EPA.09.Ex.18.1.arsenic.df.csv")
    b = df[df["Sampling.Period"] == "Background"]
    path = tmp_path / "as.csv"
    pd.DataFrame({"point_id": "BG", "analyte": "arsenic", "value": b["Arsenic.ppb"], "unit": "μg/L"}
                 ).to_csv(path, index=False)
    out = tmp_path / "out.csv"
    assert main(["stats", str(path), "--out", str(out), "--n-boot", "200"]) == 0
    row = pd.read_csv(out).iloc[0]
    assert row.btv_method == "utl_normal"
    assert row.btv == pytest.approx(27.51667 + 2.736 * 17.10119, abs=0.009)


def test_stats_cli_bad_grouping_and_all_nondetects(tmp_path, capsys):
    path = _manganese(tmp_path)
    assert main(["stats", str(path), "--out", str(tmp_path / "o.csv"), "--by", "township"]) == 2
    assert "unknown column(s) ['township']" in capsys.readouterr().err
    nd = tmp_path / "nd.csv"
    pd.DataFrame({"point_id": "P", "analyte": "benzene", "value": ["<1", "<1", "<2"], "unit": "μg/L"}
                 ).to_csv(nd, index=False)
    assert main(["stats", str(nd), "--out", str(tmp_path / "o.csv")]) == 0
    row = pd.read_csv(tmp_path / "o.csv").iloc[0]
    assert "all values are non-detects" in row.ros_note and pd.isna(row.km_mean)


def test_stats_cli_installed_script(tmp_path):
    out = tmp_path / "out.csv"
    script = Path(sys.executable).parent / "soilgw"
    proc = subprocess.run([str(script), "stats", str(_manganese(tmp_path)), "--out", str(out), "--n-boot", "100"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_csv(out)) == 5
