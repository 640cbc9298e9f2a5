"""The bundled sample units over the real soil surveys: classified from the real points, with their rule set
and the recorded pH assumption where the survey has no pH."""

from __future__ import annotations

import pytest

from soilgw.farmland.models import ClassificationRun, FarmlandUnit

pytestmark = pytest.mark.django_db


def test_sample_units_classified_from_real_points(county):
    from soilgw.enterprises.loaders import load_sample_registry
    from soilgw.farmland.loaders import load_farmland
    from soilgw.monitoring.loaders import load_mappings, load_soil

    load_mappings()
    load_soil()
    load_sample_registry()
    load_farmland()
    units = FarmlandUnit.objects.all()
    assert set(units.values_list("dataset", flat=True)) == {"hunan_cropland", "sinu", "jura", "meuse"}
    assert not units.filter(category="").exists() and units.filter(is_sample=True).count() == units.count()
    hunan = ClassificationRun.objects.get(dataset="hunan_cropland")
    assert hunan.rule_set_id == "example_crop_adjust" and hunan.assumed_ph is None
    meuse = ClassificationRun.objects.get(dataset="meuse")
    assert meuse.assumed_ph == 5.5 and "assumed" in meuse.assumption
    # units without a point were estimated by kriging, with LOO cross-validation stored per element
    rec = meuse.interpolation["columns"]["cd"]
    cv = rec["cross_validation"]
    # the guarded entry's account: method actually used, rules and warnings, every candidate model's verdict
    assert rec["method"] in {"ordinary_kriging", "idw"} and rec["duplicate_rule"] == "mean"
    assert isinstance(rec["warnings"], list)
    if rec["method"] == "ordinary_kriging":
        assert set(rec["variogram"]["candidates"]) == {"spherical", "exponential", "gaussian"}
    assert len(cv["observed"]) == len(cv["predicted"]) > 100
    err = [p - o for o, p in zip(cv["observed"], cv["predicted"], strict=True)]
    assert cv["mean_error"] == pytest.approx(sum(err) / len(err), abs=1e-9)
    assert cv["rmse"] == pytest.approx((sum(e * e for e in err) / len(err)) ** 0.5, abs=1e-9)
    u = units.filter(dataset="sinu").first()
    assert (u.rule_set_id, u.rule_set_version) == ("soilgw_worst", "1")
    n = units.count()
    load_farmland()  # idempotent
    assert FarmlandUnit.objects.count() == n and ClassificationRun.objects.count() == 4
