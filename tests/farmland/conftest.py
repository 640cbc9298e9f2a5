"""Fixtures of the farmland tests: units as exact squares in EPSG:4546 inside Jiang County, soil results."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from soilgw.farmland import geo

#: A point inside Jiang County (CM 111°E zone), EPSG:4546 easting/northing of the test grid origin [m].
X0, Y0 = 455000.0, 3936000.0


def square(col: int, row: int, side_m: float = 100.0, gap_m: float = 0.0) -> dict:
    """GeoJSON lon/lat of a square of ``side_m`` metres in EPSG:4546 at grid position (col, row)."""
    x, y = X0 + col * (side_m + gap_m), Y0 + row * (side_m + gap_m)
    return geo.to_geojson(geo.unproject(shapely.box(x, y, x + side_m, y + side_m), "EPSG:4546"))


def centre(col: int, row: int, side_m: float = 100.0) -> tuple[float, float]:
    t = geo.transformer("EPSG:4546", "EPSG:4326")
    return t.transform(X0 + col * side_m + side_m / 2, Y0 + row * side_m + side_m / 2)


@pytest.fixture
def make_unit(county):
    from soilgw.core.models import Township
    from soilgw.farmland.models import FarmlandUnit

    def make(code: str, col: int = 0, row: int = 0, *, side_m: float = 100.0, township: str = "古绛镇", **extra):
        extra.setdefault("land_use", "paddy")
        u = FarmlandUnit(code=code, geometry=square(col, row, side_m), township=Township.objects.get(name=township),
                         dataset=extra.pop("dataset", "t"), **extra)
        category = extra.get("category")
        u.save()
        if category:
            FarmlandUnit.objects.filter(pk=u.pk).update(category=category)
            u.refresh_from_db()
        return u

    return make


@pytest.fixture
def soil_results(county):
    """``soil_results(dataset, year, {point_code: (lon, lat, cd, ph)})`` → soil points with Cd and pH results."""
    from soilgw.core.models import ImportBatch
    from soilgw.monitoring.models import MonitoringPoint, Result, Sample

    def add(dataset: str, year: int, points: dict) -> None:
        batch = ImportBatch.objects.create(kind="lab_results", filename=f"{dataset}{year}.csv", sha256=f"{year}",
                                           size=1, status="accepted")
        date = dt.date(year, 6, 1)
        for code, (lon, lat, cd, ph) in points.items():
            p, _ = MonitoringPoint.objects.get_or_create(dataset=dataset, code=code, defaults={
                "kind": "soil", "lon": lon, "lat": lat})
            s = Sample.objects.create(point=p, batch=batch, code=f"{code}-{year}", date=date, medium="soil")
            for analyte, value, unit in (("cd", cd, "mg/kg"), ("ph", ph, "pH")):
                Result.objects.create(sample=s, point=p, batch=batch, date=date, analyte=analyte, reported=str(value),
                                      value=value, unit=unit)

    return add
