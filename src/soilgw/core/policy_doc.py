"""Render the policy (``core.policy``) as ``docs/permissions.md``, in Chinese and English, for a bureau
administrator. ``python -m soilgw.core.policy_doc > docs/permissions.md`` (tests/core/test_policy_doc.py
checks the file is current)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.utils import translation

from .choices import Role
from .policy import RULES, Rule

HEADER = {
    "zh-hans": ("权限策略表", "记录类型", "可新增/编辑的部门（编辑员及以上）", "按记录确定的部门", "删除所需角色",
                "外部账户（企业/从业单位）", "外部账户不得修改的字段", "只能经审批流程修改的字段", "工作流步骤（限定部门）"),
    "en": ("Permission policy", "Record", "Departments that create and edit (editor or higher)",
           "Department taken from the record", "Role needed to delete", "External account (enterprise, consultant)",
           "Fields an external account may not set", "Fields changed only through their workflow",
           "Workflow steps (restricted)"),
}
INTRO = {
    "zh-hans": "本表由 `soilgw.core.policy` 自动生成，是平台唯一的权限规则：页面、接口、导入和管理后台都按它判断。"
               "超级用户不受限制；未列出的部门只能查看。新建记录时同样检查：记录必须落在本人部门（或本人机构）范围内。",
    "en": "Generated from `soilgw.core.policy`, the platform's one permission rule: pages, API, imports and the "
          "admin all decide by it. Superusers are unrestricted; departments not listed may only read. A new "
          "record is checked the same way: it must fall within the user's own departments (or organisation).",
}
PATH = {"zh-hans": "（路径：{}）", "en": " (path: {})"}
YES_NO = {"zh-hans": ("可在本机构范围内提交", "不可"), "en": ("may submit within its own scope", "no")}


def _departments() -> dict[str, dict]:
    data = yaml.safe_load((Path(__file__).parent / "data" / "departments.yaml").read_text(encoding="utf-8"))
    return {d["code"]: d for d in data["departments"]}


def _names(codes, lang: str, depts: dict) -> str:
    key = "name" if lang == "zh-hans" else "name_en"
    return "、".join(str(depts.get(c, {}).get(key) or c) for c in codes) or "—"


def _label(model, name: str) -> str:
    f = model._meta.get_field(name)
    return str(getattr(f, "verbose_name", None) or f.related_model._meta.verbose_name_plural)


def _where(filters: dict | None) -> str:
    """A via path's filter as ``; lookup=value、value`` (e.g. only the lead and joint task roles)."""
    if not filters:
        return ""
    return "".join(f"; {k}=" + "、".join(map(str, v if isinstance(v, (list, tuple)) else [v]))
                   for k, v in filters.items())


def _row(label: str, model, rule: Rule, lang: str, depts: dict) -> str:
    fields = lambda names: "、".join(_label(model, n) for n in names) or "—"  # noqa: E731
    via = "、".join(_label(model, p.split("__")[0]) + PATH[lang].format(p) for p in rule.via) or "—"
    create = _names(rule.departments, lang, depts)
    if rule.create is not None:
        create += f"；新增：{_names(rule.create, lang, depts)}" if lang == "zh-hans" else \
            f"; create: {_names(rule.create, lang, depts)}"
    locked = "；".join(f"{_label(model, n)}：{reason}" for n, reason in rule.locked.items()) or "—"
    steps = "；".join(f"{name} → {_names(s.departments, lang, depts)}"
                     + ("".join(PATH[lang].format(v + _where(s.via_where.get(v))) for v in s.via))
                     + (" ⚇" if s.four_eyes else "")
                     for name, s in rule.steps.items()) or "—"
    cells = [f"{model._meta.verbose_name} (`{label}`)", create, via, str(Role(rule.delete_role).label),
             YES_NO[lang][0] if rule.external else YES_NO[lang][1], fields(rule.owner_locked), locked, steps]
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def render() -> str:
    """The whole document (Chinese table, then English)."""
    from django.apps import apps

    depts = _departments()
    out: list[str] = []
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            title, *cols = HEADER[lang]
            out += [f"## {title}", "", INTRO[lang], "", "| " + " | ".join(cols) + " |",
                    "|" + "---|" * len(cols)]
            for label in sorted(RULES):
                if label.startswith("testapp."):
                    continue
                model = apps.get_model(label)
                out.append(_row(label, model, RULES[label], lang, depts))
            out.append("")
    return "# 权限 / Permissions\n\n" + "\n".join(out)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soilgw.settings")
    django.setup()
    print(render(), end="")
