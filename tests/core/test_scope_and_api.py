"""External accounts see only their scope; API basics (pagination count, schema, tokens); stale edits."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from soilgw.core.models import ExternalAccount, StaleEditError
from tests.testapp.models import Firm, FirmRecord

pytestmark = pytest.mark.db


@pytest.fixture
def firms(db):
    a, b = Firm.objects.create(name="A"), Firm.objects.create(name="B")
    FirmRecord.objects.create(firm=a, text="a1")
    FirmRecord.objects.create(firm=a, text="a2")
    FirmRecord.objects.create(firm=b, text="b1")
    return a, b


@pytest.fixture
def firm_a_account(firms, make_user):
    user = make_user("firm-a")
    ExternalAccount.objects.create(user=user, scope_type=ContentType.objects.get_for_model(Firm),
                                   scope_id=firms[0].pk)
    return user


@pytest.mark.urls("tests.testapp.urls")
def test_external_account_sees_and_edits_only_its_scope(api_client, firms, firm_a_account):
    api_client.force_authenticate(firm_a_account)
    resp = api_client.get("/test-api/firm-records/")
    assert resp.status_code == 200
    assert resp.json()["count"] == 2
    assert {r["text"] for r in resp.json()["results"]} == {"a1", "a2"}
    b1 = FirmRecord.objects.get(text="b1")
    assert api_client.get(f"/test-api/firm-records/{b1.pk}/").status_code == 404
    a1 = FirmRecord.objects.get(text="a1")
    assert api_client.patch(f"/test-api/firm-records/{a1.pk}/", {"text": "a1*"}, format="json").status_code == 200


@pytest.mark.urls("tests.testapp.urls")
def test_external_account_sees_no_plans(api_client, county, firm_a_account):
    api_client.force_authenticate(firm_a_account)
    assert api_client.get("/api/tasks/").json()["count"] == 0


def test_token_auth_and_paginated_count(api_client, county, make_user, keep_test_connection):
    from soilgw.cli import main

    make_user("reader", "water", "viewer")
    from rest_framework.authtoken.models import Token

    assert main(["create-token", "reader"]) == 0
    token = Token.objects.get(user__username="reader")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    data = api_client.get("/api/tasks/?medium=groundwater").json()
    assert data["count"] == 14 and len(data["results"]) == 14
    assert api_client.get("/api/tasks/?medium=soil&number=9").json()["results"][0]["title"] == "严格污染地块准入管理"


def test_second_stale_save_is_refused(county):
    from soilgw.core.models import Department

    first = Department.objects.get(code="water")
    second = Department.objects.get(code="water")
    seen = first.revision
    first.name_en = "Water Affairs Bureau"
    first.save(expected_revision=seen)
    second.name_en = "Water Bureau"
    with pytest.raises(StaleEditError):
        second.save(expected_revision=seen)
    assert Department.objects.get(code="water").name_en == "Water Affairs Bureau"
    assert first.history.count() >= 2  # change log kept


def test_cli_exit_codes(capsys):
    from soilgw.cli import main

    assert main(["--help"]) == 0
    assert main(["no-such-command"]) == 2
    assert main(["serve", "--port", "notanumber"]) == 2


def test_load_county_data_twice(county, capsys, keep_test_connection):
    from soilgw.cli import main
    from soilgw.core.models import Department

    assert main(["load-county-data"]) == 0
    assert main(["load-county-data"]) == 0
    assert Department.objects.count() == 23
    assert "plans: 2 plans, 30 tasks" in capsys.readouterr().out


@pytest.mark.parametrize("path", ["/api/public/%F1%9D%A3%97%C2%8E%C3%AA/", "/api/no-such-thing/"])
def test_an_unmatched_api_url_is_a_json_404(client, path):
    """A URL no API route matches (a slug converter refuses it) answers JSON, as the schema documents."""
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json" and response.json() == {"detail": "Not found."}


def test_an_unmatched_page_is_still_the_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
