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
