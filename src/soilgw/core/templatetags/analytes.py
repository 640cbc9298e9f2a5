"""``{{ code|analyte_name }}``: an analyte code as a reader names it (the catalogue's Chinese or English name).

Codes stay the values of forms, links and exports; pages show names. ``deciding_analytes`` style lists
(``"cd、pb"`` or ``"cd, pb"``) are named item by item.
"""

import re

from django import template
from django.utils.translation import get_language

from soilgw.standards.analytes import lookup

register = template.Library()


def _one(code: str) -> str:
    try:
        a = lookup(code)
    except (KeyError, ValueError):
        return code
    return a.name_zh if (get_language() or "zh").startswith("zh") else a.name_en


@register.filter
def analyte_name(codes) -> str:
    """The name of an analyte code, or of each code in a ``、``/``,``-separated list; unknown codes unchanged."""
    text = "" if codes is None else str(codes)
    parts = [p for p in re.split(r"\s*[、,;]\s*", text) if p]
    return "、".join(_one(p) for p in parts) if len(parts) > 1 else _one(text.strip()) if text.strip() else ""
