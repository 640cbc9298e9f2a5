"""GB/T 8170-2008 comparison methods and censored results (soilgw.assessment.compare)."""

import numpy as np
import pytest

from soilgw.assessment.compare import censored_exceeds, exceeds, round_gbt8170


def test_round_half_to_even_examples():
    """GB/T 8170-2008 §3.3 examples: 1.0500 → 1.0 and 0.3500 → 0.4 at one decimal (5 followed by zeros:
    round to the even digit); 10.502 → 11 (5 followed by a non-zero digit: round up)."""
    np.testing.assert_allclose(round_gbt8170([1.05, 0.35, 10.502], [1, 1, 0]), [1.0, 0.4, 11.0], rtol=1e-12)


def test_full_vs_rounded_value():
    """GB/T 8170-2008 §4.3.3 logic: limit 0.4 (1 decimal); 0.44 rounds to 0.4 → conforms; 0.45 → 0.4 (even)."""
    v, lim = [0.4, 0.41, 0.44, 0.45, 0.46], [0.4] * 5
    assert exceeds(v, lim).tolist() == [False, True, True, True, True]
    assert exceeds(v, lim, method="rounded_value", decimals=[1] * 5).tolist() == [False, False, False, False, True]


def test_unknown_method_lists_valid():
    with pytest.raises(ValueError, match="valid: full_value, rounded_value"):
        exceeds([1.0], [1.0], method="nearest")


def test_censored():
    exceed, undecidable = censored_exceeds([0.05, 0.5, 0.5, 2.0, 1.0], ["<", "<", "", ">", ">"], [0.3] * 4 + [1.0])
    assert exceed.tolist() == [False, False, True, True, True]
    assert undecidable.tolist() == [False, True, False, False, False]
