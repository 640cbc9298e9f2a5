"""Anomaly rules on hand-made series; each expected flag is derived in the test from the rule's definition."""

from __future__ import annotations

import numpy as np
import pytest

from soilgw.assessment import anomaly


def test_new_exceedance_needs_two_compliant_samples_before():
    """Limit 3: samples 1, 1, 5 → the 5 follows two compliant samples (flag); 5, 6 → the 6 follows an
    exceedance (no flag); 1, 6 → only one compliant sample before (no flag)."""
    flags = anomaly.new_exceedance([1, 1, 5, 6, 1, 6], limit=3)
    assert flags.tolist() == [False, False, True, False, False, False]


def test_nondetect_with_high_detection_limit_is_not_compliant():
    """A non-detect '<5' against limit 3 cannot be called compliant, so the next exceedance is not 'new'."""
    flags = anomaly.new_exceedance([1, 5, 4], [False, True, False], limit=3)
    assert flags.tolist() == [False, False, False]
    flags = anomaly.new_exceedance([1, 2, 4], [False, True, False], limit=3)
    assert flags.tolist() == [False, False, True]


def test_class_deterioration():
    """Class ranks III, III, IV, II, V → worse than the previous sample at positions 2 and 4."""
    assert anomaly.class_deterioration([3, 3, 4, 2, 5]).tolist() == [False, False, True, False, True]


def test_history_outlier_modified_z_score():
    """History 10, 10, 10, 11, 9, 11, 9, 10 has median 10 and MAD 0.5 (|dev| = 0,0,0,1,1,1,1,0 → median 0.5).
    A new 13 scores |13 − 10|/(1.4826·0.5) = 4.05 > 3.5 (flag); a new 12.5 scores 3.37 (no flag)."""
    history = [10, 10, 10, 11, 9, 11, 9, 10]
    assert anomaly.history_outlier(history + [13]).tolist()[-1]
    assert not anomaly.history_outlier(history + [12.5]).tolist()[-1]
    # fewer than 8 prior values: never flagged; a non-detect is never an outlier
    assert not anomaly.history_outlier(history[:7] + [100]).any()
    assert not anomaly.history_outlier(history + [100], [False] * 8 + [True]).any()


def test_anomaly_flags_sorts_by_date_and_flags_trend_on_last_sample():
    """Ten yearly samples 1..10 given in reverse order: a significant upward trend (S = 45), flagged on the
    latest sample; limit 5 first exceeded by 6 after 4 and 5 (≤ 5)."""
    t = np.arange(2010.0, 2020.0)[::-1]
    x = np.arange(1.0, 11.0)[::-1]
    out = anomaly.anomaly_flags(t, x, limit=5)
    assert out.loc[0, "upward_trend"] and out["upward_trend"].sum() == 1
    assert out.index[out.new_exceedance].tolist() == [4]  # value 6, year 2015
    assert list(out.columns) == list(anomaly.RULES)


def test_thresholds_are_configurable():
    history = [10, 10, 10, 11, 9, 11, 9, 10, 12.5]  # score 3.37: flagged at threshold 3.0, not at 3.5
    config = anomaly.AnomalyConfig(outlier_threshold=3.0)
    out = anomaly.anomaly_flags(np.arange(9.0), history, config=config)
    assert out["history_outlier"].tolist()[-1]


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="equal length"):
        anomaly.new_exceedance([1, 2], [True], limit=1)
