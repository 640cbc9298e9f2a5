"""Objects shared by the groundwater tests (WGS84 coordinates inside the county boundary)."""

from __future__ import annotations

import datetime as dt

import pytest

SQUARE = {"type": "Polygon", "coordinates": [[[111.61, 35.50], [111.63, 35.50], [111.63, 35.51], [111.61, 35.51],
                                              [111.61, 35.50]]]}


def square(lon: float, lat: float, half: float = 0.005) -> dict:
    return {"type": "Polygon", "coordinates": [[[lon - half, lat - half], [lon + half, lat - half],
                                                [lon + half, lat + half], [lon - half, lat + half],
                                                [lon - half, lat - half]]]}


@pytest.fixture
def township(county):
    from soilgw.core.models import Township

    return Township.objects.get(name="古绛镇")


def make_source(code="SY-T1", **extra):
    from soilgw.core.models import Township
    from soilgw.groundwater.models import DrinkingWaterSource

    defaults = {"name": "测试水源地", "scale": "urban", "lon": 111.62, "lat": 35.505,
                "township": Township.objects.get(name="古绛镇")}
    return DrinkingWaterSource.objects.create(code=code, **{**defaults, **extra})


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
