"""``{{ text|in_language }}``: the part of a bilingual ``中文 / English`` text for the page's language.

Rule titles, plan deadlines and import messages are written once in both languages, Chinese first, joined by
`` / `` (the platform's convention for text kept in data files and reports); a page shows one of them.
"""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def in_language(text) -> str:
    """Chinese part in the Chinese UI, English part otherwise; text without `` / `` unchanged."""
    text = "" if text is None else str(text)
    zh, sep, en = text.partition(" / ")
    if not sep:
        return text
    return zh if (get_language() or "zh").startswith("zh") else en
