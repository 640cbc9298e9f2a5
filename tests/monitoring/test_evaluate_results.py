"""Platform evaluation of stored results: non-detects bounded by their detection limit (never an exceedance,
the same on the exceedance page, sample class and statistics) and mixed units in one series. Limits: GB/T 14848-2017 Table 1 镉 Cd I ≤0.0001,
II ≤0.001, III ≤0.005, IV ≤0.01 mg/L; 铁 Fe I ≤0.1, II ≤0.2, III ≤0.3 mg/L."""

from __future__ import annotations

import pandas as pd
import pytest
from django.urls import reverse

from soilgw.assessment.trends import MIN_N_VERDICT
from soilgw.cli import main
from soilgw.monitoring.models import PointAnalyteStat, Result, Sample

pytestmark = pytest.mark.django_db

HEAD = "点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限,质控类型,平行样对应样品编号\n"
ROWS = ("JX-01,S1,2023-05-06,镉,<0.05,mg/L,,,\n"      # limit above class IV bound → ≤ V, not an exceedance
        "JX-01,S1,2023-05-06,铁,0.15,mg/L,,,\n"       # class II
        "JX-01,S2,2023-11-06,镉,<0.005,mg/L,,,\n"     # limit = class III bound → ≤ III
        "JX-01,S2,2023-11-06,铁,0.15,mg/L,,,\n"
        "JX-01,S3,2024-05-06,镉,0.02,mg/L,,,\n")      # detected 0.02 > 0.01 → class V, a real exceedance


@pytest.fixture
def loaded(mappings, points, editor, upload):
    batch = upload("lab_results", "镉未检出.csv", HEAD + ROWS, editor)
    assert batch.status == "accepted", batch.report
    return points


def test_bounded_non_detect_is_stored_as_a_bound(loaded):
    s1, s2, s3 = (Sample.objects.get(code=c) for c in ("S1", "S2", "S3"))
    assert (s1.class_label, s1.class_bounded, s1.meets_target) == ("V", True, None)
    assert (s2.class_label, s2.class_bounded, s2.meets_target) == ("III", True, True)
    assert (s3.class_label, s3.class_bounded, s3.meets_target) == ("V", False, False)
    cd = Result.objects.get(sample=s1, analyte="cd")
    assert cd.class_label == "V" and cd.class_bounded


def test_statistics_count_only_the_detected_exceedance(loaded):
    st = PointAnalyteStat.objects.get(point=loaded["shallow"], analyte="cd")
    assert st.n == 3 and st.n_nondetect == 2 and st.n_exceedances == 1


def test_exceedance_page_lists_only_the_detect(loaded, client, editor):
    client.force_login(editor)
    page = client.get(reverse("monitoring:exceedances")).content.decode()
    assert page.count("<0.05") == 0 and "0.02" in page
    point = client.get(reverse("monitoring:point", args=[loaded["shallow"].pk])).content.decode()
    assert "≤" in point and "<0.05" not in point.split('id="samples"')[0]


def test_mixed_units_in_a_series_are_converted_before_statistics(mappings, points, editor, upload):
    """苯 benzene, GB/T 14848-2017 Table 2: III ≤ 10.0 μg/L. 0.012 mg/L = 12 μg/L and 0.015 mg/L = 15 μg/L
    exceed it, as does 20 μg/L; 8 μg/L does not → 3 exceedances, maximum 20 μg/L, Mann–Kendall S = 5 − 1 = 4."""
    rows = ("JX-01,B1,2023-01-10,苯,0.012,mg/L,,,\n"
            "JX-01,B2,2023-04-10,苯,8,μg/L,,,\n"
            "JX-01,B3,2023-07-10,苯,0.015,mg/L,,,\n"
            "JX-01,B4,2023-10-10,苯,20,μg/L,,,\n")
    assert upload("lab_results", "苯.csv", HEAD + rows, editor).status == "accepted"
    st = PointAnalyteStat.objects.get(point=points["shallow"], analyte="benzene")
    assert st.unit == "μg/L" and st.max_value == pytest.approx(20.0) and st.limit == pytest.approx(10.0)
    assert st.n_exceedances == 3 and st.mk_s == 4  # pairs: 8<12 −; 15>12, 20>12, 15>8, 20>8, 20>15 +
    assert any("mg/L → μg/L × 1000" in c for c in st.parameters["unit_conversions"])


def _nitrate_rows(n: int) -> list[tuple[str, str, float]]:
    """Quarterly nitrate-N at JX-01 rising 2.0, 2.5, … mg/L (a strictly increasing series, S = n(n−1)/2)."""
    dates = ["2021-01-15", "2021-04-15", "2021-07-15", "2021-10-15", "2022-01-15", "2022-04-15", "2022-07-15",
             "2022-10-15"]
    return [(dates[i], f"N{i}", 2.0 + 0.5 * i) for i in range(n)]


@pytest.mark.parametrize(("n", "label"), [(6, "insufficient_data"), (8, "increasing")])
def test_cli_and_platform_share_one_trend_rule(n, label, mappings, points, editor, upload, tmp_path):
    """The same series gets the same label on the CLI (``soilgw trend``) and the platform (MIN_N_VERDICT = 8)."""
    assert MIN_N_VERDICT == 8
    rows = _nitrate_rows(n)
    text = HEAD + "".join(f"JX-01,{code},{d},硝酸盐(以N计),{v},mg/L,,,\n" for d, code, v in rows)
    assert upload("lab_results", "硝酸盐.csv", text, editor).status == "accepted"
    stat = PointAnalyteStat.objects.get(point=points["shallow"], analyte="nitrate_n")
    src = tmp_path / "in.csv"
    src.write_text("point_id,date,analyte,value,unit\n" + "".join(f"JX-01,{d},nitrate_n,{v},mg/L\n"
                                                                  for d, _c, v in rows), encoding="utf-8")
    assert main(["trend", str(src), "--out", str(tmp_path / "out.csv")]) == 0
    cli = pd.read_csv(tmp_path / "out.csv").iloc[0]
    assert stat.trend == cli.verdict == cli.trend == label
    assert stat.mk_s == cli.s == n * (n - 1) / 2


