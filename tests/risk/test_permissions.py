"""Who may create, read and delete risk assessments (branch editors, consultants for their own, viewers read)."""

from __future__ import annotations

import pytest

from soilgw.risk.models import RiskAssessment

pytestmark = pytest.mark.django_db
URL = "/api/risk-assessments/"
SMALL = {"title": "t", "land_class": 2, "concentrations": [{"chemical": "砷", "surface_soil_mg_per_kg": 40}]}


def _post(api_client, user):
    api_client.force_authenticate(user)
    return api_client.post(URL, SMALL, format="json")


@pytest.mark.parametrize("who, status", [("editor", 201), ("consultant", 201), ("viewer", 403),
                                         ("other_editor", 403)])
def test_who_may_create(api_client, request, who, status):
    assert _post(api_client, request.getfixturevalue(who)).status_code == status


def test_anonymous_sees_nothing(api_client, editor):
    _post(api_client, editor)
    api_client.force_authenticate(None)
    assert api_client.get(URL).status_code in (401, 403)
    assert api_client.post(URL, SMALL, format="json").status_code in (401, 403)


def test_consultants_see_and_delete_only_their_own(api_client, editor, consultant, other_consultant, viewer):
    own = _post(api_client, consultant).json()["id"]
    theirs = _post(api_client, other_consultant).json()["id"]
    branch = _post(api_client, editor).json()["id"]
    api_client.force_authenticate(consultant)
    assert [r["id"] for r in api_client.get(URL).json()["results"]] == [own]
    assert api_client.get(f"{URL}{theirs}/").status_code == 404
    assert api_client.get(f"{URL}{branch}/").status_code == 404
    assert api_client.delete(f"{URL}{theirs}/").status_code == 404
    assert RiskAssessment.objects.get(pk=own).department is None
    # internal viewers read everything, change nothing
    api_client.force_authenticate(viewer)
    assert {r["id"] for r in api_client.get(URL).json()["results"]} == {own, theirs, branch}
    assert api_client.delete(f"{URL}{own}/").status_code == 403
    api_client.force_authenticate(consultant)
    assert api_client.delete(f"{URL}{own}/").status_code == 204


def test_branch_editor_deletes_any_and_nobody_updates(api_client, editor, consultant, other_editor):
    pk = _post(api_client, consultant).json()["id"]
    api_client.force_authenticate(other_editor)
    assert api_client.delete(f"{URL}{pk}/").status_code == 403
    api_client.force_authenticate(editor)
    # results are never edited: new inputs make a new assessment
    assert api_client.patch(f"{URL}{pk}/", {"title": "x"}, format="json").status_code == 405
    assert api_client.put(f"{URL}{pk}/", SMALL, format="json").status_code == 405
    assert api_client.delete(f"{URL}{pk}/").status_code == 204


def test_pages_follow_the_same_rules(client, editor, consultant, other_consultant, viewer):
    client.force_login(consultant)
    assert client.get("/risk/new/").status_code == 200
    other = RiskAssessment.create_computed(title="b", land_class=2, method="hj25.3-2019",
                                           concentrations=[{"query": "砷", "chemical": "Arsenic", "name_zh": "砷",
                                                            "cas": "7440-38-2", "surface_soil_mg_per_kg": 40.0,
                                                            "subsurface_soil_mg_per_kg": None,
                                                            "groundwater_mg_per_l": None}],
                                           overrides={}, created_by=other_consultant)
    assert client.get(f"/risk/{other.pk}/").status_code == 404
    assert client.get(f"/risk/{other.pk}/report.xlsx").status_code == 404
    assert client.post(f"/risk/{other.pk}/delete/").status_code == 404
    client.force_login(viewer)
    assert client.get("/risk/new/").status_code == 403
    assert client.get(f"/risk/{other.pk}/").status_code == 200
    assert client.post(f"/risk/{other.pk}/delete/").status_code == 403
    client.logout()
    assert client.get("/risk/").status_code == 302  # to the login page


def test_creator_filter_offers_only_visible_creators(client, editor, consultant, other_consultant):
    for user in (consultant, other_consultant):
        RiskAssessment.create_computed(title=user.username, land_class=2, method="hj25.3-2019",
                                       concentrations=[{"query": "砷", "chemical": "Arsenic", "name_zh": "砷",
                                                        "cas": "7440-38-2", "surface_soil_mg_per_kg": 40.0,
                                                        "subsurface_soil_mg_per_kg": None,
                                                        "groundwater_mg_per_l": None}],
                                       overrides={}, created_by=user)
    client.force_login(consultant)
    choices = client.get("/risk/").context["filter"].form.fields["created_by"].queryset
    assert list(choices) == [consultant]
    client.force_login(editor)
    choices = client.get("/risk/").context["filter"].form.fields["created_by"].queryset
    assert set(choices) == {consultant, other_consultant}
