"""The 示例 sample data: every stage, one site on the register, manifests balanced and not, a violation."""

from __future__ import annotations

import pytest

from soilgw.sites import gates, reconcile, supply
from soilgw.sites.choices import Stage
from soilgw.sites.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples(county, codes):
    from soilgw.enforcement.loaders import load_sample_enforcement
    from soilgw.sites.samples import load_sample_sites

    load_sample_enforcement()
    load_sample_sites()
    assert load_sample_sites() == "sample sites already loaded"


def test_every_stage_and_one_on_the_register(samples):
    assert set(Site.objects.values_list("stage", flat=True)) == set(Stage.values)
    on_register = [s for s in Site.objects.all() if s.open_register_entry()]
    assert on_register and all(s.is_sample for s in Site.objects.all())


def test_register_site_blocked_and_neighbour_warned(samples):
    site = Site.objects.get(stage=Stage.ON_REGISTER)
    assert "R1" in {r["rule"] for r in gates.check(site, "supply", "R2").reasons}
    near = Site.objects.get(parcel_code="示例-JX-010")
    assert "W1" in {w["rule"] for w in gates.check(near, "use_change", "R2").warnings}


def test_reconciliation_flags_the_unbalanced_manifest(samples):
    site = Site.objects.get(stage=Stage.CONTROL)
    rec = reconcile.reconcile(site.pk)
    flags = {ln.manifest.number: ln.unbalanced for ln in rec.lines if ln.manifest.arrived_on}
    assert flags == {"示例-LD-001": False, "示例-LD-002": True}  # 29.6 of 30 t (1.3 %); 26.0 of 30 t (13 %)


def test_supply_records_include_a_violation(samples):
    found = supply.violations()
    kinds = {(v.record.name, v.kind) for v in found if v.resolved_on is None}
    assert ("示例焦化厂地块住宅出让", "sensitive_without_steps") in kinds
    assert ("示例中学划拨", "sensitive_without_steps") not in kinds
