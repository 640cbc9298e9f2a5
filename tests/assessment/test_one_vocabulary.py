"""One lab-results vocabulary: the headers of a result, its limit and qualifier, and the words for "not detected"
live in ``assessment/results.py`` (and its data table) only — no reader keeps a second list."""

from __future__ import annotations

import ast
from pathlib import Path

from soilgw.assessment.results import RESERVED, fold_name

SRC = Path(__file__).resolve().parents[2] / "src" / "soilgw"
HOME = SRC / "assessment" / "results.py"
#: Columns whose Chinese headers only the boundary may spell, and the notations of a non-detect.
MEASUREMENT_COLUMNS = ("analyte", "value", "qualifier", "detection_limit", "detection_limit_unit")
NOT_DETECTED = ("未检出", "ND", "N.D.", "BDL", "<DL", "<LOD", "not detected")


WORDS = {fold_name(a) for c in MEASUREMENT_COLUMNS for a in RESERVED[c] if not a.isascii()} | {
    fold_name(w) for w in NOT_DETECTED}


def spelled(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant in ``source`` that is one of :data:`WORDS`."""
    return [(n.lineno, n.value) for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and fold_name(n.value) in WORDS]


def test_no_second_vocabulary_outside_the_boundary():
    assert {"检测结果", "检出限", "未检出", "nd"} <= WORDS  # the scan looks for what it should
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path == HOME or "migrations" in path.parts:
            continue
        found += [f"{path.relative_to(SRC)}:{line} {text!r}" for line, text in spelled(path.read_text("utf-8"))]
    assert not found, "vocabulary spelled outside assessment/results.py:\n" + "\n".join(found)


def test_the_scan_finds_a_planted_list():
    """The check can fail: a reader's own ND list and header alias are caught, a message is not."""
    source = 'ND_WORDS = {"未检出", "n.d."}\nHEADERS = ["检测结果"]\nMSG = "未检出但没有检出限"\n'
    assert sorted(spelled(source)) == [(1, "n.d."), (1, "未检出"), (2, "检测结果")]
