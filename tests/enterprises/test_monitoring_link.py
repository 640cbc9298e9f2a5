"""Self-monitoring and periphery records link to monitoring points; their results show on the record."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from soilgw.core import imports
from soilgw.core.models import ImportBatch
from soilgw.enterprises.models import DutyRecord
from soilgw.enterprises.registries import DUTY_RECORD
from soilgw.monitoring.models import MonitoringPoint, Result, Sample
from tests.enterprises.factories import d, enterprise

pytestmark = pytest.mark.django_db


def test_import_links_points_and_detail_shows_their_results(county, make_user, client):
    editor = make_user("eeb-editor", "eeb", "editor")
    ent = enterprise(1)
    w1 = MonitoringPoint.objects.create(code="ZX-GW-01", kind="groundwater_well", programme="self_monitoring")
    w2 = MonitoringPoint.objects.create(code="ZX-S-01", kind="soil", programme="self_monitoring")
    rows = [{"企业统一社会信用代码": ent.credit_code, "类别": "self_monitoring", "日期": "2023-09-20",
             "全面系统监测": "True", "监测点位": "ZX-GW-01、ZX-S-01"}]
    buf = io.BytesIO()
    pd.DataFrame(rows).to_excel(buf, index=False)
    batch = imports.run_import(DUTY_RECORD.import_kind.kind, "self.xlsx", buf.getvalue(), editor)
    assert batch.status == "accepted", batch.report
    record = DutyRecord.objects.get()
    assert set(record.points.all()) == {w1, w2} and record.comprehensive
    lab = ImportBatch.objects.create(kind="lab", filename="lab.csv", sha256="0" * 64, size=1, status="accepted")
    sample = Sample.objects.create(point=w1, batch=lab, code="S1", date=d("2023-09-20"), medium="groundwater")
    Result.objects.create(sample=sample, point=w1, batch=lab, date=d("2023-09-20"), analyte="cadmium",
                          reported="<0.0005", value=0.0005, qualifier="<", unit="mg/L")
    Result.objects.create(sample=sample, point=w1, batch=lab, date=d("2022-09-20"), analyte="lead",
                          reported="0.002", value=0.002, unit="mg/L")  # another year: not this report's
    client.force_login(editor)
    resp = client.get(DUTY_RECORD.detail_url(record))
    assert [r.analyte for r in resp.context["results"]] == ["cadmium"]
    assert "ZX-GW-01" in resp.content.decode()
