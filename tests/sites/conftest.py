"""Fixtures of the sites tests: the land-use codes, editors, a site factory and the lifecycle walker."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def codes(db):
    from soilgw.sites.loaders import load_land_use_codes

    load_land_use_codes()


@pytest.fixture
def editor(county, make_user):
    return make_user("sites-editor", "eeb", "editor")


@pytest.fixture
def pool(db):
    """One consultant and two experts of the enforcement pool."""
    from soilgw.enforcement.models import Expert, Practitioner
    from soilgw.enterprises.loaders import sample_code

    p = Practitioner.objects.create(name="示例环境咨询有限公司", credit_code=sample_code(901), kind="investigation")
    experts = [Expert.objects.create(name=f"专家{i}", field="soil", organisation="示例大学") for i in (1, 2)]
    return p, experts


@pytest.fixture
def make_site(county, codes):
    """``make_site(code, planned="R2", current="M2", lon=111.6, lat=35.48, **fields)`` → a saved site."""
    from soilgw.sites.models import LandUseCode, Site
    from soilgw.sites.samples import square

    def make(code: str, planned: str | None = "R2", current: str | None = "M2", lon: float = 111.6,
             lat: float = 35.48, half_m: float = 50.0, **fields):
        fields.setdefault("source", "use_change")
        site = Site(parcel_code=code, name=f"地块{code}",
                    planned_use=LandUseCode.resolve(planned) if planned else None,
                    current_use=LandUseCode.resolve(current) if current else None,
                    geometry=square(lon, lat, half_m), **fields)
        site.full_clean()
        site.save()
        return site

    return make


@pytest.fixture
def walk():
    """``walk(site, stage, **kw)``: record accepted reports up to ``stage`` (soilgw.sites.samples.walk_to)."""
    from soilgw.sites.samples import walk_to

    def run(site, stage, start=dt.date(2023, 1, 1), **kw):
        walk_to(site, stage, start, **kw)
        site.refresh_from_db()
        return site

    return run