def test_class_deterioration_only_for_analytes_with_a_gbt14848_class(mappings, points, editor, upload):
    """Calcium has no GB/T 14848 class: no class-deterioration flag; nitrate-N 2.5 (II) → 12 mg/L (III) has."""
    rows = [("2023-01-10", "C1", 40, 2.5), ("2023-04-10", "C2", 45, 2.5), ("2023-07-10", "C3", 60, 12)]
    text = HEAD + "".join(f"JX-01,{c},{d},钙,{ca},mg/L,,,\nJX-01,{c},{d},硝酸盐(以N计),{no3},mg/L,,,\n"
                          for d, c, ca, no3 in rows)
    assert upload("lab_results", "钙.csv", text, editor).status == "accepted"
    ca = PointAnalyteStat.objects.get(point=points["shallow"], analyte="ca")
    no3 = PointAnalyteStat.objects.get(point=points["shallow"], analyte="nitrate_n")
    assert "class_deterioration" not in ca.anomalies["latest"]
    assert no3.anomalies["latest"]["class_deterioration"] is True


def test_qualitative_and_numeric_results_of_one_sample_are_merged(mappings, points, editor, upload):
    """嗅和味 无 → class I (GB/T 14848-2017 Table 1 item 2), Cd <0.005 → ≤ III: the sample is ≤ III and meets
    III; with 肉眼可见物 有 (→ V) in another sample, that detect decides class V for certain."""
    rows = ("JX-01,Q1,2023-05-06,嗅和味,无,无量纲,,,\n"
            "JX-01,Q1,2023-05-06,镉,<0.005,mg/L,,,\n"
            "JX-01,Q2,2023-06-06,肉眼可见物,有,无量纲,,,\n"
            "JX-01,Q2,2023-06-06,镉,<0.005,mg/L,,,\n")
    batch = upload("lab_results", "感官.csv", HEAD + rows, editor)
    assert batch.status == "accepted", batch.report
    q1, q2 = Sample.objects.get(code="Q1"), Sample.objects.get(code="Q2")
    assert (q1.class_label, q1.class_bounded, q1.meets_target, q1.deciding_analytes) == ("III", True, True, "cd")
    assert (q2.class_label, q2.class_bounded, q2.meets_target) == ("V", False, False)


def test_map_shows_a_bounded_latest_class_as_a_bound(loaded, client, editor, upload):
    """S3 (Cd 0.02 detected, class V) is the latest sample; a later Cd <0.05 (≤ V) makes the map say ≤V, grey."""
    client.force_login(editor)

    def props():
        return {f["properties"]["code"]: f["properties"]
                for f in client.get("/monitoring/points.geojson").json()["features"]}

    assert props()["JX-01"]["latest_class"] == "V"
    assert upload("lab_results", "s4.csv", HEAD + "JX-01,S4,2024-11-06,镉,<0.05,mg/L,,,\n", editor).status == "accepted"
    assert props()["JX-01"]["latest_class"] == "≤V" and props()["JX-01"]["colour"] == "#999999"


def test_a_stored_non_detect_without_a_limit_is_left_out_not_fatal(loaded):
    """A row stored before the boundary refused ``<0.000`` (Basel's files) leaves the evaluation running."""
    from soilgw.monitoring.evaluate import evaluate_points

    s2 = Sample.objects.get(code="S2")
    Result.objects.filter(sample=s2, analyte="cd").update(value=0.0, detection_limit=0.0)
    summary = evaluate_points([loaded["shallow"].pk])
    assert summary["nondetects_without_limit"] == 1
    s2.refresh_from_db()
    assert (s2.class_label, s2.class_bounded) == ("II", False)  # 铁 0.15 mg/L alone: Fe II ≤0.2


def test_exceedance_list_is_paged_and_every_row_is_reachable(mappings, points, editor, upload, client, monkeypatch):
    """Cd 0.02 mg/L exceeds class IV (≤ 0.01 mg/L) on every row: 7 exceedances, 3 per page → pages of 3, 3, 1."""
    from soilgw.monitoring import views

    monkeypatch.setattr(views, "EXCEEDANCES_PER_PAGE", 3)
    rows = "".join(f"JX-01,E{i},2023-05-{i + 1:02d},镉,0.02,mg/L,,,\n" for i in range(7))
    assert upload("lab_results", "cd.csv", HEAD + rows, editor).status == "accepted"
    client.force_login(editor)
    seen = []
    for n, expected in ((1, 3), (2, 3), (3, 1)):
        page = client.get(reverse("monitoring:exceedances"), {"page": n}).content.decode()
        table = page.split('id="exceedance-table"')[1].split("</table>")[0]
        days = [d for d in (f"2023-05-{i + 1:02d}" for i in range(7)) if d in table]
        assert len(days) == expected, (n, days)
        seen += days
    assert sorted(seen) == [f"2023-05-{i + 1:02d}" for i in range(7)]  # no row lost or repeated across pages
    assert 'rel="next"' in client.get(reverse("monitoring:exceedances")).content.decode()
