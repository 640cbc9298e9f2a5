"""The key performance indicators (主要指标) of the county's two 2023 plans: the one place that defines them.

Each :class:`Kpi` carries its definition, the plan clause it measures, the records it reads and a function that
gives its :class:`KpiValue` for a quarter: the numerator, the denominator (None for a plain count) and every
record it read, each marked counted or not, so a page can drill down from the number to the records.
The KPI page (``plans:kpis``) and the quarterly report's section 二 both read :func:`evaluate`.

Periods: a count "in the quarter" reads records dated inside it; "year to the quarter's end" reads records
dated from 1 January to the quarter's last day; the safe-utilization rate is annual by its method (the
year's measures), so every quarter of a year shows the year's rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.clock import as_of, quarter_bounds

from .dispatch import quarter_dispatch


@dataclass(frozen=True)
class Counted:
    """One record a KPI read: ``label``, ``url`` (its page; "" when it has none), ``counted`` (True when it is
    in the numerator, or simply counted for a plain count) and ``note`` (the figure it contributes)."""

    label: str
    url: str
    counted: bool
    note: str = ""


@dataclass(frozen=True)
class Kpi:
    """An indicator: ``key`` (URL slug), ``name``, ``definition``, ``clause`` (the plan text it measures, quoted),
    ``inputs`` (the records read), ``period`` and ``compute(year, quarter, today) → (numerator, denominator,
    records)``; ``denominator`` is None for a count."""

    key: str
    name: str
    definition: str
    clause: str
    inputs: str
    period: str
    compute: Callable


@dataclass(frozen=True)
class KpiValue:
    """A KPI's value for (``year``, ``quarter``): ``numerator``, ``denominator`` (None: a count) and ``records``."""

    kpi: Kpi
    year: int
    quarter: int
    numerator: int | float | Decimal
    denominator: int | float | Decimal | None
    records: tuple[Counted, ...]

    @property
    def percent(self) -> float | None:
        """numerator / denominator × 100 [%]; None for a count or when the denominator is 0."""
        if self.denominator is None or not self.denominator:
            return None
        return float(self.numerator) / float(self.denominator) * 100.0

    @property
    def text(self) -> str:
        """As printed: ``"3"`` for a count, ``"3/4（75.0%）"`` for a rate, ``"0/0（—）"`` when nothing is judged."""
        if self.denominator is None:
            return _number(self.numerator)
        pct = "—" if self.percent is None else f"{self.percent:.1f}%"
        return f"{_number(self.numerator)}/{_number(self.denominator)}（{pct}）"


def _number(x) -> str:
    if isinstance(x, float):
        return f"{x:.2f}"
    return str(x)


def _url(obj) -> str:
    get = getattr(obj, "get_absolute_url", None)
    return get() if get else ""


# ------------------------------------------------------------------------------------------- computations

def _dispatch_on_time(year, quarter, today):
    records = []
    for d in quarter_dispatch(year, quarter, today=today):
        label = f"{d.task.plan.get_medium_display()}{d.task.number} · "
        for line in d.lines:
            on_time = line.reported and not line.late
            state = _("filed on time") if on_time else _("filed late") if line.reported else _("not reported")
            records.append(Counted(label + line.department.name, d.task.get_absolute_url(), on_time, str(state)))
    return sum(r.counted for r in records), len(records), records


def _safe_utilization(year, quarter, today):
    from soilgw.farmland.models import FarmlandUnit
    from soilgw.farmland.services.rate import county_rate

    rate = county_rate(year)
    if rate is None:
        return 0.0, 0.0, []
    units = rate.units[rate.units["in_E"]]
    pages = {u.code: u for u in FarmlandUnit.objects.filter(code__in=list(units["unit_id"]))}
    records, num, den = [], 0.0, 0.0
    for row in units.sort_values("unit_id").to_dict("records"):
        safe = bool(row["in_B"] or row["in_C"] or row["in_D"])
        den += row["area"]
        num += row["area"] if safe else 0.0
        records.append(Counted(row["unit_id"], _url(pages.get(row["unit_id"])), safe, f"{row['area']:.2f}"))
    return round(num, 2), round(den, 2), records


