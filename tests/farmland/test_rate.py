"""Safe-utilization rate from stored units and measures, A = (B + C + D) / E × 100 %.

Hand-derived example (terms as 受污染耕地安全利用率核算方法（试行） defines them; see
shared/standards/notes/farmland_classification_rules.md §6). Units are exact squares in EPSG:4546:

====  ==========================  ============  =====================================  =========
unit  category                    area [mu]     measures in 2024                       counts in
====  ==========================  ============  =====================================  =========
S1    safe utilization            15            water–fertilizer + crop compliant       E, C
S2    safe utilization            15            water–fertilizer, crop not compliant    E
X1    strict control              60            rotation and fallow                     E, D
P1    priority, slightly polluted 15            priority-protection measure             E, B
P2    priority, clean             60            none                                    —
X2    strict control (横水镇)      15            none                                    E
====  ==========================  ============  =====================================  =========

Areas: 100 m square = 1 ha = 15 mu; 200 m square = 4 ha = 60 mu (1 mu = 10000/15 m²).
古绛镇: E = 15 + 15 + 60 + 15 = 105, B = 15, C = 15, D = 60 → A = 90 / 105 = 85.714 %.
横水镇: E = 15, B = C = D = 0 → A = 0 %. County: E = 120, B + C + D = 90 → A = 75.0 %.
Tolerance 1e-6 %: the EPSG:4546 round trip of the squares changes areas by < 1e-9 relative.
"""

from __future__ import annotations

import pytest

from soilgw.farmland.models import FarmlandUnit, Measure
from soilgw.farmland.services.rate import county_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(make_unit):
    s1 = make_unit("S1", 0, 0, category="safe_utilization")
    s2 = make_unit("S2", 2, 0, category="safe_utilization")
    x1 = make_unit("X1", 2, 2, side_m=200.0, category="strict_control")
    p1 = make_unit("P1", 6, 0, category="priority_protection")
    FarmlandUnit.objects.filter(pk=p1.pk).update(slightly_polluted=True)
    make_unit("P2", 4, 4, side_m=200.0, category="priority_protection")
    make_unit("X2", 9, 9, township="横水镇", category="strict_control")
    Measure.objects.create(unit=s1, year=2024, kind="water_fertilizer", area_mu=15, crop_compliant=True,
                           evidence="糙米镉 3/3 达标")
    Measure.objects.create(unit=s2, year=2024, kind="water_fertilizer", area_mu=15, crop_compliant=False)
    Measure.objects.create(unit=x1, year=2024, kind="rotation_fallow", area_mu=60)
    Measure.objects.create(unit=p1, year=2024, kind="priority_protection", area_mu=15)
    Measure.objects.create(unit=s2, year=2023, kind="foliar_barrier", area_mu=15, crop_compliant=True,
                           evidence="另一年度")  # other year: does not count in 2024


def test_rate_with_inputs_matches_hand_derived_example(example):
    res = county_rate(2024)
    town = res.by_township.set_index("township")
    g = town.loc["古绛镇"]
    assert (g["E"], g["B"], g["C"], g["D"]) == pytest.approx((105.0, 15.0, 15.0, 60.0), abs=1e-6)
    assert g["A"] == pytest.approx(90.0 / 105.0 * 100.0, abs=1e-6)
    assert town.loc["横水镇", "A"] == pytest.approx(0.0, abs=1e-9)
    county = res.county.iloc[0]
    assert (county["E"], county["A"]) == pytest.approx((120.0, 75.0), abs=1e-6)
    ev = res.units.set_index("unit_id")
    assert ev.loc["S1", "c_evidence"] == "糙米镉 3/3 达标" and bool(ev.loc["S1", "in_C"])
    assert not bool(ev.loc["S2", "in_C"]) and not bool(ev.loc["P2", "in_E"])


def test_dashboard_and_api_show_inputs(example, client, api_client, make_user):
    user = make_user("agri-viewer", "agri", "viewer")
    client.force_login(user)
    html = client.get("/farmland/safe-utilization/?year=2024").content.decode()
    assert "85.7" in html and "75.0" in html and "糙米镉 3/3 达标" in html
    api_client.force_authenticate(user)
    data = api_client.get("/api/safe-utilization-rate/?year=2024").json()
    assert data["county"]["E"] == pytest.approx(120.0, abs=1e-6)
    assert data["county"]["A"] == pytest.approx(75.0, abs=1e-6)
    resp = client.get("/farmland/export.xlsx?year=2024")
    assert resp.status_code == 200 and resp.content.startswith(b"PK")


def test_measure_larger_than_unit_refused(example):
    from django.core.exceptions import ValidationError

    m = Measure(unit=FarmlandUnit.objects.get(code="S1"), year=2025, kind="foliar_barrier", area_mu=16)
    with pytest.raises(ValidationError, match="15.0 mu"):
        m.full_clean()
