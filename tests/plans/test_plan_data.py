"""The shipped plan data agrees field by field with the published plans in shared/seed.

The test parses the seed text itself (task numbers, titles, departments in the closing parentheses and the
role words 牵头 / 配合 / 负责 / 按职责分工负责) and compares with ``plans/data/action_plans_2023.yaml`` and with what
the loader stores.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from soilgw.core.loaders import read_yaml

SEED = "jiang_county_2023_soil_and_groundwater_action_plans.txt"
ROLE_OF_SUFFIX = [("按职责分工负责", "joint"), ("牵头", "lead"), ("配合", "cooperating"), ("负责", "lead")]
# The dated deadlines the issue lists, as (plan medium, task number) → ISO date.
EXPECTED_DEADLINES = {
    ("groundwater", 8): "2023-06-30",   # abandoned-well register
    ("soil", 1): "2023-12-31",          # comprehensive self-monitoring of key units
    ("groundwater", 1): "2023-12-31",   # groundwater investigation of key areas
    ("groundwater", 4): "2023-12-31",   # key-zone delineation
    ("groundwater", 14): "2023-12-31",  # recharge-area delineation
}


def _seed_tasks(text: str) -> dict[str, dict[int, dict]]:
    soil, groundwater = text.split("地下水污染防治2023年行动计划", 1)
    plans = {}
    for medium, body in (("soil", soil), ("groundwater", groundwater)):
        body = body.split("二、重点任务", 1)[1].split("三、保障措施", 1)[0]
        tasks = {}
        for match in re.finditer(r"^(\d+)\.([^。]+)。(.*)$", body, flags=re.M):
            number, title, rest = int(match.group(1)), match.group(2), match.group(3)
            roles = {}
            tail = rest[rest.rindex("（") + 1: rest.rindex("）")]
            for clause in re.split("[，。]", tail):
                if not clause or "乡镇人民政府" in clause or clause in ("以下均需", "不再列出"):
                    continue
                suffix, role = next((s, r) for s, r in ROLE_OF_SUFFIX if clause.endswith(s))
                for name in clause[: -len(suffix)].rstrip("等").split("、"):
                    roles[name] = role
            tasks[number] = {"title": title, "roles": roles, "text": match.group(0)[len(match.group(1)) + 1:]}
        plans[medium] = tasks
    return plans


@pytest.fixture
def seed_tasks(shared):
    return _seed_tasks((shared / "seed" / SEED).read_text(encoding="utf-8"))


def _dept_names() -> dict[str, set[str]]:
    data = read_yaml("soilgw.core.data", "departments.yaml")
    return {d["code"]: {d["name"], *d["aliases"]} for d in data["departments"]}


def test_task_numbers_titles_and_roles_match_the_seed(seed_tasks):
    shipped = {p["medium"]: p for p in read_yaml("soilgw.plans.data", "action_plans_2023.yaml")["plans"]}
    names = _dept_names()
    assert sorted(seed_tasks["soil"]) == list(range(1, 17))
    assert sorted(seed_tasks["groundwater"]) == [1, *range(3, 16)]  # the plan has no task 2
    for medium, tasks in seed_tasks.items():
        ours = {t["number"]: t for t in shipped[medium]["tasks"]}
        assert sorted(ours) == sorted(tasks), medium
        for number, seed in tasks.items():
            task = ours[number]
            assert task["title"] == seed["title"], (medium, number)
            assert task["text"] == seed["text"], (medium, number)
            shipped_roles = {r["department"]: r["role"] for r in task["roles"]}
            assert len(shipped_roles) == len(seed["roles"]), (medium, number)
            for seed_name, seed_role in seed["roles"].items():
                code = next(c for c, n in names.items() if seed_name in n)
                assert shipped_roles[code] == seed_role, (medium, number, seed_name)


def test_deadlines_match_the_text(seed_tasks):
    shipped = {p["medium"]: p for p in read_yaml("soilgw.plans.data", "action_plans_2023.yaml")["plans"]}
    for medium, plan in shipped.items():
        for task in plan["tasks"]:
            dates = sorted(d["due"] for d in task["deadlines"])
            expected = EXPECTED_DEADLINES.get((medium, task["number"]))
            if expected:
                assert dates == [expected], (medium, task["number"])
                for d in task["deadlines"]:
                    assert d["quote"] in seed_tasks[medium][task["number"]]["text"]
            else:
                assert dates == [] and task["deadline_default"] is True, (medium, task["number"])


def test_loader_stores_30_tasks_with_townships_implementing(county):
    from soilgw.core.models import Department
    from soilgw.plans.models import Task

    tasks = Task.objects.all()
    assert tasks.count() == 30
    townships = Department.objects.filter(kind="township").count()
    assert townships == 10
    for task in tasks:
        assert task.roles.filter(role="implementing").count() == townships
    gw8 = Task.objects.get(plan__medium="groundwater", number=8)
    assert gw8.deadline == dt.date(2023, 6, 30) and not gw8.deadline_is_default
    soil2 = Task.objects.get(plan__medium="soil", number=2)
    assert soil2.deadline == dt.date(2023, 12, 31) and soil2.deadline_is_default
    assert not Task.objects.filter(plan__medium="groundwater", number=2).exists()


def test_loading_twice_creates_no_duplicates(county):
    from soilgw.core.loaders import ordered_loaders
    from soilgw.plans.models import Task, TaskDeadline, TaskRole

    before = (Task.objects.count(), TaskRole.objects.count(), TaskDeadline.objects.count())
    for loader in ordered_loaders():
        loader.func()
    assert (Task.objects.count(), TaskRole.objects.count(), TaskDeadline.objects.count()) == before


def test_one_department_under_two_names(county):
    from soilgw.core.models import Department

    assert Department.by_name("市生态环境局绛县分局") == Department.by_name("运城市生态环境局绛县分局")


def test_shipped_yaml_is_valid_yaml():
    from importlib import resources

    text = (resources.files("soilgw.plans.data") / "action_plans_2023.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["plans"][0]["year"] == 2023
