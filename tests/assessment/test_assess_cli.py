"""``soilgw assess`` on the real datasets shipped in data/ and on bad input.

Each expectation is derived in the docstring from the standard's printed table row, never from our output.
Inputs are built from the dataset files with column selection/renaming only (values untouched).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from soilgw.cli import main

DATA = Path(__file__).resolve().parents[2] / "data"


def run(tmp_path, frame, *args, name="in.csv"):
    src = tmp_path / name
    frame.to_csv(src, index=False)
    out, summary, ns = tmp_path / "out.csv", tmp_path / "summary.csv", tmp_path / "ns.csv"
    code = main(["assess", str(src), *args, "--out", str(out), "--summary", str(summary), "--not-screened", str(ns)])
    assert code == 0
    read = lambda p: pd.read_csv(p, dtype=str, keep_default_na=False)  # noqa: E731
    return read(out), read(summary).set_index("sample_id"), read(ns)


@pytest.fixture(scope="module")
def cropland():
    d = pd.read_csv(DATA / "china_cropland_cd" / "pri_Cd_data.csv", skiprows=[0, 1])
    d["sample_id"] = [f"HN{i + 1:03d}" for i in range(len(d))]
    return d


def test_china_cropland_soil_cd_gb15618(tmp_path, cropland):
    """GB 15618-2018 Table 1 Cd (其他 0.3/0.3/0.3/0.6; 水田 0.3/0.4/0.6/0.8), Table 3 Cd 1.5/2.0/3.0/4.0;
    Upland → 其他 column, Paddy → 水田.
    HN001 Upland pH 4.40 Cd 0.2826 ≤ 0.3 → I priority_protection; HN002 Upland pH 7.55 Cd 0.3601 ≤ 0.6 → I;
    HN003 Upland pH 5.14 Cd 0.4307 > 0.3, ≤ 1.5 → II safe_utilization; HN061 Paddy pH 7.91 Cd 0.7299 ≤ 0.8 → I;
    HN081 Paddy pH 7.44 Cd 0.5283 ≤ 0.6 → I; HN121 Paddy pH 5.22 Cd 0.3493 > 0.3 → II; HN136 Paddy pH 5.40
    Cd 0.5028 > 0.3, ≤ 1.5 → II. (No result reaches an intervention value: max Cd 0.94 < 1.5.)"""
    wide = cropland[["sample_id", "pH", "land_use", "SoilCdtot"]].rename(columns={"SoilCdtot": "Cd (mg/kg)"})
    out, summary, ns = run(tmp_path, wide, "--standard", "gb15618")
    assert len(out) == len(cropland) and len(ns) == 0
    expected = {"HN001": ("priority_protection", "0.3"), "HN002": ("priority_protection", "0.6"),
                "HN003": ("safe_utilization", "0.3"), "HN061": ("priority_protection", "0.8"),
                "HN081": ("priority_protection", "0.6"), "HN121": ("safe_utilization", "0.3"),
                "HN136": ("safe_utilization", "0.3")}
    byid = out.set_index("sample_id")
    for sid, (category, s) in expected.items():
        assert summary.loc[sid, "category"] == category, sid
        assert float(byid.loc[sid, "screening_value"]) == pytest.approx(float(s), rel=1e-12), sid
    assert set(summary["category"]) == {"priority_protection", "safe_utilization"}


def test_china_cropland_rice_grain_cd_gb2762(tmp_path, cropland):
    """GB 2762-2022 Table 2: 稻谷、糙米、大米(粉) Cd 0.2 mg/kg (稻谷 judged as 糙米).
    HN054 0.010, HN060 0.029, HN120 0.074 ≤ 0.2 → pass; HN127 0.372, HN123 0.777, HN133 3.694 > 0.2 → exceed."""
    rice = cropland[cropland["RiceCd"].notna()][["sample_id", "RiceCd"]].rename(columns={"RiceCd": "Cd (mg/kg)"})
    rice["crop"] = "稻谷"
    out, summary, _ = run(tmp_path, rice, "--standard", "gb2762")
    for sid, exceeds in {"HN054": "False", "HN060": "False", "HN120": "False", "HN127": "True",
                         "HN123": "True", "HN133": "True"}.items():
        assert summary.loc[sid, "exceeds"] == exceeds, sid
    assert (out["screening_value"].astype(float) == 0.2).all()


def test_sinu_floodplain_gb15618(tmp_path):
    """No land use in the dataset: run with --land-use other (其他 column). Table 1 其他: Cd 0.3/0.3/0.3/0.6,
    Hg 1.3/1.8/2.4/3.4, Cr 150/150/200/250, Ni 60/70/100/190, Pb 70/90/120/170, Zn 200/200/250/300;
    Table 3: Cd 1.5/2.0/3.0/4.0, Hg 2.0/2.5/4.0/6.0.
    SL01 surface dry pH 5.8: Hg 3.12 > 2.5 → III strict_control (Cd 1.72 II).
    SL06 surface dry pH 5.6: Cd 1.25 > 0.3, ≤ 2.0 → II; Hg 1.14 ≤ 1.8 → safe_utilization.
    SL14 surface dry pH 6.0: Hg 3.01 > 2.5 → strict_control.
    SL06 surface rainy pH 7.9: Cd 1.18 > 0.6, ≤ 4.0; Hg 1.09 ≤ 3.4 → safe_utilization.
    SL15 surface rainy pH 8.1: Cd 0.53 ≤ 0.6, Hg 0.47 ≤ 3.4, Cr 38, Ni 40.2, Pb 4.4, Zn 41.5 → priority_protection.
    SL03 deep rainy pH 6.9: Cd 0.55 > 0.3, ≤ 3.0; Hg 2.12 ≤ 2.4 → safe_utilization."""
    s = pd.read_csv(DATA / "sinu_river_floodplain_soil_metals" / "all-measurements.csv")
    s["sample_id"] = s["Location"] + "_" + s["Position"] + "_" + s["Season"]
    wide = s[["sample_id", "pH", "Cd", "Cr", "Hg", "Ni", "Pb", "Zn"]].rename(
        columns={m: f"{m} (mg/kg)" for m in ("Cd", "Cr", "Hg", "Ni", "Pb", "Zn")})
    _, summary, _ = run(tmp_path, wide, "--standard", "gb15618", "--land-use", "other")
    expected = {"SL01_surface_dry": "strict_control", "SL06_surface_dry": "safe_utilization",
                "SL14_surface_dry": "strict_control", "SL06_surface_rainy": "safe_utilization",
                "SL15_surface_rainy": "priority_protection", "SL03_deep_rainy": "safe_utilization"}
    for sid, cat in expected.items():
        assert summary.loc[sid, "category"] == cat, sid
    assert summary.loc["SL01_surface_dry", "deciding_analytes"] == "hg"


def test_dagu_groundwater_gbt14848(tmp_path):
    """GB/T 14848-2017 Table 1 bounds (I/II/III/IV): hardness 150/300/450/650, TDS 300/500/1000/2000,
    sulfate 50/150/250/350, chloride 50/150/250/350, Na 100/150/200/400, F 1.0/1.0/1.0/2.0, pH I–III 6.5–8.5.
    W17_2001_6: Na 405 > 400 → V, SO4 588.18 > 350 → V (TDS 1895.72 IV) → V, deciding na;sulfate.
    W17_2002_9: SO4 352.73 > 350 → V. W13_2002_9: hardness 434.35 (III), TDS 500.51 (III), SO4 150.81 (III),
    Cl 77.43 (II) → III. W6_2007_4: hardness 812 > 650 → V.
    NO3 is nitrate as NO3⁻; the table's item is nitrate as N (I–IV 2/5/20/30): × 14.007/62.004 = 0.2259.
    W7_2017_7: NO3 204.83 → 46.27 mg/L N > 30 → V (Cl 273.84, hardness 642.22, TDS 1240 are IV) → V, nitrate_n."""
    d = pd.read_csv(DATA / "china_groundwater_hydrochem" / "dagu_river_basin_liu2021.csv")
    d["sample_id"] = d["ShortID"] + "_" + d["SY"].astype(str) + "_" + d["SM"].astype(str)
    d = d.drop_duplicates("sample_id")
    cols = {"pH": "pH (无量纲)", **{c: f"{c} (mg/L)" for c in ("Hardness", "TDS", "Na", "Cl", "SO4", "NO3", "F")}}
    wide = d[["sample_id", *cols]].rename(columns=cols)
    out, summary, ns = run(tmp_path, wide, "--standard", "gbt14848", "--target-class", "III")
    expected = {"W17_2001_6": "V", "W17_2002_9": "V", "W13_2002_9": "III", "W7_2017_7": "V", "W6_2007_4": "V"}
    for sid, cls in expected.items():
        assert summary.loc[sid, "class"] == cls, sid
    assert summary.loc["W17_2001_6", "deciding_analytes"] == "na;sulfate"
    assert summary.loc["W13_2002_9", "meets_target"] == "True"
    assert summary.loc["W7_2017_7", "deciding_analytes"] == "nitrate_n"
    no3 = out[(out["sample_id"] == "W7_2017_7") & (out["analyte"] == "NO3")].iloc[0]
    assert float(no3["value_std"]) == pytest.approx(204.83 * 14.007 / 62.004, rel=1e-12)
    assert set(ns.loc[ns["analyte"] == "NO3", "note"]) == {"not measured"} and "class" in out.columns


def test_basel_groundwater_gbt14848(tmp_path):
    """GB/T 14848-2017 (I/II/III bounds): nitrate-N 2/5/20, sulfate 50/150/250, chloride 50/150/250,
    tetrachloroethylene 0.5/4.0/40 μg/L, trichloroethylene 0.5/7.0/70 μg/L, pH 6.5–8.5 (I–III).
    F_0785 2001-06-28: nitrate-N 8.63 → III; PCE 2.8 → II → III. F_0568 1996-06-20: nitrate-N <0.06 (DL ≤ 2 → I),
    PCE 3.3 → II → II. F_0734 2016-05-25: sulfate 171 → III. F_1026 1997-02-11: nitrate-N 8.37 → III,
    TCE 2.2 → II, Cl 50.6 → II → III. F_0785 1996-11-13: nitrate-N 7.40 → III, PCE 3.7 → II → III."""
    b = pd.read_csv(DATA / "basel_groundwater_quality" / "gw_quality_results.csv", dtype=str)
    params = ["Tetrachlorethen", "Nitrat(N)", "Chlorid", "Sulfat", "Trichlorethen", "Fluorid", "pH"]
    keys = {("F_0785", "2001-06-28"), ("F_0568", "1996-06-20"), ("F_0734", "2016-05-25"), ("F_1026", "1997-02-11"),
            ("F_0785", "1996-11-13")}
    in_keys = np.array([k in keys for k in zip(b["sampling_point"], b["sample_date"], strict=True)])
    sel = b[b["parameter"].isin(params).to_numpy() & in_keys]
    long = pd.DataFrame({"sample_id": sel["sampling_point"] + "_" + sel["sample_date"], "analyte": sel["parameter"],
                         "value": sel["value_reported"], "unit": sel["unit"]})
    _, summary, _ = run(tmp_path, long, "--standard", "gbt14848")
    expected = {"F_0785_2001-06-28": "III", "F_0568_1996-06-20": "II", "F_0734_2016-05-25": "III",
                "F_1026_1997-02-11": "III", "F_0785_1996-11-13": "III"}
    for sid, cls in expected.items():
        assert summary.loc[sid, "class"] == cls, sid
    assert summary.loc["F_0568_1996-06-20", "deciding_analytes"] == "tetrachloroethylene"


def test_meuse_gb36600_and_tccb_not_screened(tmp_path):
    """GB 36600-2018 Table 1, first-class land: Cd 20/47, Cu 2000/8000, Pb 400/800 (screening/intervention).
    Meuse: a sample with lead > 400 (max 654 ≤ 800) → investigate, otherwise negligible (Cd max 18.1 ≤ 20,
    Cu max 128 ≤ 2000); zinc has no GB 36600 value → not screened. TcCB (1,2,3,4-tetrachlorobenzene, μg/kg) is
    not a GB 36600 item → every row not screened."""
    m = pd.read_csv(DATA / "meuse_soil_metals" / "meuse_all.csv")
    m["sample_id"] = "M" + m["sample"].astype(int).astype(str)
    wide = m[["sample_id", "cadmium", "copper", "lead", "zinc"]].rename(
        columns={c: f"{c} (mg/kg)" for c in ("cadmium", "copper", "lead", "zinc")})
    _, summary, ns = run(tmp_path, wide, "--standard", "gb36600", "--land-class", "1")
    want = m.set_index("sample_id")["lead"].gt(400).map({True: "investigate", False: "negligible"})
    assert (summary["conclusion"] == want.reindex(summary.index)).all()
    assert set(ns["analyte"]) == {"zinc"} and len(ns) == len(m)
    t = pd.read_csv(DATA / "epa_tccb_cleanup_site_soil" / "EPA.94b.tccb.df.csv")
    tccb = pd.DataFrame({"sample_id": [f"T{i}" for i in range(len(t))], "analyte": "TcCB",
                         "value": t["TcCB.orig"].str.strip(), "unit": "μg/kg"})
    out, summary, ns = run(tmp_path, tccb, "--standard", "gb36600")
    assert len(ns) == len(t) and set(summary["conclusion"]) == {"not_screened"}


def test_bad_row_stops_with_file_row_column_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "bad.csv"
    pd.DataFrame({"sample_id": ["a", "b"], "analyte": ["Cd", "Cd"], "value": ["0.1", "high"], "unit": "mg/kg",
                  "ph": "6", "land_use": "paddy"}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    assert main(["assess", str(src), "--standard", "gb15618", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv, row 3, column 'value': " in err and "cannot read 'high'" in err and not out.exists()
    src.write_text("sample_id,analyte,value,unit,ph,land_use\na,Cd,0.1,ppm,6,paddy\n", encoding="utf-8")
    assert main(["assess", str(src), "--standard", "gb15618", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "row 2, column 'unit': " in err and "未知单位 'ppm'" in err and "unknown unit 'ppm'" in err
    assert not out.exists()
    src.write_text("sample_id,analyte,value,unit,ph,land_use\na,Cd,-0.1,mg/kg,6,paddy\n", encoding="utf-8")
    assert main(["assess", str(src), "--standard", "gb15618", "--out", str(out)]) == 2
    assert "negative value" in capsys.readouterr().err


def test_xlsx_output_and_subprocess(tmp_path):
    src = tmp_path / "gw.csv"
    pd.DataFrame({"sample_id": ["w", "w"], "analyte": ["氟化物", "As"], "value": ["1.5", "<0.001"],
                  "unit": "mg/L"}).to_csv(src, index=False)
    exe = shutil.which("soilgw", path=str(Path(sys.executable).parent))
    out = tmp_path / "out.xlsx"
    proc = subprocess.run([exe, "assess", str(src), "--standard", "gbt14848", "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    sheets = pd.read_excel(out, sheet_name=None)
    assert set(sheets) == {"results", "samples", "not_screened"}
    assert sheets["samples"].iloc[0]["class"] == "IV"  # fluoride 1.5: I–III ≤1.0, IV ≤2.0


def test_large_input_is_chunked(tmp_path, capsys):
    """260,000 results (> 250,000 per chunk). Fluoride 1.5 mg/L is class IV
    (GB/T 14848-2017 Table 1: I–III ≤1.0, IV ≤2.0) in every row; each of the 130,000 samples also has
    nitrate-N 3 mg/L (II: 2 < 3 ≤ 5) → every sample class IV; rows keep their file positions."""
    n = 130_000
    frame = pd.DataFrame({"sample_id": [f"S{i}" for i in range(n) for _ in (0, 1)],
                          "analyte": ["氟化物", "NO3-N"] * n, "value": ["1.5", "3"] * n, "unit": "mg/L"})
    out, summary, _ = run(tmp_path, frame, "--standard", "gbt14848")
    assert len(out) == 2 * n and len(summary) == n and set(summary["class"]) == {"IV"}
    assert out["source_row"].astype(int).tolist() == list(range(2 * n))
    assert "assess in.csv" not in capsys.readouterr().err  # no bar: stderr is not a terminal here


def test_swiss_jura_gb36600_and_missing_ph(tmp_path, capsys):
    """GB 36600-2018 first-class screening values: Cd 20, Co 20 (Table 2), Cu 2000, Ni 150, Pb 400 mg/kg.
    Jura maxima are Cd 5.129, Co 17.72, Cu 166.4, Ni 53.2, Pb 229.56 → every sample negligible; Cr (total) and Zn
    are not GB 36600 items → not screened. GB 15618 on the same file stops: the dataset has no pH, and GB 15618
    values depend on pH (never defaulted)."""
    j = pd.read_csv(DATA / "swiss_jura_soil_metals" / "jura_prediction_set.csv")
    j["sample_id"] = [f"J{i}" for i in range(len(j))]
    metals = ["Cd", "Co", "Cr", "Cu", "Ni", "Pb", "Zn"]
    wide = j[["sample_id", *metals]].rename(columns={m: f"{m} (mg/kg)" for m in metals})
    _, summary, ns = run(tmp_path, wide, "--standard", "gb36600", "--land-class", "1")
    assert set(summary["conclusion"]) == {"negligible"} and len(summary) == len(j)
    assert set(ns["analyte"]) == {"Cr", "Zn"}
    src = tmp_path / "jura.csv"
    wide.to_csv(src, index=False)
    code = main(["assess", str(src), "--standard", "gb15618", "--land-use", "other", "--out", str(tmp_path / "x.csv")])
    assert code == 2 and "has no pH" in capsys.readouterr().err


def test_site_summary_gb36600(tmp_path):
    """GB 36600-2018 first-class land, 苯 (benzene) screening 1, intervention 10 mg/kg: site A has 0.5 and 1.5 → one
    point above screening → investigate; site B has 0.2 → negligible."""
    src = tmp_path / "site.csv"
    pd.DataFrame({"site_id": ["A", "A", "B"], "sample_id": ["p1", "p2", "p3"], "analyte": "苯",
                  "value": [0.5, 1.5, 0.2], "unit": "mg/kg"}).to_csv(src, index=False)
    sites = tmp_path / "sites.csv"
    assert main(["assess", str(src), "--standard", "gb36600", "--out", str(tmp_path / "o.csv"),
                 "--site-summary", str(sites)]) == 0
    got = pd.read_csv(sites).set_index("site_id")["conclusion"].to_dict()
    assert got == {"A": "investigate", "B": "negligible"}
    assert main(["assess", str(src), "--standard", "gbt14848", "--out", str(tmp_path / "o2.csv"),
                 "--site-summary", str(sites)]) == 2


def test_site_conclusions_merge_across_chunks():
    """A site split over chunks takes the worst conclusion; an undecided part keeps it undecided unless another
    part already needs risk control; analyte lists are united."""
    from soilgw.commands.assess import _merge_sites

    cols = ["site_id", "conclusion", "exceeds_screening_analytes", "exceeds_intervention_analytes",
            "indeterminate_analytes", "background_applied_analytes", "values_verified", "standard"]
    a = pd.DataFrame([["S", "investigate", "benzene", "", "", "", True, "GB 36600-2018"],
                      ["T", "indeterminate", "", "", "as", "", True, "GB 36600-2018"]], columns=cols)
    b = pd.DataFrame([["S", "negligible", "", "", "", "", True, "GB 36600-2018"],
                      ["T", "risk_control", "pb", "pb", "", "", False, "GB 36600-2018"]], columns=cols)
    got = _merge_sites([a, b]).set_index("site_id")
    assert got.loc["S", "conclusion"] == "investigate" and got.loc["S", "exceeds_screening_analytes"] == "benzene"
    assert got.loc["T", "conclusion"] == "risk_control" and not got.loc["T", "values_verified"]
