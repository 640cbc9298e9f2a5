"""Case pages offer monitoring points under their dataset's name, not its label."""

from __future__ import annotations

from tests.visible_text import findings, visible_text

from .builders import case

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _points():
    from soilgw.monitoring.models import MonitoringPoint

    MonitoringPoint.objects.create(code="HN-7", dataset="hunan_cropland", kind="soil")
    MonitoringPoint.objects.create(code="GW-3", dataset="gwsdat_basic", kind="groundwater_well")


def test_case_list_and_edit_name_the_points_datasets(eeb_editor, client):
    _points()
    record = case()
    client.force_login(eeb_editor)
    for url in ("/enforcement/cases/", f"/enforcement/cases/{record.pk}/edit/"):
        html = client.get(url, **ZH).content.decode()
        assert "HN-7 (湘南农田土壤镉)" in html and "hunan_cropland" not in visible_text(html), url
        assert findings(visible_text(html)) == [], url


def test_a_point_reads_with_its_dataset_name():
    from django.utils import translation

    from soilgw.monitoring.models import MonitoringPoint

    point = MonitoringPoint(code="JX-1", dataset="jianghan")
    with translation.override("zh-hans"):
        assert str(point) == "JX-1 (江汉平原地下水（湖北）)"
    assert str(MonitoringPoint(code="JX-2", dataset="county-2024")) == "JX-2 (county-2024)"
