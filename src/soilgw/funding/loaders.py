"""示例 sample fund projects (synthetic; names say 示例): one per reserve state, quarters reported and not.

Dates follow the platform clock's year ``y``: the admitted project runs from the first quarter of ``y - 1``
to the last of ``y + 1``, so a fresh ``make run`` shows quarterly reports done, overdue and still open.
Idempotent on natural keys.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from soilgw.core.clock import as_of
from soilgw.core.loaders import register_loader
from soilgw.core.models import Department, Township

from .choices import ProjectKind, ProjectStatus, ReserveLevel
from .models import Disbursement, FundProject, PerformanceTarget, quarters_between

PROJECTS = [
    # code suffix, name, kind, township, reserve, status, requested [10^4 yuan]
    ("01", "示例 横水镇历史遗留铅锌矿渣污染治理工程", ProjectKind.MINING_SLAG, "横水镇", ReserveLevel.CENTRAL,
     ProjectStatus.ADMITTED, Decimal("1200.00")),
    ("02", "示例 古绛镇关闭搬迁化工地块风险管控项目", ProjectKind.RISK_CONTROL, "古绛镇", ReserveLevel.CENTRAL,
     ProjectStatus.NOT_ADMITTED, Decimal("800.00")),
    ("03", "示例 地下水污染防治重点区监测能力建设", ProjectKind.MONITORING, "陈村镇", ReserveLevel.PROVINCIAL,
     ProjectStatus.DECLARED, Decimal("300.00")),
    ("04", "示例 受污染耕地安全利用示范项目", ProjectKind.FARMLAND, "卫庄镇", "", ProjectStatus.PROPOSED,
     Decimal("150.00")),
]


@register_loader("funding-sample", depends_on=("departments", "groundwater-samples"))
def load_sample_funding() -> str:
    """Create or update the 示例 fund projects, their quarters and performance targets."""
    from soilgw.plans.obligations import engine

    with transaction.atomic(), engine.paused():
        summary = _load()
    engine.refresh(["fund-project-quarterly-report"])
    return summary


def _load() -> str:
    from soilgw.groundwater.models import MiningWasteSite, PollutionSource

    y = as_of().year
    site = MiningWasteSite.objects.filter(is_sample=True).order_by("code").first()
    source = PollutionSource.objects.filter(is_sample=True).order_by("code").first()
    links = {ProjectKind.MINING_SLAG: {"mining_waste_site": site}, ProjectKind.RISK_CONTROL: {"pollution_source": source}}
    eeb = Department.objects.get(code="eeb")
    towns = {t.name: t for t in Township.objects.all()}
    for suffix, name, kind, town, level, status, requested in PROJECTS:
        declared = dt.date(y - 1, 3, 15) if status != ProjectStatus.PROPOSED else None
        admitted = dt.date(y - 1, 6, 30) if status == ProjectStatus.ADMITTED else None
        project, _ = FundProject.objects.update_or_create(code=f"示例-{y - 1}-{suffix}", defaults={
            "name": name, "kind": kind, "township": towns.get(town), "department": eeb,
            "implementer": "示例生态修复工程有限公司", "budget": requested * Decimal("1.25"), "requested": requested,
            "starts_on": dt.date(y - 1, 1, 1), "ends_on": dt.date(y + 1, 12, 31), "status": status,
            "reserve_level": level, "declared_on": declared, "admitted_on": admitted,
            "decision_note": "示例：未通过专家评审" if status == ProjectStatus.NOT_ADMITTED else "",
            "description": "示例（合成数据）", **links.get(kind, {})})
        if status == ProjectStatus.ADMITTED:
            _sample_quarters(project, y)
            for indicator, unit, target in [("矿渣治理量", "t", Decimal("20000")), ("下游耕地镉风险管控面积", "亩",
                                                                             Decimal("500"))]:
                PerformanceTarget.objects.update_or_create(project=project, indicator=f"示例：{indicator}", defaults={
                    "unit": unit, "target_value": target})
    return f"funding samples: {FundProject.objects.filter(code__startswith='示例').count()} projects"


def _sample_quarters(project: FundProject, y: int) -> None:
    """Quarters of ``y - 1`` reported on the 5th day after each; ``y``: all but the last ended quarter."""
    today = as_of()
    ended = [(yr, q) for yr, q in quarters_between(project.starts_on, project.ends_on)
             if dt.date(yr, 3 * q - 2, 1) < today]
    progress = 0
    for i, (yr, q) in enumerate(ended):
        row = Disbursement.objects.filter(project=project, year=yr, quarter=q).first() or Disbursement(
            project=project, year=yr, quarter=q)
        row.allocated = Decimal("150.00")
        row.save()
        end = row.period_end
        if end < today and i != len(ended) - 2:  # leave one ended quarter unreported: overdue
            progress = min(100, progress + 10)
            row.reported_on = min(end + dt.timedelta(days=5), today)
            row.spent, row.progress_percent = Decimal("120.00"), progress
            row.narrative = "示例：按计划推进"
            row.save()
    project.schedule_quarters()
