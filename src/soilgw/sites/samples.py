"""The 示例 sample sites: every lifecycle stage, one on the register, a balanced and an unbalanced manifest,
and supply records with a violation. Synthetic (``is_sample``), dated in the platform clock's year, placed
near the county centre; idempotent on parcel codes and manifest numbers."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from soilgw.core.clock import as_of
from soilgw.core.loaders import register_loader
from soilgw.core.models import Township

from .choices import Conclusion, Industry, Review, SiteSource, Stage, SupplyKind
from .models import (
    LandSupplyRecord,
    LandUseCode,
    ReceivingFacility,
    RegisterEntry,
    Site,
    StageRecord,
    SupervisionRecord,
    TransferManifest,
)

#: The conclusion each stage's accepted report reaches on the way through the lifecycle.
PATH_CONCLUSIONS = {Stage.PRELIMINARY: Conclusion.INVESTIGATE, Stage.DETAILED: Conclusion.INVESTIGATE,
                    Stage.RISK_ASSESSMENT: Conclusion.UNACCEPTABLE, Stage.CONTROL: "",
                    Stage.EVALUATION: Conclusion.TARGETS_MET, Stage.POST: ""}
PATH = [Stage.PRELIMINARY, Stage.DETAILED, Stage.RISK_ASSESSMENT, Stage.ON_REGISTER, Stage.CONTROL,
        Stage.EVALUATION, Stage.OFF_REGISTER, Stage.POST]


def square(lon: float, lat: float, half_m: float = 50.0) -> dict:
    """A square polygon of side ``2 * half_m`` [m] around (lon, lat) [°] (approximate metres per degree)."""
    import math

    dlat = half_m / 111_000.0
    dlon = dlat / math.cos(math.radians(lat))
    ring = [[lon - dlon, lat - dlat], [lon + dlon, lat - dlat], [lon + dlon, lat + dlat], [lon - dlon, lat + dlat],
            [lon - dlon, lat - dlat]]
    return {"type": "Polygon", "coordinates": [ring]}


@transaction.atomic
def walk_to(site: Site, stage: str, start: dt.date, *, practitioner=None, experts=(), step_days: int = 30,
            last_accepted: bool = True, last_conclusion: str | None = None) -> dt.date:
    """Record the lifecycle from the site's stage up to ``stage``, one accepted report per step.

    The last stage's report is left pending unless ``last_accepted``; its conclusion is ``last_conclusion``
    when given. Returns the date after the last step.
    """
    day = start
    if stage == Stage.SUSPECTED:
        return day
    for s in PATH[PATH.index(site.stage) + 1 if site.stage in PATH else 0:PATH.index(stage) + 1]:
        done = day + dt.timedelta(days=step_days - 1)
        if s == Stage.ON_REGISTER:
            entry = RegisterEntry(site=site, entered_on=day, entry_basis="风险评估报告：风险不可接受（示例）",
                                  entry_document=f"示例名录文件〔{day.year}〕{site.pk}号")
            entry.full_clean()
            entry.save()
        elif s == Stage.OFF_REGISTER:
            entry = site.open_register_entry()
            entry.exited_on, entry.exit_basis = day, "效果评估报告：达到修复目标（示例）"
            entry.exit_document = f"示例移出文件〔{day.year}〕{site.pk}号"
            entry.full_clean()
            entry.save()
        else:
            accepted = last_accepted or s != stage
            record = StageRecord(site=site, stage=s, started_on=day, completed_on=done if accepted else None,
                                 report_title=f"{site.name}{Stage(s).label}报告（示例）", practitioner=practitioner,
                                 review=Review.ACCEPTED if accepted else Review.PENDING,
                                 reviewed_on=done if accepted else None,
                                 conclusion=_conclusion(s, stage, accepted, last_conclusion))
            record.full_clean()
            record.save()
            record.experts.set(experts)
        site.refresh_from_db()
        day = day + dt.timedelta(days=step_days)
    return day


def _conclusion(s: str, last: str, accepted: bool, last_conclusion: str | None) -> str:
    if not accepted:
        return ""
    if s == last and last_conclusion is not None:
        return last_conclusion
    return PATH_CONCLUSIONS.get(s, "")


#: (parcel code, name, offset east [m], offset north [m], stage, industry, planned use, current use)
SITES = [
    ("示例-JX-001", "示例化工厂旧址", 0, 0, Stage.SUSPECTED, Industry.CHEMICAL, "R2", "M2"),
    ("示例-JX-002", "示例机械厂地块", 900, 0, Stage.PRELIMINARY, Industry.OTHER_INDUSTRY, "A33", "M1"),
    ("示例-JX-003", "示例电镀厂地块", 1800, 0, Stage.DETAILED, Industry.ELECTROPLATING, "B1", "M2"),
    ("示例-JX-004", "示例农药厂地块", 0, 900, Stage.RISK_ASSESSMENT, Industry.PESTICIDE, "G1", "M3"),
    ("示例-JX-005", "示例焦化厂地块", 900, 900, Stage.ON_REGISTER, Industry.COKING, "G2", "M3"),
    ("示例-JX-006", "示例溶剂厂地块", 1800, 900, Stage.CONTROL, Industry.CHEMICAL, "B2", "M2"),
    ("示例-JX-007", "示例冶炼厂地块", 0, 1800, Stage.EVALUATION, Industry.NONFERROUS, "W1", "M2"),
    ("示例-JX-008", "示例制药厂地块", 900, 1800, Stage.OFF_REGISTER, Industry.PHARMACEUTICAL, "B1", "M2"),
    ("示例-JX-009", "示例印染厂地块", 1800, 1800, Stage.POST, Industry.OTHER_INDUSTRY, "R2", "M2"),
    ("示例-JX-010", "示例物流园地块", 1800, 1300, Stage.SUSPECTED, "", "R2", "W1"),
]
ORIGIN = (111.600, 35.480)


def _offset(east_m: float, north_m: float) -> tuple[float, float]:
    import math

    lat = ORIGIN[1] + north_m / 111_000.0
    return ORIGIN[0] + east_m / (111_000.0 * math.cos(math.radians(ORIGIN[1]))), lat


@register_loader("sites-sample", depends_on=("departments", "land-use-codes", "enforcement-sample"))
def load_sample_sites() -> str:
    from soilgw.enforcement.models import Expert, Practitioner

    if Site.objects.filter(parcel_code=SITES[0][0]).exists():
        return "sample sites already loaded"
    y = as_of().year
    practitioner = Practitioner.objects.order_by("pk").first()
    experts = list(Expert.objects.filter(active=True).order_by("pk")[:3])
    codes = {c.code: c for c in LandUseCode.objects.filter(system="gb50137")}
    township = Township.objects.order_by("admin_code").first()
    sites = {}
    for i, (code, name, east, north, stage, industry, planned, current) in enumerate(SITES):
        site = Site(parcel_code=code, name=name, township=township, source=SiteSource.VACATED if industry
                    else SiteSource.SUPPLY_PLAN, industry=industry, heavily_polluted=stage == Stage.ON_REGISTER,
                    planned_use=codes[planned], current_use=codes[current], geometry=square(*_offset(east, north)),
                    odour_voc=stage == Stage.CONTROL, is_sample=True)
        site.full_clean()
        site.save()
        walk_to(site, stage, dt.date(y - 1, 1 + i, 1), practitioner=practitioner, experts=experts, step_days=20,
                last_accepted=stage != Stage.DETAILED,
                last_conclusion=Conclusion.NEGLIGIBLE if stage == Stage.PRELIMINARY else None)
        sites[stage] = site
    control = sites[Stage.CONTROL]
    SupervisionRecord.objects.create(site=control, visited_on=dt.date(y, 3, 10), inspector="示例监察员",
                                     findings="开挖区覆膜，异味受控（示例）")
    facility = ReceivingFacility.objects.create(
        name="示例土壤修复工厂", permit_number="示例-HW-2023-01", permit_valid_from=dt.date(y - 2, 1, 1),
        permit_valid_until=dt.date(y + 2, 12, 31), accepted_waste_codes="HW11、HW49", is_sample=True)
    for number, sent, received, arrived in (("示例-LD-001", 30.0, 29.6, True), ("示例-LD-002", 30.0, 26.0, True),
                                            ("示例-LD-003", 28.0, None, False)):
        m = TransferManifest(number=number, site=control, quantity_t=sent, volume_m3=round(sent / 1.6, 1),
                             waste_code="HW11", carrier="示例运输有限公司", vehicle="晋M·示例1",
                             facility=facility, departed_on=dt.date(y, 3, 1), shipper_signature="张示例",
                             carrier_signature="李示例", arrived_on=dt.date(y, 3, 2) if arrived else None,
                             received_t=received, receiver_signature="王示例" if arrived else "", is_sample=True)
        m.full_clean()
        m.save()
    register_site = sites[Stage.ON_REGISTER]
    for kind, code, name, use, day, geometry in (
            (SupplyKind.TRANSFER, register_site.parcel_code, "示例焦化厂地块住宅出让", "R2", dt.date(y, 2, 15), None),
            (SupplyKind.ALLOCATION, sites[Stage.PRELIMINARY].parcel_code, "示例中学划拨", "A33", dt.date(y, 4, 1),
             None),
            (SupplyKind.PLAN, "", "示例供地计划地块", "R2", dt.date(y, 1, 10), square(*_offset(3000, 3000))),
            (SupplyKind.PLAN, "", "示例电镀厂供地计划", "B1", dt.date(y, 1, 10), sites[Stage.DETAILED].geometry)):
        rec = LandSupplyRecord(kind=kind, year=y, parcel_code=code, name=name, planned_use=codes[use], date=day,
                               document="示例文号", geometry=geometry, is_sample=True)
        rec.full_clean()
        rec.save()
    return f"{len(SITES)} sample sites, 3 manifests, 4 supply records"
