"""The KPIs (plans.kpis): each value by quarter, hand-computed from small fixtures, and the records it counts;
the KPI page and its drill-down; the quarterly report reads the same values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from soilgw.core.models import Department, ImportBatch
from soilgw.plans.kpis import KPIS, kpi, programme_target, value
from soilgw.plans.models import Task
from tests.farmland import conftest as _farmland
from tests.sites import conftest as _sites

from .test_dispatch import file

codes, make_site, walk, make_unit = _sites.codes, _sites.make_site, _sites.walk, _farmland.make_unit

pytestmark = pytest.mark.db
d = dt.date
TODAY = d(2023, 10, 15)


def test_every_kpi_has_a_definition_a_clause_and_a_unique_key():
    assert len({k.key for k in KPIS}) == len(KPIS)
    for k in KPIS:
        assert k.name and k.definition and k.inputs and k.period
        assert "计划" in k.clause or "义务规则" in k.clause, k.key
    with pytest.raises(KeyError, match="valid: safe-utilization"):
        kpi("nope")


def test_programme_targets_come_from_the_groundwater_plan(county):
    # 地下水国考区域点位水质不低于V类，饮用水源点位达到或优于Ⅲ类，污染风险监控点位不低于V类
    assert programme_target(2023, "national_regional") == "V"
    assert programme_target(2023, "national_drinking") == "III"
    assert programme_target(2023, "national_risk") == "V"


@pytest.fixture
def wells(county):
    from soilgw.monitoring.models import MonitoringPoint, Sample

    batch = ImportBatch.objects.create(kind="lab", filename="lab.csv", sha256="1" * 64, size=1, status="accepted")

    def point(code, programme, samples):
        p = MonitoringPoint.objects.create(code=code, kind="groundwater_well", programme=programme)
        for i, (day, label) in enumerate(samples):
            Sample.objects.create(point=p, batch=batch, code=f"{code}-{i}", date=day, medium="groundwater",
                                  class_label=label)
        return p

    point("D1", "national_drinking", [(d(2023, 8, 1), "III")])
    point("D2", "national_drinking", [(d(2023, 7, 10), "II"), (d(2023, 9, 10), "IV")])  # the latest, IV, counts
    point("D3", "national_drinking", [(d(2023, 6, 30), "IV")])  # Q2 only
    point("R1", "national_regional", [(d(2023, 8, 5), "V")])
    point("R2", "national_regional", [(d(2023, 8, 5), "worse_than_V")])
    point("P1", "provincial", [(d(2023, 8, 5), "I")])  # not a national programme


def test_groundwater_points_meeting_their_programme_target(wells):
    drinking = value(kpi("groundwater-drinking"), 2023, 3, TODAY)
    assert (drinking.numerator, drinking.denominator) == (1, 2)  # D1 III ≤ III; D2 latest IV > III
    assert [(r.label, r.counted) for r in drinking.records] == [("D1", True), ("D2", False)]
    assert drinking.percent == pytest.approx(50.0) and drinking.text == "1/2（50.0%）"
    assert (value(kpi("groundwater-drinking"), 2023, 2, TODAY).numerator,
            value(kpi("groundwater-drinking"), 2023, 2, TODAY).denominator) == (0, 1)  # D3 IV in Q2
    regional = value(kpi("groundwater-regional"), 2023, 3, TODAY)
    assert (regional.numerator, regional.denominator) == (1, 2)  # V meets "不低于V类", worse than V does not
    risk = value(kpi("groundwater-risk"), 2023, 3, TODAY)
    assert (risk.numerator, risk.denominator, risk.percent, risk.text) == (0, 0, None, "0/0（—）")


def test_obligations_done_on_time_year_to_date(county):
    from soilgw.plans.obligations.models import Obligation

    Obligation.objects.all().delete()  # only this test's obligations (loading the county derives some)
    eeb = Department.objects.get(code="eeb")
    ct = ContentType.objects.get_for_model(Department)

    def ob(rule, due, status, evidence=None):
        return Obligation.objects.create(
            rule_id=rule, what=rule, clause="示例", subject_type=ct, subject_id=eeb.pk, subject_label="分局",
            holder_type=ct, holder_id=eeb.pk, holder_label="分局", department=eeb, due=due, status=status,
            evidence_date=evidence, rules_version="t", as_of=TODAY)

    ob("a", d(2023, 5, 1), "done", d(2023, 4, 20))  # on time
    ob("b", d(2023, 8, 1), "done", d(2023, 8, 10))  # done late
    ob("c", d(2023, 9, 1), "overdue")
    ob("e", d(2023, 11, 1), "open")  # due after Q3
    ob("f", d(2022, 12, 1), "done", d(2022, 11, 1))  # another year
    q2, q3, q4 = (value(kpi("obligations-on-time"), 2023, q, TODAY) for q in (2, 3, 4))
    assert (q2.numerator, q2.denominator) == (1, 1)
    assert (q3.numerator, q3.denominator) == (1, 3)
    assert (q4.numerator, q4.denominator) == (1, 4)
    assert [r.counted for r in q3.records] == [True, False, False]
    Obligation.objects.filter(rule_id="a").update(what="隐患排查 / hazard investigation")
    with translation.override("zh-hans"):  # the bilingual duty reads in the page's language
        assert value(kpi("obligations-on-time"), 2023, 2, TODAY).records[0].label == "隐患排查 · 分局"


def test_register_changes_cases_and_referrals_in_the_quarter(make_site, walk):
    from soilgw.enforcement.models import Case
    from soilgw.sites.choices import Stage
    from soilgw.sites.models import RegisterEntry

    for code, entered, exited in (("K-1", d(2023, 7, 3), None), ("K-2", d(2023, 2, 1), d(2023, 9, 30)),
                                  ("K-3", d(2023, 10, 1), None)):
        site = walk(make_site(code), Stage.ON_REGISTER, start=d(2022, 1, 1))
        RegisterEntry.objects.filter(site=site).update(entered_on=entered, exited_on=exited)
    eeb = Department.objects.get(code="eeb")
    Case.objects.create(number="案1", opened_on=d(2023, 7, 1), violation="illegal_dumping", description="示例",
                        handling_department=eeb, referred_on=d(2023, 10, 2))
    Case.objects.create(number="案2", opened_on=d(2023, 6, 30), violation="illegal_dumping", description="示例",
                        handling_department=eeb, referred_on=d(2023, 8, 2))
    got = {k: value(kpi(k), 2023, 3, TODAY) for k in ("register-entered", "register-removed", "cases-opened",
                                                       "cases-referred")}
    assert {k: (v.numerator, v.denominator) for k, v in got.items()} == {
        "register-entered": (1, None), "register-removed": (1, None), "cases-opened": (1, None),
        "cases-referred": (1, None)}
    assert [r.label for r in got["register-entered"].records] == ["K-1 地块K-1"]
    assert [r.label for r in got["register-removed"].records] == ["K-2 地块K-2"]
    assert [r.label for r in got["cases-referred"].records] == ["案2"]
    assert got["cases-opened"].text == "1"
    q4 = value(kpi("cases-referred"), 2023, 4, TODAY)
    assert [r.label for r in q4.records] == ["案1"]


def test_fund_admission_and_spending(county):
    from soilgw.funding.models import Disbursement, FundProject

    eeb = Department.objects.get(code="eeb")

    def project(code, status, declared):
        return FundProject.objects.create(code=code, name=code, kind="remediation", department=eeb, budget=100,
                                          requested=50, status=status, declared_on=declared)

    a = project("F1", "admitted", d(2023, 2, 1))
    project("F2", "not_admitted", d(2023, 5, 1))
    project("F3", "declared", d(2023, 6, 1))  # pending: not in the rate
    project("F4", "completed", d(2023, 11, 1))  # declared after Q3
    q3 = value(kpi("fund-admission"), 2023, 3, TODAY)
    assert (q3.numerator, q3.denominator) == (1, 2)
    q4 = value(kpi("fund-admission"), 2023, 4, TODAY)
    assert (q4.numerator, q4.denominator) == (2, 3)
    Disbursement.objects.create(project=a, year=2023, quarter=2, allocated=Decimal("40"), spent=Decimal("10"))
    Disbursement.objects.create(project=a, year=2023, quarter=3, allocated=Decimal("0"), spent=Decimal("20"))
    Disbursement.objects.create(project=a, year=2023, quarter=4, allocated=Decimal("10"), spent=Decimal("10"))
    spend = value(kpi("fund-spending"), 2023, 3, TODAY)
    assert (spend.numerator, spend.denominator) == (Decimal("30"), Decimal("40"))  # Q2 + Q3: 10 + 20 of 40
    assert spend.percent == pytest.approx(75.0)


def test_safe_utilization_rate_and_its_units(make_unit):
    from soilgw.farmland.models import Measure

    safe = make_unit("U1", 0, 0, category="safe_utilization")  # 100 m square = 10 000 m² = 15 mu
    make_unit("U2", 1, 0, category="strict_control")  # no strict-control measure: in E, not in D
    make_unit("U3", 2, 0, category="priority_protection")  # clean priority protection: not in E
    Measure.objects.create(unit=safe, year=2023, kind="variety_substitution", area_mu=15, crop_compliant=True,
                           evidence="稻米检测合格")
    v = value(kpi("safe-utilization"), 2023, 3, TODAY)
    assert float(v.numerator) == pytest.approx(15.0, abs=0.01) and float(v.denominator) == pytest.approx(30.0, abs=0.02)
    assert v.percent == pytest.approx(50.0, abs=0.1)
    assert [(r.label, r.counted) for r in v.records] == [("U1", True), ("U2", False)]
    assert v.records[0].url == safe.get_absolute_url()


def test_key_development_land_safely_used(make_site, walk):
    from soilgw.sites.choices import Stage
    from soilgw.sites.models import LandSupplyRecord, LandUseCode

    done = make_site("L-1", lon=111.60)
    walk(done, Stage.PRELIMINARY, start=d(2023, 1, 1), last_conclusion="negligible")  # completed 2023-01-30
    make_site("L-2", lon=111.62)  # never investigated

    def supply(code, use, day, kind="transfer"):
        r = LandSupplyRecord(kind=kind, year=2023, parcel_code=code, name=code, planned_use=LandUseCode.resolve(use),
                             date=day)
        r.full_clean()
        r.save()

    supply("L-1", "R2", d(2023, 3, 1))  # residential after the investigation: safe
    supply("L-2", "R2", d(2023, 8, 1))  # residential without investigation: not safe
    supply("L-3", "M1", d(2023, 8, 1))  # industrial: not key development land
    q1, q3 = value(kpi("key-land"), 2023, 1, TODAY), value(kpi("key-land"), 2023, 3, TODAY)
    assert (q1.numerator, q1.denominator) == (1, 1)
    assert (q3.numerator, q3.denominator) == (1, 2)
    assert [r.counted for r in q3.records] == [True, False]


def test_dispatch_on_time_counts_filed_by_the_deadline_and_not_returned(county, settings):
    soil4 = Task.objects.get(plan__medium="soil", number=4)
    file(soil4, "eeb", settings=settings, on="2023-10-03")  # on time
    file(soil4, "agri", settings=settings, on="2023-10-09")  # late
    returned = file(soil4, "gujiang", settings=settings, on="2023-10-04")
    returned.review_state = "returned"
    returned.save(update_fields=["review_state"])
    v = value(kpi("dispatch-on-time"), 2023, 3, TODAY)
    assert v.numerator == 1
    soil4_lines = [r for r in v.records if r.url == soil4.get_absolute_url()]
    assert len(soil4_lines) == 12  # lead, cooperating department and ten townships
    assert [r.label.endswith("运城市生态环境局绛县分局") for r in soil4_lines if r.counted] == [True]


def test_the_kpi_page_links_each_value_to_its_records(wells, client, make_user, settings):
    settings.SOILGW_AS_OF = "2023-10-15"
    client.force_login(make_user("kpi-viewer", "eeb", "viewer"))
    page = client.get("/plans/kpis/?year=2023").content.decode()
    assert 'href="/plans/kpis/groundwater-drinking/2023/3/">1/2（50.0%）</a>' in page
    for k in KPIS:
        assert f'data-kpi="{k.key}"' in page
    drill = client.get("/plans/kpis/groundwater-drinking/2023/3/").content.decode()
    from soilgw.monitoring.models import MonitoringPoint

    assert MonitoringPoint.objects.get(code="D1").get_absolute_url() in drill
    assert client.get("/plans/kpis/nope/2023/3/").status_code == 404
    assert client.get("/plans/kpis/cases-opened/2023/5/").status_code == 404
    client.force_login(make_user("outsider"))
    assert client.get("/plans/kpis/").status_code == 403


def test_the_quarterly_report_prints_the_same_kpi_values(wells, settings, tmp_path):
    from soilgw.plans.quarterly_report import build

    settings.MEDIA_ROOT = tmp_path
    report = build(2023, 3, as_of=TODAY)
    table = next(t for t in report.tables if t.title.startswith("2.1"))
    assert len(table.rows) == len(KPIS)
    drinking = next(r for r in table.rows if r[4].endswith("达到或优于Ⅲ类”"))
    assert drinking[3] == "1/2（50.0%）"
