"""``?format=csv`` / ``Accept: text/csv`` on API lists: a page's rows under Chinese headers, UTF-8 with a BOM,
choices by name, and formula text neutralised."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from soilgw.core.models import Department
from soilgw.core.xlsx import csv_text

pytestmark = pytest.mark.db


def _rows(resp) -> list[list[str]]:
    assert resp["Content-Type"].startswith("text/csv")
    assert resp.content.startswith(codecs.BOM_UTF8)  # Excel reads UTF-8 only with it
    return list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))


@pytest.fixture
def departments(db):
    Department.objects.create(code="env", name="生态环境局", kind="bureau")
    Department.objects.create(code="evil", name='=HYPERLINK("http://x.example","点击")', kind="township")


def test_list_in_csv_has_chinese_headers_rows_not_envelope_and_neutralised_formulas(api_client, departments,
                                                                                     make_user):
    api_client.force_authenticate(make_user("reader", "env"))
    rows = _rows(api_client.get("/api/departments/?format=csv&ordering=code", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    header, *body = rows
    assert header[:5] == ["ID", "编码", "名称", "英文名称", "类型"], header
    assert "count" not in header and "results" not in header  # the page's rows, not the pagination envelope
    assert [r[1] for r in body] == ["env", "evil"]
    assert body[0][4] == "县直部门"  # the choice's display name, not its code "bureau"
    assert body[1][2] == '\'=HYPERLINK("http://x.example","点击")'


def test_accept_header_selects_csv(api_client, departments, make_user):
    api_client.force_authenticate(make_user("reader", "env"))
    resp = api_client.get("/api/departments/", HTTP_ACCEPT="text/csv")
    assert len(_rows(resp)) == 3


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3", "'-2+3"), ("@cmd", "'@cmd"), ("\t=1", "'\t=1"),
    ("-1.5", "-1.5"), ("+3e-2", "+3e-2"), ("a=b", "a=b"), ("", ""),
])
def test_csv_text_prefixes_formula_starts_but_not_numbers(value, expected):
    assert csv_text(value) == expected


def test_schema_documents_csv_as_text(api_client):
    operation = api_client.get("/api/schema/?format=json").json()["paths"]["/api/departments/"]["get"]
    assert operation["responses"]["200"]["content"]["text/csv"]["schema"]["type"] == "string"


def test_an_error_stays_json_when_csv_was_asked_for(api_client, departments, make_user):
    """The schema documents every error as JSON; a 404 or 400 in CSV would be an undocumented answer."""
    api_client.force_authenticate(make_user("reader", "env"))
    for url, code in (("/api/departments/999999/?format=csv", 404), ("/api/departments/?format=csv&nope=1", 400)):
        resp = api_client.get(url)
        assert resp.status_code == code and resp["Content-Type"] == "application/json", resp.content
        assert isinstance(resp.json(), dict)


def test_csv_is_offered_on_lists_only(api_client, departments, make_user):
    api_client.force_authenticate(make_user("reader", "env"))
    pk = Department.objects.get(code="env").pk
    assert api_client.get(f"/api/departments/{pk}/?format=csv").status_code == 404  # DRF: format not offered
    paths = api_client.get("/api/schema/?format=json").json()["paths"]
    assert "text/csv" not in paths["/api/departments/{id}/"]["get"]["responses"]["200"]["content"]
