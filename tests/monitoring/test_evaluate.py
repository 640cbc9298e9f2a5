"""Classes (standards core), target compliance, QA flags stored, next-aquifer follow-ups, statistics per series."""

from __future__ import annotations

import pytest

from soilgw.monitoring.models import FollowUp, PointAnalyteStat, Result, Sample

pytestmark = pytest.mark.django_db

HEAD = "点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限,质控类型,平行样对应样品编号\n"


def test_class_target_and_follow_up(mappings, points, editor, upload):
    # GB/T 14848-2017 Table 1 item 24, nitrate as N: III ≤ 20, IV ≤ 30 mg/L → 25 mg/L is class IV;
    # Table 2 item 59, tetrachloroethylene: II ≤ 4.0, III ≤ 40 μg/L → 30 μg/L is class III;
    # Table 1 item 9, chloride: I ≤ 50 mg/L → 30 mg/L is class I.
    text = HEAD + ("JX-01,A,2023-05-06,硝酸盐(以N计),25,mg/L,,,\n"
                   "JX-01,A,2023-05-06,四氯乙烯,30,μg/L,,,\n"
                   "JX-01,A,2023-05-06,氯化物,30,mg/L,,,\n"
                   "JX-02,B,2023-05-06,硝酸盐(以N计),4.0,mg/L,,,\n"
                   "JX-03,C,2023-05-06,硝酸盐(以N计),31,mg/L,,,\n")
    assert upload("lab_results", "q.csv", text, editor).status == "accepted"
    a = Sample.objects.get(code="A")
    assert a.class_label == "IV" and a.meets_target is False and a.class_standard == "GB/T 14848-2017"
    assert "nitrate_n" in a.deciding_analytes
    assert dict(Result.objects.filter(sample=a).values_list("analyte", "class_label")) == {
        "nitrate_n": "IV", "tetrachloroethylene": "III", "chloride": "I"}
    # nitrate as N 4.0 mg/L: II (≤ 5.0); 31 mg/L: V (> 30)
    assert Sample.objects.get(code="B").class_label == "II"
    assert Sample.objects.get(code="C").class_label == "V"
    # the shallow point of nest N1 exceeds: follow up on the confined layer below; the lone well has none
    f = FollowUp.objects.get(point=points["shallow"])
    assert f.deeper_point == points["deep"] and f.status == "open" and "下层相邻含水层" in f.rule
    assert FollowUp.objects.get(point=points["lone"]).status == "no_deeper_point"
    assert not FollowUp.objects.filter(point=points["deep"]).exists()


def test_qa_flags_are_stored_with_their_source(mappings, points, editor, upload):
    # 5.5 meq/L cations vs 4.5 meq/L anions → CBE = +10 % (> 5 %): Ca 2.5 meq = 50.10 mg/L, Mg 1.0 = 12.15,
    # Na 1.5 = 34.48, K 0.5 = 19.55; HCO3 2.5 = 152.54, Cl 1.0 = 35.45, SO4 1.0 = 48.03 mg/L
    ions = {"钙": 50.10, "镁": 12.15, "钠": 34.48, "钾": 19.55, "重碳酸盐": 152.54, "氯化物": 35.45, "硫酸盐": 48.03}
    rows = "".join(f"JX-01,IB,2023-05-06,{k},{v},mg/L,,,\n" for k, v in ions.items())
    # field duplicate: benzene 10 vs 13 μg/L → RPD 26.1 % > 20 % (water)
    rows += "JX-01,IB,2023-05-06,苯,10,μg/L,,正常样,\nJX-01,IB-P,2023-05-06,苯,13,μg/L,,平行样,IB\n"
    # a detect below its own detection limit
    rows += "JX-02,D,2023-05-06,苯,0.3,μg/L,0.5,,\n"
    batch = upload("lab_results", "qa.csv", HEAD + rows, editor)
    assert batch.status == "accepted", batch.report
    flags = {f["rule"]: f for f in Sample.objects.get(code="IB").qa_flags}
    assert flags["ion_balance"]["value"] == pytest.approx(10.0, abs=0.05)  # inputs printed to 0.01 mg/L
    assert "Freeze" in flags["ion_balance"]["source"]
    dup = Sample.objects.get(code="IB-P")
    assert dup.parent.code == "IB" and dup.qa_flags[0]["rule"] == "field_duplicate_rpd"
    assert dup.qa_flags[0]["value"] == pytest.approx(26.09, abs=0.01)
    assert Result.objects.get(sample__code="D").qa_flags == "detect_below_dl"


def test_series_statistics(mappings, points, editor, upload):
    # Strictly increasing nitrate over 10 years: Mann–Kendall S = n(n−1)/2 = 45, Sen slope 1 mg/L per year.
    rows = "".join(f"JX-02,Y{y},{y}-06-01,硝酸盐(以N计),{y - 2009}.0,mg/L,,,\n" for y in range(2010, 2020))
    assert upload("lab_results", "series.csv", HEAD + rows, editor).status == "accepted"
    s = PointAnalyteStat.objects.get(point=points["deep"], analyte="nitrate_n")
    assert s.n == 10 and s.mk_s == 45
    assert s.sen_slope == pytest.approx(1.0, rel=0.01)  # dates on 1 June: leap years shift t by ≤ 1 day
    assert s.trend == "increasing"
    # GB/T 14848 class III limit for nitrate as N is 20 mg/L; values 1..10 never exceed it
    assert s.limit == pytest.approx(20.0) and s.n_exceedances == 0 and s.exceeds_latest is False
