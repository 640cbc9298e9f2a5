"""Browser: a quarter's dispatch end to end. A township and two departments report on soil task 4 for 2023 Q3,
the lead returns one report, the dashboard names who is late, and the quarterly report downloaded from the
dashboard converts to PDF (LibreOffice headless) with every section title on its pages.

The anonymous portal against the API and the one map's legend are the journey's last steps; they are covered by
``test_portal_and_map.py`` and run with it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from soilgw.core.models import Department
from soilgw.plans.models import ProgressReport, Task
from soilgw.plans.quarterly_report import SECTION_TITLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _office(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("SOILGW_REQUIRE_OFFICE") == "1":
            pytest.fail(f"SOILGW_REQUIRE_OFFICE=1 but {tool} is not installed")
        pytest.skip(f"{tool} is not installed; CI sets SOILGW_REQUIRE_OFFICE=1 and installs it")
    return path


def test_report_return_see_who_is_late_and_download_the_report(page, live_server, login, county, make_user, settings,
                                                               tmp_path):
    soffice, pdftotext = _office("soffice"), _office("pdftotext")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SOILGW_AS_OF = "2023-10-03"  # before the Q3 deadline (2023-10-05)
    soil4 = Task.objects.get(plan__medium="soil", number=4)  # eco-environment leads, agriculture cooperates
    task_url = f"{live_server.url}{soil4.get_absolute_url()}"
    for username, code in (("town-gujiang", "gujiang"), ("eeb-reporter", "eeb"), ("agri-reporter", "agri")):
        make_user(username, code)
        page.context.clear_cookies()
        login(username, f"pw-{username}")
        page.goto(task_url)
        page.select_option("#report-form select[name=department]", label=Department.objects.get(code=code).name)
        page.fill("#report-form input[name=year]", "2023")
        page.fill("#report-form input[name=quarter]", "3")
        page.select_option("#report-form select[name=status]", "in_progress")
        page.fill("#report-form input[name=percent]", "50")
        page.fill("#report-form textarea[name=narrative]", f"{code}：隐患排查推进中")
        page.click("#report-form button[type=submit]")
        page.wait_for_selector(".messages")
    assert ProgressReport.objects.filter(task=soil4, year=2023, quarter=3).count() == 3

    # the lead (another eco-environment officer than the one who reported) returns the agriculture report
    make_user("eeb-lead", "eeb")
    page.context.clear_cookies()
    login("eeb-lead", "pw-eeb-lead")
    page.goto(task_url)
    assert page.locator("#review form").count() == 3  # the lead reviews every report, its own department's too
    agri_form = page.locator("#review form[data-department='agri']")
    agri_form.locator("input[name=comment]").fill("请补充隐患排查台账")
    agri_form.locator("button[value=return]").click()
    page.wait_for_selector(".messages")
    agri = ProgressReport.objects.get(task=soil4, department__code="agri", quarter=3)
    assert agri.review_state == "returned" and agri.reviewed_by.username == "eeb-lead"
    assert page.locator("#review form").count() == 2

    # after the deadline the dashboard names who is late: agriculture (returned) on soil task 4, not the others
    settings.SOILGW_AS_OF = "2023-10-15"
    page.goto(f"{live_server.url}/plans/tasks/")
    late = page.locator("#late-reporters")
    link = f"a[href='{soil4.get_absolute_url()}']"
    assert late.locator(f"tr[data-department='agri'] {link}").count() == 1
    assert late.locator("tr[data-department='agri'] .late-returned").count() == 1
    for code in ("eeb", "gujiang"):
        assert late.locator(f"tr[data-department='{code}'] {link}").count() == 0
    assert late.locator("tr[data-department='lengkou']").count() == 1  # a township that filed nothing

    # the quarterly report from the dashboard (2023 Q3 offered by default), Word → PDF
    assert page.input_value("#quarterly-report input[name=year]") == "2023"
    with page.expect_download() as info:
        page.click("#quarterly-report button[value=docx]")
    docx_path = tmp_path / "report.docx"
    info.value.save_as(docx_path)
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=240)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "report.pdf"), "-"], check=True,
                          capture_output=True, timeout=60).stdout.decode()
    pages = [re.sub(r"\s+", "", p) for p in text.split("\f")]
    for title in SECTION_TITLES:
        assert any(re.sub(r"\s+", "", title) in p for p in pages[1:]), title  # in the body, not only the contents
    assert "县农业农村局" in "".join(pages)  # named among those who have not (acceptably) reported
