"""HJ 25.3-2019 risk core: published-number checks, invariants and input handling.

Published numbers used here:
- GB 36600-2018 Table 1/2 first-class screening values (shipped table ``gb36600_2018``): a sanity
  comparison (the standard was derived with earlier parameters), asserted only loosely (×2).
- GB 36600-2018 values that equal the soil saturation limit (toluene 1200, styrene 1290,
  1,2-dichlorobenzene 560 on first-class land; o-xylene 640 on second-class land): Csat = S·Ksw, so these
  check Ksw (θws, θas, Kd = Koc·foc) to the two or three printed digits.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soilgw.assessment import risk
from soilgw.assessment.risk import hj25_3, pathways
from soilgw.assessment.risk.parameters import (
    CHEMICAL_UNITS,
    chemical_table,
    exposure_defaults,
    gb36600_items,
    resolve_parameters,
    select_chemicals,
)
from soilgw.standards.analytes import lookup
from soilgw.standards.loader import load_table

GB = load_table("gb36600_2018")
GB["item"] = GB["table"] + "-" + GB["item_no"]

#: GB 36600-2018 first-class items that are not risk-based, with the reason (docs/gb36600_comparison.md).
NOT_RISK_BASED = {
    "表1-1": "arsenic: set at soil background (footnote a, GB 36600-2018 Annex A)",
    "表1-5": "lead: no RfD/SF; IEUBK blood-lead model",
    "表1-28": "1,2-dichlorobenzene: value equals the soil saturation limit",
    "表1-31": "styrene: value equals the soil saturation limit",
    "表1-32": "toluene: value equals the soil saturation limit",
    "表2-39": "PBBs: no toxicity values",
    "表2-40": "petroleum hydrocarbons C10-C40: fraction-based, no single toxicity value",
}


def test_every_gb36600_item_has_a_row_matching_the_catalogue():
    ours = gb36600_items().set_index("gb36600_item")
    assert set(ours.index) == set(GB["item"])
    for _, g in GB.iterrows():
        assert lookup(ours.loc[g["item"], "name_en"]).code == g["analyte_code"], g["item"]


def test_no_value_without_a_source():
    t = chemical_table()
    has_value = t[list(CHEMICAL_UNITS)].notna().any(axis=1) & t[["sfo", "iur", "rfdo", "rfc"]].notna().any(axis=1)
    assert (t.loc[has_value, "source"] != "").all()
    assert (t.loc[has_value, "source_id"] != "").all()
    # rows without toxicity values carry the reason instead
    assert (t.loc[~has_value, "reason"] != "").all()
    d = exposure_defaults(1)
    assert (d["source"] != "").all() and (d["source_id"] != "").all()


def test_lead_and_tph_listed_without_values_with_reason():
    res = risk.control_values(["铅", "石油烃（C10-C40）"], land_class=1)
    assert res.frame["control_value_mg_per_kg"].isna().all()
    assert res.frame["reason"].str.len().gt(20).all()


def test_gb36600_first_class_comparison_at_least_15_risk_based_within_factor_2():
    # GB 36600-2018 Tables 1-2, first-class screening values; sanity check (derived with HJ 25.3-2014 era
    # parameters), so only the loose x2 band of issue 5 is asserted.
    cv = risk.control_values(land_class=1).frame.set_index("gb36600_item")["control_value_mg_per_kg"]
    gb = GB.set_index("item")["screening_class1"].pipe(pd.to_numeric, errors="coerce")
    risk_based = [i for i in gb.index if i not in NOT_RISK_BASED and np.isfinite(cv[i])]
    ratio = cv[risk_based] / gb[risk_based]
    assert ((ratio >= 0.5) & (ratio <= 2.0)).sum() >= 15


@pytest.mark.parametrize(("name", "land_class", "gb_value"), [
    ("Toluene", 1, 1200), ("Styrene", 1, 1290), ("1,2-Dichlorobenzene", 1, 560), ("o-Xylene", 2, 640),
])
def test_saturation_limit_matches_gb36600_values_set_at_csat(name, land_class, gb_value):
    # GB 36600-2018 Table 1 prints these at Csat; printed to 2-3 significant figures -> 1 % tolerance
    res = risk.control_values([name], land_class=land_class)
    assert res.frame["csat_mg_per_kg"].iloc[0] == pytest.approx(gb_value, rel=0.01)
    assert res.unit_risk.intermediates["Csat"][0, 0] == pytest.approx(
        res.unit_risk.intermediates["Ksw"][0, 0] * select_chemicals([name])["solubility"].iloc[0])


def _conc(names, sur, sub, gw):
    return pd.DataFrame({"chemical": names, "surface_soil_mg_per_kg": sur, "subsurface_soil_mg_per_kg": sub,
                         "groundwater_mg_per_l": gw})


NAMES = ["苯", "苯并[a]芘", "三氯乙烯", "砷", "萘"]


@settings(max_examples=25, deadline=None)
@given(k=st.floats(min_value=1e-3, max_value=1e3))
def test_risk_is_linear_in_concentration(k):
    base = risk.assess(_conc(NAMES, 1.0, 2.0, 0.5), land_class=1, overrides={"groundwater_drinking": True})
    scaled = risk.assess(_conc(NAMES, k, 2.0 * k, 0.5 * k), land_class=1, overrides={"groundwater_drinking": True})
    for col in ("carcinogenic_risk", "hazard_quotient"):
        np.testing.assert_allclose(scaled.frame[col], k * base.frame[col], rtol=1e-12)


@pytest.mark.parametrize("land_class", [1, 2])
def test_hazard_index_is_sum_of_quotients(land_class):
    f = risk.assess(_conc(NAMES, 3.0, 4.0, 0.2), land_class=land_class,
                    overrides={"groundwater_drinking": True}).frame
    for (chem, _), g in f.groupby(["chemical", "site"], observed=True):
        for total, codes in (("soil_total", hj25_3.SOIL_PATHWAYS), ("groundwater_total", hj25_3.GROUNDWATER_PATHWAYS)):
            parts = g[g["pathway"].isin(codes)]
            row = g[g["pathway"] == total].iloc[0]
            assert row["hazard_quotient"] == pytest.approx(parts["hazard_quotient"].sum(), rel=1e-12), chem
            assert row["carcinogenic_risk"] == pytest.approx(parts["carcinogenic_risk"].sum(), rel=1e-12), chem


@pytest.mark.parametrize("land_class", [1, 2])
def test_control_value_times_unit_risk_is_acceptable_risk(land_class):
    acr, ahq = 1e-5, 0.5
    res = risk.control_values(None, land_class, overrides={"ACR": acr, "AHQ": ahq, "groundwater_drinking": True})
    ur = res.unit_risk
    soil_cr = sum(ur.cr[k] for k in hj25_3.SOIL_PATHWAYS)[:, 0]
    soil_hq = sum(ur.hq[k] for k in hj25_3.SOIL_PATHWAYS)[:, 0]
    gw_cr = sum(ur.cr[k] for k in hj25_3.GROUNDWATER_PATHWAYS)[:, 0]
    f = res.frame
    ok = f["rcvs_mg_per_kg"].notna()
    np.testing.assert_allclose(f.loc[ok, "rcvs_mg_per_kg"] * soil_cr[ok], acr, rtol=1e-12)
    ok = f["hcvs_mg_per_kg"].notna()
    np.testing.assert_allclose(f.loc[ok, "hcvs_mg_per_kg"] * soil_hq[ok], ahq, rtol=1e-12)
    ok = f["rcvg_mg_per_l"].notna()
    np.testing.assert_allclose(f.loc[ok, "rcvg_mg_per_l"] * gw_cr[ok], acr, rtol=1e-12)
    # and through assess(): risk at the control value equals the acceptable level
    row = f[f["chemical"] == "Benzene"].iloc[0]
    a = risk.assess(_conc(["benzene"], row["rcvs_mg_per_kg"], row["rcvs_mg_per_kg"], 0.0), land_class,
                    overrides={"ACR": acr, "AHQ": ahq}).frame
    assert a.loc[a["pathway"] == "soil_total", "carcinogenic_risk"].iloc[0] == pytest.approx(acr, rel=1e-12)


def test_site_arrays_equal_one_run_per_site():
    lgw = np.array([100.0, 300.0, 800.0])
    fom = np.array([5.0, 15.0, 30.0])
    many = risk.control_values(["benzene", "TCE"], 1, overrides={"Lgw": lgw, "fom": fom}).frame
    for s in range(3):
        one = risk.control_values(["benzene", "TCE"], 1,
                                  overrides={"Lgw": lgw[s], "fom": fom[s]}).frame
        got = many[many["site"] == s].reset_index(drop=True)
        cols = ["rcvs_mg_per_kg", "hcvs_mg_per_kg", "rcvg_mg_per_l", "hcvg_mg_per_l"]
        np.testing.assert_allclose(got[cols], one[cols], rtol=1e-12)


def test_convective_branch_tends_to_diffusion_branch():
    # Johnson & Ettinger (1991): as Qs -> 0 the convective form reduces to the diffusion-only form
    chem = select_chemicals(["benzene"])
    base = hj25_3.unit_risk(chem, resolve_parameters(1))
    tiny = hj25_3.unit_risk(chem, resolve_parameters(1, {"dP": 1e-9}))
    assert tiny.intermediates["Qs"][0, 0] > 0
    for vf in ("VFsubia", "VFgwia"):
        assert tiny.intermediates[vf][0, 0] == pytest.approx(base.intermediates[vf][0, 0], rel=1e-6)
    more = hj25_3.unit_risk(chem, resolve_parameters(1, {"dP": 4.0}))
    assert more.intermediates["VFsubia"][0, 0] > base.intermediates["VFsubia"][0, 0]


def test_first_class_uses_child_for_noncarcinogens_and_adult_only_on_second_class():
    p1, p2 = resolve_parameters(1), resolve_parameters(2)
    r1 = pathways.exposure_rates(p1.values, 1)
    r2 = pathways.exposure_rates(p2.values, 2)
    v1, v2 = p1.values, p2.values
    child = v1["OSIRc"] * v1["EDc"] * v1["EFc"] * v1["ABSo"] / v1["BWc"] * 1e-6
    adult = v1["OSIRa"] * v1["EDa"] * v1["EFa"] * v1["ABSo"] / v1["BWa"] * 1e-6
    assert r1["ois"]["nc"] == pytest.approx(child / v1["ATnc"])
    assert r1["ois"]["ca"] == pytest.approx((child + adult) / v1["ATca"])
    adult2 = v2["OSIRa"] * v2["EDa"] * v2["EFa"] * v2["ABSo"] / v2["BWa"] * 1e-6
    assert r2["ois"]["ca"] == pytest.approx(adult2 / v2["ATca"])
    assert r2["ois"]["nc"] == pytest.approx(adult2 / v2["ATnc"])


def test_overrides_are_recorded_and_validated():
    p = resolve_parameters(1, {"Lgw": 150.0})
    rec = p.records.set_index("symbol")
    assert bool(rec.loc["Lgw", "overridden"]) and rec.loc["Lgw", "source"] == "override"
    assert not bool(rec.loc["rho_b", "overridden"]) and rec.loc["rho_b", "source"].startswith("HJ 25.3-2019")
    with pytest.raises(ValueError, match="unknown parameter"):
        resolve_parameters(1, {"Lgww": 1})
    with pytest.raises(ValueError, match="does not apply to land class 2"):
        resolve_parameters(2, {"BWc": 20})
    with pytest.raises(ValueError, match="non-negative"):
        resolve_parameters(1, {"Lgw": -1})
    with pytest.raises(ValueError, match="land_class"):
        resolve_parameters(3)


def test_dispatcher_rejects_unknown_method_and_chemical():
    with pytest.raises(ValueError, match="valid: hj25.3-2019, us-epa-rsl"):
        risk.control_values(["benzene"], 1, method="csoil")
    with pytest.raises(ValueError, match="unknown analyte"):
        risk.control_values(["unobtainium"], 1)


def test_assess_flags_saturation_and_rejects_negative():
    f = risk.assess(_conc(["toluene"], 5000.0, 0.0, 0.0), 1).frame
    assert f.loc[f["pathway"] == "ois", "above_csat"].iloc[0]
    with pytest.raises(ValueError, match="negative"):
        risk.assess(_conc(["toluene"], -1.0, 0.0, 0.0), 1)


def test_sensitivity_moves_each_parameter_both_ways():
    s = risk.sensitivity(_conc(["benzene"], 1.0, 1.0, 0.0), land_class=1)
    assert set(s["direction"]) == {"-", "+"}
    row = s[(s["parameter"] == "OSIRc") & (s["direction"] == "+")].iloc[0]
    assert row["perturbed_value"] == pytest.approx(1.2 * row["base_value"])
    # ingestion risk is linear in OSIRc: the change equals OSIRc's share of the child ingestion term
    assert row["cr_change_pct"] > 0
    atca = s[(s["parameter"] == "ATca") & (s["direction"] == "+")].iloc[0]
    assert atca["cr_change_pct"] == pytest.approx(100 * (1 / 1.2 - 1), rel=1e-9)
    with pytest.raises(ValueError, match="delta"):
        risk.sensitivity(_conc(["benzene"], 1.0, 1.0, 0.0), delta=1.5)


def test_chemical_overrides_change_the_result_and_are_recorded():
    base = risk.control_values(["苯"], 1)
    res = risk.control_values(["苯"], 1, chemical_overrides={"benzene": {"iur": 2 * 7.8e-6, "sfo": 2 * 5.5e-2}})
    # every carcinogenic pathway scales with SFo or IUR -> RCVS halves exactly
    assert res.frame["rcvs_mg_per_kg"].iloc[0] == pytest.approx(base.frame["rcvs_mg_per_kg"].iloc[0] / 2, rel=1e-12)
    rec = res.chemical_parameters.set_index("parameter")
    assert rec.loc["iur", "source"] == "override" and not rec.loc["iur", "verified"]
    assert rec.loc["koc", "source"].startswith("US EPA RSL")
    with pytest.raises(ValueError, match="unknown parameter"):
        risk.control_values(["苯"], 1, chemical_overrides={"苯": {"halflife": 1}})
    with pytest.raises(ValueError, match="not among"):
        risk.control_values(["苯"], 1, chemical_overrides={"toluene": {"koc": 1}})


def test_unsaturated_thickness_follows_depth_to_groundwater():
    p = resolve_parameters(1, {"Lgw": 150.0})
    assert p["hv"] == pytest.approx(150.0 - p["hcap"])
    assert resolve_parameters(1, {"Lgw": 150.0}).records.set_index("symbol").loc["hv", "source"].startswith("derived")
    with pytest.raises(ValueError, match="hcap \\+ hv must equal Lgw"):
        resolve_parameters(1, {"Lgw": 150.0, "hv": 100.0})
    with pytest.raises(ValueError, match="must exceed hcap"):
        resolve_parameters(1, {"Lgw": 3.0})


def test_soil_without_air_filled_pores_is_rejected_naming_the_site():
    with pytest.raises(ValueError, match=r"site\(s\) \[1\]"):
        resolve_parameters(1, {"Pws": np.array([0.2, 0.35])})
    s = risk.sensitivity(_conc(["benzene"], 1.0, 1.0, 0.0), land_class=1)
    # +20 % bulk density leaves no air-filled pores at Pws 0.2: reported as NaN, not an error
    assert np.isnan(s[(s["parameter"] == "rho_b") & (s["direction"] == "+")]["total_cr"].iloc[0])
