"""Land-supply records: matching to sites, violations and the per-quarter clear-to-zero count, notifications
(soil tasks 8, 11, 15; matching thresholds from issue 10: parcel code first, else ≥ 50 % of the smaller polygon)."""

from __future__ import annotations

import datetime as dt

import pytest

from soilgw.sites import supply
from soilgw.sites.choices import Conclusion, Stage
from soilgw.sites.models import LandSupplyRecord, LandUseCode, Notification
from soilgw.sites.samples import square

pytestmark = pytest.mark.django_db
d = dt.date


def record(kind="transfer", name="出让", code="", use="R2", date=dt.date(2023, 2, 15), geometry=None):
    r = LandSupplyRecord(kind=kind, year=2023, parcel_code=code, name=name, planned_use=LandUseCode.resolve(use),
                         date=date, geometry=geometry)
    r.full_clean()
    r.save()
    return r


def shifted(geometry: dict, fraction: float) -> dict:
    """The polygon moved east by ``fraction`` of its own width (in degrees)."""
    ring = geometry["coordinates"][0]
    width = max(p[0] for p in ring) - min(p[0] for p in ring)
    return {"type": "Polygon", "coordinates": [[[x + fraction * width, y] for x, y in ring]]}


def test_parcel_code_wins_over_geometry(make_site):
    a = make_site("P-A", lon=111.60)
    b = make_site("P-B", lon=111.61)
    r = record(code="P-A", geometry=b.geometry)
    assert (r.site, r.match_status) == (a, "parcel_code")


@pytest.mark.parametrize("shift, matched", [(0.49, True), (0.51, False)])
def test_geometry_overlap_edge_at_half_of_the_smaller_polygon(make_site, shift, matched):
    site = make_site("G-1")
    r = record(geometry=shifted(site.geometry, shift))  # overlap 51 % / 49 % of either (equal) square
    assert (r.site == site) is matched
    assert r.match_status == ("geometry" if matched else "unmatched")


def test_small_parcel_inside_a_large_site_matches(make_site):
    site = make_site("G-2", half_m=200.0)
    r = record(geometry=square(111.6, 35.48, 10.0))
    assert (r.site, r.match_status) == (site, "geometry")


def test_several_candidates_need_review(make_site):
    make_site("C-1", lon=111.6)
    make_site("C-2", lon=111.6 + 0.0011)  # two 100 m squares side by side
    r = record(geometry=square(111.6 + 0.00055, 35.48, 120.0))  # covers both wholly
    assert r.match_status == "needs_review" and r.candidates == ["C-1", "C-2"] and r.site is None


def test_violation_of_a_sensitive_transfer_clears_when_the_steps_are_done(make_site, walk):
    site = make_site("V-1")
    rec = record(code="V-1", date=d(2023, 2, 15))
    found = [v for v in supply.violations() if v.record == rec]
    assert found and found[0].missing == "investigation" and found[0].resolved_on is None
    walk(site, Stage.PRELIMINARY, start=d(2023, 4, 1), last_conclusion=Conclusion.NEGLIGIBLE)
    v = next(v for v in supply.violations() if v.record == rec)
    assert v.resolved_on == d(2023, 4, 30)  # walk: completed step_days − 1 = 29 days after the start
    quarters = {q["quarter"]: q["open"] for q in supply.open_per_quarter(supply.violations(), 2023)}
    assert quarters == {"2023Q1": 1, "2023Q2": 0, "2023Q3": 0, "2023Q4": 0}


def test_non_sensitive_supply_is_no_violation_and_plan_without_investigation_is(make_site):
    make_site("V-2", planned="B1")
    commercial = record(code="V-2", use="B1")
    assert not [v for v in supply.violations() if v.record == commercial]
    plan = record(kind="plan", name="计划", use="B1", date=d(2023, 1, 10))
    assert [v.kind for v in supply.violations() if v.record == plan] == ["plan_without_investigation"]


def test_key_unit_transfer_notifies_the_bureau(make_site):
    from soilgw.enterprises.loaders import sample_code
    from soilgw.enterprises.models import Enterprise, Listing

    ent = Enterprise.objects.create(name="重点单位", credit_code=sample_code(77))
    Listing.objects.create(enterprise=ent, list_kind="key_supervised_unit", listed_on=d(2020, 1, 1))
    make_site("K-1", enterprise=ent)
    record(code="K-1")
    assert Notification.objects.filter(kind="key_unit_land", direction="to_eeb").count() == 1


def test_the_bureau_sheet_imports_with_chinese_kinds_and_matches(make_site, editor):
    """The natural resources bureau's sheet: 类型 in its own words (出让, 划拨, 供应计划)."""
    import io

    import pandas as pd

    from soilgw.core import imports
    from soilgw.sites.registries import SUPPLY

    make_site("NRB-1")
    rows = [{"类型": "出让", "年度": 2023, "地块编号": "NRB-1", "地块名称": "出让一", "用途": "R2", "日期": "2023-05-01"},
            {"类型": "供应计划", "年度": 2023, "地块名称": "计划一", "用途": "0701", "日期": "2023-01-05"}]
    buf = io.BytesIO()
    pd.DataFrame(rows).to_excel(buf, index=False)
    batch = imports.run_import(SUPPLY.import_kind.kind, "供地.xlsx", buf.getvalue(), editor)
    assert batch.status == "accepted", batch.report
    transfer = LandSupplyRecord.objects.get(name="出让一")
    assert (transfer.kind, transfer.match_status, transfer.site.parcel_code) == ("transfer", "parcel_code", "NRB-1")
    assert LandSupplyRecord.objects.get(name="计划一").kind == "plan"


def test_a_site_registered_after_the_supply_record_is_matched_then(make_site):
    rec = record(code="LATE-1", name="先供地")
    assert rec.match_status == "unmatched"
    geo_rec = record(name="先供地二", geometry=square(111.65, 35.48, 40.0))
    site = make_site("LATE-1")
    other = make_site("LATE-2", lon=111.65)
    rec.refresh_from_db()
    geo_rec.refresh_from_db()
    assert (rec.site, rec.match_status) == (site, "parcel_code")
    assert (geo_rec.site, geo_rec.match_status) == (other, "geometry")
