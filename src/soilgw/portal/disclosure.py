"""What the public portal discloses: per model, the one declaration of its public fields and what they mean.

Each ``Disclosure`` names the records (``queryset``), the public fields (``columns``: key, label, how to read
it) and a plain-language explanation for residents. The portal page and its API (``/api/public/<slug>/``)
both read these declarations, and a disclosed registry list (``public_read``) is read through
``soilgw.core.permissions.readable_queryset`` exactly as its own API does, so page and API cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from soilgw.core.permissions import readable_queryset


@dataclass(frozen=True)
class Column:
    """One public field: ``key`` in the API, ``label`` on the page, ``get(record) -> value``."""

    key: str
    label: Any
    get: Callable[[Any], Any]


@dataclass(frozen=True)
class Disclosure:
    """One public list: its slug, title, explanation for residents, records and public fields."""

    slug: str
    title: Any
    explanation: Any
    records: Callable[[], QuerySet]
    columns: tuple[Column, ...]
    link: Callable[[Any], str | None] = lambda record: None

    def rows(self) -> list[dict]:
        """Every record as ``{key: value}`` of its public fields only (values as shown, dates ISO)."""
        out = []
        for record in self.records():
            row = {}
            for col in self.columns:
                value = col.get(record)
                row[col.key] = value.isoformat() if hasattr(value, "isoformat") else value
            out.append(row)
        return out


def _display(field: str) -> Callable[[Any], Any]:
    return lambda record: getattr(record, f"get_{field}_display")()


def _township(record) -> str:
    return record.township.name if getattr(record, "township", None) else ""


def _register_entries() -> QuerySet:
    from soilgw.sites.registries import REGISTER

    # The same definition as /api/remediation-register/ (a disclosed registry read by anyone).
    qs = REGISTER.model._default_manager.select_related("site", "site__township")
    return readable_queryset(AnonymousUser(), qs, REGISTER.scope_field, REGISTER.public_read)


def _key_units() -> QuerySet:
    from soilgw.enterprises.choices import ListKind
    from soilgw.enterprises.models import Listing

    return (Listing.objects.filter(list_kind=ListKind.KEY_SUPERVISED_UNIT, delisted_on__isnull=True)
            .select_related("enterprise", "enterprise__township").order_by("enterprise__name"))


def _drinking_sources() -> QuerySet:
    from soilgw.groundwater.models import DrinkingWaterSource
    from soilgw.monitoring.models import Sample

    latest = (Sample.objects.filter(point__drinking_water_sources=OuterRef("pk")).exclude(class_label="")
              .order_by("-date"))
    return (DrinkingWaterSource.objects.select_related("township")
            .annotate(latest_class=Subquery(latest.values("class_label")[:1]),
                      latest_date=Subquery(latest.values("date")[:1])).order_by("code"))


def _self_monitoring() -> QuerySet:
    from soilgw.enterprises.choices import DutyKind
    from soilgw.enterprises.models import DutyRecord

    return (DutyRecord.objects.filter(kind__in=[DutyKind.SELF_MONITORING, DutyKind.PERIPHERY_MONITORING])
            .select_related("enterprise").order_by("-date", "enterprise__name"))


def _class_meaning(record) -> str:
    return str(CLASS_MEANING.get(record.latest_class or "", _("not yet monitored")))


#: What each groundwater quality class is fit for (GB/T 14848-2017, clause 4.1, in plain words).
CLASS_MEANING = {
    "I": _("Class I: low chemical content; fit for every use."),
    "II": _("Class II: fairly low chemical content; fit for every use."),
    "III": _("Class III: medium chemical content, judged against GB 5749; fit mainly for centralised drinking-water "
           "sources and for farming and industry."),
    "IV": _("Class IV: fit for farming and some industry; drinkable only after suitable treatment."),
    "V": _("Class V: not fit for drinking; other uses depending on purpose."),
}

DISCLOSURES: tuple[Disclosure, ...] = (
    Disclosure(
        slug="remediation-register",
        title=_("Register of development land for risk control and remediation"),
        explanation=_(
            "A plot is on this register because investigation and risk assessment found that its soil "
            "pollution risk exceeds what is acceptable for its use. Until it is removed from the register it "
            "may not be supplied for housing or public services, and no building work unrelated to risk "
            "control or remediation may start on it (Soil Pollution Prevention Law, art. 58 and 66; the "
            "county soil plan, task 9). Being on the "
            "register does not mean the neighbourhood is unsafe: it means the plot is being controlled and "
            "cleaned up. A removal date means the work was evaluated and the plot may be used as planned."),
        records=_register_entries,
        columns=(
            Column("parcel_code", _("parcel code"), lambda e: e.site.parcel_code),
            Column("site_name", _("name"), lambda e: e.site.name),
            Column("township", _("township"), lambda e: _township(e.site)),
            Column("stage", _("stage"), lambda e: e.site.get_stage_display()),
            Column("entered_on", _("entered on"), lambda e: e.entered_on),
            Column("entry_document", _("entry decision document"), lambda e: e.entry_document),
            Column("exited_on", _("removed on"), lambda e: e.exited_on),
            Column("exit_document", _("removal decision document"), lambda e: e.exit_document),
        ),
    ),
    Disclosure(
        slug="key-supervised-units",
        title=_("Key soil-pollution supervised units"),
        explanation=_(
            "These enterprises handle substances that could pollute soil or groundwater if something goes "
            "wrong, so the law puts them under closer supervision: each year they must check their plant for "
            "leak hazards, monitor the soil and groundwater on site and report the results (Soil Pollution "
            "Prevention Law, art. 21). Being on the list does not mean an enterprise has polluted anything."),
        records=_key_units,
        columns=(
            Column("name", _("name"), lambda li: li.enterprise.name),
            Column("credit_code", _("unified social credit code"), lambda li: li.enterprise.credit_code),
            Column("township", _("township"), lambda li: _township(li.enterprise)),
            Column("address", _("address"), lambda li: li.enterprise.address),
            Column("listed_on", _("listed on"), lambda li: li.listed_on),
            Column("publication", _("publication of the list"), lambda li: li.publication),
        ),
    ),
    Disclosure(
        slug="drinking-water-sources",
        title=_("Drinking-water source quality"),
        explanation=_(
            "Groundwater is graded into five classes by the national standard GB/T 14848-2017. Classes I to "
            "III are fit for drinking; a drinking-water source is expected to stay at class III or better. "
            "Class IV water needs suitable treatment before drinking and class V water is not fit for "
            "drinking. The class shown is that of the latest judged sample of the source's monitoring wells; "
            "tap water is treated and tested again by the water-supply unit before it reaches homes."),
        records=_drinking_sources,
        columns=(
            Column("code", _("code"), lambda s: s.code),
            Column("name", _("name"), lambda s: s.name),
            Column("township", _("township"), _township),
            Column("scale", _("scale"), _display("scale")),
            Column("target_class", _("target class (GB/T 14848)"), lambda s: s.target_class),
            Column("latest_class", _("latest class"), lambda s: s.latest_class or ""),
            Column("latest_date", _("latest sample"), lambda s: s.latest_date),
            Column("meaning", _("what it means"), _class_meaning),
        ),
    ),
    Disclosure(
        slug="self-monitoring",
        title=_("Enterprises' disclosed self-monitoring"),
        explanation=_(
            "Key supervised units sample the soil and groundwater of their own plant (self-monitoring) and "
            "of the land around it (periphery monitoring) and report the results. A value above the "
            "screening value is a signal to investigate further, not proof of a health risk; the bureau "
            "follows up each finding and the enterprise must rectify what it finds."),
        records=_self_monitoring,
        columns=(
            Column("enterprise", _("enterprise"), lambda d: d.enterprise.name),
            Column("kind", _("kind"), _display("kind")),
            Column("date", _("date"), lambda d: d.date),
            Column("scope", _("scope"), lambda d: d.scope),
            Column("findings", _("findings"), lambda d: d.findings),
            Column("rectification", _("rectification"), lambda d: d.rectification),
        ),
    ),
)

BY_SLUG = {d.slug: d for d in DISCLOSURES}
