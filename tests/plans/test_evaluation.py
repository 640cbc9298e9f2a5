"""The annual evaluation (plans.evaluation): per department and township, tasks required, reported, on time,
late, returned and the completion rate, hand-counted from one township's reports; its page and the Q4 report."""

from __future__ import annotations

import datetime as dt

import pytest

from soilgw.core.models import Department
from soilgw.plans.evaluation import evaluate_year
from soilgw.plans.models import ProgressReport, Task
from soilgw.plans.quarterly_report import EVALUATION_TITLE, build

from .test_dispatch import file

pytestmark = pytest.mark.db

TASKS = 30  # 16 soil tasks, 14 groundwater tasks (no task 2 printed); every township implements every task (以下均需各乡镇人民政府负责落实)
JUDGED = dt.date(2024, 1, 10)  # after the Q4 deadline (2024-01-05)


@pytest.fixture
def year(county, settings, tmp_path):
    """古绛镇's 2023: soil task 4 (no date in the plan: due 2023-12-31) reported Q1 on time, Q2 late, Q3 completed
    but returned, Q4 completed on 2024-01-04 (on time for the dispatch, after the task's deadline); groundwater
    task 1 (due 2023-12-31) reported completed in Q3 on time, nothing in Q4."""
    settings.MEDIA_ROOT = tmp_path
    soil4 = Task.objects.get(plan__medium="soil", number=4)
    gw1 = Task.objects.get(plan__medium="groundwater", number=1)
    file(soil4, "gujiang", quarter=1, settings=settings, on="2023-04-03")
    file(soil4, "gujiang", quarter=2, settings=settings, on="2023-07-08")
    file(soil4, "gujiang", quarter=3, status="completed", percent=100, settings=settings, on="2023-10-04")
    ProgressReport.objects.filter(task=soil4, quarter=3).update(review_state="returned", review_comment="缺佐证")
    file(soil4, "gujiang", quarter=4, status="completed", percent=100, settings=settings, on="2024-01-04")
    file(gw1, "gujiang", quarter=3, status="completed", percent=100, settings=settings, on="2023-10-02")
    settings.SOILGW_AS_OF = JUDGED.isoformat()


def test_a_townships_year_counted_by_hand(year):
    rows = evaluate_year(2023, JUDGED)
    gujiang = next(r for r in rows if r.department.code == "gujiang")
    assert gujiang.tasks == TASKS and gujiang.required == 4 * TASKS
    assert gujiang.reported == 4  # soil 4 Q1, Q2, Q4 and groundwater 1 Q3 (the returned Q3 does not count)
    assert gujiang.on_time == 3  # soil 4 Q1 and Q4, groundwater 1 Q3
    assert gujiang.returned == 1
    assert gujiang.late == 1 + (4 * TASKS - 4)  # soil 4 Q2 filed late, and every missing report after its deadline
    assert gujiang.completed == 2 and gujiang.completed_on_time == 1  # soil 4 was completed only in January
    assert gujiang.completion_rate == pytest.approx(2 / 30 * 100)
    assert gujiang.on_time_rate == pytest.approx(3 / 120 * 100)
    lengkou = next(r for r in rows if r.department.code == "lengkou")
    assert (lengkou.reported, lengkou.completed, lengkou.completion_rate) == (0, 0, 0.0)
    kinds = [r.department.kind == "township" for r in rows]
    assert kinds == sorted(kinds) and sum(kinds) == Department.objects.filter(kind="township").count() == 10


def test_the_fourth_quarter_report_has_the_evaluation_and_the_third_does_not(year):
    q4 = build(2023, 4, as_of=JUDGED)
    assert [s.title for s in q4.sections][-2:] == [EVALUATION_TITLE, "附件：标准版本与规则版本"]
    towns = next(t for t in q4.tables if t.title.startswith("9.2"))
    gujiang = next(r for r in towns.rows if r[0] == Department.objects.get(code="gujiang").name)
    assert gujiang[1:] == [30, 120, 4, 3, 117, 1, 2, 1, 6.7]
    assert EVALUATION_TITLE not in [s.title for s in build(2023, 3, as_of=JUDGED).sections]


def test_the_evaluation_page(year, client, make_user):
    client.force_login(make_user("eval-viewer", "eeb", "viewer"))
    page = client.get("/plans/evaluation/?year=2023").content.decode()
    row = page.split('data-department="gujiang"')[1].split("</tr>")[0]
    assert "<td>30</td><td>120</td><td>4</td><td>3</td><td>117</td><td>1</td><td>2</td><td>1</td><td>6.7%</td>" in row
    assert 'id="evaluation-departments"' in page and 'id="evaluation-townships"' in page
    client.force_login(make_user("outsider"))
    assert client.get("/plans/evaluation/").status_code == 403


def test_the_fourth_quarter_word_and_excel_files_carry_the_evaluation(year):
    import io

    import docx
    from openpyxl import load_workbook

    from soilgw.plans.quarterly_files import generate

    _stored, data = generate(2023, 4, "docx")
    headings = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == [EVALUATION_TITLE, "附件：标准版本与规则版本"]
    _stored, data = generate(2023, 4, "xlsx")
    sheets = load_workbook(io.BytesIO(data)).sheetnames
    assert any(n.startswith("9.1") for n in sheets) and any(n.startswith("9.2") for n in sheets)


def test_yearly_pages_open_on_the_latest_plan_year(year, client, make_user, settings):
    """With the clock in 2026 and plans only for 2023, the evaluation and KPI pages open on 2023, not on an empty
    2026; a year asked for is kept."""
    settings.SOILGW_AS_OF = "2026-12-08"
    client.force_login(make_user("eval-viewer", "eeb", "viewer"))
    for url in ("/plans/evaluation/", "/plans/kpis/"):
        page = client.get(url).content.decode()
        assert 'value="2023"' in page, url
        assert 'value="2025"' in client.get(url + "?year=2025").content.decode()
    row = client.get("/plans/evaluation/").content.decode().split('data-department="gujiang"')[1].split("</tr>")[0]
    assert "<td>30</td><td>120</td>" in row
