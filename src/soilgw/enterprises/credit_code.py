"""Unified social credit code (统一社会信用代码) of legal persons and other organisations.

Pure functions (no Django). The code has 18 characters from a 31-character set (digits and capital letters
without I, O, S, V, Z): registration authority (1), organisation kind (1), administrative division of the
registering authority (6), subject identifier (9, the former organisation code) and a check character (1).

References
----------
GB 32100-2015, 法人和其他组织统一社会信用代码编码规则, §4 (structure), Table 1 (character values),
§5 (check character: weights W_i = MOD(3^(i-1), 31), C18 = 31 - MOD(Σ C_i·W_i, 31), value 31 → 0) and the
worked example of its appendix (91350100M000100Y4Z → computed check character 3).
"""

from __future__ import annotations

import re

#: Character set of GB 32100-2015 Table 1 in value order (0 … 30).
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {c: i for i, c in enumerate(CHARSET)}
#: Weight of position i (1-based, i = 1 … 17): MOD(3^(i-1), 31).
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")


class CreditCodeError(ValueError):
    """A text that is not a valid unified social credit code; the message says what is wrong (Chinese / English)."""


def normalize(text: str) -> str:
    """Strip spaces, fold full-width characters to half width and upper-case."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in str(text))
    return re.sub(r"\s+", "", folded).upper()


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code.

    Parameters
    ----------
    first17 : str
        Positions 1–17 [unitless], characters of ``CHARSET``.

    Returns
    -------
    str
        The 18th character.

    Raises
    ------
    CreditCodeError
        If ``first17`` is not 17 characters of the code's character set.

    References
    ----------
    GB 32100-2015 §5 and Table 1.
    """
    if len(first17) != 17 or any(c not in VALUES for c in first17):
        raise CreditCodeError(f"{first17!r}：须为 {CHARSET} 中的 17 个字符 / {first17!r}: need 17 characters from {CHARSET}")
    total = sum(VALUES[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def validate(text: str) -> str:
    """Return the normalised code, or raise ``CreditCodeError`` saying why it is invalid.

    Raises
    ------
    CreditCodeError
        Wrong length, a character outside the set (I, O, S, V, Z and lower-case are not used), a non-digit in
        the administrative division (positions 3–8) or a wrong check character (the message gives the
        expected one).

    References
    ----------
    GB 32100-2015 §4, §5.
    """
    code = normalize(text)
    if len(code) != 18:
        raise CreditCodeError(f"{text!r}：统一社会信用代码应为 18 位，此处为 {len(code)} 位 / "
                              f"{text!r}: a unified social credit code has 18 characters, not {len(code)}")
    if not _PATTERN.match(code):
        bad = sorted({c for c in code if c not in VALUES})
        if bad:
            raise CreditCodeError(f"{text!r}：信用代码不使用字符 {''.join(bad)}（不含 I、O、S、V、Z） / "
                                  f"{text!r}: character(s) {''.join(bad)} are not used in credit codes "
                                  "(I, O, S, V and Z never occur)")
        raise CreditCodeError(f"{text!r}：第 3–8 位应为 6 位行政区划代码 / "
                              f"{text!r}: positions 3–8 must be the 6-digit administrative division code")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise CreditCodeError(f"{text!r}：校验码 {code[17]!r} 有误，按 GB 32100-2015 应为 {expected!r} / "
                              f"{text!r}: wrong check character {code[17]!r}; GB 32100-2015 gives {expected!r}")
    return code


def is_valid(text: str) -> bool:
    """True if ``text`` is a valid code (see ``validate``)."""
    try:
        validate(text)
    except CreditCodeError:
        return False
    return True


#: A synthetic code registered in Jiang County (division 140826) with a valid check character: the example row
#: of the import templates that ask for a credit code.
EXAMPLE_FIRST17 = "91140826MA0000999"


def example_code() -> str:
    """A valid GB 32100-2015 code for template examples (:data:`EXAMPLE_FIRST17` + its check character)."""
    return EXAMPLE_FIRST17 + check_character(EXAMPLE_FIRST17)
