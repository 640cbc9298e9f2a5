"""A lead becomes a case and a referral: the steps, their state checks and dates, through models, API and pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from soilgw.enforcement.choices import CaseStatus, LeadStatus
from soilgw.enforcement.registries import CASE, LEAD

from . import builders as b
from .conftest import dept

pytestmark = pytest.mark.django_db
D = dt.date


def _founded_lead():
    lead = b.lead()
    return lead.verify(verified_on=D(2023, 3, 5), founded=True, findings="现场发现废渣", document="核查笔录1")


def test_lead_to_case_to_referral_to_closure(county):
    lead = _founded_lead()
    assert lead.status == LeadStatus.FOUNDED
    case = lead.open_case(number="LA-1", opened_on=D(2023, 3, 8), violation="illegal_dumping",
                          handling_department=dept("eeb"))
    lead.refresh_from_db()
    assert lead.status == LeadStatus.CASE_OPENED and case.lead == lead and case.township == lead.township
    case.decide(decided_on=D(2023, 4, 10), decision_number="罚字3号", penalty_kind="fine",
                fine_yuan=Decimal("200000"), rectify_by=D(2023, 5, 31))
    case.refer(referred_on=D(2023, 4, 12), referral_number="移送1号", ground="criminal")
    assert case.status == CaseStatus.REFERRED and case.referred_to.code == "police"
    case.close(closed_on=D(2023, 9, 1), note="公安已立案")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.history.count() == 4  # opened, decided, referred, closed: each step in the change log


def test_case_inherits_the_lead_links(county):
    from tests.enterprises.factories import enterprise

    firm = enterprise()
    lead = b.lead(enterprise=firm)
    lead.verify(verified_on=D(2023, 3, 5), founded=True, findings="属实")
    case = lead.open_case(number="LA-3", opened_on=D(2023, 3, 8), violation="key_unit_duty",
                          handling_department=dept("eeb"))
    assert case.enterprise == firm and case.monitoring_point is None


def test_steps_out_of_order_are_refused(county):
    lead = b.lead()
    with pytest.raises(ValidationError, match="verified as founded"):
        lead.open_case(number="LA-2", opened_on=D(2023, 3, 8), violation="other", handling_department=dept("eeb"))
    lead.verify(verified_on=D(2023, 3, 5), founded=False, findings="无违法事实")
    with pytest.raises(ValidationError, match="not yet verified"):
        lead.verify(verified_on=D(2023, 3, 6), founded=True, findings="再查")
    case = b.case()
    with pytest.raises(ValidationError, match="not possible"):
        case.rectify(rectified_on=D(2023, 5, 1), findings="已整改")  # no decision yet
    case.close(closed_on=D(2023, 5, 2), note="不予处罚")
    with pytest.raises(ValidationError, match="not possible"):
        case.refer(referred_on=D(2023, 5, 3), referral_number="x", ground="criminal")


def test_step_dates_and_documents_are_checked(county):
    with pytest.raises(ValidationError) as exc:
        b.lead().verify(verified_on=D(2023, 2, 1), founded=True, findings="x")  # before it was received
    assert "verified_on" in exc.value.message_dict
    case = b.case()
    with pytest.raises(ValidationError) as exc:
        case.decide(decided_on=D(2023, 4, 1), decision_number="罚字1号", penalty_kind="fine")  # no amount
    assert "fine_yuan" in exc.value.message_dict
    case.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        case.decide(decided_on=D(2023, 3, 1), decision_number="罚字1号", penalty_kind="warning")  # before opening
    assert "decided_on" in exc.value.message_dict


def test_transfer_names_its_department(county):
    lead = b.lead(code="T-XS-T", source="transfer")
    with pytest.raises(ValidationError) as exc:
        lead.full_clean()
    assert "transferred_from" in exc.value.message_dict


def test_status_is_not_a_free_edit(county, eeb_editor, api_client):
    assert "status" not in LEAD.form_class.base_fields
    assert not {"status", "decided_on", "referred_on"} & set(CASE.form_class.base_fields)
    lead = b.lead()
    api_client.force_authenticate(eeb_editor)
    resp = api_client.patch(f"/api/leads/{lead.pk}/", {"status": "case_opened"}, format="json")
    assert resp.status_code == 200
    lead.refresh_from_db()
    assert lead.status == LeadStatus.RECEIVED


def test_api_steps(county, eeb_editor, api_client):
    lead = b.lead()
    api_client.force_authenticate(eeb_editor)
    resp = api_client.post(f"/api/leads/{lead.pk}/open-case/", {"number": "LA-9", "opened_on": "2023-03-08",
                                                                 "violation": "other",
                                                                 "handling_department": dept("eeb").pk})
    assert resp.status_code == 400 and "verified as founded" in str(resp.json())
    resp = api_client.post(f"/api/leads/{lead.pk}/verify/", {"verified_on": "2023-03-05", "founded": True,
                                                             "findings": "属实"}, format="json")
    assert resp.status_code == 200, resp.json()
    resp = api_client.post(f"/api/leads/{lead.pk}/open-case/", {"number": "LA-9", "opened_on": "2023-03-08",
                                                                 "violation": "other",
                                                                 "handling_department": dept("eeb").pk})
    assert resp.status_code == 200 and resp.json()["model"] == "enforcement.case"
    case_id = resp.json()["id"]
    resp = api_client.post(f"/api/enforcement-cases/{case_id}/refer/", {"referred_on": "2023-03-20",
                                                                         "referral_number": "移送2号",
                                                                         "ground": "administrative_detention"})
    assert resp.status_code == 200
    assert api_client.get(f"/api/enforcement-cases/{case_id}/").json()["status"] == "referred"


def test_viewer_may_not_take_a_step(county, make_user, client, api_client):
    lead = b.lead()
    viewer = make_user("viewer", "eeb", "viewer")
    api_client.force_authenticate(viewer)
    assert api_client.post(f"/api/leads/{lead.pk}/verify/", {"verified_on": "2023-03-05", "findings": "x"}
                           ).status_code == 403
    client.force_login(viewer)
    assert client.get(reverse("enforcement:leads_action", args=[lead.pk, "verify"])).status_code == 403


def test_step_pages(county, eeb_editor, client):
    lead = _founded_lead()
    client.force_login(eeb_editor)
    detail = client.get(LEAD.detail_url(lead)).content.decode()
    assert reverse("enforcement:leads_action", args=[lead.pk, "open-case"]) in detail
    assert reverse("enforcement:leads_action", args=[lead.pk, "verify"]) not in detail  # already verified
    resp = client.post(reverse("enforcement:leads_action", args=[lead.pk, "open-case"]), {
        "number": "LA-7", "opened_on": "2023-03-01", "violation": "other", "handling_department": dept("eeb").pk})
    assert resp.status_code == 200 and "opened_on" in resp.context["form"].errors  # before the verification
    resp = client.post(reverse("enforcement:leads_action", args=[lead.pk, "open-case"]), {
        "number": "LA-7", "opened_on": "2023-03-09", "violation": "other", "handling_department": dept("eeb").pk})
    case = lead.__class__.objects.get(pk=lead.pk).case
    assert resp.status_code == 302 and resp.url == CASE.detail_url(case)
