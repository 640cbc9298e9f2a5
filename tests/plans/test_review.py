"""The lead's review of quarterly reports: who may accept or return, the comment rule, the record kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from soilgw.core.models import Department
from soilgw.plans.choices import ReviewState
from soilgw.plans.dispatch import review, review_refusal, task_dispatch
from soilgw.plans.models import ProgressReport, Task

pytestmark = pytest.mark.db


@pytest.fixture
def soil4(county, settings):
    settings.SOILGW_AS_OF = "2023-10-03"
    # Soil task 4: eco-environment branch leads, agriculture cooperates, townships implement.
    return Task.objects.get(plan__medium="soil", number=4)


def report(task, code, user=None, **kw):
    return ProgressReport.objects.create(task=task, department=Department.objects.get(code=code), year=2023,
                                         quarter=3, status="in_progress", percent=kw.pop("percent", 40),
                                         submitted_by=user, **kw)


def test_only_the_lead_reviews(soil4, make_user):
    agri_report = report(soil4, "agri")
    lead = make_user("eeb-official", "eeb")
    assert review_refusal(lead, agri_report) is None
    for other in (make_user("agri-self", "agri"), make_user("town", "gujiang"), make_user("nrb-x", "nrb"),
                  make_user("eeb-viewer", "eeb", "viewer")):
        assert review_refusal(other, agri_report), other.username
        with pytest.raises(PermissionDenied):
            review(agri_report, other, accept=True)


def test_joint_departments_review_where_the_plan_names_no_lead(county, settings, make_user):
    settings.SOILGW_AS_OF = "2023-10-03"
    soil2 = Task.objects.get(plan__medium="soil", number=2)  # eco-environment and agriculture 按职责分工负责
    town = report(soil2, "gujiang")
    assert review_refusal(make_user("agri-j", "agri"), town) is None
    assert review_refusal(make_user("eeb-j", "eeb"), town) is None
    assert review_refusal(make_user("nrb-j", "nrb"), town)


def test_the_submitter_never_reviews_own_report(soil4, make_user):
    author = make_user("eeb-author", "eeb")
    own = report(soil4, "eeb", user=author)
    assert "Four-eyes" in review_refusal(author, own)
    colleague = make_user("eeb-colleague", "eeb")
    review(own, colleague, accept=True)
    own.refresh_from_db()
    assert own.review_state == ReviewState.ACCEPTED and own.reviewed_by == colleague


def test_return_needs_a_comment_and_is_recorded(soil4, make_user):
    lead = make_user("eeb-lead", "eeb")
    r = report(soil4, "gujiang")
    with pytest.raises(ValidationError) as exc:
        review(r, lead, accept=False, comment="  ")
    assert "review_comment" in exc.value.message_dict
    review(r, lead, accept=False, comment="请补充排查台账")
    r.refresh_from_db()
    assert (r.review_state, r.review_comment, r.reviewed_by) == (ReviewState.RETURNED, "请补充排查台账", lead)
    assert r.reviewed_at is not None
    assert "gujiang" in {d.code for d in task_dispatch(soil4, 2023, 3).missing}
    r.percent = 50
    r.save()  # resubmitted
    assert "gujiang" in {d.code for d in task_dispatch(Task.objects.get(pk=soil4.pk), 2023, 3).reported}
    assert r.history.filter(review_state=ReviewState.RETURNED).exists()  # the return stays in the change log


def test_api_review_and_the_review_fields_are_read_only(soil4, make_user, api_client):
    town_user = make_user("gujiang-ed", "gujiang")
    r = report(soil4, "gujiang", user=town_user)
    api_client.force_authenticate(town_user)
    resp = api_client.patch(f"/api/progress-reports/{r.pk}/", {"review_state": "accepted"}, format="json")
    r.refresh_from_db()
    assert resp.status_code == 200 and r.review_state == ReviewState.PENDING
    assert api_client.post(f"/api/progress-reports/{r.pk}/review/", {"accept": True}, format="json"
                           ).status_code == 403
    api_client.force_authenticate(make_user("eeb-api", "eeb"))
    resp = api_client.post(f"/api/progress-reports/{r.pk}/review/", {"accept": False}, format="json")
    assert resp.status_code == 400 and "review_comment" in resp.json()
    resp = api_client.post(f"/api/progress-reports/{r.pk}/review/", {"accept": False, "comment": "数据不全"},
                           format="json")
    assert resp.status_code == 200 and resp.json()["review_state"] == "returned"
    assert resp.json()["review_comment"] == "数据不全"


def test_the_task_page_offers_the_review_to_the_lead_only(soil4, make_user, client):
    town_user = make_user("gujiang-page", "gujiang")
    r = report(soil4, "gujiang", user=town_user)
    client.force_login(town_user)
    assert 'id="review"' not in client.get(soil4.get_absolute_url()).content.decode()
    assert client.post(f"/plans/progress/{r.pk}/review/", {"decision": "accept"}).status_code == 403
    client.force_login(make_user("eeb-page", "eeb"))
    page = client.get(soil4.get_absolute_url()).content.decode()
    assert f'data-report="{r.pk}"' in page
    resp = client.post(f"/plans/progress/{r.pk}/review/", {"decision": "return", "comment": ""}, follow=True)
    r.refresh_from_db()
    assert r.review_state == ReviewState.PENDING and "needs a comment" in resp.content.decode()
    client.post(f"/plans/progress/{r.pk}/review/", {"decision": "return", "comment": "请补充台账"})
    r.refresh_from_db()
    assert (r.review_state, r.review_comment) == (ReviewState.RETURNED, "请补充台账")
    assert f'data-report="{r.pk}"' not in client.get(soil4.get_absolute_url()).content.decode()  # reviewed
