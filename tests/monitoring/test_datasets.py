"""Every shipped dataset loads with the row counts its README gives, labelled with its origin, twice safely."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from django.conf import settings
from django.db.models import Count, Sum

from soilgw.core.models import ImportBatch
from soilgw.monitoring import loaders
from soilgw.monitoring.models import MonitoringPoint, Result, Sample, WaterLevel

pytestmark = pytest.mark.django_db


def _load_all():
    loaders.load_mappings()
    for load in (loaders.load_basel, loaders.load_hydrochem, loaders.load_gwsdat, loaders.load_soil,
                 loaders.load_censored):
        load()


def _set_aside(dataset: str, analyte: str | None = None) -> dict[str, int]:
    """Rows the loader set aside per reason (of one analyte as written, or all)."""
    report = ImportBatch.objects.get(kind="lab_results", options__dataset=dataset).report.get("set_aside", {})
    return {reason: (counts.get(analyte, 0) if analyte else sum(counts.values())) for reason, counts in report.items()}


def test_row_counts_match_the_readmes():
    _load_all()
    results = dict(Result.objects.values_list("point__dataset").annotate(n=Count("id")))
    samples = dict(Sample.objects.values_list("point__dataset").annotate(n=Count("id")))
    points = dict(MonitoringPoint.objects.values_list("dataset").annotate(n=Count("id")))
    # basel_groundwater_quality/README.md: 144,047 rows, 70 wells, 1295 samples. Set aside by the loader (a
    # non-detect's limit must be positive; neither stored as 0 nor stopping the load): 185 rows "<0.000" and 25
    # "<0.00" (quant_limit 0), and 2 rows Sohlentiefe "<-20.00" m (quant_limit -100)
    values = pd.read_csv(Path(settings.DATA_DIR) / "basel_groundwater_quality" / "gw_quality_results.csv",
                         dtype=str, keep_default_na=False)["value_reported"].value_counts()
    assert (values["<0.000"], values["<0.00"], values["<-20.00"]) == (185, 25, 2)
    basel_aside = _set_aside("basel")
    assert basel_aside == {"non_detect_limit_not_positive": 212}
    assert _set_aside("basel", "Sohlentiefe") == {"non_detect_limit_not_positive": 2}
    assert results["basel"] == 144_047 - 210 - 2
    assert samples["basel"] == 1295
    assert Result.objects.filter(point__dataset="basel").values("point").distinct().count() == 70
    # basel_groundwater_levels/README.md: 667,228 daily values at 76 stations (stored as weekly means)
    basel_levels = WaterLevel.objects.filter(point__dataset="basel")
    assert basel_levels.aggregate(n=Sum("n_values"))["n"] == 667_228
    assert basel_levels.values("point").distinct().count() == 76
    assert set(basel_levels.values_list("aggregation", flat=True).distinct()) == {"weekly_mean"}
    # china_groundwater_hydrochem/README.md: Dagu 378 rows / 19 wells; Jianghan 1184 rows / 29 wells
    assert (samples["dagu"], points["dagu"]) == (378, 19)
    assert (samples["jianghan"], points["jianghan"]) == (1184, 29)
    assert MonitoringPoint.objects.filter(dataset="jianghan", lon__isnull=False).count() == 0  # CRS not stated
    # Jianghan non-detects written n.d. without a detection limit: NH4 335, Fe 35, SO4 14, F 8 (README); a
    # non-detect needs its limit, so the loader sets them aside and counts them instead of storing a bare "<"
    jh = ImportBatch.objects.get(kind="lab_results", options__dataset="jianghan").report["set_aside"]
    assert jh == {"non_detect_without_limit": {"NH4": 335, "Fe": 35, "SO4": 14, "F": 8}}
    assert not Result.objects.filter(point__dataset="jianghan", qualifier="<").exists()
    # gwsdat_examples/README.md: WellData 520 and 1844 rows (results + GW levels); 166 and 615 ND<x
    for ds, rows, nds in (("gwsdat_basic", 520, 166), ("gwsdat_comprehensive", 1844, 615)):
        levels = WaterLevel.objects.filter(point__dataset=ds).count()
        assert results[ds] + levels == rows
        assert Result.objects.filter(point__dataset=ds, qualifier="<").count() == nds
    assert MonitoringPoint.objects.filter(dataset="gwsdat_comprehensive", x__isnull=False).count() == 32
    assert MonitoringPoint.objects.filter(dataset__startswith="gwsdat", lon__isnull=False).count() == 0  # site grid
    # soil surveys: Hunan 136 sites, Sinú 100 rows at 25 locations, Jura 259, Meuse 164, TcCB 124 samples
    assert points["hunan_cropland"] == 136
    assert Sample.objects.filter(point__dataset="hunan_cropland", medium="soil").count() == 136
    assert (samples["sinu"], points["sinu"]) == (100, 25)
    assert (samples["jura"], points["jura"]) == (259, 259)
    assert (samples["meuse"], points["meuse"]) == (164, 164)
    assert samples["tccb"] == 124
    assert Result.objects.filter(point__dataset="tccb", qualifier="<").count() == 1  # one ND (README)
    # censored_water_quality/README.md: Skagit 387 monthly values; Millard & Deverel 118 rows; ACE 20 rows at 10 wells;
    # the non-detects are the rows the files mark censored
    censored = Path(settings.DATA_DIR) / "censored_water_quality"
    skagit = pd.read_csv(censored / "Skagit.NH3_N.df.csv")
    assert results["skagit"] == 387
    assert Result.objects.filter(point__dataset="skagit", qualifier="<").count() == int(skagit["Censored"].sum())
    md = pd.read_csv(censored / "Millard.Deverel.88.df.csv")
    assert samples["millard_deverel"] == 118
    assert Result.objects.filter(point__dataset="millard_deverel", analyte="cu", qualifier="<").count() == int(
        md["Cu.censored"].sum())
    assert (results["ace_tce"], points["ace_tce"]) == (20, 10)
    # every point says where it comes from, and none is Jiang County's
    assert not MonitoringPoint.objects.filter(origin="").exists()
    assert MonitoringPoint.objects.exclude(origin__contains="not Jiang County").count() == 0
    # loading again adds nothing
    before = (Result.objects.count(), WaterLevel.objects.count(), MonitoringPoint.objects.count())
    _load_all()
    assert (Result.objects.count(), WaterLevel.objects.count(), MonitoringPoint.objects.count()) == before