def _key_land(year, quarter, today):
    from soilgw.sites import supply
    from soilgw.sites.choices import SupplyKind
    from soilgw.sites.models import LandSupplyRecord

    end = quarter_bounds(year, quarter)[1]
    # The same records supply.violations judges for "sensitive use without required steps".
    supplied = LandSupplyRecord.objects.filter(
        year=year, kind__in=(SupplyKind.ALLOCATION, SupplyKind.TRANSFER), planned_use__sensitive_use=True,
        date__lte=end).select_related("planned_use").order_by("date", "parcel_code", "pk")
    unsafe = {v.record.pk for v in supply.violations(year) if v.kind == "sensitive_without_steps"
              and v.found_on <= end and (v.resolved_on is None or v.resolved_on > end)}
    records = [Counted(f"{r.parcel_code or r.name} · {r.planned_use}", r.get_absolute_url(), r.pk not in unsafe,
                       r.date.isoformat()) for r in supplied]
    return sum(r.counted for r in records), len(records), records


#: Groundwater programme → the indicator of the groundwater plan's target (plans/data/action_plans_2023.yaml).
PROGRAMME_INDICATORS = {"national_regional": "national_regional_points_class",
                        "national_drinking": "national_drinking_water_points_class",
                        "national_risk": "national_risk_points_class"}


def programme_target(year: int, programme: str) -> str:
    """The class (I–V) the groundwater plan of ``year`` requires of ``programme``'s points (its Target's
    ``required_value``), "" when the plan sets none. Raises ``KeyError`` for a programme without a target:
    the valid ones are :data:`PROGRAMME_INDICATORS`."""
    from .models import Target

    target = Target.objects.filter(plan__year=year, plan__medium="groundwater",
                                   indicator=PROGRAMME_INDICATORS[programme]).first()
    return target.required_value if target else ""


def _groundwater(programme: str):
    def compute(year, quarter, today):
        from soilgw.monitoring.choices import Medium, QcType
        from soilgw.monitoring.evaluate import CLASS_RANK
        from soilgw.monitoring.models import Sample

        target = programme_target(year, programme)
        samples = (Sample.objects.filter(point__programme=programme, medium=Medium.GROUNDWATER,
                                         qc_type=QcType.NORMAL, date__range=quarter_bounds(year, quarter))
                   .exclude(class_label="").select_related("point").order_by("point__code", "date", "code"))
        latest = {s.point_id: s for s in samples}  # ordered by date: the last sample per point wins
        records = []
        for s in sorted(latest.values(), key=lambda s: s.point.code):
            if target and s.class_label in CLASS_RANK:
                meets = CLASS_RANK[s.class_label] <= CLASS_RANK[target]
                shown = _("worse than V") if s.class_label == "worse_than_V" else s.class_label
                records.append(Counted(s.point.code, s.point.get_absolute_url(), meets, f"{s.date.isoformat()} {shown}"))
        return sum(r.counted for r in records), len(records), records

    return compute


def _obligations_on_time(year, quarter, today):
    from soilgw.core.templatetags.bilingual import in_language

    from .obligations.models import Obligation, ObligationStatus

    due = Obligation.objects.filter(due__range=(dt.date(year, 1, 1), quarter_bounds(year, quarter)[1])).select_related(
        "department").order_by("due", "rule_id", "subject_label", "pk")
    records = []
    for o in due:
        on_time = o.status == ObligationStatus.DONE and o.evidence_date is not None and o.evidence_date <= o.due
        records.append(Counted(f"{in_language(o.what)} · {o.subject_label}", _url(o.subject),
                               on_time, f"{o.department.name} {o.due.isoformat()}"))
    return sum(r.counted for r in records), len(records), records


