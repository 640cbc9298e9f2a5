"""Undo import: an accepted lab-results batch loses exactly its own rows, the change log says who undid it,
and the statistics of the points it touched are computed again from what is left."""

from __future__ import annotations

import pytest

from soilgw.core.models import ImportBatch, Job
from soilgw.monitoring.models import PointAnalyteStat, Result, Sample

pytestmark = pytest.mark.django_db

HEAD = "点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限,质控类型,平行样对应样品编号\n"


def test_undo_removes_exactly_the_batch_rows_and_re_evaluates(client, mappings, points, editor, upload):
    first = upload("lab_results", "may.csv", HEAD + "JX-01,A,2023-05-06,硝酸盐(以N计),25,mg/L,,,\n"
                                                    "JX-02,B,2023-05-06,硝酸盐(以N计),4.0,mg/L,,,\n", editor)
    second = upload("lab_results", "aug.csv", HEAD + "JX-01,C,2023-08-06,硝酸盐(以N计),12,mg/L,,,\n"
                                                     "JX-01,C,2023-08-06,氯化物,30,mg/L,,,\n", editor)
    assert first.status == second.status == "accepted"
    stat = PointAnalyteStat.objects.get(point=points["shallow"], analyte="nitrate_n")
    assert (stat.n, stat.latest_value) == (2, 12)
    kept = sorted(Result.objects.filter(batch=first).values_list("pk", flat=True))

    client.force_login(editor)
    client.post(f"/imports/{second.pk}/", {"action": "undo"})
    second.refresh_from_db()
    assert second.status == "undone"
    assert second.report["undone"] == {"monitoring.Sample": 1, "monitoring.Result": 2}
    assert not Result.objects.filter(batch=second).exists() and not Sample.objects.filter(batch=second).exists()
    assert sorted(Result.objects.values_list("pk", flat=True)) == kept  # the other batch is untouched
    stat = PointAnalyteStat.objects.get(point=points["shallow"], analyte="nitrate_n")
    assert (stat.n, stat.latest_value) == (1, 25)  # statistics from the remaining May sample only
    entry = second.history.latest("history_date")
    assert (entry.status, entry.history_user) == ("undone", editor)
    job = Job.objects.get(batch=second, name="import.undo")
    assert job.status == "succeeded" and job.result["removed"] == second.report["undone"]

    client.post(f"/imports/{second.pk}/", {"action": "undo"})  # undoing twice changes nothing
    assert Result.objects.count() == 2 and ImportBatch.objects.get(pk=second.pk).status == "undone"
