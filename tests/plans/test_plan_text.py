"""Plan import: the shipped 2023 plans parse to the curated YAML field by field; a second plan in the same
style (other numbering, departments and dates) parses to what it says; unknown names are listed; the CLI
stores only with --accept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from soilgw.plans.plan_text import PlanTextError, deadlines, parse_plans

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "jiang_county_2023_soil_and_groundwater_action_plans.txt"  # copy of shared/seed
SECOND = FIXTURES / "second_county_2024_plan.txt"
CURATED = Path(__file__).parents[2] / "src/soilgw/plans/data/action_plans_2023.yaml"
DEPARTMENTS = Path(__file__).parents[2] / "src/soilgw/core/data/departments.yaml"
#: Added by the parser for tracing, not in the curated file.
TRACE = {"line", "roles_quote", "targets_line"}


def names() -> dict[str, str]:
    data = yaml.safe_load(DEPARTMENTS.read_text(encoding="utf-8"))
    out = {}
    for d in data["departments"]:
        out[d["name"]] = d["code"]
        out.update({a: d["code"] for a in d.get("aliases", [])})
    return out


def test_shipped_plans_parse_to_the_curated_yaml():
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))["plans"]
    result = parse_plans(SEED.read_text(encoding="utf-8"), names(), prefix="jiang", source=SEED.name)
    assert result.unknown_departments == {}
    assert [p["code"] for p in result.plans] == [p["code"] for p in curated]
    for parsed, want in zip(result.plans, curated, strict=True):
        # the indicator split of the targets paragraph is curated by hand (indicator keys, required values)
        for key in ("title", "year", "medium", "targets_text", "interpreting_department", "source"):
            assert parsed[key] == want[key], (want["code"], key)
        assert [t["number"] for t in parsed["tasks"]] == [t["number"] for t in want["tasks"]]
        for got, task in zip(parsed["tasks"], want["tasks"], strict=True):
            where = (want["code"], task["number"])
            assert {k: v for k, v in got.items() if k not in TRACE | {"deadlines"}} == \
                {k: v for k, v in task.items() if k != "deadlines"}, where
            # "what" is the curator's bilingual label; the parser keeps the quote there
            assert [(d["due"], d["quote"]) for d in got["deadlines"]] == \
                [(d["due"], d["quote"]) for d in task["deadlines"]], where
            assert got["roles_quote"] in got["text"] and got["text"] in SEED.read_text(encoding="utf-8")


def test_second_plan_in_the_same_style():
    result = parse_plans(SECOND.read_text(encoding="utf-8"), names(), prefix="demo", source=SECOND.name)
    (plan,) = result.plans
    assert (plan["code"], plan["year"], plan["medium"]) == ("demo-2024-groundwater", 2024, "groundwater")
    assert plan["interpreting_department"] == "water"
    assert plan["targets_text"] == "全县地下水环境质量总体保持稳定，地下水国考区域点位水质不低于V类。"
    tasks = {t["number"]: t for t in plan["tasks"]}
    assert sorted(tasks) == [1, 2, 4, 5]  # numbers as printed: there is no task 3
    assert tasks[1]["section"] == "（一）摸清底数" and tasks[4]["section"] == "（二）强化风险管控"
    assert tasks[1]["title"] == "开展报废井排查"
    assert tasks[1]["roles"] == [{"department": "water", "role": "lead"}, {"department": "nrb", "role": "cooperating"},
                                 {"department": "energy", "role": "cooperating"}]
    assert tasks[1]["deadlines"] == [{"due": "2024-09-30", "what": "于2024年9月底前建立报废井清单",
                                      "quote": "于2024年9月底前建立报废井清单"}]
    assert tasks[2]["roles"] == [{"department": "eeb", "role": "lead"}]
    # 6月30日前 is a deadline; 自2024年起 is a start, not one
    assert [(d["due"], d["quote"]) for d in tasks[2]["deadlines"]] == [
        ("2024-06-30", "2024年6月30日前，完成县级地下水环境监测点位布设")]
    assert tasks[4]["roles"] == [{"department": "water", "role": "joint"}]
    assert tasks[4]["deadline_default"] is True and tasks[4]["deadlines"] == []
    assert tasks[5]["roles"] == [{"department": "nrb", "role": "joint"}, {"department": "eeb", "role": "joint"}]
    assert result.unknown_departments == {"县卫生健康局": [("demo-2024-groundwater", 4)]}
    assert tasks[4]["line"] == 18


def test_deadline_forms():
    assert [d["due"] for d in deadlines("2025年底前完成甲。2024年2月底前完成乙，并于2024年3月5日前完成丙。")] == \
        ["2025-12-31", "2024-02-29", "2024-03-05"]


def test_text_outside_the_form_names_the_line():
    with pytest.raises(PlanTextError, match="no plan title"):
        parse_plans("1.做某事。（县水务局负责）", names(), prefix="x")
    with pytest.raises(PlanTextError, match="line 5: task 1 has no closing parentheses"):
        parse_plans("示例县土壤污染防治2024年行动计划\n二、重点任务\n\n\n1.做某事。", names(), prefix="x")
    with pytest.raises(PlanTextError, match="line 3: task 2: no role word"):
        parse_plans("示例县土壤污染防治2024年行动计划\n二、重点任务\n2.做某事。（县水务局）", names(), prefix="x")


@pytest.mark.django_db
def test_cli_reviews_then_stores_with_accept(county, keep_test_connection, tmp_path, capsys):
    from soilgw.core.models import Department
    from soilgw.plans.models import ActionPlan, TaskRole

    with pytest.raises(CommandError, match="unknown department names") as err:
        call_command("plans", "import", str(SECOND), "--prefix", "demo", "--accept")
    assert err.value.returncode == 2
    assert "UNKNOWN department name 未知部门: 县卫生健康局" in capsys.readouterr().out
    assert not ActionPlan.objects.filter(code="demo-2024-groundwater").exists()

    Department.objects.create(code="health", name="县卫健局", kind="bureau", aliases=["县卫生健康局"])
    call_command("plans", "import", str(SECOND), "--prefix", "demo")  # review only
    out = capsys.readouterr().out
    assert "4 | 18 | 加强饮用水水源保护 | health:joint, water:joint" in out and "--accept" in out
    assert not ActionPlan.objects.filter(code="demo-2024-groundwater").exists()

    call_command("plans", "import", str(SECOND), "--prefix", "demo", "--accept")
    plan = ActionPlan.objects.get(code="demo-2024-groundwater")
    assert sorted(plan.tasks.values_list("number", flat=True)) == [1, 2, 4, 5]
    task4 = plan.tasks.get(number=4)
    assert set(TaskRole.objects.filter(task=task4, role="joint").values_list("department__code", flat=True)) == \
        {"health", "water"}
    assert TaskRole.objects.filter(task=task4, role="implementing").count() == \
        Department.objects.filter(kind="township").count()


def test_docx_reads_like_the_text(tmp_path):
    import docx

    from soilgw.plans.management.commands.plans import read_text

    doc = docx.Document()
    for line in SECOND.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    path = tmp_path / "plan.docx"
    doc.save(str(path))
    from_docx = parse_plans(read_text(path), names(), prefix="demo", source="plan.docx").plans
    from_text = parse_plans(SECOND.read_text(encoding="utf-8"), names(), prefix="demo", source="plan.docx").plans
    assert from_docx == from_text


def test_cli_exit_status_on_bad_file(tmp_path):
    bad = tmp_path / "plan.pdf"
    bad.write_text("x")
    run = subprocess.run([sys.executable, "-m", "soilgw.cli", "plans", "import", str(bad), "--prefix", "x"],
                         capture_output=True, text=True, env=None)
    assert run.returncode == 2 and ".txt or .docx" in run.stderr