def _register(field: str):
    def compute(year, quarter, today):
        from soilgw.sites.models import RegisterEntry

        span = quarter_bounds(year, quarter)
        entries = RegisterEntry.objects.filter(**{f"{field}__range": span}).select_related("site").order_by(
            field, "site__parcel_code")
        records = [Counted(f"{e.site.parcel_code} {e.site.name}", e.site.get_absolute_url(), True,
                           getattr(e, field).isoformat()) for e in entries]
        return len(records), None, records

    return compute


def _cases(field: str):
    def compute(year, quarter, today):
        from soilgw.enforcement.models import Case

        span = quarter_bounds(year, quarter)
        cases = Case.objects.filter(**{f"{field}__range": span}).order_by(field, "number")
        records = [Counted(c.number, c.get_absolute_url(), True, getattr(c, field).isoformat()) for c in cases]
        return len(records), None, records

    return compute


def _fund_admission(year, quarter, today):
    from soilgw.funding.models import FundProject, admission_outcome

    projects = FundProject.objects.filter(declared_on__range=(dt.date(year, 1, 1), quarter_bounds(year, quarter)[1])
                                          ).order_by("declared_on", "code")
    records = [Counted(str(p), p.get_absolute_url(), admission_outcome(p.status) == "admitted",
                       str(p.get_status_display())) for p in projects if admission_outcome(p.status) != "pending"]
    return sum(r.counted for r in records), len(records), records


def _fund_spending(year, quarter, today):
    from soilgw.funding.models import Disbursement

    rows = Disbursement.objects.filter(year=year, quarter__lte=quarter).select_related("project").order_by(
        "project__code", "quarter")
    records = [Counted(f"{d.project} · {d.year}Q{d.quarter}", d.get_absolute_url(), True,
                       f"{d.allocated} / {d.spent}") for d in rows]
    return sum((d.spent for d in rows), Decimal(0)), sum((d.allocated for d in rows), Decimal(0)), records


# ---------------------------------------------------------------------------------------------- the list

IN_QUARTER = _("in the quarter")
YEAR_TO_DATE = _("1 January to the quarter's end")

SOIL_TARGET = "土壤计划工作目标"
GW_TARGET = "地下水计划工作目标"

