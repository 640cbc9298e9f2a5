"""``soilgw plans import PLAN.txt|PLAN.docx --prefix jiang [--accept]``: a county action plan into the platform.

Prints the review table (every task with its line, title, roles, deadlines and the sentences they come
from) and the department names not known to the platform; stores the plans only with ``--accept`` and
only when every name is known (map a name by adding it to the department's aliases). Exit status 2 on
bad input.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from soilgw.core.models import Department
from soilgw.plans.loaders import store_plans
from soilgw.plans.models import ActionPlan
from soilgw.plans.plan_text import ParseResult, PlanTextError, parse_plans


def read_text(path: Path) -> str:
    """The text of a .txt (UTF-8) or .docx file (its paragraphs, one per line)."""
    if path.suffix.lower() == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    if path.suffix.lower() == ".txt":
        return path.read_text(encoding="utf-8")
    raise ValueError("give a .txt or .docx file / 请提供 .txt 或 .docx 文件")


def department_names() -> dict[str, str]:
    """Every department name and alias → its code."""
    names = {}
    for d in Department.objects.all():
        names[d.name] = d.code
        names.update({alias: d.code for alias in d.aliases or []})
    return names


class Command(BaseCommand):
    help = "Parse a county action plan (.txt or .docx), print it for review, store it with --accept."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import"])
        parser.add_argument("file")
        parser.add_argument("--prefix", required=True, help="plan code prefix, e.g. jiang → jiang-2024-soil")
        parser.add_argument("--accept", action="store_true", help="store the parsed plans after the review")

    def handle(self, *args, action, file, prefix, accept=False, **options):
        path = Path(file)
        try:
            text = read_text(path)
            result = parse_plans(text, department_names(), prefix=prefix, source=path.name)
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file / 文件不存在", returncode=2) from None
        except (ValueError, PlanTextError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: {exc}", returncode=2) from None
        self.review(result)
        if result.unknown_departments:
            raise CommandError("unknown department names: add each as an alias of its department, then run "
                               "again / 存在未知部门名称，请先在部门别名中映射", returncode=2)
        existing = ActionPlan.objects.filter(code__in=[p["code"] for p in result.plans]).values_list("code",
                                                                                                     flat=True)
        if existing:
            raise CommandError(f"plans already stored: {', '.join(existing)} / 计划已存在", returncode=2)
        if not accept:
            self.stdout.write("Not stored: review the table and run again with --accept / 未保存：核对后加 --accept")
            return
        with transaction.atomic():
            n = store_plans(result.plans)
        self.stdout.write(f"stored {len(result.plans)} plans, {n} tasks / 已保存")

    def review(self, result: ParseResult) -> None:
        w = self.stdout.write
        for p in result.plans:
            w(f"== {p['code']}  {p['title']}  (line {p['line']}, year {p['year']}, {p['medium']})")
            w(f"   targets (line {p.get('targets_line', '-')}): {p['targets_text']}")
            w(f"   interpreting department: {p['interpreting_department'] or '?'}")
            w("   task | line | title | roles | deadlines")
            for t in p["tasks"]:
                roles = ", ".join(f"{r['department']}:{r['role']}" for r in t["roles"]) or "-"
                due = "; ".join(f"{d['due']} «{d['quote']}»" for d in t["deadlines"]) or "year end (default)"
                w(f"   {t['number']} | {t['line']} | {t['title']} | {roles} | {due}")
                w(f"      roles from: {t['roles_quote']}")
        for name, where in result.unknown_departments.items():
            places = ", ".join(f"{code} task {n}" if n else f"{code} (interpreting)" for code, n in where)
            w(f"UNKNOWN department name 未知部门: {name}  ({places})")
