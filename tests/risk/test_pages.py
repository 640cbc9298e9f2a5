"""The risk page: the form runs the assessment; the result page shows results, chart data and sensitivity."""

from __future__ import annotations

import json

import pytest

from soilgw.risk.models import RiskAssessment

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {"title": "加油站地块", "land_class": "1", "method": "hj25.3-2019",
            "chem-TOTAL_FORMS": "3", "chem-INITIAL_FORMS": "0", "chem-MIN_NUM_FORMS": "0", "chem-MAX_NUM_FORMS": "100",
            "chem-0-chemical": "Benzene", "chem-0-surface_soil_mg_per_kg": "1.2", "chem-0-subsurface_soil_mg_per_kg": "3",
            "chem-0-groundwater_mg_per_l": "0.02",
            "chem-1-chemical": "萘", "chem-1-subsurface_soil_mg_per_kg": "40",
            "chem-2-chemical": ""}
    data.update(extra)
    return data


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def test_form_shows_defaults_for_both_land_classes(en, editor):
    en.force_login(editor)
    html = en.get("/risk/new/").content.decode()
    # HJ 25.3-2019 Table G.1 defaults that differ by land class (as shipped): indoor air exchange ER 12 vs 20 /d
    assert 'name="ov_ER"' in html and 'data-default-1="12"' in html and 'data-default-2="20"' in html
    assert 'name="ov_Lgw"' in html and 'name="ov_ACR"' in html and 'name="ov_rho_b"' in html
    assert 'name="ov_BWa"' not in html  # exposure factors keep the standard's values on the page
    assert '<datalist id="risk-chemicals">' in html and "苯并[a]芘" in html


def test_form_runs_and_stores_the_assessment_with_overrides(en, editor):
    en.force_login(editor)
    resp = en.post("/risk/new/", _form(**{"ov_Lgw": "800", "ov_eta": "0.001", "groundwater_drinking": "on"}))
    assert resp.status_code == 302
    obj = RiskAssessment.objects.get()
    assert resp["Location"] == obj.get_absolute_url()
    assert obj.overrides == {"Lgw": 800.0, "eta": 0.001, "groundwater_drinking": True}
    assert [c["chemical"] for c in obj.concentrations] == ["Benzene", "Naphthalene"]
    assert obj.concentrations[1]["surface_soil_mg_per_kg"] is None
    page = en.get(obj.get_absolute_url())
    html = page.content.decode()
    assert "L<sub>gw</sub> = 800.0" in html and "η = 0.001" in html
    assert 'id="risk-unverified"' in html and len(page.context["unverified"]) > 0
    assert 'data-pathway="iiv1"' in html and 'data-pathway="soil_total"' in html and "RCVS" in html
    assert "plotly/plotly.min.js" in html and "download-cr-png" in html
    chart = page.context["chart"]
    assert chart["chemicals"] == ["Benzene", "Naphthalene"]
    assert {p["code"] for p in chart["pathways"]} == {"ois", "dcs", "pis", "iov1", "iov2", "iiv1", "iov3", "iiv2", "cgw"}
    json.dumps(chart, allow_nan=False)  # JSON-safe for the page script (no NaN)
    # contributions of one chemical's soil pathways add up to 100 % (HJ 25.3-2019 Appendix C, PCR/PHQ)
    soil = [p for p in chart["pathways"] if p["code"] in ("ois", "dcs", "pis", "iov1", "iov2", "iiv1")]
    assert sum(p["cr_pct"][0] for p in soil) == pytest.approx(100, abs=1e-6)


def test_sensitivity_table_is_ordered_by_effect(en, editor):
    en.force_login(editor)
    en.post("/risk/new/", _form())
    obj = RiskAssessment.objects.get()
    tables = en.get(obj.get_absolute_url()).context["sensitivity"]
    benzene = tables[0]
    assert benzene["chemical"] == "Benzene" and benzene["rows"]
    effects = [max(abs(r.get(k) or 0) for k in ("cr_minus", "cr_plus", "hi_minus", "hi_plus")) for r in benzene["rows"]]
    assert effects == sorted(effects, reverse=True)
    # ATca is a pure divisor of the carcinogenic exposure: −20 % → CR × 1/0.8 (+25 %), +20 % → × 1/1.2 (−16.7 %)
    atca = next(r for r in benzene["rows"] if r["parameter"] == "ATca")
    assert atca["cr_minus"] == pytest.approx(25.0, abs=1e-6)
    assert atca["cr_plus"] == pytest.approx(-100 / 6, abs=1e-6)
    assert atca["hi_minus"] == pytest.approx(0, abs=1e-9) or atca["hi_minus"] is None


def test_unknown_chemical_is_reported_on_its_row_with_suggestions(en, editor):
    en.force_login(editor)
    resp = en.post("/risk/new/", _form(**{"chem-1-chemical": "naphtalene"}))
    assert resp.status_code == 200 and not RiskAssessment.objects.exists()
    errors = resp.context["formset"].forms[1].errors["chemical"][0]
    assert "naphtalene" in errors and "naphthalene" in errors.lower()


@pytest.mark.parametrize("extra, where", [
    ({"chem-1-chemical": "", "chem-1-subsurface_soil_mg_per_kg": "40"}, "Name the chemical"),
    ({"chem-1-chemical": "苯", "chem-1-subsurface_soil_mg_per_kg": "40"}, "entered twice"),
    ({"chem-0-chemical": "", "chem-0-surface_soil_mg_per_kg": "", "chem-0-subsurface_soil_mg_per_kg": "",
      "chem-0-groundwater_mg_per_l": "", "chem-1-chemical": "", "chem-1-subsurface_soil_mg_per_kg": ""},
     "at least one chemical"),
    ({"chem-1-subsurface_soil_mg_per_kg": ""}, "at least one concentration"),
])
def test_form_errors(en, editor, extra, where):
    en.force_login(editor)
    resp = en.post("/risk/new/", _form(**extra))
    assert resp.status_code == 200 and where in resp.content.decode()
    assert not RiskAssessment.objects.exists()


