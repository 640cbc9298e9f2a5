"""Every ``|safe`` and ``mark_safe`` in src/ says why it is safe, and JS never builds HTML from strings.

A use passes when a comment on the same or the previous line gives the reason (``{# safe: … #}`` in a
template, ``# safe: …`` in Python). The test prints the list of uses it found.
"""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
USE = re.compile(r"\|\s*safe\b|mark_safe\s*\(|\{%\s*autoescape\s+off")
REASON = re.compile(r"(#|\{#)\s*safe:\s*\S")
# JS sinks that parse HTML; record text reaches them only through soilgwText (core/static/soilgw/escape.js)
JS_SINK = re.compile(r"\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|"
                     r"bind(Popup|Tooltip)\(\s*[`'\"]|bind(Popup|Tooltip)\([^)]*\+")


def uses() -> list[tuple[Path, int, str, bool]]:
    found = []
    for path in sorted(SRC.rglob("*")):
        if path.suffix not in {".py", ".html", ".txt"} or not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if USE.search(line):
                before = lines[i - 1] if i else ""
                found.append((path.relative_to(SRC), i + 1, line.strip(),
                              bool(REASON.search(line) or REASON.search(before))))
    return found


def test_every_safe_use_is_explained():
    found = uses()
    print(f"|safe / mark_safe uses in src/: {len(found)}")
    for path, line, text, _ in found:
        print(f"  {path}:{line}: {text}")
    unexplained = [f"{p}:{n}: {t}" for p, n, t, ok in found if not ok]
    assert not unexplained, "add a '# safe: why' comment on the same or previous line:\n" + "\n".join(unexplained)


def test_the_audit_sees_a_use_without_reason():
    assert USE.search('{{ x|safe }}') and USE.search("mark_safe(text)") and not USE.search("safety")
    assert REASON.search("{# safe: built by format_html from escaped parts #}") and not REASON.search("# safe")
    old_popup = 'l.bindPopup(\n  `<a href="${f.properties.url}">${f.properties.code}</a>`)'
    assert JS_SINK.search(old_popup) and JS_SINK.search("box.innerHTML = s") and not JS_SINK.search("l.bindPopup(box)")


def test_scripts_build_no_html_from_strings():
    sinks = []
    for path in sorted(SRC.rglob("static/**/*.js")):
        if path.name.endswith(".min.js") or "leaflet" in path.parts or "plotly" in path.parts:
            continue  # vendored libraries
        text = path.read_text(encoding="utf-8")
        for m in JS_SINK.finditer(text):  # over the whole file: a call may span lines
            sinks.append(f"{path.relative_to(SRC)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0).strip()}")
    assert not sinks, "build nodes with soilgwText.el / textContent, or escape with soilgwText.esc:\n" + \
        "\n".join(sinks)
