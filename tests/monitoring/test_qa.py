"""QA checks and their thresholds, against the cited sources (no database)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from soilgw.assessment.piper import EQUIVALENT_WEIGHT
from soilgw.monitoring import qa


def test_thresholds_are_the_cited_values():
    rules = qa.qa_rules()
    # |CBE| > 5 % (Freeze & Cherry 1979, ch. 3.3; Fritz 1994)
    assert rules[("ion_balance", "water")].threshold == 5
    assert "Freeze" in rules[("ion_balance", "water")].source
    # field-duplicate RPD 20 % water / 35 % soil (EPA-540-R-2017-001; EQuIS DQM defaults)
    assert rules[("field_duplicate_rpd", "water")].threshold == 20
    assert rules[("field_duplicate_rpd", "soil")].threshold == 35
    assert all("EPA-540-R-2017-001" in rules[("field_duplicate_rpd", m)].source for m in ("water", "soil"))


def test_configured_threshold_says_so():
    rule = qa.qa_rules({"ion_balance:water": 10})[("ion_balance", "water")]
    assert rule.threshold == 10 and not rule.verified and "configured threshold 10" in rule.source


def _mg_per_l(meq: dict) -> dict:
    """mg/L of ions given in meq/L (equivalent weights of the Piper core)."""
    return {ion: v * EQUIVALENT_WEIGHT[ion] for ion, v in meq.items()}


def test_charge_balance_error_definition():
    # An electroneutral water has CBE 0; 5.5 meq/L cations vs 4.5 anions is (5.5 − 4.5)/(5.5 + 4.5) = 10 %.
    neutral = _mg_per_l({"Ca": 2.0, "Mg": 1.0, "Na": 1.5, "K": 0.5, "HCO3": 3.0, "Cl": 1.0, "SO4": 1.0})
    off = _mg_per_l({"Ca": 2.5, "Mg": 1.0, "Na": 1.5, "K": 0.5, "HCO3": 2.5, "Cl": 1.0, "SO4": 1.0})
    cbe = qa.charge_balance_error(pd.DataFrame([neutral, off]))
    # equivalent weights are printed to 4 significant figures: 1e-9 % is far below that
    assert cbe.iloc[0] == pytest.approx(0.0, abs=1e-9)
    assert cbe.iloc[1] == pytest.approx(10.0, abs=1e-9)


def test_ion_balance_needs_all_seven_ions():
    partial = pd.DataFrame([{"Ca": 40.0, "Mg": 10.0, "Na": 20.0, "Cl": 30.0, "SO4": 40.0, "HCO3": 150.0}])  # no K
    assert np.isnan(qa.charge_balance_error(partial).iloc[0])


def test_rpd_definition_and_limits():
    # RPD = |x1 − x2| / mean × 100 (EPA-540-R-2017-001): 10 vs 12 → 18.18 %; 10 vs 13 → 26.09 %
    rpd = qa.relative_percent_difference([10.0, 10.0, 0.0], [12.0, 13.0, 0.0])
    assert rpd[0] == pytest.approx(200 / 11, abs=1e-9)
    assert rpd[1] == pytest.approx(300 / 11.5, abs=1e-9)
    assert np.isnan(rpd[2])
    rules = qa.qa_rules()
    assert rpd[0] <= rules[("field_duplicate_rpd", "water")].threshold < rpd[1]
    assert rpd[1] <= rules[("field_duplicate_rpd", "soil")].threshold


def test_detect_below_own_detection_limit():
    flags = qa.detect_below_dl([0.005, 0.02, 0.005, np.nan], ["", "", "<", ""], [0.01, 0.01, 0.01, 0.01])
    assert flags.tolist() == [True, False, False, False]
