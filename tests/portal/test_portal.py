"""The public portal: anonymous users see the register entries the public API shows, public fields only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from soilgw.sites.choices import Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(make_site, walk):
    """Two sites walked onto the register (the register entries come from the lifecycle, as in practice)."""
    return [walk(make_site(code, planned="G2"), Stage.ON_REGISTER) for code in ("PUB-1", "PUB-2")]


def _cells(html: str, column: int) -> list[str]:
    body = html.split('id="disclosed"', 1)[1].split("</tbody>", 1)[0].split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [re.findall(r"<td>(.*?)</td>", r, flags=re.S)[column] for r in rows]


def test_anonymous_register_page_shows_what_the_api_shows(api_client, register):
    api = api_client.get("/api/remediation-register/").json()
    assert api["count"] == 2
    client = Client()
    portal = client.get("/portal/remediation-register/")
    assert portal.status_code == 200
    assert sorted(_cells(portal.content.decode(), 0)) == sorted(e["site_parcel_code"] for e in api["results"])
    registry_page = client.get("/sites/remediation-register/")  # the registry list, also anonymous
    assert registry_page.status_code == 200 and registry_page.context["count"] == api["count"]


def test_public_api_gives_public_fields_only(api_client, register):
    data = api_client.get("/api/public/remediation-register/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert data["count"] == 2 and "名录" in data["explanation"]  # explained in Chinese
    assert set(data["results"][0]) == {"parcel_code", "site_name", "township", "stage", "entered_on",
                                       "entry_document", "exited_on", "exit_document"}
    assert "entry_basis" not in data["results"][0]


def test_key_unit_list_is_public_and_leaves_out_contacts(api_client, county):
    from soilgw.enterprises.models import Enterprise, Listing

    listed = Enterprise.objects.create(name="示例化工有限公司", credit_code="91140000MA0000001X",
                                       contact_phone="13800000000")
    gone = Enterprise.objects.create(name="示例已退出公司", credit_code="91140000MA0000002X")
    Listing.objects.create(enterprise=listed, list_kind="key_supervised_unit", listed_on=dt.date(2022, 3, 1))
    Listing.objects.create(enterprise=gone, list_kind="key_supervised_unit", listed_on=dt.date(2021, 3, 1),
                           delisted_on=dt.date(2022, 12, 31))
    data = api_client.get("/api/public/key-supervised-units/").json()
    assert [r["name"] for r in data["results"]] == ["示例化工有限公司"]
    assert "contact_phone" not in data["results"][0]
    page = Client().get("/portal/key-supervised-units/").content.decode()
    assert "示例化工有限公司" in page and "13800000000" not in page and "示例已退出公司" not in page


def test_drinking_source_class_is_explained(api_client, county):
    from soilgw.groundwater.models import DrinkingWaterSource

    DrinkingWaterSource.objects.create(code="DWS-1", name="示例水源地", scale="township", lon=111.6,
                                       lat=35.48)
    row = api_client.get("/api/public/drinking-water-sources/").json()["results"][0]
    assert row["code"] == "DWS-1" and row["latest_class"] == "" and row["meaning"]


def test_portal_index_and_unknown_list(api_client, county):
    client = Client()
    assert client.get("/portal/").status_code == 200
    assert client.get("/portal/no-such-list/").status_code == 404
    assert api_client.get("/api/public/no-such-list/").status_code == 404


def test_anonymous_register_detail_shows_fields_not_history_or_files(register, make_user, county):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from soilgw.core.models import Attachment
    from soilgw.sites.models import RegisterEntry

    entry = RegisterEntry.objects.filter(site=register[0]).first()
    officer = make_user("reg-officer", "eeb", "editor")
    found = Attachment.objects.create(target=entry, file=SimpleUploadedFile("decision.pdf", b"%PDF-1"),
                                      title="纳入决定", uploaded_by=officer)
    anonymous = Client()
    page = anonymous.get(f"/sites/remediation-register/{entry.pk}/")
    assert page.status_code == 200 and register[0].parcel_code in page.content.decode()
    assert list(page.context["history"]) == [] and not page.context["attachments"].exists()
    url = f"/sites/remediation-register/{entry.pk}/attachments/{found.pk}/"
    assert anonymous.get(url).status_code == 302  # to the login page
    signed_in = Client()
    signed_in.force_login(officer)
    assert signed_in.get(f"/sites/remediation-register/{entry.pk}/").context["history"]
    assert signed_in.get(url).status_code == 200
