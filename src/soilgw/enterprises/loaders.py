"""The 示例 sample registry: synthetic enterprises, listings, permits, records and demolitions (``is_sample``).

Dates are placed relative to the platform clock's year so that a fresh ``make run`` shows obligations open,
done and overdue in the current year. Idempotent on natural keys (credit code, permit number, …); obligations
are recomputed once at the end.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from soilgw.core.clock import as_of
from soilgw.core.loaders import register_loader
from soilgw.core.models import Township

from . import credit_code
from .choices import DutyKind, ListKind, PermitStatus
from .models import ConcentratedFarmlandArea, Demolition, DischargePermit, DutyRecord, Enterprise, Listing

SAMPLE_PUBLICATION = "示例名录（合成数据） / sample list (synthetic)"
#: Near the county's centroid (111.64°E, 35.50°N): (name, township, lon, lat, industry code).
ENTERPRISES = [
    ("示例化工有限公司", "古绛镇", 111.570, 35.495, "2614"),
    ("示例铅锌冶炼有限公司", "横水镇", 111.655, 35.460, "3212"),
    ("示例电镀科技有限公司", "陈村镇", 111.600, 35.520, "3360"),
    ("示例焦化有限公司", "卫庄镇", 111.700, 35.430, "2521"),
    ("示例无机盐化工有限公司", "么里镇", 111.620, 35.550, "2613"),
    ("示例制药有限公司", "南樊镇", 111.520, 35.470, "2710"),
    ("示例铜加工有限公司", "安峪镇", 111.760, 35.520, "3251"),
    ("示例危险废物处置有限公司", "大交镇", 111.680, 35.600, "7724"),
]
AREA = {"type": "Polygon", "coordinates": [[[111.63, 35.44], [111.68, 35.44], [111.68, 35.48], [111.63, 35.48],
                                            [111.63, 35.44]]]}


def sample_code(i: int) -> str:
    """A synthetic but valid credit code registered in Jiang County (140826)."""
    first17 = f"91140826MA{i:06d}Y"
    return first17 + credit_code.check_character(first17)


@register_loader("enterprises-sample", depends_on=("departments", "plans"))
def load_sample_registry() -> str:
    from soilgw.plans.obligations import engine

    today = as_of()
    y = today.year
    d = dt.date
    towns = {t.name: t for t in Township.objects.all()}
    with transaction.atomic(), engine.paused():
        area, _ = ConcentratedFarmlandArea.objects.update_or_create(
            name="示例受污染耕地集中区", defaults={"geometry": AREA, "is_sample": True,
                                            "source": "示例（合成），待耕地模块划定后替换"})
        ents = []
        for i, (name, town, lon, lat, industry) in enumerate(ENTERPRISES, start=1):
            ent, _ = Enterprise.objects.update_or_create(credit_code=sample_code(i), defaults={
                "name": name, "township": towns.get(town), "lon": lon, "lat": lat, "industry_code": industry,
                "address": f"绛县{town}示例路{i}号", "contact_person": "示例联系人", "is_sample": True})
            ents.append(ent)
        a, b, c, hm, hm2, gw, dem, vac = ents

        def listing(ent, kind, listed, delisted=None):
            Listing.objects.update_or_create(enterprise=ent, list_kind=kind, listed_on=listed, defaults={
                "delisted_on": delisted, "publication": SAMPLE_PUBLICATION})

        def record(ent, kind, date, **extra):
            DutyRecord.objects.update_or_create(enterprise=ent, kind=kind, date=date, defaults={
                "scope": "示例", **extra})

        def permit(ent, number, issued, status=PermitStatus.VALID, changed=None):
            DischargePermit.objects.update_or_create(number=number, defaults={
                "enterprise": ent, "issued_on": issued, "status": status, "status_changed_on": changed})

        ksu = ListKind.KEY_SUPERVISED_UNIT
        listing(a, ksu, d(2022, 6, 1))  # done: comprehensive 2023 and every later year's round
        record(a, DutyKind.SELF_MONITORING, d(2023, 9, 20), comprehensive=True)
        for year in range(2024, y + 1):  # this year's round on 1 January, so it is never after the clock
            record(a, DutyKind.SELF_MONITORING, d(year, 10, 10) if year < y else d(y, 1, 1))
        record(a, DutyKind.PERIPHERY_MONITORING, today - dt.timedelta(days=200), exceeds_beyond_boundary=True,
               findings="示例：厂界外表层土壤镉超过筛选值")  # plant-specific plan overdue
        permit(a, "91140826SAMPLE001P", d(2021, 5, 1))
        listing(b, ksu, d(y - 1, 1, 15))  # hazard investigation and permit overdue; this year's monitoring open
        listing(c, ksu, today - dt.timedelta(days=60))  # hazard investigation open
        record(c, DutyKind.HAZARD_INVESTIGATION, today - dt.timedelta(days=10), findings="示例：储罐区防渗层破损",
               rectification="示例：限期修复")  # done
        permit(c, "91140826SAMPLE003P", today - dt.timedelta(days=30))
        hmd = ListKind.HEAVY_METAL_DISCHARGER
        listing(hm, hmd, d(2023, 1, 1))  # particulate monitor connected: done; in the concentrated area
        record(hm, DutyKind.PARTICULATE_MONITOR, d(2023, 6, 1), connected=True)
        listing(hm2, hmd, d(y - 2, 3, 1))  # not connected: overdue
        listing(gw, ListKind.GROUNDWATER_DISCHARGER, d(y - 1, 7, 1))
        permit(gw, "91140826SAMPLE006P", d(y - 1, 8, 1))
        Demolition.objects.update_or_create(enterprise=dem, planned_start=today + dt.timedelta(days=30), defaults={
            "description": "示例：旧车间拆除"})  # plan open
        past = today - dt.timedelta(days=90)
        Demolition.objects.update_or_create(enterprise=dem, planned_start=past, defaults={
            "description": "示例：原料库拆除", "ended_on": past + dt.timedelta(days=20)})  # report overdue
        record(dem, DutyKind.DEMOLITION_PLAN, past - dt.timedelta(days=30), planned_start=past)  # plan done
        permit(vac, "91140826SAMPLE008P", d(2020, 4, 1), PermitStatus.REVOKED, d(y - 1, 11, 20))  # vacated site
        listing(vac, ksu, d(2021, 3, 1), d(y - 1, 12, 1))
        area.save()  # flags the enterprises inside
    counts = engine.refresh()
    return (f"{len(ents)} sample enterprises; obligations open {counts.get('open', 0)}, "
            f"done {counts.get('done', 0)}, overdue {counts.get('overdue', 0)}")
