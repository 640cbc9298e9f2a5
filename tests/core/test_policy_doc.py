"""docs/permissions.md is the policy as it stands (regenerate: python -m soilgw.core.policy_doc)."""

from pathlib import Path

from soilgw.core.policy_doc import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_permissions_document_is_current():
    text = render()
    assert "| 执法案件" in text or "enforcement" in text
    assert DOC.read_text(encoding="utf-8") == text, "run: python -m soilgw.core.policy_doc > docs/permissions.md"
