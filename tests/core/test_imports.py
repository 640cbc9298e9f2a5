"""The import framework: whole-file rejection with every problem listed, duplicates, atomicity, upload checks."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from soilgw.core import imports
from soilgw.core.models import ImportBatch
from soilgw.plans.models import ProgressReport
from tests.core.progress_files import GOOD, progress_xlsx

pytestmark = pytest.mark.db

@pytest.fixture
def eeb_editor(county, make_user):
    return make_user("eeb-importer", "eeb", "editor")


def test_three_bad_rows_reject_the_whole_file_and_are_all_reported(eeb_editor):
    rows = [GOOD,
            {**GOOD, "任务编号": 2, "季度": 5},                       # row 3: quarter out of range
            {**GOOD, "任务编号": 3, "状态": "差不多"},                  # row 4: unknown status
            {**GOOD, "任务编号": 4},
            {**GOOD, "任务编号": 2, "计划": "地下水", "季度": 1}]         # row 6: groundwater plan has no task 2
    content = progress_xlsx(rows)  # built once: the zip inside an xlsx carries a timestamp
    batch = imports.run_import("progress_reports", "q3.xlsx", content, eeb_editor)
    assert batch.status == "rejected"
    problems = batch.report["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(3, "季度"), (4, "状态"), (6, "任务编号")]  # the headers as written
    assert all(p["sheet"] == "季度进展" and p["file"] == "q3.xlsx" for p in problems)
    assert ProgressReport.objects.count() == 0  # the two good rows were not stored either
    assert batch.raw_file.read() == content  # the raw file is kept


def test_fixed_file_is_accepted_and_the_same_file_twice_is_detected(eeb_editor):
    content = progress_xlsx([GOOD, {**GOOD, "任务编号": 3}])
    first = imports.run_import("progress_reports", "q3.xlsx", content, eeb_editor)
    assert first.status == "accepted" and first.report["summary"] == {"created": 2, "updated": 0}
    again = imports.run_import("progress_reports", "copy.xlsx", content, eeb_editor)
    assert again.status == "duplicate"
    assert f"batch #{first.pk}" in again.report["problems"][0]["reason"]
    assert ProgressReport.objects.count() == 2


def test_a_failure_while_writing_leaves_nothing(eeb_editor, monkeypatch):
    from soilgw.plans import importers

    def failing_commit(parsed, batch, user):
        importers.commit(parsed, batch, user)  # writes the rows …
        raise ValueError("database refused the last row")  # … then fails

    kind = imports.get_kind("progress_reports")
    monkeypatch.setitem(imports._KINDS, "progress_reports",
                        imports.ImportKind(**{**kind.__dict__, "commit": failing_commit}))
    batch = imports.run_import("progress_reports", "q3.xlsx", progress_xlsx([GOOD]), eeb_editor)
    assert batch.status == "rejected"
    assert "database refused" in batch.report["problems"][0]["reason"]
    assert ProgressReport.objects.count() == 0


def test_validate_then_accept(eeb_editor):
    batch = imports.run_import("progress_reports", "q3.csv", pd.DataFrame([GOOD]).to_csv(index=False).encode(),
                               eeb_editor, accept=False)
    assert batch.status == "validated" and ProgressReport.objects.count() == 0
    imports.accept_batch(batch, eeb_editor)
    assert batch.status == "accepted" and ProgressReport.objects.count() == 1


@pytest.mark.parametrize("name, content, reason", [
    ("q3.exe", b"MZ....", "files of type .exe are not accepted"),
    ("q3.xlsx", b"not a zip", "content is not a valid .xlsx file"),
    ("q3.csv", b"", "file is empty"),
    ("q3.csv", b"\xff\xfe\x00\xd8\x00\xdc\xff", "neither UTF-8 nor GB18030"),
])
def test_upload_type_checks(eeb_editor, name, content, reason):
    batch = imports.run_import("progress_reports", name, content, eeb_editor)
    assert batch.status == "rejected"
    assert reason in batch.report["problems"][0]["reason"]


def test_size_limit(eeb_editor, settings):
    settings.SOILGW_MAX_UPLOAD_BYTES = 10
    batch = imports.run_import("progress_reports", "q3.csv", b"a,b\n1,2\n3,4\n", eeb_editor)
    assert "limit is 10 bytes" in batch.report["problems"][0]["reason"]


def test_gb18030_csv_from_excel_is_read(eeb_editor):
    content = pd.DataFrame([GOOD]).to_csv(index=False).encode("gb18030")
    assert imports.run_import("progress_reports", "q3.csv", content, eeb_editor).status == "accepted"


def test_township_cannot_import_for_the_bureau(county, make_user):
    user = make_user("gujiang-importer", "gujiang", "editor")
    batch = imports.run_import("progress_reports", "q3.xlsx", progress_xlsx([GOOD]), user)
    assert batch.status == "rejected"
    assert batch.report["problems"][0]["reason"] == "you may only report for your own department"


def test_import_api(api_client, eeb_editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api_client.force_authenticate(eeb_editor)
    bad = SimpleUploadedFile("q3.xlsx", progress_xlsx([{**GOOD, "季度": 9}]))
    resp = api_client.post("/api/imports/", {"kind": "progress_reports", "file": bad}, format="multipart")
    assert resp.status_code == 400 and resp.json()["report"]["problems"][0]["column"] == "季度"
    good = SimpleUploadedFile("q3.xlsx", progress_xlsx([GOOD]))
    resp = api_client.post("/api/imports/", {"kind": "progress_reports", "file": good}, format="multipart")
    assert resp.status_code == 201 and resp.json()["status"] == "accepted"
    resp = api_client.post("/api/imports/", {"kind": "nonsense", "file": SimpleUploadedFile("a.csv", b"a\n1\n")},
                           format="multipart")
    assert resp.status_code == 400 and "progress_reports" in resp.json()["kind"]
    assert api_client.get("/api/imports/templates/progress_reports/").status_code == 200
    assert ImportBatch.objects.filter(uploaded_by=eeb_editor).count() == 2


def _zip(entries: dict[str, bytes]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("entries, reason", [
    ({"xl/workbook.xml": b"<a/>", "xl/worksheets/sheet1.xml": b"0" * 5_000_000}, "expands more than 200 times"),
    ({f"f{i}.xml": b"x" for i in range(2_001)}, "holds 2001 entries"),
    ({"word/document.xml": b"<w/>"}, "no workbook inside"),
])
def test_zip_bombs_and_impostors_are_refused_before_parsing(eeb_editor, entries, reason):
    """A 5 MB sheet of zeros deflates to ~5 kB (ratio ~1000); 2,001 entries; a .docx renamed .xlsx."""
    batch = imports.run_import("progress_reports", "q3.xlsx", _zip(entries), eeb_editor)
    assert batch.status == "rejected"
    assert reason in batch.report["problems"][0]["reason"]


def test_random_bytes_behind_a_zip_header_are_refused(eeb_editor):
    batch = imports.run_import("progress_reports", "q3.xlsx", b"PK\x03\x04" + bytes(range(256)) * 40, eeb_editor)
    assert batch.status == "rejected" and "not a readable zip or xlsx file" in batch.report["problems"][0]["reason"]


def test_a_sheet_beyond_the_column_cap_is_refused_with_the_limit(eeb_editor, monkeypatch):
    monkeypatch.setattr(imports, "MAX_COLUMNS", 5)
    content = pd.DataFrame([GOOD]).to_csv(index=False).encode()
    batch = imports.run_import("progress_reports", "q3.csv", content, eeb_editor)
    assert batch.status == "rejected"
    assert "at most 1000000 rows and 5 columns" in str(batch.report["problems"])


def test_the_uploaders_file_name_never_becomes_a_path(eeb_editor):
    content = pd.DataFrame([GOOD]).to_csv(index=False).encode()
    batch = imports.run_import("progress_reports", "../../../etc/进展 (1).CSV", content, eeb_editor, accept=False)
    import re

    assert re.fullmatch(rf"imports/progress_reports/\w\w/{batch.sha256}/upload(_\w+)?\.csv", batch.raw_file.name)
    assert batch.filename.endswith("进展 (1).CSV")  # shown as sent


@pytest.mark.parametrize("kind", ["progress_reports", "registry_enterprises", "lab_results"])
def test_parse_past_its_time_limit_refuses_the_file_whole(kind, eeb_editor, settings):
    """A limit of 0 s is past at the first check: every parser checks, and nothing is stored."""
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # registries register their import kinds when the URLs load
    settings.SOILGW_IMPORT_PARSE_SECONDS = 0
    eeb_editor.is_superuser = True
    eeb_editor.save()
    files = {"progress_reports": ("q3.xlsx", progress_xlsx([GOOD])),
             "registry_enterprises": ("企业.csv", "企业名称,统一社会信用代码\n某厂,91140826MA0000999X\n".encode()),
             "lab_results": ("lab.csv", "点位编号,采样日期,检测项目,检测结果,单位\nJX-01,2023-05-06,镉,0.001,mg/L\n".encode())}
    name, content = files[kind]
    batch = imports.run_import(kind, name, content, eeb_editor)
    assert batch.status == "rejected"
    assert [p["reason"] for p in batch.report["problems"]] == [
        "validating the file took longer than 0 s; split it into smaller files"]
    assert batch.raw_file.read() == content and ProgressReport.objects.count() == 0