KPIS: tuple[Kpi, ...] = (
    Kpi("safe-utilization", _("Safe-utilization rate of contaminated farmland"),
        _("A = (B + C + D) / E × 100 %: contaminated farmland area with the year's measures (and crop compliance "
          "for safe-utilization land) over contaminated farmland area [mu]"),
        f"{SOIL_TARGET}“受污染耕地安全利用率达到国家考核要求”；土壤计划任务6",
        _("farmland assessment units and the year's measures"), _("the year (annual method)"), _safe_utilization),
    Kpi("key-land", _("Key development land safely used"),
        _("allocations and transfers for sensitive use (一住两公) whose investigation, risk assessment and "
          "remediation were done by the quarter's end, over all such supplies"),
        f"{SOIL_TARGET}“重点建设用地安全利用有效保障”；土壤计划任务9、11、15",
        _("land supply records matched to sites"), YEAR_TO_DATE, _key_land),
    Kpi("groundwater-regional", _("National regional points meeting their target class"),
        _("points whose latest sample of the quarter is in the plan's class or better, over points judged"),
        f"{GW_TARGET}“地下水国考区域点位水质不低于V类”", _("groundwater samples of national regional points"),
        IN_QUARTER, _groundwater("national_regional")),
    Kpi("groundwater-drinking", _("National drinking-water source points meeting their target class"),
        _("points whose latest sample of the quarter is in the plan's class or better, over points judged"),
        f"{GW_TARGET}“地下水国考饮用水源点位水质达到或优于Ⅲ类”",
        _("groundwater samples of national drinking-water source points"), IN_QUARTER,
        _groundwater("national_drinking")),
    Kpi("groundwater-risk", _("National risk monitoring points meeting their target class"),
        _("points whose latest sample of the quarter is in the plan's class or better, over points judged"),
        f"{GW_TARGET}“地下水国考污染风险监控点位水质不低于V类”",
        _("groundwater samples of national risk monitoring points"), IN_QUARTER, _groundwater("national_risk")),
    Kpi("dispatch-on-time", _("Quarterly reports filed on time"),
        _("reports filed by the deadline and not returned, over the reports required of every lead, jointly "
          "responsible and cooperating department and implementing township"),
        "两计划保障措施“加强对年度重点任务进展情况的调度通报”；土壤计划任务11“每季度调度分析”",
        _("progress reports of the quarter"), IN_QUARTER, _dispatch_on_time),
    Kpi("obligations-on-time", _("Obligations done on time"),
        _("obligations due from 1 January to the quarter's end whose evidence is dated on or before the due "
          "date, over all obligations due then"),
        "义务规则文件所引计划条款（见各义务的依据条款）", _("obligations of the obligation engine"), YEAR_TO_DATE,
        _obligations_on_time),
    Kpi("register-entered", _("Sites entered on the remediation register"),
        _("register entries whose entry date is in the quarter"),
        "土壤计划任务9“列入建设用地土壤污染风险管控和修复名录的地块”", _("remediation register entries"),
        IN_QUARTER, _register("entered_on")),
    Kpi("register-removed", _("Sites removed from the remediation register"),
        _("register entries whose removal date is in the quarter"),
        "土壤计划任务9“列入建设用地土壤污染风险管控和修复名录的地块”", _("remediation register entries"),
        IN_QUARTER, _register("exited_on")),
    Kpi("cases-opened", _("Enforcement cases opened"), _("cases whose opening date is in the quarter"),
        "土壤计划任务14；地下水计划保障措施“依法开展地下水环境保护行政执法”", _("enforcement cases"), IN_QUARTER,
        _cases("opened_on")),
    Kpi("cases-referred", _("Cases referred to public security"), _("cases whose referral date is in the quarter"),
        "土壤计划任务14", _("enforcement cases"), IN_QUARTER, _cases("referred_on")),
    Kpi("fund-admission", _("Project admission rate"),
        _("projects declared from 1 January to the quarter's end and admitted (or completed), over those decided"),
        "土壤计划任务13“确保申报项目的入库率”", _("fund projects"), YEAR_TO_DATE, _fund_admission),
    Kpi("fund-spending", _("Funds spent of funds allocated"),
        _("funds spent over funds allocated in the year's quarters up to this one [10⁴ yuan]"),
        "土壤计划任务13“每季度对下达资金项目进行跟踪调度，规范资金使用”", _("quarterly fund reports"),
        YEAR_TO_DATE, _fund_spending),
)

BY_KEY = {k.key: k for k in KPIS}


def kpi(key: str) -> Kpi:
    """The KPI named ``key``; ``KeyError`` names the valid keys."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"no KPI {key!r}; valid: {', '.join(BY_KEY)}") from None


def value(k: Kpi, year: int, quarter: int, today: dt.date | None = None) -> KpiValue:
    """``k``'s value for (``year``, ``quarter``) judged on ``today`` (default the platform clock).
    Raises ``ValueError`` for a quarter outside 1–4."""
    quarter_bounds(year, quarter)  # raises ValueError for a quarter outside 1–4
    num, den, records = k.compute(year, quarter, today or as_of())
    return KpiValue(k, year, quarter, num, den, tuple(records))


def evaluate(year: int, quarter: int, today: dt.date | None = None) -> list[KpiValue]:
    """Every KPI's value for (``year``, ``quarter``), in the order of :data:`KPIS`."""
    return [value(k, year, quarter, today) for k in KPIS]


def drill_url(k: Kpi, year: int, quarter: int) -> str:
    """The page listing the records ``k`` read for (``year``, ``quarter``)."""
    return reverse("plans:kpi-records", args=[k.key, year, quarter])
