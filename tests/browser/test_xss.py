"""Stored XSS: record text planted with HTML payloads stays text on the maps, popups, tooltips and charts.

Every free-text field (CharField/TextField without choices) of a monitoring point and a site gets a payload
that would run script or create an element if a page parsed it as HTML; the test opens the pages that show
those records (the network map, point page, Piper, exceedances, site page and the one map with its search list),
opens the map popups/tooltip, and fails on any dialog or any element the payload would create.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.monitoring.conftest import mappings  # noqa: F401  fixture shared with tests/monitoring
from tests.sites.conftest import codes, make_site  # noqa: F401  fixtures shared with tests/sites

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# each payload creates an element marked data-xss if parsed as HTML, and opens a dialog if its handler runs
PAYLOADS = ('<img src=x data-xss onerror=alert(1)>', '"><svg data-xss onload=alert(1)>', "<b data-xss>")


def plant(obj, skip=()) -> list[str]:
    """Write a payload (cut to the field's max_length, ≥ 6 chars) into every free-text field; the names set."""
    from django.db import models

    values = {}
    for i, f in enumerate(obj._meta.concrete_fields):
        if not isinstance(f, (models.CharField, models.TextField)) or f.choices or f.name in skip:
            continue
        if f.max_length and f.max_length < 12:
            continue
        text = PAYLOADS[i % len(PAYLOADS)] + f"#{i}"
        values[f.name] = text[-f.max_length:] if f.max_length and len(text) > f.max_length else text
    type(obj).objects.filter(pk=obj.pk).update(**values)
    return sorted(values)


def assert_clean(page, dialogs, where):
    assert not dialogs, f"dialog opened on {where}: {dialogs}"
    assert page.locator("[data-xss]").count() == 0, f"payload became an element on {where}"


def test_payloads_stay_text(page, live_server, login, county, make_user, mappings, make_site):  # noqa: F811
    from soilgw.monitoring.models import MonitoringPoint

    make_user("xss-editor", "eeb", "editor")
    point = MonitoringPoint.objects.create(code="XSS-01", kind="groundwater_well", target_class="III",
                                           crs="EPSG:4326", x=111.57, y=35.49, lon=111.57, lat=35.49)
    site = make_site("XSS-S1")
    point_fields, site_fields = plant(point, skip=("crs",)), plant(site)
    assert {"code", "name", "dataset"} <= set(point_fields) and {"name", "parcel_code"} <= set(site_fields)
    point.refresh_from_db()
    site.refresh_from_db()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login("xss-editor", "pw-xss-editor")
    opened = 0

    page.goto(f"{live_server.url}/monitoring/")
    page.wait_for_selector("#network-map[data-count='1']")
    box = page.locator("#network-map").bounding_box()
    page.wait_for_timeout(500)  # fitBounds settles
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the one point sits mid-map
    page.wait_for_selector(".leaflet-popup-content")
    assert point.code in page.locator(".leaflet-popup-content").inner_text()
    assert_clean(page, dialogs, "/monitoring/")
    opened += 1

    page.goto(f"{live_server.url}/monitoring/?dataset={quote(point.dataset)}")
    page.wait_for_selector("#network-map[data-count]")
    assert_clean(page, dialogs, "/monitoring/?dataset=")
    opened += 1

    for url in (f"/monitoring/points/{point.pk}/", "/monitoring/piper/", "/monitoring/exceedances/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert_clean(page, dialogs, url)
        opened += 1

    page.goto(f"{live_server.url}/sites/sites/{site.pk}/")
    page.wait_for_selector("#site-map .leaflet-interactive")
    page.locator("#site-map .leaflet-interactive").first.hover(force=True)
    page.wait_for_selector(".leaflet-tooltip")
    assert site.name in page.locator(".leaflet-tooltip").inner_text()
    assert_clean(page, dialogs, "/sites/sites/N/")
    opened += 1

    # the one map: every layer's popup and the search list are built from the same fields
    page.goto(f"{live_server.url}/maps/")
    page.wait_for_selector("#one-map[data-loaded]")
    page.fill("#map-search", "xss")
    page.wait_for_selector("#map-search-results li a")
    assert page.locator("#map-search-results li").count() >= 2  # the point and the site
    page.locator("#map-search-results li a").first.click()
    page.wait_for_selector(".leaflet-popup-content")
    assert_clean(page, dialogs, "/maps/ (search and popup)")
    opened += 1
    print(f"payload fields planted: {len(point_fields) + len(site_fields)}, pages opened: {opened}")
