"""The 示例 sample records: every model has some, each passes its model's checks, loading twice changes nothing."""

from __future__ import annotations

import pytest

from soilgw.enforcement.loaders import load_sample_enforcement
from soilgw.enforcement.models import Case
from soilgw.enforcement.registries import REGISTRIES
from soilgw.plans.models import Obligation

pytestmark = pytest.mark.django_db


def test_every_model_has_valid_samples_and_loading_is_idempotent(county, eeb_editor, client):
    from soilgw.enterprises.loaders import load_sample_registry

    load_sample_registry()
    load_sample_enforcement()
    counts = {c.model: c.model.objects.count() for c in REGISTRIES}
    assert all(counts.values()), counts
    for config in REGISTRIES:
        for obj in config.model.objects.all():
            obj.full_clean()
    load_sample_enforcement()
    case = Case.objects.get(lead__code="示例-XS-001")
    assert case.enterprise is not None and case.enterprise.is_sample  # linked to a sample enterprise
    assert Obligation.objects.filter(rule_id="joint-meeting-follow-up").count() == 3
    assert counts == {c.model: c.model.objects.count() for c in REGISTRIES}
    client.force_login(eeb_editor)
    index = client.get("/enforcement/").content.decode()
    assert "/enforcement/leads/" in index and "/enforcement/accountability/" in index
    for config in REGISTRIES:  # every list page shows its samples
        html = client.get(f"/enforcement/{config.slug}/").content.decode()
        assert "示例" in html, config.slug
