"""``soilgw risk control-values`` and ``soilgw risk assess``."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from soilgw.cli import main
from soilgw.commands.risk import split_chemicals
from soilgw.standards.loader import load_table

GB_ITEMS = load_table("gb36600_2018")


@pytest.mark.parametrize("method", ["hj25.3-2019", "us-epa-rsl"])
@pytest.mark.parametrize("land_class", ["1", "2"])
def test_control_values_row_for_every_gb36600_item(tmp_path, method, land_class):
    out = tmp_path / "cv.csv"
    assert main(["risk", "control-values", "--land-class", land_class, "--method", method, "--out", str(out)]) == 0
    f = pd.read_csv(out, keep_default_na=False)
    assert len(f) == len(GB_ITEMS)
    for col in ("chemical", "cas", "rcvs_mg_per_kg", "hcvs_mg_per_kg", "control_value_mg_per_kg", "governing"):
        assert col in f.columns
    empty = f["control_value_mg_per_kg"] == ""
    assert {"Lead", "Petroleum hydrocarbons (C10-C40)"} <= set(f.loc[empty, "chemical"])
    assert (f.loc[empty, "reason"] != "").all()
    # the shipped defaults include recalled (unverified) values, and the output must say so
    assert f["parameters_verified"].astype(str).eq("False").all()


def test_chemical_list_keeps_names_with_commas():
    assert split_chemicals("1,2-二氯乙烷,苯;71-43-2") == ["1,2-二氯乙烷", "苯", "71-43-2"]


def test_assess_writes_pathways_and_totals(tmp_path):
    inp = tmp_path / "in.csv"
    inp.write_text('chemical,concentration,unit,medium\n苯,5,mg/kg,\nBaP,1.2,mg/kg,surface_soil\n'
                   '"1,2-二氯乙烷",20,μg/L,\n铅,800,mg/kg,\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["risk", "assess", str(inp), "--land-class", "1", "--out", str(out)]) == 0
    f = pd.read_csv(out)
    assert {"chemical", "pathway", "carcinogenic_risk", "hazard_quotient"} <= set(f.columns)
    assert {"soil_total", "groundwater_total"} <= set(f["pathway"])
    gw = f[(f["chemical"] == "1,2-Dichloroethane") & (f["pathway"] == "iiv2")].iloc[0]
    assert gw["concentration"] == pytest.approx(0.02)  # 20 μg/L -> 0.02 mg/L
    assert f.loc[f["chemical"] == "Lead", "carcinogenic_risk"].isna().all()


@pytest.mark.parametrize(("content", "message"), [
    ("chemical,concentration\n苯,1\n", "missing column"),
    ("chemical,concentration,unit\n苯,abc,mg/kg\n", "row 2, column 'concentration'"),
    ("chemical,concentration,unit\n苯,1,furlongs\n", "row 2, column 'unit'"),
    ("chemical,concentration,unit\nunobtainium,1,mg/kg\n", "row 2, column 'chemical'"),
    ("chemical,concentration,unit,medium\n苯,1,mg/kg,groundwater\n", "column 'unit'"),
])
def test_assess_bad_input_exit_2_naming_row_and_column(tmp_path, capsys, content, message):
    inp = tmp_path / "bad.csv"
    inp.write_text(content, encoding="utf-8")
    assert main(["risk", "assess", str(inp), "--land-class", "1", "--out", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert message in err and "bad.csv" in err


def test_usage_errors_exit_2(tmp_path):
    assert main(["risk", "control-values", "--land-class", "3", "--out", str(tmp_path / "o.csv")]) == 2
    assert main(["risk", "control-values", "--land-class", "1", "--chemicals", "unobtainium",
                 "--out", str(tmp_path / "o.csv")]) == 2
    assert main(["risk", "control-values", "--land-class", "1", "--override", "Lgw=abc",
                 "--out", str(tmp_path / "o.csv")]) == 2


def test_installed_entry_point(tmp_path):
    exe = Path(sys.executable).with_name("soilgw")
    out = tmp_path / "cv.csv"
    r = subprocess.run([str(exe), "risk", "control-values", "--land-class", "1", "--chemicals", "苯并[a]芘",
                        "--override", "Lgw=150", "--override", "hv=145", "--out", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    f = pd.read_csv(out)
    assert f["chemical"].tolist() == ["Benzo[a]pyrene"] and f["governing"].iloc[0] == "carcinogenic"
