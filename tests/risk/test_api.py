"""``/api/risk-assessments/``: create runs HJ 25.3-2019 and stores inputs, results and every parameter's source."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from soilgw.assessment import risk
from soilgw.risk.models import RiskAssessment

pytestmark = pytest.mark.django_db
URL = "/api/risk-assessments/"


def _create(api_client, user, payload):
    api_client.force_authenticate(user)
    api_client.credentials(HTTP_ACCEPT_LANGUAGE="en")  # messages asserted in English
    return api_client.post(URL, payload, format="json")


def test_create_stores_inputs_results_and_provenance(api_client, editor, payload):
    resp = _create(api_client, editor, payload)
    assert resp.status_code == 201, resp.content
    data = resp.json()
    assert [c["chemical"] for c in data["concentrations"]] == ["Benzene", "Benzo[a]pyrene", "Arsenic"]
    assert [c["query"] for c in data["concentrations"]] == ["苯", "50-32-8", "arsenic"]
    assert data["method"] == "hj25.3-2019" and data["land_class"] == 1
    assert "HJ 25.3-2019" in data["standard"] and data["core_version"] and data["computed_at"]
    params = {p["symbol"]: p for p in data["parameters"]}
    assert params["Lgw"]["value"] == 500 and params["Lgw"]["overridden"] and params["Lgw"]["source"] == "override"
    # hv follows the depth to groundwater: hv = Lgw − hcap (HJ 25.3-2019 Appendix F soil column)
    assert math.isclose(params["hv"]["value"], 500 - params["hcap"]["value"])
    assert params["BWa"]["source"].startswith("HJ 25.3-2019") and not params["BWa"]["overridden"]
    assert all(p["source"] for p in data["parameters"]) and all(p["source"] for p in data["chemical_parameters"])
    assert data["parameters_verified"] is False  # the shipped defaults carry verified=false
    obj = RiskAssessment.objects.get()
    assert obj.created_by == editor and obj.department.code == "eeb"
    assert obj.overrides == {"Lgw": 500.0, "fom": 10.0, "ACR": 1e-5}


def test_stored_results_equal_the_core_and_keep_its_invariants(api_client, editor, payload):
    data = _create(api_client, editor, payload).json()
    conc = pd.DataFrame([{"chemical": c["chemical"], **{k: v for k, v in c.items() if k != "chemical"}}
                         for c in payload["concentrations"]])
    core = risk.assess(conc, 1, payload["overrides"]).frame
    stored = pd.DataFrame(data["results"])
    assert len(stored) == len(core)
    assert stored["carcinogenic_risk"].fillna(-1).tolist() == pytest.approx(core["carcinogenic_risk"].fillna(-1).tolist(), rel=1e-12)
    acr = 1e-5
    cv = {r["chemical"]: r for r in data["control_values"]}
    for chem, rows in stored.groupby("chemical"):
        soil = rows[rows["medium"].isin(["surface_soil", "subsurface_soil"])]
        total = rows[rows["pathway"] == "soil_total"].iloc[0]
        # totals are the sums of their pathways; HI = ΣHQ (HJ 25.3-2019 Appendix C)
        assert total["carcinogenic_risk"] == pytest.approx(soil["carcinogenic_risk"].sum(), rel=1e-12)
        assert total["hazard_quotient"] == pytest.approx(soil["hazard_quotient"].sum(), rel=1e-12)
        # surface = subsurface concentration C, so RCVS × (soil CR / C) = ACR (Appendix D)
        c = soil["concentration"].iloc[0]
        assert cv[chem]["rcvs_mg_per_kg"] * total["carcinogenic_risk"] / c == pytest.approx(acr, rel=1e-9)
    assert data["max_carcinogenic_risk"] == pytest.approx(
        stored.loc[stored["pathway"].isin(["soil_total", "groundwater_total"]), "carcinogenic_risk"].max())
    assert data["exceeds_acceptable"] is True  # 30 mg/kg arsenic on first-class land


def test_control_values_match_gb36600_risk_based_screening_values(api_client, editor):
    """GB 36600-2018 Table 1, first-class screening values of items derived by risk with carcinogenic endpoints:
    vinyl chloride (item 25) 0.12, benzo[a]pyrene (39) 0.55, dibenz[a,h]anthracene (43) 0.55 mg/kg.
    The standard used the HJ 25.3-2014 parameters, so this is a sanity check within 5 %
    (docs/gb36600_comparison.md lists the ratios)."""
    rows = [{"chemical": n, "surface_soil_mg_per_kg": 1.0, "subsurface_soil_mg_per_kg": 1.0}
            for n in ("氯乙烯", "苯并[a]芘", "二苯并[a,h]蒽")]
    data = _create(api_client, editor, {"title": "GB check", "land_class": 1, "concentrations": rows}).json()
    got = [r["control_value_mg_per_kg"] for r in data["control_values"]]
    assert got == pytest.approx([0.12, 0.55, 0.55], rel=0.05)


def test_detail_and_list(api_client, editor, viewer, payload):
    pk = _create(api_client, editor, payload).json()["id"]
    api_client.force_authenticate(viewer)
    listed = api_client.get(URL).json()
    assert listed["count"] == 1 and listed["results"][0]["chemicals"] == ["Benzene", "Benzo[a]pyrene", "Arsenic"]
    assert "results" not in listed["results"][0]
    detail = api_client.get(f"{URL}{pk}/").json()
    assert {"results", "control_values", "parameters", "chemical_parameters", "sensitivity"} <= set(detail)
    assert api_client.get(URL, {"chemical": "71-43-2"}).json()["count"] == 1
    assert api_client.get(URL, {"chemical": "toluene"}).json()["count"] == 0
    assert api_client.get(URL, {"land_class": 2}).json()["count"] == 0


@pytest.mark.parametrize("change, field, text", [
    ({"concentrations": [{"chemical": "benzen", "surface_soil_mg_per_kg": 1}]}, "concentrations", "closest known names: 'benzene'"),
    ({"concentrations": [{"chemical": "苯"}]}, "concentrations", "at least one concentration"),
    ({"concentrations": [{"chemical": "苯", "surface_soil_mg_per_kg": -1}]}, "concentrations", "greater than or equal"),
    ({"concentrations": [{"chemical": "苯", "groundwater_mg_per_l": 1}, {"chemical": "71-43-2", "groundwater_mg_per_l": 1}]},
     "concentrations", "same chemical"),
    ({"concentrations": []}, "concentrations", ""),
    ({"land_class": 3}, "land_class", ""),
    ({"method": "us-epa-rsl"}, "method", ""),
    ({"overrides": {"Lgw": "deep"}}, "overrides", "finite number"),
    ({"overrides": {"groundwater_drinking": "yes"}}, "overrides", "true or false"),
])
def test_invalid_input_is_rejected_with_reason(api_client, editor, payload, change, field, text):
    resp = _create(api_client, editor, {**payload, **change})
    assert resp.status_code == 400
    assert field in resp.json() and text in str(resp.json()[field])
    assert not RiskAssessment.objects.exists()


@pytest.mark.parametrize("overrides, text", [
    ({"Xyz": 1}, "unknown parameter"),
    ({"BWc": 20}, "does not apply"),
    ({"rho_b": 2.0, "Pws": 0.3}, "air-filled porosity"),
])
def test_core_refusal_is_a_400_naming_the_reason(api_client, editor, payload, overrides, text):
    resp = _create(api_client, editor, {**payload, "land_class": 2 if "BWc" in overrides else 1, "overrides": overrides})
    assert resp.status_code == 400 and text in resp.json()["detail"]
    assert not RiskAssessment.objects.exists()


def test_groundwater_drinking_switch_adds_the_drinking_pathway(api_client, editor):
    rows = [{"chemical": "苯", "groundwater_mg_per_l": 0.01}]
    base = {"title": "gw", "land_class": 1, "concentrations": rows}
    off = _create(api_client, editor, base).json()
    on = _create(api_client, editor, {**base, "overrides": {"groundwater_drinking": True}}).json()
    cgw = [[r for r in d["results"] if r["pathway"] == "cgw"][0]["carcinogenic_risk"] for d in (off, on)]
    assert cgw[0] == 0 and cgw[1] > 0
    assert {p["symbol"]: p for p in on["parameters"]}["groundwater_drinking"]["overridden"] is True


def test_reports_through_the_api(api_client, editor, consultant, payload):
    pk = _create(api_client, editor, payload).json()["id"]
    resp = api_client.get(f"{URL}{pk}/report/xlsx/")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")
    assert resp.content[:2] == b"PK"  # a zip container (xlsx)
    assert api_client.get(f"{URL}{pk}/report/docx/").status_code == 200
    assert api_client.get(f"{URL}{pk}/report/pdf/").status_code == 404
    api_client.force_authenticate(consultant)
    assert api_client.get(f"{URL}{pk}/report/xlsx/").status_code == 404


def test_every_stored_field_has_a_filter():
    """docs/adding-models.md item 4: a FilterSet covering every field (JSON tables excepted)."""
    from django.db.models import JSONField

    from soilgw.risk.filtersets import RiskAssessmentFilterSet

    for f in RiskAssessment._meta.fields:
        if not isinstance(f, JSONField):
            assert f.name in RiskAssessmentFilterSet.base_filters, f"RiskAssessment.{f.name} has no filter"


def test_range_filters(api_client, editor, payload):
    data = _create(api_client, editor, payload).json()
    hi = data["max_hazard_index"]
    assert api_client.get(URL, {"max_hazard_index__gte": hi * 0.99}).json()["count"] == 1
    assert api_client.get(URL, {"max_hazard_index__gte": hi * 1.01}).json()["count"] == 0
    assert api_client.get(URL, {"exceeds_acceptable": "true", "parameters_verified": "false"}).json()["count"] == 1
