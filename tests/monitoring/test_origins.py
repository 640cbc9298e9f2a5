"""The bundled datasets' provenance reads in the page's language (monitoring/datasets.py ``dataset_origin``)."""

from __future__ import annotations

import pytest

from tests.visible_text import findings, visible_text

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def bundled(db):
    from soilgw.monitoring.datasets import ORIGINS
    from soilgw.monitoring.models import MonitoringPoint

    common = dict(kind="groundwater_well", target_class="III", crs="EPSG:4326", lon=114.0, lat=30.5, x=114.0, y=30.5)
    return {
        "jianghan": MonitoringPoint.objects.create(code="JH-1", dataset="jianghan", origin=ORIGINS["jianghan"],
                                                   **common),
        "basel": MonitoringPoint.objects.create(code="BS-1", dataset="basel", origin=ORIGINS["basel"], **common),
        "own": MonitoringPoint.objects.create(code="OWN-1", dataset="county-2024", origin="县站 2024 年补充调查",
                                              **common),
    }


def test_network_page_gives_each_bundled_origin_in_chinese(bundled, editor, client):
    client.force_login(editor)
    html = client.get("/monitoring/", **ZH).content.decode()
    assert "湖北省江汉平原（Yang 等，2020），经 WQChartPy 获取——非绛县数据" in html
    assert "瑞士巴塞尔城市州环境局" in html and "not Jiang County" not in html
    assert "县站 2024 年补充调查" in html  # a user's own dataset keeps its stored origin
    assert '<span translate="no">lcalmbach/gw-temp-bs</span>' in html  # a repository path stays as cited
    assert findings(visible_text(html)) == []


def test_point_page_gives_the_origin_in_the_page_language(bundled, editor, client):
    client.force_login(editor)
    url = bundled["jianghan"].get_absolute_url()
    html = client.get(url, **ZH).content.decode()
    assert "湖北省江汉平原（Yang 等，2020）" in html and "Jianghan Plain, Hubei" not in html
    assert findings(visible_text(html)) == []
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Jianghan Plain, Hubei (Yang et al. 2020) via WQChartPy — not Jiang County" in english


def test_stored_origin_is_unchanged_and_every_bundled_origin_is_translated():
    from django.utils import translation

    from soilgw.monitoring.datasets import ORIGINS, dataset_origin

    with translation.override("zh-hans"):
        for label, text in ORIGINS.items():
            shown = dataset_origin(label, text)
            assert shown != text and "非绛县数据" in shown, label
            assert findings(shown.replace("lcalmbach/gw-temp-bs", "")) == [], label
        assert dataset_origin("county-2024", "县站调查") == "县站调查"
    assert ORIGINS["meuse"] == "Meuse floodplain, Netherlands (Rikken & Van Rijn 1993; gstat meuse.all) — not Jiang County"


def test_follow_up_rule_reads_in_the_page_language():
    from django.utils import translation

    from soilgw.monitoring.models import FOLLOW_UP_RULE, FollowUp

    shipped = FollowUp(rule=FOLLOW_UP_RULE)
    with translation.override("zh-hans"):
        assert shipped.rule_text == "地下水污染防治2023年行动计划 任务3：对于已污染的浅层地下水，要延伸监测下层相邻含水层水质"
    with translation.override("en"):
        assert shipped.rule_text.startswith("Groundwater pollution action plan 2023, task 3:")
    assert FollowUp(rule="县局补充要求").rule_text == "县局补充要求"
