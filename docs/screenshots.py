"""Regenerate the README's screenshots (``docs/screenshot-*.png``) from a running platform.

Start the platform with the bundled data first (``make run``, or ``soilgw serve`` after ``load-county-data``),
then::

    .venv/bin/python docs/screenshots.py --password "$(cat var/admin_password.txt)" --point ID

(``ID``: the monitoring point to show, e.g. the Jianghan Plain well J10 from ``/monitoring/``).

Pages are shot in Chinese (locale zh-CN) at 1366×900 with Debian's chromium (``apt-get install chromium
fonts-noto-cjk``), as the browser tests drive it; each PNG is the first screen of its page.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
#: README screenshot name → page path and the element whose drawing means the page is ready.
PAGES = {
    "home": ("/", "main"),
    "map": ("/maps/", ".leaflet-overlay-pane canvas"),  # preferCanvas: the layers draw on one canvas
    "point": ("/monitoring/points/{point}/", ".plot-container"),
    "piper": ("/monitoring/piper/?dataset=dagu", ".plot-container"),
    "dashboard": ("/farmland/safe-utilization/?year=2025", "table"),
}


def main() -> None:
    """Log in as ``--user`` and write one PNG per :data:`PAGES` entry into ``docs/``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", required=True)
    parser.add_argument("--point", type=int, required=True, help="id of the monitoring point to show")
    parser.add_argument("--chromium", default=os.environ.get("SOILGW_CHROMIUM") or shutil.which("chromium"))
    args = parser.parse_args()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
        page.goto(f"{args.url}/accounts/login/")
        page.fill("input[name=username]", args.user)
        page.fill("input[name=password]", args.password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{args.url}/")
        for name, (path, ready) in PAGES.items():
            page.goto(args.url + path.format(point=args.point))
            page.wait_for_selector(ready, state="attached")
            page.wait_for_load_state("networkidle")  # the map's layers and the charts' data
            page.screenshot(path=DOCS / f"screenshot-{name}.png")
            print(f"docs/screenshot-{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
