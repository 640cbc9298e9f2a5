"""The point chart reads at a glance: titles, labelled class limits, open non-detect markers, the Sen line;
the page charts the most informative analyte first; the trend × threshold matrix links to the points."""

from __future__ import annotations

import re

import numpy as np
import pytest
from django.urls import reverse

from soilgw.assessment.trends import decimal_years
from soilgw.monitoring.models import PointAnalyteStat, Result

pytestmark = pytest.mark.django_db

HEAD = "点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限,质控类型,平行样对应样品编号\n"
# Nitrate as N at JX-01, once a year: a non-detect (<0.5 mg/L) in 2018, then 3, 6, 9, 12, 15 mg/L.
# GB/T 14848-2017 Table 1 item 24: I ≤ 2.0, II ≤ 5.0, III ≤ 20, IV ≤ 30 mg/L.
SERIES = "".join(f"JX-01,N{y},{y}-05-06,硝酸盐(以N计),{v},mg/L,,,\n"
                 for y, v in zip(range(2018, 2024), ["<0.5", 3, 6, 9, 12, 15], strict=True))


def _series(client, point, analyte):
    resp = client.get(reverse("monitoring:point-series", args=[point.pk]), {"analyte": analyte})
    assert resp.status_code == 200
    return resp.json()


def _traces(fig):
    return {t["uid"]: t for t in fig["data"]}


def test_chart_figure_titles_markers_limits_and_sen_line(mappings, points, editor, upload, client):
    assert upload("lab_results", "n.csv", HEAD + SERIES, editor).status == "accepted"
    client.force_login(editor)
    fig = _series(client, points["shallow"], "nitrate_n")["figure"]
    layout, traces = fig["layout"], _traces(fig)
    # object-form titles (plotly.js ≥ 3 ignores a bare string): analyte name, point code, unit
    assert layout["title"]["text"] == "Nitrate (as N) at JX-01 (mg/L)"
    assert layout["xaxis"]["title"]["text"] == "Sampling date"
    assert layout["yaxis"]["title"]["text"] == "Nitrate (as N) (mg/L)"
    assert layout["xaxis"]["tickformat"] == "%Y-%m" and layout["xaxis"]["type"] == "date"
    # the non-detect is an open circle at its detection limit, in its own trace; detects are filled
    nd, det = traces["nondetects"], traces["detects"]
    assert nd["name"] == "non-detect (at DL)" and nd["marker"]["symbol"] == "circle-open"
    assert (nd["x"], nd["y"]) == (["2018-05-06"], [0.5])
    assert det["marker"]["symbol"] == "circle" and det["y"] == [3, 6, 9, 12, 15]
    # one labelled line per distinct class bound, the target (III) solid; IV (30) is above the first bound at or
    # above the data (III, 20 ≥ 15) and waits in the legend
    limits = {u: t for u, t in traces.items() if u.startswith("limit-")}
    assert {u: t["y"][0] for u, t in limits.items()} == {
        "limit-I": 2.0, "limit-II": 5.0, "limit-III": 20.0, "limit-IV": 30.0}
    assert limits["limit-III"]["name"] == "class Ⅲ limit" and limits["limit-III"]["text"][-1] == "class Ⅲ limit"
    assert limits["limit-III"]["line"]["dash"] == "solid" and limits["limit-II"]["line"]["dash"] == "dash"
    assert [limits[f"limit-{c}"]["visible"] for c in ("I", "II", "III", "IV")] == [True, True, True, "legendonly"]
    assert limits["limit-I"]["x"] == ["2018-05-06", "2023-05-06"]
    # the Sen line has the stored slope (≈ 3 mg/L/yr) and passes through the median date and value (7.5 mg/L)
    stat = PointAnalyteStat.objects.get(point=points["shallow"], analyte="nitrate_n")
    sen = traces["sen"]
    t = decimal_years(np.array(sen["x"], dtype="datetime64[D]"))
    assert sen["x"] == ["2018-05-06", "2023-05-06"]
    assert (sen["y"][1] - sen["y"][0]) / (t[1] - t[0]) == pytest.approx(stat.sen_slope)
    assert stat.sen_slope == pytest.approx(3.0, rel=0.01)
    t_mid = decimal_years(np.array(["2020-05-06", "2021-05-06"], dtype="datetime64[D]")).mean()
    assert np.interp(t_mid, t, sen["y"]) == pytest.approx(7.5)
    assert sen["name"] == f"Sen slope {stat.sen_slope:.3g} mg/L/yr"


def test_no_sen_line_without_a_slope(mappings, points, editor, upload, client):
    # three samples: fewer than the test's minimum (4), so no slope is stored and no line is drawn
    rows = "".join(f"JX-02,M{y},{y}-05-06,硝酸盐(以N计),{v},mg/L,,,\n" for y, v in ((2021, 3), (2022, "<0.5"),
                                                                                       (2023, 4)))
    assert upload("lab_results", "m.csv", HEAD + rows, editor).status == "accepted"
    client.force_login(editor)
    assert PointAnalyteStat.objects.get(point=points["deep"], analyte="nitrate_n").sen_slope is None
    traces = _traces(_series(client, points["deep"], "nitrate_n")["figure"])
    assert "sen" not in traces and traces["nondetects"]["y"] == [0.5]


