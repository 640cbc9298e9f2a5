"""At 390 × 844 (a phone): the menu folds behind its button and no page is wider than the screen."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/plans/tasks/", "/monitoring/exceedances/", "/enterprises/enterprises/", "/imports/"]


def test_phone_menu_folds_and_pages_fit_the_screen(browser, live_server, county, make_user):
    make_user("phone-officer", "eeb", "editor")
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "phone-officer")
        page.fill("input[name=password]", "pw-phone-officer")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        nav, toggle = page.locator("#mainnav"), page.locator(".navtoggle")
        assert toggle.is_visible() and not nav.is_visible()
        toggle.click()
        assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
        for path in PAGES:
            page.goto(f"{live_server.url}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)  # wide tables scroll inside themselves
    finally:
        context.close()
