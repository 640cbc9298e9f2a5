"""What a Chinese-UI reader sees on a page, and what in it is not Chinese: raw codes, English sentences, True/False.

Used by the crawl test (every page of the site in zh-hans) and runnable on a live server:
``python -m tests.visible_text BASE_URL USER PASSWORD`` prints each page's findings.

Not checked: ``<script>``/``<style>``, attributes (tooltips carry codes on purpose), and elements marked
``translate="no"`` (HTML's own mark for text that stays as written: record codes, formulas, file names).
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

#: snake_case identifiers (``ammonia_n``, ``worse_than_V``) — a code where a name belongs.
SNAKE = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w/.-])")  # not record codes like F_0148
PY_LITERALS = re.compile(r"\b(True|False|None|nan|NaN)\b")
#: Three or more English words in a row: a sentence or label that skipped translation.
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z]+(?:[ ,'-]+[A-Za-z][a-z]+){2,}\b")
#: Written as is in Chinese text too: units, standards, formats, product and library names.
ALLOWED = re.compile(
    r"mg/kg|mg/L|μg/L|ug/L|mg/m3|mS/m|μS/cm|NTU|CFU|MPN|\bpH\b|"
    r"\b(?:GB|GB/T|HJ|HJ/T|DB\d*|CJ|SL)\s*[\d.]+(?:-\d{4})?|"
    r"\b(?:SoilGW|GPL-3\.0-or-later|Excel|Word|PDF|CSV|XLSX|GeoJSON|GeoPackage|KML|Shapefile|API|OpenAPI|"
    r"Mann-Kendall|Sen|Kendall|Piper|ProUCL|GWSDAT|EQuIS|ESdat|RSL|UCL|KM|ROS|IDW|CGCS2000|WGS84|EPSG:\d+)\b"
)


def visible_text(page: str) -> str:
    """The text a reader sees in an HTML document ``page`` (scripts, styles and ``translate="no"`` dropped)."""
    doc = lxml_html.fromstring(page)
    for el in doc.xpath("//script|//style|//noscript|//template|//*[@translate='no']|//head"):
        el.drop_tree()
    return re.sub(r"\s+", " ", " ".join(doc.itertext())).strip()  # cells and items apart, as a reader sees them


def findings(text: str) -> list[str]:
    """What in ``text`` is not Chinese: snake_case codes, Python literals, English runs (allow-list removed)."""
    text = ALLOWED.sub(" ", text)
    found = [f"code {m}" for m in SNAKE.findall(text)]
    found += [f"literal {m}" for m in PY_LITERALS.findall(text)]
    found += [f"English {m.group(0)!r}" for m in ENGLISH_RUN.finditer(PY_LITERALS.sub(" ", SNAKE.sub(" ", text)))]
    return sorted(set(found))


if __name__ == "__main__":  # a crawl of a live server, for looking
    import sys
    from urllib.parse import urljoin, urlsplit

    import requests

    base, user, password = sys.argv[1:4]
    s = requests.Session()
    s.headers["Accept-Language"] = "zh-hans"
    s.get(base + "/accounts/login/")
    s.post(base + "/accounts/login/", data={"username": user, "password": password,
                                             "csrfmiddlewaretoken": s.cookies["csrftoken"]},
           headers={"Referer": base + "/accounts/login/"})
    seen, queue, shapes = set(), ["/"], {}
    while queue and len(seen) < int(sys.argv[4] if len(sys.argv) > 4 else 400):
        path = queue.pop(0)
        shape = re.sub(r"\d+", "N", urlsplit(path).path)
        if path in seen or shapes.get(shape, 0) >= 2:
            continue
        seen.add(path)
        shapes[shape] = shapes.get(shape, 0) + 1
        r = s.get(base + path)
        if "html" not in r.headers.get("Content-Type", ""):
            continue
        doc = lxml_html.fromstring(r.text)
        for href in doc.xpath("//a/@href"):
            u = urlsplit(urljoin(base + path, href))
            if u.netloc == urlsplit(base).netloc and not re.search(r"logout|/admin/|/api/|export|download|\.xlsx|"
                                                                   r"template|/i18n/|/files/", u.path):
                queue.append(u.path + (f"?{u.query}" if u.query else ""))
        bad = findings(visible_text(r.text))
        if bad:
            print(f"{path} [{r.status_code}]: {'; '.join(bad[:12])}{' …' if len(bad) > 12 else ''}")