def test_chart_labels_are_chinese_by_default(mappings, points, editor, upload, client, settings):
    settings.LANGUAGE_CODE = settings.PLATFORM_LANGUAGE_CODE
    assert upload("lab_results", "n.csv", HEAD + SERIES, editor).status == "accepted"
    client.force_login(editor)
    fig = _series(client, points["shallow"], "nitrate_n")["figure"]
    assert "硝酸盐(以N计)" in fig["layout"]["title"]["text"] and "JX-01" in fig["layout"]["title"]["text"]
    assert fig["layout"]["xaxis"]["title"]["text"] == "采样日期"
    assert _traces(fig)["nondetects"]["name"] == "未检出（按检出限）"


def _default(client, point) -> str:
    return client.get(reverse("monitoring:point", args=[point.pk])).context["analyte"]


def test_default_analyte_is_the_most_informative(mappings, points, editor, upload, client):
    rows = (
        # JX-01: chloride (first by code) has three class-I detects; nitrate one class-IV value (> III, 20):
        # the worse class wins over more detects (GB/T 14848 Table 1 item 9: chloride I ≤ 50 mg/L)
        "JX-01,A1,2021-05-06,氯化物,30,mg/L,,,\nJX-01,A2,2022-05-06,氯化物,31,mg/L,,,\n"
        "JX-01,A3,2023-05-06,氯化物,32,mg/L,,,\nJX-01,A3,2023-05-06,硝酸盐(以N计),25,mg/L,,,\n"
        # JX-02: tetrachloroethylene 50 μg/L is class IV (Table 2 item 59: III ≤ 40, IV ≤ 300) once, with two
        # class-III values (30); nitrate is class IV twice (25 mg/L): same worst class, more exceedances wins
        # over more detects
        "JX-02,B1,2021-05-06,四氯乙烯,50,μg/L,,,\nJX-02,B2,2022-05-06,四氯乙烯,30,μg/L,,,\n"
        "JX-02,B3,2023-05-06,四氯乙烯,30,μg/L,,,\n"
        "JX-02,B1,2021-05-06,硝酸盐(以N计),25,mg/L,,,\nJX-02,B2,2022-05-06,硝酸盐(以N计),25,mg/L,,,\n"
        # JX-03: chloride and sulfate both class I (sulfate I ≤ 50 mg/L), no exceedance: sulfate has more
        # detects; benzene's only result is a non-detect whose limit (20 μg/L) is above class III (10 μg/L):
        # a class bounded by a detection limit is not a known class and does not count
        "JX-03,C1,2022-05-06,氯化物,30,mg/L,,,\nJX-03,C1,2022-05-06,硫酸盐,30,mg/L,,,\n"
        "JX-03,C2,2023-05-06,硫酸盐,31,mg/L,,,\nJX-03,C2,2023-05-06,苯,<20,μg/L,,,\n"
    )
    batch = upload("lab_results", "d.csv", HEAD + rows, editor)
    assert batch.status == "accepted", batch.report
    bounded = Result.objects.get(point=points["lone"], analyte="benzene")
    assert bounded.class_bounded and bounded.class_label in ("IV", "V", "worse_than_V")
    client.force_login(editor)
    assert _default(client, points["shallow"]) == "nitrate_n"
    stats = {s.analyte: s.n_exceedances for s in PointAnalyteStat.objects.filter(point=points["deep"])}
    assert stats == {"tetrachloroethylene": 1, "nitrate_n": 2}
    assert _default(client, points["deep"]) == "nitrate_n"
    assert _default(client, points["lone"]) == "sulfate"
    # a chosen analyte is kept
    resp = client.get(reverse("monitoring:point", args=[points["lone"].pk]), {"analyte": "chloride"})
    assert resp.context["analyte"] == "chloride"


def test_matrix_cells_link_to_their_point(mappings, points, editor, upload, client):
    rows = SERIES + "".join(f"JX-02,D{y},{y}-05-06,硝酸盐(以N计),4,mg/L,,,\n" for y in (2022, 2023))
    assert upload("lab_results", "n.csv", HEAD + rows, editor).status == "accepted"
    client.force_login(editor)
    html = client.get(reverse("monitoring:matrix"), {"dataset": points["shallow"].dataset}).content.decode()
    table = html.split('id="matrix"')[1].split("</table>")[0]
    cells = re.findall(r'<td class="(\w+)"[^>]*><a href="([^"]+)">', table)
    assert sorted(cells) == sorted([
        ("below", reverse("monitoring:point", args=[points["shallow"].pk]) + "?analyte=nitrate_n"),
        ("below", reverse("monitoring:point", args=[points["deep"].pk]) + "?analyte=nitrate_n")])
    assert f'<th><a href="{reverse("monitoring:point", args=[points["deep"].pk])}">JX-02</a></th>' in table


def test_mixed_units_are_charted_in_the_statistics_unit(mappings, points, editor, upload, client):
    # nitrate as N 3 mg/L and 4000 μg/L (= 4 mg/L): one axis, in the unit the statistics used
    rows = "JX-03,U1,2022-05-06,硝酸盐(以N计),3,mg/L,,,\nJX-03,U2,2023-05-06,硝酸盐(以N计),4000,μg/L,,,\n"
    assert upload("lab_results", "u.csv", HEAD + rows, editor).status == "accepted"
    client.force_login(editor)
    data = _series(client, points["lone"], "nitrate_n")
    assert data["unit"] == "mg/L"
    assert _traces(data["figure"])["detects"]["y"] == pytest.approx([3.0, 4.0])
    assert data["figure"]["layout"]["title"]["text"].endswith("(mg/L)")
