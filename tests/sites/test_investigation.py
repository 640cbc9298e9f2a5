"""Investigation data: borings and lab results imported with the monitoring importers from the site page,
judged with the GB 36600 core for the site's planned land class.

Expected values: GB 36600-2018 Table 1 — arsenic screening 20 / 60, intervention 120 / 140; lead screening
400 / 800, intervention 800 / 2500 mg/kg (first / second class).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from soilgw.sites.investigation import assess_site
from soilgw.sites.models import LandUseCode

pytestmark = pytest.mark.django_db

POINTS = "点位编号,点位名称,点位类型,监测类别\nSB1,钻孔1,土壤,调查\nSB2,钻孔2,土壤,调查\n"
RESULTS = ("点位编号,样品编号,采样日期,采样深度(m),检测项目,检测结果,单位,检出限\n"
           "SB1,SB1-0.2,2023-05-06,0.2,砷,35,mg/kg,0.01\n"
           "SB1,SB1-0.2,2023-05-06,0.2,镉,3,mg/kg,0.01\n"
           "SB1,SB1-2.0,2023-05-06,2.0,砷,12,mg/kg,0.01\n"
           "SB1,SB1-2.0,2023-05-06,2.0,铅,900,mg/kg,0.1\n"
           "SB2,SB2-0.2,2023-05-06,0.2,砷,<0.01,mg/kg,0.01\n"
           "SB2,SB2-0.2,2023-05-06,0.2,铅,50,mg/kg,0.1\n")


@pytest.fixture
def investigated(client, editor, make_site):
    site = make_site("INV-1", planned="R2")
    client.force_login(editor)
    resp = client.post(reverse("sites:import-investigation", args=[site.pk]), {
        "points_file": SimpleUploadedFile("points.csv", POINTS.encode()),
        "results_file": SimpleUploadedFile("results.csv", RESULTS.encode())})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    return site


def test_points_are_linked_and_first_class_exceedances_found_by_depth(investigated):
    assert set(investigated.monitoring_points.values_list("code", flat=True)) == {"SB1", "SB2"}
    result = assess_site(investigated)
    assert result.land_class == "class_1" and result.conclusion == "risk_control"
    rows = {(r["depth"], r["analyte"]): r for r in result.by_depth.to_dict("records")}
    assert set(rows) == {("0.2", "as"), ("2", "pb")}
    assert rows[("0.2", "as")]["screening"] == pytest.approx(20) and rows[("0.2", "as")]["max_value"] == 35
    assert rows[("2", "pb")]["intervention"] == pytest.approx(800) and rows[("2", "pb")]["above_intervention"] == 1
    names = {name for name, _, _ in result.risk_inputs}
    assert names == {"Arsenic", "Lead"}


def test_second_class_planned_use_changes_the_values(investigated):
    investigated.planned_use = LandUseCode.resolve("B1")
    investigated.save()
    result = assess_site(investigated)
    assert result.land_class == "class_2" and result.conclusion == "investigate"
    rows = result.by_depth.to_dict("records")
    assert [(r["analyte"], r["screening"], r["intervention"]) for r in rows] == [("pb", 800, 2500)]


def test_site_page_shows_exceedances_conclusion_and_the_risk_form(client, investigated):
    page = client.get(investigated.get_absolute_url()).content.decode()
    assert 'id="exceedances"' in page and "risk_control" in page
    assert 'name="chem-TOTAL_FORMS" value="2"' in page
    assert reverse("risk:new") in page


def test_the_risk_page_receives_the_site_data(client, investigated):
    """The site page's form posts to the risk app's page, which computes with the site's concentrations."""
    from soilgw.risk.models import RiskAssessment

    result = assess_site(investigated)
    data = {"title": "INV-1", "land_class": 1, "method": "hj25.3-2019", "notes": "",
            "chem-TOTAL_FORMS": len(result.risk_inputs), "chem-INITIAL_FORMS": 0, "chem-MIN_NUM_FORMS": 0,
            "chem-MAX_NUM_FORMS": 100}
    for i, (name, surface, sub) in enumerate(result.risk_inputs):
        data.update({f"chem-{i}-chemical": name, f"chem-{i}-surface_soil_mg_per_kg": surface or "",
                     f"chem-{i}-subsurface_soil_mg_per_kg": sub or ""})
    resp = client.post(reverse("risk:new"), data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    assert RiskAssessment.objects.filter(title="INV-1").exists()
