"""The UI is Chinese by default and every translatable string has its Chinese translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

import soilgw

CATALOGUE = Path(soilgw.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_platform_default_language_is_simplified_chinese():
    assert settings.PLATFORM_LANGUAGE_CODE == "zh-hans"


@pytest.mark.django_db
def test_pages_are_chinese_by_default(client, county, make_user, settings):
    settings.LANGUAGE_CODE = settings.PLATFORM_LANGUAGE_CODE
    client.force_login(make_user("reader", "eeb", "viewer"))
    html = client.get("/").content.decode()
    assert "重点任务" in html and "逾期" in html
    client.cookies["django_language"] = "en"
    assert "Key tasks" in client.get("/").content.decode()


def test_every_catalogue_entry_is_translated():
    untranslated = []
    entries = CATALOGUE.read_text(encoding="utf-8").split("\n\n")[1:]
    for entry in entries:
        if "#, fuzzy" in entry:
            untranslated.append(entry)
            continue
        lines = [line for line in entry.splitlines() if not line.startswith("#")]
        text = "\n".join(lines)
        msgid = text.split("msgstr", 1)[0]
        msgstr = text.split("msgstr", 1)[1] if "msgstr" in text else ""
        if msgstr.strip() in ('""', '[0] ""') or msgstr.strip().endswith('[0] ""'):
            untranslated.append(msgid)
    assert not untranslated, untranslated[:10]
