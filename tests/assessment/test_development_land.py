"""GB 36600-2018 development land: exceedances, conclusions, background footnote (Table 1 values typed from the
printed standard: 苯 1/4/10/40, 砷 20/60/120/140, 六价铬 3.0/5.7/30/78, 铅 400/800/800/2500 mg/kg)."""

import pandas as pd
import pytest

from soilgw.assessment.development_land import assess_gb36600


def _df(rows):
    return pd.DataFrame(rows, columns=["sample_id", "analyte", "value", "unit"])


def test_class_1_and_class_2_values_and_conclusions():
    df = _df([("s1", "苯", "1", "mg/kg"), ("s2", "苯", "1.1", "mg/kg"), ("s3", "Benzene", "10.1", "mg/kg"),
              ("s4", "71-43-2", "<0.5", "mg/kg"), ("s5", "苯", "<2", "mg/kg")])
    r1 = assess_gb36600(df, land_class=1)
    assert list(r1.results["result_status"]) == ["pass", "exceeds_screening", "exceeds_intervention", "pass",
                                                 "indeterminate"]
    assert list(r1.samples["conclusion"]) == ["negligible", "investigate", "risk_control", "negligible",
                                              "indeterminate"]
    r2 = assess_gb36600(df, land_class=2)  # class 2: screening 4, intervention 40
    assert list(r2.results["result_status"]) == ["pass", "pass", "exceeds_screening", "pass", "pass"]


@pytest.mark.parametrize(("name", "values"), [("三氯乙烯", (0.7, 2.8, 7, 20)), ("铬（六价）", (3.0, 5.7, 30, 78)),
                                              ("铅", (400, 800, 800, 2500))])
def test_values_used_per_land_class(name, values):
    df = _df([("s", name, "0.1", "mg/kg")])
    for cls, (s, g) in ((1, (values[0], values[2])), (2, (values[1], values[3]))):
        row = assess_gb36600(df, land_class=cls).results.iloc[0]
        assert row["screening_value"] == pytest.approx(s, rel=1e-12)
        assert row["intervention_value"] == pytest.approx(g, rel=1e-12)


def test_background_footnote_applies_to_arsenic_only():
    """As 25 > 20 (class 1 screening) but ≤ background 30 → not managed as contaminated (Table footnote a);
    Pb 450 > 400 with a background column does not carry the footnote → still exceeds."""
    df = pd.DataFrame({"sample_id": ["s", "s"], "analyte": ["砷", "铅"], "value": [25, 450], "unit": "mg/kg",
                       "background_value": [30, 500]})
    r = assess_gb36600(df)
    assert list(r.results["result_status"]) == ["pass", "exceeds_screening"]
    assert list(r.results["background_applied"]) == [True, False]
    assert r.samples.iloc[0]["background_applied_analytes"] == "as"


def test_site_conclusion_and_unit_conversion():
    """1500 μg/kg = 1.5 mg/kg > 1 (苯 class 1) at one point makes the site 'investigate'."""
    df = pd.DataFrame({"site_id": ["A", "A"], "sample_id": ["p1", "p2"], "analyte": ["苯", "苯"],
                       "value": [500, 1500], "unit": "μg/kg"})
    r = assess_gb36600(df)
    assert r.sites.set_index("site_id").loc["A", "conclusion"] == "investigate"


def test_unknown_land_class():
    with pytest.raises(ValueError, match="unknown land class"):
        assess_gb36600(_df([("s", "苯", "1", "mg/kg")]), land_class=3)
