"""The quarterly report (issue #19): sections, A4, the non-reporters, Excel sheets, PDF via LibreOffice, snapshots,
determinism, the command and who may download it."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from django.core.management import CommandError, call_command
from docx.shared import Mm
from openpyxl import load_workbook

from soilgw.core.models import Department
from soilgw.plans.models import QuarterlyReport, Task
from soilgw.plans.quarterly_files import generate
from soilgw.plans.quarterly_report import SECTION_TITLES, build

from .test_dispatch import file

pytestmark = pytest.mark.db

EEB = "运城市生态环境局绛县分局"


@pytest.fixture
def quarter(county, settings, tmp_path):
    """2023 Q3: on soil task 4 the agriculture bureau and 古绛镇 report, the lead (eco-environment branch) does not;
    one enforcement case opened in the quarter. Judged on 2023-10-15 (after the 10-05 deadline)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    soil4 = Task.objects.get(plan__medium="soil", number=4)
    file(soil4, "agri", settings=settings, on="2023-10-03")
    file(soil4, "gujiang", settings=settings, on="2023-10-09")  # late
    settings.SOILGW_AS_OF = "2023-10-15"
    from soilgw.enforcement.models import Case

    Case.objects.create(number="绛环罚〔2023〕7号", opened_on=dt.date(2023, 8, 2), violation="illegal_dumping",
                        description="倾倒废渣", handling_department=Department.objects.get(code="eeb"))
    return soil4


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_the_word_report_has_every_section_a4_and_names_who_did_not_report(quarter):
    stored, data = generate(2023, 3, "docx")
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(SECTION_TITLES)
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    assert "PAGE" in section.footer.paragraphs[0]._p.xml
    body = document.element.body.xml
    assert "TOC \\o" in body  # the table-of-contents field
    title = document.paragraphs[0].text
    assert "绛县" in title and "2023年第3季度" in title
    assert "生成日期：2023年10月15日" in _text(document)
    report = build(2023, 3)
    missing = next(t for t in report.tables if t.title.startswith("1.3"))
    by_name = {row[0]: row[2] for row in missing.rows}
    assert "土壤4" in by_name[EEB].split("、")  # the lead did not report on soil task 4
    assert "土壤4" not in by_name["县农业农村局"].split("、")
    assert EEB in _text(document)
    towns = next(t for t in report.tables if t.title.startswith("1.2"))
    gujiang = next(r for r in towns.rows if r[0] == Department.objects.get(code="gujiang").name)
    assert gujiang[2] == 1 and gujiang[4] >= 1  # reported once, and that report was late
    cases = next(t for t in report.tables if t.title.startswith("7.1"))
    assert [r[0] for r in cases.rows] == ["绛环罚〔2023〕7号"]
    assert stored.sha256 and stored.file_format == "docx" and stored.as_of == dt.date(2023, 10, 15)
    assert stored.rule_versions["obligation_rules"] and "reporting_days_after_quarter_end" in stored.rule_versions


def test_the_same_quarter_from_the_same_data_gives_the_same_document(quarter):
    first, a = generate(2023, 3, "docx")
    second, b = generate(2023, 3, "docx")
    xml = [zipfile.ZipFile(io.BytesIO(x)).read("word/document.xml") for x in (a, b)]
    assert xml[0] == xml[1]
    core = zipfile.ZipFile(io.BytesIO(a)).read("docProps/core.xml").decode()
    assert "2023-10-15T00:00:00Z" in core
    assert first.sha256 == second.sha256 and a == b
    x1, x2 = generate(2023, 3, "xlsx")[1], generate(2023, 3, "xlsx")[1]
    assert x1 == x2
    assert QuarterlyReport.objects.count() == 4  # every generation is its own snapshot


def test_the_workbook_has_one_sheet_per_table_with_chinese_headers(quarter):
    _stored, data = generate(2023, 3, "xlsx")
    book = load_workbook(io.BytesIO(data))
    report = build(2023, 3)
    assert len(book.sheetnames) == len(report.tables)
    for sheet, table in zip(book.worksheets, report.tables, strict=True):
        headers = [c.value for c in sheet[1]]
        assert headers == table.columns
        assert all(re.search(r"[\u4e00-\u9fff]", h) for h in headers)
        assert sheet.max_row == len(table.rows) + 1
    missing = book[next(n for n in book.sheetnames if n.startswith("1.3"))]
    assert EEB in [r[0].value for r in missing.iter_rows(min_row=2)]


def test_libreoffice_converts_the_report_to_a_pdf_with_every_section(quarter, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("SOILGW_REQUIRE_OFFICE") == "1":
            pytest.fail("SOILGW_REQUIRE_OFFICE=1 but LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice (soffice) is not installed; CI sets SOILGW_REQUIRE_OFFICE=1 and installs it")
    _stored, data = generate(2023, 3, "docx")
    src = tmp_path / "report.docx"
    src.write_bytes(data)
    profile = tmp_path / "lo-profile"  # a private profile: a running LibreOffice elsewhere does not interfere
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "report.pdf"
    assert pdf.exists()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                              timeout=60).stdout.decode()
        flat = re.sub(r"\s+", "", text)
        for title in SECTION_TITLES:
            assert re.sub(r"\s+", "", title) in flat, title
    else:
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) >= 2


def test_the_command_writes_and_stores_the_report(quarter, tmp_path):
    out = tmp_path / "report.docx"
    call_command("report", "quarterly", "--year", "2023", "--quarter", "3", "--out", str(out))
    stored = QuarterlyReport.objects.get()
    assert out.read_bytes() == stored.file.read()
    call_command("report", "quarterly", "--year", "2023", "--quarter", "3", "--out", str(tmp_path / "r.xlsx"))
    assert QuarterlyReport.objects.filter(file_format="xlsx").count() == 1
    with pytest.raises(CommandError, match=r"\.docx or \.xlsx"):
        call_command("report", "quarterly", "--year", "2023", "--quarter", "3", "--out", str(tmp_path / "r.pdf"))


def test_only_users_allowed_to_see_progress_generate_and_download(quarter, client, make_user):
    member = make_user("eeb-viewer", "eeb", "viewer")
    client.force_login(member)
    page = client.get("/plans/tasks/")
    assert page.status_code == 200 and b'id="quarterly-report"' in page.content
    resp = client.post("/plans/reports/quarterly/", {"year": 2023, "quarter": 3, "format": "docx"})
    assert resp.status_code == 302
    stored = QuarterlyReport.objects.get()
    assert stored.generated_by == member
    download = client.get(resp["Location"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == stored.file.read()
    assert stored.get_absolute_url() in client.get("/plans/tasks/").content.decode()
    assert client.post("/plans/reports/quarterly/", {"year": 2023, "quarter": 7}).status_code == 400
    client.force_login(make_user("outsider"))  # no department: may not see the plans' progress
    assert client.get(stored.get_absolute_url()).status_code == 403
    assert client.post("/plans/reports/quarterly/", {"year": 2023, "quarter": 3}).status_code == 403
