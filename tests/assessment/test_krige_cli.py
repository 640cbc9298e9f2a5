"""``soilgw krige``: grid output (CSV, GeoPackage), the printed report, exit 2 on bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest

from soilgw.cli import main

JURA = Path(__file__).resolve().parents[2] / "data" / "swiss_jura_soil_metals" / "jura_prediction_set.csv"


@pytest.fixture()
def jura_csv(tmp_path):
    d = pd.read_csv(JURA)
    path = tmp_path / "jura_cd.csv"
    pd.DataFrame({"x": d.Xloc * 1000.0, "y": d.Yloc * 1000.0, "Cd": d.Cd, "unit": "mg/kg"}).to_csv(path, index=False)
    return path


def test_krige_writes_a_csv_grid_and_prints_the_report(jura_csv, tmp_path, capsys):
    out = tmp_path / "cd.csv"
    assert main(["krige", str(jura_csv), "--value", "Cd", "--grid", "250", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "259 samples" in text and "variogram" in text and "leave-one-out CV" in text
    grid = pd.read_csv(out)
    assert set(grid.columns) == {"x", "y", "prediction", "variance", "method"}
    assert (grid.prediction >= 0).all() and (grid.variance >= 0).all()
    assert grid.method.iat[0] == "ordinary_kriging"


def test_krige_writes_a_geopackage(jura_csv, tmp_path):
    out = tmp_path / "cd.gpkg"
    assert main(["krige", str(jura_csv), "--value", "Cd", "--grid", "500", "--out", str(out)]) == 0
    info = pyogrio.read_info(out)
    assert info["geometry_type"] == "Point" and info["features"] > 0
    assert list(info["fields"]) == ["prediction", "variance", "method"]


def test_all_non_detects_print_not_interpolated(tmp_path, capsys):
    path = tmp_path / "nd.csv"
    rng = np.random.default_rng(1)
    pd.DataFrame({"x": rng.uniform(0, 1000, 20), "y": rng.uniform(0, 1000, 20), "Hg": 0.002, "unit": "mg/kg",
                  "censored": "true"}).to_csv(path, index=False)
    assert main(["krige", str(path), "--value", "Hg", "--grid", "100", "--out", str(tmp_path / "o.csv")]) == 0
    assert "all values below the detection limit: not interpolated" in capsys.readouterr().out


@pytest.mark.parametrize("edit, args, message", [
    (lambda d: d.assign(Cd=d.Cd.astype(str).where(d.index != 3, "abc")), [], "line 5, column 'Cd'"),
    (lambda d: d.drop(columns="unit"), [], "exactly one unit"),
    (lambda d: d.drop(columns="y"), [], "missing column 'y'"),
    (lambda d: d, ["--out-suffix", ".tif"], "only .csv or .gpkg"),
    (lambda d: d, ["--grid", "-5"], "must be > 0"),
])
def test_bad_input_exits_2_with_a_clear_message(jura_csv, tmp_path, capsys, edit, args, message):
    path = tmp_path / "bad.csv"
    edit(pd.read_csv(jura_csv)).to_csv(path, index=False)
    out, grid = tmp_path / "o.csv", "250"
    if args[:1] == ["--out-suffix"]:
        out = tmp_path / f"o{args[1]}"
    elif args:
        grid = args[1]
    assert main(["krige", str(path), "--value", "Cd", "--grid", grid, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err


def test_values_are_read_as_labs_report_them(tmp_path, capsys):
    """``<0.05`` and ``0.05L`` in the value column and ``未检出`` in ``censored`` are non-detects at their limit
    (the lab-results boundary's notation); with every value a non-detect nothing is interpolated."""
    path = tmp_path / "nd.csv"
    rng = np.random.default_rng(2)
    values = np.array(["<0.05", "0.05L", "0.05"] * 6 + ["0.05", "0.05"], dtype=object)
    flags = np.array(["", "", "未检出"] * 6 + ["ND", "是"], dtype=object)
    frame = pd.DataFrame({"x": rng.uniform(0, 1000, 20), "y": rng.uniform(0, 1000, 20), "Hg": values,
                          "unit": "mg/kg", "censored": flags})
    frame.to_csv(path, index=False)
    assert main(["krige", str(path), "--value", "Hg", "--grid", "100", "--out", str(tmp_path / "o.csv")]) == 2
    assert "line 21, column 'censored'" in capsys.readouterr().err  # 是 is not a flag the boundary knows
    frame.assign(censored=np.where(flags == "是", "true", flags)).to_csv(path, index=False)
    assert main(["krige", str(path), "--value", "Hg", "--grid", "100", "--out", str(tmp_path / "o.csv")]) == 0
    assert "all values below the detection limit: not interpolated" in capsys.readouterr().out
