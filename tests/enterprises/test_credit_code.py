"""Unified social credit code check character (GB 32100-2015) — pure, no database."""

import pytest

from soilgw.enterprises import credit_code as cc


def test_weights_are_the_standard_table():
    # GB 32100-2015 Table 2 (W_i = MOD(3^(i-1), 31)), as printed in the standard's worked example.
    assert cc.WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_character_values_are_the_standard_table():
    # GB 32100-2015 Table 1: 0–9 → 0–9, A–H → 10–17, J–N → 18–22, P Q R → 23–25, T U → 26–27, W X Y → 28–30.
    assert cc.VALUES["A"] == 10 and cc.VALUES["H"] == 17 and cc.VALUES["J"] == 18 and cc.VALUES["N"] == 22
    assert cc.VALUES["P"] == 23 and cc.VALUES["R"] == 25 and cc.VALUES["T"] == 26 and cc.VALUES["Y"] == 30
    assert not set("IOSVZ") & set(cc.CHARSET) and len(cc.CHARSET) == 31


def test_worked_example_of_the_standard():
    # GB 32100-2015 worked example: 91350100M000100Y4Z; Σ C_i·W_i = 1640, MOD(1640, 31) = 28, C18 = 31 − 28 = 3,
    # so the printed code (ending in Z, not even in the character set) is invalid and the check character is 3.
    assert sum(cc.VALUES[c] * w for c, w in zip("91350100M000100Y4", cc.WEIGHTS, strict=True)) == 1640
    assert cc.check_character("91350100M000100Y4") == "3"
    with pytest.raises(cc.CreditCodeError, match="Z are not used"):
        cc.validate("91350100M000100Y4Z")
    assert cc.validate("91350100M000100Y43") == "91350100M000100Y43"
    with pytest.raises(cc.CreditCodeError, match="wrong check character '4'; GB 32100-2015 gives '3'"):
        cc.validate("91350100M000100Y44")


@pytest.mark.parametrize("code", [
    "914403001922038216",  # 华为技术有限公司 (zh.wikipedia.org, 華為 infobox)
    # Codes of Xiamen/Guangzhou enterprises listed as valid in a published validator's sample list
    # (GitHub 02020/vite, learn/utils/validateSocialCreditCode.js):
    "91350200776049653A", "91350500798359476R", "913502000728319549", "123502001549897397",
    "91350213678251743X", "91440101MA5CJQ4N59",
])
def test_real_published_codes_are_valid(code):
    assert cc.validate(code) == code


def test_known_nonconforming_pilot_code_is_rejected():
    # 91350100M0001TGQXM: an early Fujian pilot code that does not satisfy the standard (the public
    # aarioai/id-rule notes give the computed check character as 1, not M).
    with pytest.raises(cc.CreditCodeError, match="GB 32100-2015 gives '1'"):
        cc.validate("91350100M0001TGQXM")


@pytest.mark.parametrize("text, reason", [
    ("91440101MA5CJQ4N5", "18 characters, not 17"),
    ("91440101MA5CJQ4NO9", "O are not used"),
    ("9144010AMA5CJQ4N59", "positions 3–8"),
])
def test_malformed_codes(text, reason):
    with pytest.raises(cc.CreditCodeError, match=reason):
        cc.validate(text)


def test_full_width_lower_case_and_spaces_are_normalised():
    assert cc.validate(" ９１４４０３００１９２２０３８２１６ ") == "914403001922038216"
    assert cc.validate("91350200776049653a") == "91350200776049653A"
    assert not cc.is_valid("91350200776049653B")
