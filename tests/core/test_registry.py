"""The registry layer itself, run on the test app's FirmRecord."""

from __future__ import annotations

from tests.registry_base import RegistryTestBase
from tests.testapp.models import Firm, FirmRecord
from tests.testapp.urls import FIRM_RECORDS


class TestFirmRecordRegistry(RegistryTestBase):
    config = FIRM_RECORDS
    api_url = "/test-api/registry-firm-records/"
    import_row = {"企业": "A", "记录": "新记录"}
    bad_import_row = {"企业": "无此企业", "记录": "x"}
    bad_column = "企业"

    def make_object(self):
        firm, _ = Firm.objects.get_or_create(name="A")
        return FirmRecord.objects.create(firm=firm, text="旧记录")


def test_yes_no_cells_of_boolean_fields():
    """Sheets write 是/否 or yes/no; anything else is a problem naming the field (not a silent True)."""
    import pytest

    from soilgw.core.registry import _read_booleans
    from soilgw.enterprises.models import Enterprise

    flag = next(f.name for f in Enterprise._meta.fields if f.get_internal_type() == "BooleanField")
    assert _read_booleans(Enterprise, {flag: "否"})[flag] is False
    assert _read_booleans(Enterprise, {flag: "是"})[flag] is True
    assert _read_booleans(Enterprise, {flag: "No"})[flag] is False
    with pytest.raises(ValueError, match=f"^{flag}: 'maybe' is not yes/no"):
        _read_booleans(Enterprise, {flag: "maybe"})
