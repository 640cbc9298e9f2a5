"""API conventions shared by every list endpoint (soilgw.core.api.conventions, soilgw.core.api.root)."""

from __future__ import annotations

import pytest

from soilgw.core.api.conventions import MAX_PAGE_SIZE
from soilgw.core.models import Township

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(county, make_user, api_client):
    api_client.force_authenticate(make_user("api-staff", "eeb", "viewer"))
    return api_client


def test_page_size_is_honoured_up_to_the_maximum(staff):
    total = Township.objects.count()
    assert total > 3
    page = staff.get("/api/townships/?page_size=2").json()
    assert page["count"] == total and len(page["results"]) == 2
    assert staff.get(f"/api/townships/?page_size={MAX_PAGE_SIZE * 10}").json()["results"].__len__() == total


def test_ordering_and_search(staff):
    from soilgw.enterprises.loaders import sample_code
    from soilgw.enterprises.models import Enterprise

    names = sorted(Township.objects.values_list("name", flat=True))
    page = staff.get("/api/townships/?ordering=-name&page_size=100").json()
    assert [t["name"] for t in page["results"]] == names[::-1]
    for i, name in enumerate(["绛县示例化工有限公司", "绛县示例铸造厂"]):
        Enterprise.objects.create(name=name, credit_code=sample_code(700 + i))
    found = staff.get("/api/enterprises/", {"search": "化工"}).json()
    assert [e["name"] for e in found["results"]] == ["绛县示例化工有限公司"]


def test_unknown_filter_is_a_400_naming_it(staff):
    resp = staff.get("/api/enterprises/?twonship=1")
    assert resp.status_code == 400
    assert "twonship" in resp.json()
    assert staff.get("/api/enterprises/?page=1&page_size=5&ordering=name&search=化工").status_code == 200


def test_one_api_root_lists_every_app(staff):
    root = staff.get("/api/").json()
    for resource in ("townships", "plans", "monitoring-points", "enterprises", "sites", "farmland-units",
                     "fund-projects", "risk-assessments", "leads", "maps/within", "public"):
        assert resource in root, resource


def test_docs_are_served_offline(client):
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page and "cdn" not in page.lower() and "/static/drf_spectacular_sidecar/" in page
    assert "/static/drf_spectacular_sidecar/" in client.get("/api/redoc/").content.decode()


def test_every_error_body_is_an_object(staff):
    """DRF's search filter refuses a NUL with a bare list; the API answers ``{"detail": …}`` as documented."""
    resp = staff.get("/api/enterprises/", {"search": "a\x00b"})
    assert resp.status_code == 400 and isinstance(resp.json(), dict) and "detail" in resp.json()
