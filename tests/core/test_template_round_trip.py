"""Every import kind with a template round-trips: download the template, import it unchanged, accepted.

The registries' templates are checked by the inherited ``test_template_example_imports_as_is`` of
:mod:`tests.registry_base`; this covers the other kinds, in the order a county fills them (points before the
levels and lab results measured at them).
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from soilgw.core import imports
from tests.monitoring.conftest import editor, mappings, upload  # noqa: F401  fixtures shared with tests/monitoring

pytestmark = pytest.mark.django_db
NOT_REGISTRIES = ["points", "water_levels", "lab_results", "progress_reports"]


def test_every_kind_with_a_template_is_covered():
    """A new non-registry kind with a template must join NOT_REGISTRIES (registries have their own test)."""
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # registries register their kinds when the URLs load
    with_template = {k for k, kind in imports.kinds().items() if kind.template and not k.startswith("registry_")}
    assert with_template == set(NOT_REGISTRIES)


def test_templates_import_as_downloaded(county, mappings, editor, api_client, upload):  # noqa: F811
    api_client.force_authenticate(editor)
    for kind in NOT_REGISTRIES:
        resp = api_client.get(f"/api/imports/templates/{kind}/")
        assert resp.status_code == 200, kind
        batch = upload(kind, f"{kind}.xlsx", resp.content, editor)
        assert batch.status == "accepted", (kind, batch.report)
        assert batch.row_count >= 1, kind


def test_progress_template_offers_drop_downs_and_explains_columns(county, editor, api_client):  # noqa: F811
    api_client.force_authenticate(editor)
    book = openpyxl.load_workbook(io.BytesIO(api_client.get("/api/imports/templates/progress_reports/").content))
    data = book["季度进展"]
    assert data.freeze_panes == "A2"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in data.data_validations.dataValidation}
    assert set(lists) == {"A2", "C2", "E2", "F2"}  # plan, department, quarter, status
    choices = book["选项"]
    assert [choices.cell(row=r, column=6).value for r in range(1, 5)] == ["未开始", "进行中", "已完成", "滞后"]
    assert book["选项"].sheet_state == "hidden"
    guide = list(book["填写说明"].iter_rows(values_only=True))
    assert any(r[:2] == ("部门", "必填") for r in guide) and any(r[:2] == ("进展情况", "选填") for r in guide)
