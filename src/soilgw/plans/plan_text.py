"""Parse a county action plan written in the usual form into the structure of ``plans/data/*.yaml``.

Pure Python (no Django): :func:`parse_plans` reads the text, ``departments`` maps every known name or alias
to a department code. The usual form, as in the 2023 Jiang County plans:

- a plan starts at a line ending in 行动计划 (its title, with the year and 土壤/地下水 for the medium);
- 一、工作目标 is followed by the targets paragraph; （一）… lines are sections; ``N.`` / ``N．`` / ``N、``
  lines are tasks (numbers as printed, gaps kept); the task title is its first sentence;
- the closing parentheses name the departments: ``A负责`` or ``A牵头`` → lead, ``A、B按职责分工负责`` →
  joint, ``B、C等配合`` → cooperating; 乡镇人民政府 are the implementing townships (every task, added by the
  loader); ``以下均需…不再列出`` is that standing clause;
- a deadline is a date followed by 前 (``2023年底前``, ``2023年6月底前``, ``2023年6月30日前``), quoted with
  its clause (the clause holding the date, its subject included, up to the next comma or full stop; when
  the date ends its clause, the next clause too); a task without one gets the year's end
  (``deadline_default``); ``…年起`` is a start, not a deadline;
- ``本行动计划由X负责解读`` names the interpreting department.

Every task keeps ``line`` (its line in the file) and ``roles_quote`` (the parentheses) so each field can
be traced to its sentence. Names not in ``departments`` are returned in ``ParseResult.unknown_departments``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

TASK_RE = re.compile(r"^(\d{1,2})[.．、](.+)$")
SECTION_RE = re.compile(r"^（[一二三四五六七八九十]+）\S+$")
HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、(\S+)$")
TITLE_RE = re.compile(r"^\S*?(\d{4})年?\S*行动计划$")
ROLES_RE = re.compile(r"（([^（）]*)）$")
DATE_RE = re.compile(r"(\d{4})年(?:(\d{1,2})月)?(?:(\d{1,2})日|底|末)?前")
INTERPRET_RE = re.compile(r"^本行动计划由(.+?)负责解读。?$")
STANDING_RE = re.compile(r"以下均需.*?不再列出")
TOWNSHIP_RE = re.compile(r"^各?乡镇人民政府")
MEDIA = (("地下水", "groundwater"), ("土壤", "soil"))
ROLE_SUFFIXES = (("按职责分工负责", "joint"), ("牵头", "lead"), ("负责", "lead"), ("配合", "cooperating"))


class PlanTextError(ValueError):
    """The text is not in the usual form; the message names the line and the reason."""


@dataclass
class ParseResult:
    """``plans``: dicts shaped like the curated YAML; ``unknown_departments``: {name: [(plan, task)]}."""

    plans: list[dict]
    unknown_departments: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def due_date(match: re.Match) -> str:
    """ISO date of a DATE_RE match: 年底前 → 31 Dec, M月底前 → last day of M, M月D日前 → that day."""
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if month is None:
        return f"{year}-12-31"
    m = int(month)
    d = int(day) if day else calendar.monthrange(year, m)[1]
    return f"{year}-{m:02d}-{d:02d}"


def deadlines(text: str) -> list[dict]:
    """Every dated deadline of a task text: ``[{"due", "what", "quote"}]`` (``what`` is the quote)."""
    out = []
    for m in DATE_RE.finditer(text):
        start = max(text.rfind(p, 0, m.start()) for p in "，。；（") + 1
        while text[start] in "并且和":  # a joining word is not part of the clause
            start += 1
        end = _clause_end(text, m.end())
        if end == m.end() and text[end:end + 1] == "，":  # the date ends its clause: take the next one too
            end = _clause_end(text, end + 1)
        quote = text[start:end]
        out.append({"due": due_date(m), "what": quote, "quote": quote})
    return out


def _clause_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(p, pos) for p in "，。；（") if i >= 0]
    return min(ends) if ends else len(text)


def _names(part: str) -> list[str]:
    part = re.sub(r"等$", "", part)
    return [n for n in re.split(r"[、，,]", part) if n]


def roles(paren: str, departments: dict[str, str]) -> tuple[list[dict], list[str], bool]:
    """Roles of the closing parentheses → (``[{"department", "role"}]``, unknown names, townships named)."""
    body = STANDING_RE.sub("", paren).rstrip("。，")
    out, unknown, towns = [], [], False
    for clause in re.split(r"[，。；]", body):
        if not clause:
            continue
        if TOWNSHIP_RE.match(clause):
            towns = True
            continue
        suffix, role = next(((s, r) for s, r in ROLE_SUFFIXES if clause.endswith(s)), (None, None))
        if suffix is None:
            raise PlanTextError(f"no role word (负责/牵头/配合/按职责分工负责) in 「{clause}」")
        names = _names(clause[: -len(suffix)])
        for name in names:
            if TOWNSHIP_RE.match(name):
                towns = True
            elif name in departments:
                out.append({"department": departments[name], "role": role})
            else:
                unknown.append(name)
    return out, unknown, towns


def parse_plans(text: str, departments: dict[str, str], *, prefix: str, source: str = "") -> ParseResult:
    """Parse every plan of ``text``; see the module docstring for the form.

    Parameters
    ----------
    text : str
        The plan text (one or more plans).
    departments : dict
        Department name or alias → department code.
    prefix : str
        Start of each plan code: ``{prefix}-{year}-{medium}`` (e.g. ``jiang`` → ``jiang-2023-soil``).
    source : str
        File name recorded as the plans' source.

    Raises
    ------
    PlanTextError
        Text outside the usual form, with its line number.
    """
    result = ParseResult(plans=[])
    plan = None
    heading = section = ""
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        title = TITLE_RE.match(line)
        if title and not TASK_RE.match(line):
            medium = next((m for word, m in MEDIA if word in line), None)
            if medium is None:
                raise PlanTextError(f"line {no}: plan title names neither 土壤 nor 地下水: {line}")
            year = int(title.group(1))
            plan = {"code": f"{prefix}-{year}-{medium}", "title": line, "year": year, "medium": medium,
                    "targets_text": "", "tasks": [], "interpreting_department": "", "source": source,
                    "targets": [], "line": no}
            result.plans.append(plan)
            heading = section = ""
            continue
        if plan is None:
            continue
        if m := HEADING_RE.match(line):
            heading = m.group(1)
        elif SECTION_RE.match(line):
            section = line
        elif m := INTERPRET_RE.match(line):
            code = departments.get(m.group(1))
            if code is None:
                result.unknown_departments.setdefault(m.group(1), []).append((plan["code"], 0))
            plan["interpreting_department"] = code or ""
        elif heading == "工作目标" and not plan["targets_text"]:
            plan["targets_text"], plan["targets_line"] = line, no
        elif heading == "重点任务" and (m := TASK_RE.match(line)):
            plan["tasks"].append(_task(int(m.group(1)), m.group(2), section, no, plan, departments, result))
    if not result.plans:
        raise PlanTextError("no plan title (a line ending in 行动计划) found")
    return result


def _task(number, text, section, no, plan, departments, result) -> dict:
    paren = ROLES_RE.search(text)
    if paren is None:
        raise PlanTextError(f"line {no}: task {number} has no closing parentheses naming its departments")
    try:
        found, unknown, _towns = roles(paren.group(1), departments)
    except PlanTextError as exc:
        raise PlanTextError(f"line {no}: task {number}: {exc}") from None
    for name in unknown:
        result.unknown_departments.setdefault(name, []).append((plan["code"], number))
    dated = deadlines(text)
    task = {"number": number, "section": section, "title": text.split("。", 1)[0], "text": text,
            "roles": found, "deadlines": dated, "line": no, "roles_quote": paren.group(0)}
    if not dated:
        task["deadline_default"] = True
    return task