def test_core_refusal_is_shown_not_stored(en, editor):
    en.force_login(editor)
    resp = en.post("/risk/new/", _form(**{"ov_rho_b": "2.0", "ov_Pws": "0.3"}))
    assert resp.status_code == 200 and "air-filled porosity" in resp.context["core_error"]
    assert not RiskAssessment.objects.exists()


def test_list_and_delete(en, editor):
    en.force_login(editor)
    en.post("/risk/new/", _form())
    obj = RiskAssessment.objects.get()
    html = en.get("/risk/").content.decode()
    assert obj.title in html and 'id="risk-new"' in html
    assert en.get("/risk/?chemical=Naphthalene").context["page"].object_list[0] == obj
    assert en.post(f"/risk/{obj.pk}/delete/").status_code == 302
    assert not RiskAssessment.objects.exists()


def test_new_assessment_from_the_inputs_of_another(en, editor, consultant):
    en.force_login(editor)
    en.post("/risk/new/", _form(**{"ov_Lgw": "800", "groundwater_drinking": "on"}))
    obj = RiskAssessment.objects.get()
    assert f"/risk/new/?from={obj.pk}" in en.get(obj.get_absolute_url()).content.decode()
    resp = en.get(f"/risk/new/?from={obj.pk}")
    form, formset = resp.context["form"], resp.context["formset"]
    assert form["ov_Lgw"].value() == 800.0 and form["groundwater_drinking"].value() is True
    assert form["land_class"].value() == 1 and "加油站地块" in form["title"].value()
    assert [f["chemical"].value() for f in formset.forms[:2]] == ["Benzene", "萘"]
    assert formset.forms[1]["subsurface_soil_mg_per_kg"].value() == 40.0
    # the copy is only a starting point: nothing is stored until it is run
    assert RiskAssessment.objects.count() == 1
    en.force_login(consultant)  # may not read the source
    assert en.get(f"/risk/new/?from={obj.pk}").status_code == 404


def test_chemical_without_toxicity_values_shows_the_reason(en, editor):
    """GB 36600-2018 lead (Table 1 item 5) has no RfD/SF; the page says why instead of a risk."""
    en.force_login(editor)
    en.post("/risk/new/", _form(**{"chem-0-chemical": "铅", "chem-0-groundwater_mg_per_l": "",
                                   "chem-1-chemical": "", "chem-1-subsurface_soil_mg_per_kg": ""}))
    obj = RiskAssessment.objects.get()
    html = en.get(obj.get_absolute_url()).content.decode()
    assert "IEUBK" in html and "No risk to vary" in html
    assert obj.max_carcinogenic_risk is None and obj.exceeds_acceptable is False
    resp = en.get(f"/risk/{obj.pk}/report.docx")
    assert resp.status_code == 200


def test_rows_read_from_a_csv_in_the_cli_input_format(en, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    en.force_login(editor)
    csv = ("chemical,concentration,unit,medium\n苯,2,mg/kg,soil\n苯,50,μg/L,groundwater\n"
           "7440-38-2,30,mg/kg,surface_soil\n").encode()
    data = {**_form(**{"land_class": "2", "ov_Lgw": "450"}), "load_file": "1",
            "concentration_file": SimpleUploadedFile("site.csv", csv, content_type="text/csv")}
    resp = en.post("/risk/new/", data)
    assert resp.status_code == 200 and not RiskAssessment.objects.exists()  # rows for review, nothing run
    rows = [f.initial for f in resp.context["formset"].forms if f.initial]
    assert [r["chemical"] for r in rows] == ["苯", "7440-38-2"]
    assert rows[0]["surface_soil_mg_per_kg"] == 2 and rows[0]["subsurface_soil_mg_per_kg"] == 2
    assert rows[0]["groundwater_mg_per_l"] == pytest.approx(0.05, rel=1e-12)  # 50 μg/L = 0.05 mg/L
    assert rows[1]["subsurface_soil_mg_per_kg"] is None
    form = resp.context["form"]
    assert form["land_class"].value() == "2" and form["ov_Lgw"].value() == "450"  # the rest of the form is kept


def test_csv_error_names_the_file_row_and_column(en, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    en.force_login(editor)
    csv = "chemical,concentration,unit\n苯,2,mg/kg\n砷,abc,mg/kg\n".encode()
    resp = en.post("/risk/new/", {**_form(), "load_file": "1",
                                  "concentration_file": SimpleUploadedFile("bad.csv", csv, content_type="text/csv")})
    err = resp.context["file_error"]
    assert "bad.csv" in err and "row 3" in err and "concentration" in err and "soilgw-risk-" not in err
    resp = en.post("/risk/new/", {**_form(), "load_file": "1"})
    assert "Choose a CSV file first" in resp.context["file_error"]


def test_form_names_parameters_in_the_page_language(client, editor, settings):
    settings.LANGUAGE_CODE = settings.PLATFORM_LANGUAGE_CODE
    client.force_login(editor)
    shown = '<span class="muted small">{}'
    assert shown.format("土壤容重") in client.get("/risk/new/").content.decode()  # Chinese by default (ρb)
    client.cookies["django_language"] = "en"
    html = client.get("/risk/new/").content.decode()
    assert shown.format("soil dry bulk density") in html and shown.format("土壤容重") not in html
