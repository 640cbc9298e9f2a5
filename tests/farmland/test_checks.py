"""Grain tests (GB 2762), fertilizer inspections (GB 38400), construction near permanent basic farmland,
mining-waste proximity, cause investigations and the concentrated area handed to the enterprises app."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from soilgw.farmland.models import (
    CauseInvestigation,
    ConstructionProposal,
    FarmlandWarning,
    GrainTest,
    InputInspection,
)

from .conftest import centre, square

pytestmark = pytest.mark.django_db


def test_grain_batch_exceeding_gb2762_is_tracked_to_disposal(county, client, make_user):
    # GB 2762-2022 Table 2: Cd in 稻谷、糙米、大米 ≤ 0.2 mg/kg
    bad = GrainTest.objects.create(batch_code="G1", crop="rice", tested_on=dt.date(2025, 10, 1), cd_mgkg="0.25")
    ok = GrainTest.objects.create(batch_code="G2", crop="rice", tested_on=dt.date(2025, 10, 1), cd_mgkg="0.2")
    assert bad.exceeds and bad.exceeding == "cd" and bad.open
    assert not ok.exceeds and ok.disposal == "not_required" and not ok.open
    bad.disposal = "not_required"
    with pytest.raises(ValidationError, match="ration-grain"):
        bad.full_clean()
    bad.disposal = "non_food_use"
    with pytest.raises(ValidationError):  # a disposal needs its date
        bad.full_clean()
    client.force_login(make_user("g-viewer", "agri", "viewer"))
    assert "awaiting disposal: 1" in client.get("/farmland/safe-utilization/").content.decode()
    bad.disposed_on = dt.date(2025, 11, 2)
    bad.full_clean()
    bad.save()
    assert not bad.open


def test_fertilizer_against_gb38400_says_values_unverified(county):
    # GB 38400-2019 Table 1: total Cd ≤ 3 mg/kg (shipped verified=false: the table is an image, see data README)
    f = InputInspection.objects.create(sample_code="F1", product="有机肥", sampled_on=dt.date(2025, 4, 1),
                                       cd_mgkg="3.5", pb_mgkg="<5")
    assert f.compliant is False and f.exceeding == "cd" and f.values_verified is False
    g = InputInspection.objects.create(sample_code="F2", product="有机肥", sampled_on=dt.date(2025, 4, 1),
                                       cd_mgkg="3")
    assert g.compliant is True  # equal to the limit meets "≤"


def test_construction_inside_a_block_of_permanent_basic_farmland_warns(make_unit):
    # a 2 × 2 block of 200 m squares = 4 × 4 ha = 240 mu (1 mu = 10000/15 m²), all permanent basic farmland
    for col in (0, 1):
        for row in (0, 1):
            make_unit(f"B{col}{row}", col, row, side_m=200.0, permanent_basic=True)
    lon, lat = centre(0, 0, side_m=400.0)
    inside = ConstructionProposal.objects.create(name="仓库", lon=lon, lat=lat, distance_m=1000,
                                                 concentration_mu=100, proposed_on=dt.date(2025, 5, 1))
    # every corner of the block is 283 m from its centre: the 1000 m circle holds all of it
    assert inside.basic_farmland_mu == pytest.approx(240.0, rel=1e-3) and inside.inside_basic_farmland
    assert FarmlandWarning.objects.filter(kind="construction_near_basic_farmland", inputs__proposal=inside.pk).exists()
    far_lon, far_lat = centre(30, 30, side_m=200.0)  # 6 km away
    far = ConstructionProposal.objects.create(name="远处项目", lon=far_lon, lat=far_lat, distance_m=500,
                                              proposed_on=dt.date(2025, 5, 1))
    assert far.basic_farmland_mu == 0.0 and not far.warned


def test_mining_waste_proximity_and_cause_investigation(make_unit, soil_results):
    from soilgw.enterprises.loaders import sample_code
    from soilgw.enterprises.models import ConcentratedFarmlandArea, Enterprise
    from soilgw.farmland.services.causes import investigate, mining_proximity
    from soilgw.farmland.services.concentrated import derive_concentrated_areas
    from soilgw.groundwater.models import MiningWasteSite

    units = [make_unit(f"C{i}", i, 0, side_m=200.0, category="strict_control") for i in range(3)]
    # the site occupies x ∈ [X0 + 900, X0 + 1000] m: 300 m east of C2's edge at X0 + 600 m
    MiningWasteSite.objects.create(code="KS-1", name="示例尾矿", discovered_by="field",
                                   discovered_on=dt.date(2024, 1, 1), geometry=square(9, 0), metals="Cd、Pb")
    near = mining_proximity(400.0)
    assert [p["unit_id"] for p in near["pairs"]] == ["C2"]
    assert near["pairs"][0]["distance_m"] == pytest.approx(300.0, abs=1e-3)  # GK round trip: sub-millimetre
    assert near["nearest"][0]["nearest_unit_id"] == "C2"
    from django.utils import translation

    with translation.override("zh-hans"):
        assert "流向" in str(near["basis"])  # the stated basis, in the page's language

    soil_results("t", 2024, {f"P{i}": (*centre(i, 0, 200.0), 1.0 + i, 6.0) for i in range(3)})
    inv = CauseInvestigation.objects.create(name="成因", started_on=dt.date(2025, 1, 1), distance_m=500)
    inv.units.set(units)
    investigate(inv)
    assert inv.sources[0]["kind"] == "mining_waste" and inv.sources[0]["distance_m"] == pytest.approx(300.0, abs=0.1)
    assert inv.correlation["points"] == 3

    # three touching strict-control 200 m squares = 180 mu: one concentrated area handed to the enterprises app
    areas = derive_concentrated_areas(gap_m=50, min_mu=100)
    assert len(areas) == 1 and "180 mu" in areas[0].source
    lon, lat = centre(1, 0, 200.0)
    ent = Enterprise.objects.create(name="示例冶炼厂", credit_code=sample_code(99), lon=lon, lat=lat)
    assert ent.concentrated_area == areas[0]
    assert derive_concentrated_areas(gap_m=50, min_mu=1000) == []  # too small now: the derived area is removed
    assert not ConcentratedFarmlandArea.objects.filter(pk=areas[0].pk).exists()
