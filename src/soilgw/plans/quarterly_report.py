"""The quarterly report (季度调度报告): the quarter's dispatch, KPIs, overdue obligations and each area's records.

Sources: soil plan task 11 (每季度调度分析…及时通报存在问题并督促整改) and the safeguards of both plans
(加强对年度重点任务进展情况的调度通报，对重点工作进度滞后的及时预警、督办).

Every number is read from the module that owns it, never re-derived here: the KPIs of section 二
(``plans.kpis``), who must report and who is late (``plans.dispatch``), overdue obligations
(``plans.obligations``), the safe-utilization rate (``farmland.services.rate``), groundwater classes against
targets (stored by ``monitoring.evaluate``), the remediation register and gate checks (``sites``), cases and
referrals (``enforcement``), fund quarters and the reserve admission rate (``funding``), the annual evaluation
of the fourth quarter (``plans.evaluation``). :func:`build` collects them into a :class:`Report` (sections of
paragraphs and :class:`Table` s, every table sorted); ``quarterly_files`` writes it as Word or Excel.

A report is a function of the stored data and its judging date ``as_of`` (default the platform clock), so the
same quarter generated twice from the same data has the same content.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone, translation

import soilgw
from soilgw.core.clock import as_of as clock_as_of
from soilgw.core.clock import quarter_bounds
from soilgw.core.loaders import read_yaml
from soilgw.core.templatetags.bilingual import in_language

from .choices import ProgressStatus, TaskState
from .dispatch import REPORTING_DAYS_AFTER_QUARTER_END, quarter_dispatch, reminders, reporting_deadline

#: The document's language: the county's reports are in Chinese whatever language the user's page is in.
REPORT_LANGUAGE = "zh-hans"
NONE_TEXT = "—"

SECTION_TITLES = (
    "一、任务进展（按部门、按乡镇）",
    "二、主要指标",
    "三、逾期义务",
    "四、建设用地（风险管控和修复名录、用途管制核查）",
    "五、地下水（超标与异常）",
    "六、农用地（类别与安全利用率）",
    "七、执法（案件、移送）",
    "八、资金",
    "附件：标准版本与规则版本",
)
#: The annual evaluation's section, added to the fourth quarter's report before the annex.
EVALUATION_TITLE = "九、年度目标任务完成情况评估"
DISPATCH_BASIS = ("土壤计划任务11“每季度调度分析……及时通报存在问题并督促整改”；两计划保障措施“加强对年度重点任务"
                  "进展情况的调度通报，对重点工作进度滞后的及时预警、督办”")


@dataclass
class Table:
    """One table: ``title`` (also the Excel sheet name), Chinese ``columns`` and ``rows`` (lists of str / int /
    float / Decimal / None, already sorted)."""

    title: str
    columns: list[str]
    rows: list[list]


@dataclass
class Section:
    """A numbered section: its heading and its blocks in order, each a paragraph (str) or a :class:`Table`."""

    title: str
    blocks: list = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass
class Report:
    """A quarter's report: ``county`` name, ``year``, ``quarter`` (1–4), the judging date ``as_of`` (printed as
    the generation date), the ``info`` table, the sections and ``versions`` (rule / standard versions used)."""

    county: str
    year: int
    quarter: int
    as_of: dt.date
    info: Table
    sections: list[Section]
    versions: dict

    @property
    def title(self) -> str:
        return f"{self.county}{self.year}年第{self.quarter}季度土壤和地下水污染防治工作调度报告"

    @property
    def tables(self) -> list[Table]:
        return [self.info, *(t for s in self.sections for t in s.tables)]


def county_name() -> str:
    """The county's name as the platform's department data give it (``core/data/departments.yaml``)."""
    return read_yaml("soilgw.core.data", "departments.yaml")["county"]["name"]


def _iso(day) -> str:
    return day.isoformat() if day else NONE_TEXT


def _task_label(task) -> str:
    return f"{task.plan.get_medium_display()}{task.number}"


def _task_key(task) -> tuple:
    return (task.plan.year, task.plan.medium != "soil", task.number)


# ------------------------------------------------------------------------------------------- 1 dispatch

def _dispatch_section(year: int, quarter: int, today: dt.date, dispatches) -> Section:
    deadline = reporting_deadline(year, quarter)
    per: dict[int, dict] = {}
    for d in dispatches:
        for line in d.lines:
            row = per.setdefault(line.department.pk, {"dept": line.department, "required": 0, "reported": 0,
                                                      "late": 0, "returned": 0})
            row["required"] += 1
            row["reported"] += line.reported
            row["late"] += line.late
            row["returned"] += line.report is not None and not line.reported
    cols = ["部门", "应报送（任务数）", "已报送", "未报送", "逾期（迟报或截止后未报）", "被退回待重报"]

    def table(title, townships):
        rows = [r for r in per.values() if (r["dept"].kind == "township") == townships]
        rows.sort(key=lambda r: (r["dept"].order, r["dept"].code))
        return Table(title, ["乡镇" if townships else cols[0], *cols[1:]],
                     [[r["dept"].name, r["required"], r["reported"], r["required"] - r["reported"], r["late"],
                       r["returned"]] for r in rows])

    missing = [[dept.name, len(ds), "、".join(_task_label(d.task) for d in sorted(ds, key=lambda d: _task_key(d.task)))]
               for dept, ds in reminders(dispatches)]
    tasks = [[d.task.plan.get_medium_display(), d.task.number, d.task.title, str(ProgressStatus(d.status).label),
              d.percent, len(d.required), len(d.reported), len(d.late)]
             for d in sorted(dispatches, key=lambda d: _task_key(d.task))]
    lines = sum(len(d.lines) for d in dispatches)
    reported = sum(len(d.reported) for d in dispatches)
    late = sum(len(d.late) for d in dispatches)
    text = (f"本季度共{len(dispatches)}项重点任务纳入调度，应报送{lines}项次，已报送{reported}项次，逾期{late}项次。"
            f"报送截止日为{_iso(deadline)}（季度结束后{REPORTING_DAYS_AFTER_QUARTER_END}日，平台约定），"
            f"判定日期为{_iso(today)}。被退回的报送在重新报送前计为未报送。依据：{DISPATCH_BASIS}。")
    section = Section(SECTION_TITLES[0], [
        text,
        table("1.1 按部门报送情况", townships=False),
        table("1.2 按乡镇报送情况", townships=True),
        Table("1.3 未报送名单", ["部门或乡镇", "未报送任务数", "未报送任务"], missing),
        Table("1.4 任务进展明细", ["计划", "序号", "任务", "调度状态", "进度（%，取各报送单位最低值）", "应报送",
                              "已报送", "逾期"], tasks),
    ])
    return section


# ---------------------------------------------------------------------------------------- 3 obligations

def _obligations(today: dt.date):
    from .obligations import engine
    from .obligations.models import Obligation, ObligationStatus

    engine.ensure_current(on=today)  # statuses judged on the report's date, as the obligation pages do
    return list(Obligation.objects.filter(status=ObligationStatus.OVERDUE)
                .select_related("department", "township").order_by("due", "rule_id", "subject_label", "pk"))


def _obligation_section(overdue, today: dt.date) -> Section:
    by_dept = Counter(o.department.name for o in overdue)
    order = {o.department.name: (o.department.order, o.department.code) for o in overdue}
    return Section(SECTION_TITLES[2], [
        f"截至{_iso(today)}，逾期义务{len(overdue)}项（义务引擎按规则文件判定，见附件规则版本）。",
        Table("3.1 逾期义务按责任部门", ["责任部门", "逾期义务数"],
              [[name, n] for name, n in sorted(by_dept.items(), key=lambda x: order[x[0]])]),
        Table("3.2 逾期义务清单", ["义务", "对象", "义务主体", "责任部门", "乡镇", "到期日", "逾期天数", "依据条款"],
              [[in_language(o.what), o.subject_label, o.holder_label, o.department.name, o.township.name if o.township else
                NONE_TEXT, _iso(o.due), (today - o.due).days, o.clause] for o in overdue]),
    ])


# ---------------------------------------------------------------------------------------------- 4 sites

def _sites_section(start: dt.date, end: dt.date) -> tuple[Section, dict]:
    from soilgw.sites.models import LandActionCheck, RegisterEntry

    entries = RegisterEntry.objects.select_related("site__township")
    on_register = sorted(entries.filter(Q(exited_on__isnull=True) | Q(exited_on__gt=end), entered_on__lte=end),
                         key=lambda e: (e.site.parcel_code, e.entered_on))
    removed = sorted(entries.filter(exited_on__range=(start, end)), key=lambda e: (e.site.parcel_code, e.exited_on))
    checks = [c for c in LandActionCheck.objects.select_related("proposed_code")
              if start <= timezone.localtime(c.checked_at).date() <= end]
    checks.sort(key=lambda c: (c.checked_at, c.parcel_code, c.pk))
    blocked = sum(not c.allowed for c in checks)
    section = Section(SECTION_TITLES[3], [
        f"季度末（{_iso(end)}）风险管控和修复名录在册地块{len(on_register)}个，其中本季度新列入"
        f"{sum(start <= e.entered_on <= end for e in on_register)}个，本季度移出{len(removed)}个。"
        f"本季度用途管制核查{len(checks)}次，不予通过{blocked}次（sites 用途管制规则，版本见附件）。",
        Table("4.1 名录在册地块（季度末）", ["地块编码", "地块名称", "乡镇", "列入日期", "列入决定文号", "列入依据"],
              [[e.site.parcel_code, e.site.name, e.site.township.name if e.site.township else NONE_TEXT,
                _iso(e.entered_on), e.entry_document or NONE_TEXT, e.entry_basis] for e in on_register]),
        Table("4.2 本季度移出名录", ["地块编码", "地块名称", "移出日期", "移出决定文号", "移出依据"],
              [[e.site.parcel_code, e.site.name, _iso(e.exited_on), e.exit_document or NONE_TEXT, e.exit_basis]
               for e in removed]),
        Table("4.3 用途管制核查", ["核查日期", "地块编码", "事项", "拟用途", "结论", "原因", "规则版本"],
              [[_iso(timezone.localtime(c.checked_at).date()), c.parcel_code or NONE_TEXT, c.get_action_display(),
                c.proposed_use, "通过" if c.allowed else "不予通过",
                "；".join(str(r.get("message", r) if isinstance(r, dict) else r) for r in c.reasons) or NONE_TEXT,
                c.rules_version] for c in checks]),
    ])
    return section, {"gate_versions": sorted({c.rules_version for c in checks})}


# ---------------------------------------------------------------------------------------- 5 groundwater

def _groundwater_section(start: dt.date, end: dt.date) -> tuple[Section, dict]:
    from soilgw.monitoring.choices import FollowUpStatus, Medium, PointKind
    from soilgw.monitoring.evaluate import REFERENCE_CLASS
    from soilgw.monitoring.models import FollowUp, PointAnalyteStat, Sample

    samples = list(Sample.objects.filter(medium=Medium.GROUNDWATER, date__range=(start, end))
                   .exclude(class_label="").select_related("point").order_by("point__code", "date", "code"))
    latest = {s.point_id: s for s in samples}  # ordered by date: the last one per point wins
    judged = [s for s in latest.values() if s.meets_target is not None]
    classes = Counter((s.class_standard, s.class_label) for s in samples)
    exceed = [s for s in samples if s.meets_target is False]
    stats = PointAnalyteStat.objects.filter(
        point__kind__in=(PointKind.GROUNDWATER_WELL, PointKind.DRINKING_SOURCE), last_date__range=(start, end)
    ).select_related("point").order_by("point__code", "analyte")
    anomalies = [(s, sorted(r for r, on in (s.anomalies.get("latest") or {}).items() if on)) for s in stats]
    anomalies = [(s, rules) for s, rules in anomalies if rules]
    open_follow = FollowUp.objects.filter(sample__date__range=(start, end)).exclude(status=FollowUpStatus.DONE).count()
    section = Section(SECTION_TITLES[4], [
        f"本季度地下水样品{len(samples)}个（已评价类别），涉及点位{len(latest)}个；按各点位本季度最新样品，"
        f"{sum(s.meets_target for s in judged)}/{len(judged)}个点位达到目标类别（GB/T 14848-2017，未设目标的点位按"
        f"{REFERENCE_CLASS}类）。超标样品{len(exceed)}个，最新值触发异常规则的点位指标{len(anomalies)}项，"
        f"本季度样品引发、尚未完成的下层含水层延伸监测{open_follow}项（地下水计划任务3）。",
        Table("5.1 样品类别分布", ["评价标准", "类别", "样品数"],
              [[std or NONE_TEXT, label, n] for (std, label), n in sorted(classes.items())]),
        Table("5.2 超标样品", ["点位编码", "点位名称", "采样日期", "样品类别", "目标类别", "决定类别的指标", "评价标准"],
              [[s.point.code, s.point.name or NONE_TEXT, _iso(s.date), s.class_label, s.target_class or NONE_TEXT,
                s.deciding_analytes or NONE_TEXT, s.class_standard or NONE_TEXT] for s in exceed]),
        Table("5.3 异常（最新值触发的规则）", ["点位编码", "监测指标", "最新日期", "最新值", "单位", "触发规则", "趋势"],
              [[s.point.code, s.analyte, _iso(s.last_date), s.latest_value, s.unit, "、".join(rules),
                s.trend or NONE_TEXT] for s, rules in anomalies]),
    ])
    return section, {"standards": sorted({s.class_standard for s in samples if s.class_standard})}


# ------------------------------------------------------------------------------------------- 6 farmland

def _farmland_section(year: int) -> tuple[Section, dict]:
    from soilgw.farmland.choices import Category
    from soilgw.farmland.models import FarmlandUnit
    from soilgw.farmland.services.rate import county_rate, notes_shown

    units = FarmlandUnit.objects.exclude(category="")
    cats = Counter()
    area = Counter()
    for category, mu in units.values_list("category", "area_mu"):
        cats[category] += 1
        area[category] += mu
    rate = county_rate(year)
    blocks = [Table("6.1 耕地类别", ["类别", "评价单元数", "面积（亩）"],
                    [[str(Category(c).label), cats[c], round(area[c], 2)] for c in Category.values if c in cats])]
    if rate is None:
        blocks.insert(0, "平台尚无已划分类别的耕地评价单元，安全利用率暂无数据。")
    else:
        county = rate.county.iloc[0]
        kpi = None if county["A"] != county["A"] else float(county["A"])  # NaN when E = 0
        blocks.insert(0, f"{year}年受污染耕地安全利用率 A = {'—' if kpi is None else f'{kpi:.1f}%'}"
                         f"（核算方法：{rate.method}；面积单位：亩）。说明：" + "；".join(map(str, notes_shown(rate))))
        rows = [[r["township"], int(r["n_units"]), round(r["E"], 2), round(r["B"], 2), round(r["C"], 2),
                 round(r["D"], 2), None if r["A"] != r["A"] else round(float(r["A"]), 1)]
                for frame in (rate.by_township, rate.county) for r in frame.to_dict("records")]
        blocks.append(Table("6.2 安全利用率（按乡镇）", ["乡镇", "单元数", "E 受污染耕地（亩）", "B（亩）", "C（亩）",
                                                 "D（亩）", "A 安全利用率（%）"], rows))
    rule_sets = sorted(set(units.exclude(rule_set_id="").values_list("rule_set_id", "rule_set_version")))
    return Section(SECTION_TITLES[5], blocks), {"rule_sets": [f"{a} {b}" for a, b in rule_sets]}


# ---------------------------------------------------------------------------------------- 7 enforcement

def _enforcement_section(start: dt.date, end: dt.date) -> Section:
    from soilgw.enforcement.models import Case

    cases = Case.objects.select_related("handling_department", "township", "referred_to")
    opened = sorted(cases.filter(opened_on__range=(start, end)), key=lambda c: (c.opened_on, c.number))
    referred = sorted(cases.filter(referred_on__range=(start, end)), key=lambda c: (c.referred_on, c.number))
    section = Section(SECTION_TITLES[6], [
        f"本季度立案{len(opened)}件，移送公安机关{len(referred)}件（土壤计划任务14）。状态为报告生成时的状态。",
        Table("7.1 本季度立案", ["案号", "违法类型", "办理部门", "乡镇", "立案日期", "状态", "罚款（元）"],
              [[c.number, c.get_violation_display(), c.handling_department.name,
                c.township.name if c.township else NONE_TEXT, _iso(c.opened_on), c.get_status_display(), c.fine_yuan]
               for c in opened]),
        Table("7.2 本季度移送", ["案号", "违法类型", "移送日期", "移送文号", "移送依据", "接收部门"],
              [[c.number, c.get_violation_display(), _iso(c.referred_on), c.referral_number,
                c.get_referral_ground_display(), c.referred_to.name if c.referred_to else NONE_TEXT]
               for c in referred]),
    ])
    return section


# -------------------------------------------------------------------------------------------- 8 funding

def _funding_section(year: int, quarter: int) -> Section:
    from soilgw.funding.choices import ReserveLevel
    from soilgw.funding.models import Disbursement, admission_rates

    rows = sorted(Disbursement.objects.filter(year=year, quarter=quarter).select_related("project__department"),
                  key=lambda d: d.project.code)
    rates = [{**r, "label": str(ReserveLevel(r["level"]).label) if r["level"] else NONE_TEXT}
             for r in admission_rates() if r["year"] == year]
    reported = sum(d.reported_on is not None for d in rows)
    section = Section(SECTION_TITLES[7], [
        f"本季度应调度资金项目{len(rows)}个，已报送{reported}个；本季度下达{sum(d.allocated for d in rows)}万元，"
        f"支出{sum(d.spent for d in rows)}万元（土壤计划任务13“每季度对下达资金项目进行跟踪调度”）。",
        Table("8.1 本季度资金调度", ["项目编码", "项目名称", "责任部门", "本季度下达（万元）", "本季度支出（万元）",
                                "进度（%）", "报送日期"],
              [[d.project.code, d.project.name, d.project.department.name, d.allocated, d.spent,
                d.progress_percent, _iso(d.reported_on) if d.reported_on else "未报送"] for d in rows]),
        Table("8.2 项目入库率（申报年度）", ["年度", "储备库", "申报", "入库", "未入库", "待定", "入库率（%）"],
              [[r["year"], r["label"], r["declared"],
                r["admitted"], r["not_admitted"], r["pending"], None if r["rate"] is None else round(r["rate"] * 100, 1)]
               for r in rates]),
    ])
    return section


# ------------------------------------------------------------------------------------------------ build

def _kpis(year: int, quarter: int, today: dt.date) -> Section:
    from .kpis import evaluate

    return Section(SECTION_TITLES[1], [
        "各指标的定义、统计期和依据如下；平台“主要指标”页按季度列出同一数值，并可查看每个数值所计的记录。",
        Table("2.1 主要指标", ["指标名称", "定义", "统计期", "数值", "依据"],
              [[str(v.kpi.name), str(v.kpi.definition), str(v.kpi.period), v.text, v.kpi.clause]
               for v in evaluate(year, quarter, today)])])


def _evaluation_section(year: int, today: dt.date) -> Section:
    from .evaluation import evaluate_year

    def pct(x):
        return None if x is None else round(x, 1)

    cols = ["任务数", "应报送（项次）", "已报送", "按时报送", "逾期", "被退回待重报", "已完成任务", "按期完成任务",
            "完成率（%）"]

    def table(title, townships):
        return Table(title, ["乡镇" if townships else "部门", *cols],
                     [[r.department.name, r.tasks, r.required, r.reported, r.on_time, r.late, r.returned, r.completed,
                       r.completed_on_time, pct(r.completion_rate)]
                      for r in evaluate_year(year, today) if (r.department.kind == "township") == townships])

    return Section(EVALUATION_TITLE, [
        f"{year}年各部门、各乡镇目标任务完成情况（全年四个季度调度汇总，判定日期{_iso(today)}）。完成率 = 已完成任务 / "
        "任务数，已完成指本单位全年最后一次有效报送为“已完成”，按期指该报送不晚于任务期限。依据：地下水计划保障措施"
        "“实行年度目标任务完成情况评估机制，对任务完成情况进行全面总结和评估考核”。",
        table("9.1 各部门年度评估", townships=False), table("9.2 各乡镇年度评估", townships=True)])


def _versions(k: dict) -> tuple[dict, Table]:
    from soilgw.assessment.safe_utilization import METHOD
    from soilgw.sites.gates import load_rules as gate_rules

    from .obligations.rules import rules_version

    versions = {"soilgw": soilgw.__version__, "obligation_rules": rules_version(),
                "land_action_gate_rules": gate_rules()[2], "gate_versions_in_checks": k["sites"]["gate_versions"],
                "groundwater_standards": k["groundwater"]["standards"],
                "farmland_rule_sets": k["farmland"]["rule_sets"], "safe_utilization_method": METHOD,
                "reporting_days_after_quarter_end": REPORTING_DAYS_AFTER_QUARTER_END}
    rows = [
        ["SoilGW", versions["soilgw"], "生成本报告的平台版本"],
        ["义务规则（plans/data/obligation_rules.yaml）", versions["obligation_rules"], "第三节逾期义务"],
        ["用途管制核查规则（sites）", versions["land_action_gate_rules"], "现行规则文件"],
        ["本季度核查所用规则版本", "、".join(versions["gate_versions_in_checks"]) or NONE_TEXT, "第四节核查记录"],
        ["地下水评价标准", "、".join(versions["groundwater_standards"]) or NONE_TEXT, "第五节（样品记录的标准版本）"],
        ["耕地类别划分规则集", "、".join(versions["farmland_rule_sets"]) or NONE_TEXT, "第六节（评价单元记录的规则集）"],
        ["安全利用率核算方法", METHOD, "第二、六节"],
        ["季度报送截止", f"季度结束后{REPORTING_DAYS_AFTER_QUARTER_END}日", "第一节（平台约定，计划未规定报送日）"],
    ]
    return versions, Table("附表 标准版本与规则版本", ["名称", "版本", "用于"], rows)


def build(year: int, quarter: int, as_of: dt.date | None = None) -> Report:
    """The report of ``quarter`` (1–4) of ``year`` judged on ``as_of`` (default the platform clock).

    Raises ``ValueError`` for a quarter outside 1–4. Text and labels are Chinese (``REPORT_LANGUAGE``).
    """
    today = as_of or clock_as_of()
    start, end = quarter_bounds(year, quarter)
    with translation.override(REPORT_LANGUAGE):
        dispatches = quarter_dispatch(year, quarter, today=today)
        s1 = _dispatch_section(year, quarter, today, dispatches)
        overdue = _obligations(today)
        s4, ks = _sites_section(start, end)
        s5, kg = _groundwater_section(start, end)
        s6, kf = _farmland_section(year)
        s7 = _enforcement_section(start, end)
        s8 = _funding_section(year, quarter)
        k = {"sites": ks, "groundwater": kg, "farmland": kf}
        versions, annex = _versions(k)
        county = county_name()
        info = Table("报告信息", ["事项", "内容"], [
            ["县（区）", county], ["报告期", f"{year}年第{quarter}季度（{_iso(start)}至{_iso(end)}）"],
            ["生成日期（判定日期）", _iso(today)], ["报送截止日", _iso(reporting_deadline(year, quarter))],
            ["任务状态口径", f"“{TaskState.OVERDUE.label}”等状态按计划期限与全部应报送单位的报送判定"],
        ])
        sections = [s1, _kpis(year, quarter, today), _obligation_section(overdue, today), s4, s5, s6, s7, s8,
                    Section(SECTION_TITLES[8], ["本报告所用标准与规则的版本如下，以便复核。", annex])]
        if quarter == 4:
            sections.insert(-1, _evaluation_section(year, today))
    return Report(county=county, year=year, quarter=quarter, as_of=today, info=info, sections=sections,
                  versions=versions)
