"""A site walks the whole lifecycle in the browser: created, investigated, assessed, entered on the register
(where the land-action check blocks residential supply), remediated, evaluated, removed, post-managed."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_site_walks_the_whole_lifecycle(page, live_server, login, county, make_user):
    from soilgw.enforcement.models import Expert, Practitioner
    from soilgw.enterprises.loaders import sample_code
    from soilgw.sites.loaders import load_land_use_codes
    from soilgw.sites.models import Site

    load_land_use_codes()
    consultant = Practitioner.objects.create(name="示例调查公司", credit_code=sample_code(950), kind="investigation")
    experts = [Expert.objects.create(name=f"专家{i}", field="soil", organisation="示例大学") for i in (1, 2)]
    make_user("site-officer", "eeb", "editor")
    login("site-officer", "pw-site-officer")

    page.goto(f"{live_server.url}/sites/sites/new/")
    page.fill("input[name=parcel_code]", "JX-LC-01")
    page.fill("input[name=name]", "示例化工厂旧址")
    page.select_option("select[name=source]", "vacated")
    page.select_option("select[name=current_use]", label="M2 二类工业用地")
    page.select_option("select[name=planned_use]", label="R2 二类居住用地")
    page.fill("textarea[name=geometry]", '{"type": "Polygon", "coordinates": [[[111.60, 35.48], [111.601, 35.48], '
                                         '[111.601, 35.481], [111.60, 35.481], [111.60, 35.48]]]}')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#lifecycle")
    page.wait_for_selector("#site-map path.leaflet-interactive")  # the site drawn from /api/sites/geojson/
    site = Site.objects.get(parcel_code="JX-LC-01")
    assert site.area_m2 == pytest.approx(90.7 * 111.1, rel=0.02)  # 0.001° × 0.001° at 35.48°N

    def record(stage, start, conclusion="", refused=False):
        page.click("a[href$='/record-stage/']")
        page.select_option("select[name=stage]", stage)
        page.fill("input[name=started_on]", start)
        page.fill("input[name=completed_on]", start[:8] + "20")
        page.fill("input[name=report_title]", f"{stage} 报告")
        page.select_option("select[name=practitioner]", str(consultant.pk))
        page.select_option("select[name=experts]", [str(e.pk) for e in experts])
        page.select_option("select[name=review]", "accepted")
        page.fill("input[name=reviewed_on]", start[:8] + "25")
        page.select_option("select[name=conclusion]", conclusion)
        page.click("main form button.primary")
        page.wait_for_load_state()
        if not refused and page.locator("#lifecycle").count() == 0:
            raise AssertionError(page.locator("main").inner_text()[:3000])
        page.wait_for_selector(".errorlist" if refused else "#lifecycle")

    def decide(step, fields):
        page.click(f"a[href$='/{step}/']")
        for name, value in fields.items():
            page.fill(f"[name={name}]", value)
        page.click("main form button.primary")
        page.wait_for_selector("#lifecycle")

    record("detailed_investigation", "2023-01-01", refused=True)  # skipping the preliminary investigation
    page.goto(f"{live_server.url}{site.get_absolute_url()}")
    record("preliminary_investigation", "2023-01-01", "investigate")
    assert "初步调查" in page.locator("#current-stage").inner_text() or "Preliminary" in page.locator(
        "#current-stage").inner_text()
    record("detailed_investigation", "2023-02-01", "investigate")
    record("risk_assessment", "2023-03-01", "unacceptable")
    decide("enter-register", {"entered_on": "2023-04-01", "entry_basis": "风险不可接受", "entry_document": "示例〔2023〕1号"})
    site.refresh_from_db()
    assert site.stage == "on_register"

    # the gate on the site page: residential supply of a register site is blocked by R1
    page.select_option("#gate select[name=action]", "supply")
    page.fill("#gate input[name=proposed_use]", "R2")
    page.click("#gate button.primary")
    page.wait_for_selector("#answer")
    assert "R1" in page.locator("#answer").inner_text()
    page.goto(f"{live_server.url}{site.get_absolute_url()}")

    record("control_remediation", "2023-05-01")
    record("effectiveness_evaluation", "2023-07-01", "targets_met")
    decide("exit-register", {"exited_on": "2023-08-01", "exit_basis": "达到修复目标"})
    record("post_management", "2023-09-01")
    site.refresh_from_db()
    assert site.stage == "post_management" and site.register_entries.get().exited_on is not None
    assert page.locator("#stage-records tbody tr").count() == 8
    assert "示例调查公司" in page.locator("#stage-records").inner_text()
