"""Pages of the sites app and the external (consultant) account scoped to one site."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from soilgw.core.models import ExternalAccount
from soilgw.sites.choices import Stage
from soilgw.sites.models import StageRecord

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["index", "batch-check", "checks", "reconciliation", "clear-to-zero",
                                  "notifications"])
def test_pages_render_for_staff(client, editor, codes, name):
    client.force_login(editor)
    assert client.get(reverse(f"sites:{name}")).status_code == 200


def test_pages_refused_to_outsiders(client, make_user, codes):
    client.force_login(make_user("nobody"))
    assert client.get(reverse("sites:reconciliation")).status_code == 403


def test_site_page_check_form_logs_a_page_check(client, editor, make_site):
    site = make_site("PG-1")
    client.force_login(editor)
    assert client.get(site.get_absolute_url()).status_code == 200
    resp = client.post(reverse("sites:land-action-check", args=[site.pk]),
                       {"action": "use_change", "proposed_use": "R2"})
    assert resp.status_code == 200 and "R2" in resp.content.decode()
    assert site.checks.get().source == "page"


def test_site_page_reads_as_words_not_codes(client, editor, make_site):
    """The record table says 是/否, names the geometry and leaves out the bounding-box index columns."""
    site = make_site("PG-2", heavily_polluted=True, industry="pesticide")
    client.force_login(editor)
    page = client.get(site.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert page.split("<dt>重度污染</dt><dd>")[1].startswith("是</dd>")
    assert page.split("<dt>示例数据</dt><dd>")[1].startswith("否</dd>")
    assert "True" not in page and "False" not in page
    assert "min lon" not in page and "'coordinates'" not in page and "多边形" in page
    # planned R2 (residential) is first-class land (GB 36600-2018 §4)
    assert page.split('<strong id="land-class">')[1].startswith("第一类用地</strong>")


def test_consultant_account_sees_and_reports_only_its_site(client, api_client, make_user, make_site):
    mine, other = make_site("EX-1"), make_site("EX-2")
    user = make_user("consultant")
    ExternalAccount.objects.create(user=user, scope_type=ContentType.objects.get_for_model(mine), scope_id=mine.pk)
    api_client.force_authenticate(user)
    assert [s["parcel_code"] for s in api_client.get("/api/sites/").json()["results"]] == ["EX-1"]
    url = "/api/site-stage-records/"
    ok = api_client.post(url, {"site": mine.pk, "stage": Stage.PRELIMINARY, "started_on": "2023-05-01",
                               "review": "pending"})
    assert ok.status_code == 201, ok.content
    refused = api_client.post(url, {"site": other.pk, "stage": Stage.PRELIMINARY, "started_on": "2023-05-01",
                                    "review": "pending"})
    assert refused.status_code == 403
    assert StageRecord.objects.filter(site=mine, started_on=dt.date(2023, 5, 1)).exists()


def test_public_register_list_needs_no_login(client, make_site, walk):
    site = walk(make_site("PUB-1"), Stage.ON_REGISTER)
    page = client.get(reverse("sites:remediation-register_list")).content.decode()
    assert site.parcel_code in page


def test_index_lists_vacated_permits_without_a_site(client, editor, make_site):
    """Soil task 8: the cancelled/revoked permit list feeds the vacated-site supervision."""
    from soilgw.enterprises.loaders import sample_code
    from soilgw.enterprises.models import DischargePermit, Enterprise

    ents = [Enterprise.objects.create(name=f"企业{i}", credit_code=sample_code(600 + i)) for i in (1, 2)]
    for i, ent in enumerate(ents):
        DischargePermit.objects.create(enterprise=ent, number=f"VP-{i}", status="cancelled",
                                       issued_on=dt.date(2018, 1, 1), status_changed_on=dt.date(2023, 3, 1))
    make_site("VAC-1", enterprise=ents[0], source="vacated")
    client.force_login(editor)
    page = client.get(reverse("sites:index")).content.decode()
    assert "VP-1" in page and "VP-0" not in page


def test_batch_page_checks_the_template_it_offers(client, editor, codes):
    """The downloaded template, uploaded as is, is checked (its example parcel has no site record)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    template = client.get(reverse("sites:batch-template")).content
    resp = client.post(reverse("sites:batch-check"), {"file": SimpleUploadedFile("parcels.xlsx", template)})
    page = resp.content.decode()
    assert 'id="batch-results"' in page and "R2" in page and "JX-2023-001" in page


def test_only_the_bureau_enters_a_site_on_the_register(client, make_user, make_site, walk):
    site = walk(make_site("NRB-REG"), Stage.RISK_ASSESSMENT)
    client.force_login(make_user("nrb-editor", "nrb", "editor"))
    url = reverse("sites:sites_action", args=[site.pk, "enter-register"])
    resp = client.post(url, {"entered_on": "2023-09-01", "entry_basis": "风险不可接受"})
    assert resp.status_code == 403  # policy: sites.Site step enter-register is the bureau's
    assert not site.register_entries.exists()


def test_record_stage_offers_pathways_by_name_and_the_site_page_shows_them(client, editor, make_site):
    """The groundwater pathways are ticked by their HJ 25.3 names; no code reaches the reader."""
    site = make_site("PG-3")
    client.force_login(editor)
    url = f"/sites/sites/{site.pk}/record-stage/"
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'type="checkbox" name="groundwater_pathways" value="drink_gw"' in form and "饮用地下水" in form
    assert "inhale_indoor_gw、" not in form  # the old help text listed the codes
    resp = client.post(url, {"stage": Stage.PRELIMINARY, "started_on": "2023-03-01", "review": "pending",
                             "groundwater_sampled": "on", "groundwater_pathways": ["drink_gw", "inhale_outdoor_gw"]},
                       HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 302, resp.content.decode()[:2000]
    assert site.stage_records.get().groundwater_pathways == "inhale_outdoor_gw、drink_gw"
    page = client.get(site.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "吸入室外空气中来自地下水的气态污染物、饮用地下水" in page and "drink_gw" not in page
