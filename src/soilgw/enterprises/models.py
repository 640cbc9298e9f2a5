"""Enterprises, their listings, discharge permits, duty evidence records, demolitions and the concentrated
contaminated-farmland areas (soil plan tasks 1, 2 and 8; groundwater plan task 5)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, RegistryModel, Township
from soilgw.core.templatetags.bilingual import in_language

from . import credit_code, geo
from .choices import VACATING_STATUSES, DutyKind, ListKind, PermitStatus

#: The department that keeps these registries (soil task 1: 市生态环境局绛县分局负责).
RESPONSIBLE_DEPARTMENT = "eeb"
#: Special emission limits apply in concentrated contaminated-farmland areas "自2023年起" (soil task 2).
SPECIAL_LIMITS_FROM = dt.date(2023, 1, 1)


def responsible_department_ids() -> set[int]:
    return set(Department.objects.filter(code=RESPONSIBLE_DEPARTMENT).values_list("pk", flat=True))


def validate_credit_code(value: str) -> None:
    """A unified social credit code per GB 32100-2015 (structure and check character); the reason in the page's
    language."""
    try:
        credit_code.validate(value)
    except credit_code.CreditCodeError as exc:
        raise ValidationError(in_language(str(exc))) from None


class ConcentratedFarmlandArea(RegistryModel):
    """An area where contaminated farmland is concentrated (受污染耕地相对集中的区域).

    Maintained here until the farmland app derives it; enterprises inside are subject to the special
    emission limits for particulates and heavy metals from 2023 (soil task 2).
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    geometry = models.JSONField(_("geometry (GeoJSON, EPSG:4326)"))
    min_lon = models.FloatField(editable=False, db_index=True, default=0)
    min_lat = models.FloatField(editable=False, db_index=True, default=0)
    max_lon = models.FloatField(editable=False, db_index=True, default=0)
    max_lat = models.FloatField(editable=False, db_index=True, default=0)
    special_limits_from = models.DateField(_("special emission limits from"), default=SPECIAL_LIMITS_FROM)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("concentrated contaminated-farmland area")
        verbose_name_plural = _("concentrated contaminated-farmland areas")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            geo.polygon(self.geometry)
        except ValueError as exc:
            raise ValidationError({"geometry": str(exc)}) from None

    def save(self, *args, **kwargs):
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = geo.polygon(self.geometry).bounds
        super().save(*args, **kwargs)
        for ent in Enterprise.objects.filter(lon__gte=self.min_lon, lon__lte=self.max_lon,
                                             lat__gte=self.min_lat, lat__lte=self.max_lat):
            ent.save(update_fields=["concentrated_area"])
        for ent in Enterprise.objects.filter(concentrated_area=self):
            ent.save(update_fields=["concentrated_area"])


class Enterprise(RegistryModel):
    """An enterprise (legal person) supervised by the bureau, identified by its unified social credit code."""

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[validate_credit_code])
    industry_code = models.CharField(_("industry code (GB/T 4754)"), max_length=5, blank=True)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="enterprises", verbose_name=_("township"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    lon = models.FloatField(_("longitude [°]"), null=True, blank=True, db_index=True,
                            validators=[MinValueValidator(geo.CHINA_LON[0]), MaxValueValidator(geo.CHINA_LON[1])])
    lat = models.FloatField(_("latitude [°]"), null=True, blank=True, db_index=True,
                            validators=[MinValueValidator(geo.CHINA_LAT[0]), MaxValueValidator(geo.CHINA_LAT[1])])
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    concentrated_area = models.ForeignKey(
        ConcentratedFarmlandArea, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="enterprises", verbose_name=_("concentrated contaminated-farmland area"))
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprises_detail", args=[self.pk])

    def clean(self) -> None:
        if (self.lon is None) != (self.lat is None):
            raise ValidationError({"lat": _("Give both longitude and latitude, or neither.")})
        if self.credit_code:
            self.credit_code = credit_code.normalize(self.credit_code)

    def save(self, *args, **kwargs):
        self.concentrated_area = self._find_area()
        super().save(*args, **kwargs)

    def _find_area(self) -> ConcentratedFarmlandArea | None:
        if self.lon is None or self.lat is None:
            return None
        candidates = ConcentratedFarmlandArea.objects.filter(
            min_lon__lte=self.lon, max_lon__gte=self.lon, min_lat__lte=self.lat, max_lat__gte=self.lat)
        return next((a for a in candidates if geo.contains(a.geometry, self.lon, self.lat)), None)

    @property
    def special_limits_from(self) -> dt.date | None:
        """From when the special emission limits apply (None outside a concentrated area)."""
        return self.concentrated_area.special_limits_from if self.concentrated_area_id else None

    @property
    def geometry(self) -> dict | None:
        return None if self.lon is None else {"type": "Point", "coordinates": [self.lon, self.lat]}


class Listing(RegistryModel):
    """An enterprise's inclusion in a list, from ``listed_on`` until ``delisted_on``."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="listings",
                                   verbose_name=_("enterprise"))
    list_kind = models.CharField(_("list"), max_length=30, choices=ListKind.choices)
    listed_on = models.DateField(_("listed on"))
    delisted_on = models.DateField(_("delisted on"), null=True, blank=True)
    publication = models.CharField(_("publication of the list"), max_length=200, blank=True)

    class Meta:
        ordering = ["list_kind", "-listed_on"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        constraints = [models.UniqueConstraint(fields=["enterprise", "list_kind", "listed_on"],
                                               name="unique_listing")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_list_kind_display()} ({self.listed_on:%Y-%m-%d})"

    def clean(self) -> None:
        if self.delisted_on and self.listed_on and self.delisted_on < self.listed_on:
            raise ValidationError({"delisted_on": _("Delisting cannot precede listing.")})

    def is_active(self, on: dt.date) -> bool:
        return self.listed_on <= on and (self.delisted_on is None or self.delisted_on > on)


class DischargePermit(RegistryModel):
    """A pollutant discharge permit (排污许可证); cancelled or revoked puts the site on the vacated list."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="permits",
                                   verbose_name=_("enterprise"))
    number = models.CharField(_("permit number"), max_length=40, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=PermitStatus.choices, default=PermitStatus.VALID)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status_changed_on = models.DateField(_("cancelled / revoked on"), null=True, blank=True)

    class Meta:
        ordering = ["enterprise", "-issued_on"]
        verbose_name = _("discharge permit")
        verbose_name_plural = _("discharge permits")

    def __str__(self) -> str:
        return f"{self.number} ({self.get_status_display()})"

    def clean(self) -> None:
        errors = {}
        if self.status in VACATING_STATUSES and not self.status_changed_on:
            errors["status_changed_on"] = _("Give the date the permit was cancelled or revoked.")
        if self.status == PermitStatus.VALID and self.status_changed_on:
            errors["status_changed_on"] = _("A valid permit has no cancellation date.")
        if self.valid_until and self.issued_on and self.valid_until < self.issued_on:
            errors["valid_until"] = _("A permit cannot expire before it is issued.")
        if errors:
            raise ValidationError(errors)

    @property
    def vacates_site(self) -> bool:
        return self.status in VACATING_STATUSES


class DutyRecord(RegistryModel):
    """Dated evidence that an enterprise did one of its duties; the obligation engine reads ``date``.

    ``date`` is when it was done (investigation finished, monitoring sampled, plan filed, monitor connected).
    """


    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="duty_records",
                                   verbose_name=_("enterprise"))
    kind = models.CharField(_("kind"), max_length=30, choices=DutyKind.choices)
    date = models.DateField(_("date"))
    scope = models.TextField(_("scope"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    rectification = models.TextField(_("rectification"), blank=True)
    comprehensive = models.BooleanField(
        _("comprehensive soil and groundwater monitoring"), default=False,
        help_text=_("Self-monitoring only: the one comprehensive, systematic round due by the end of 2023."))
    exceeds_beyond_boundary = models.BooleanField(
        _("contamination beyond the plant boundary"), default=False,
        help_text=_("Periphery monitoring only: soil outside the boundary exceeds the screening values."))
    connected = models.BooleanField(_("connected to the bureau"), default=False,
                                    help_text=_("Particulate monitor only."))
    planned_start = models.DateField(_("planned start"), null=True, blank=True,
                                     help_text=_("Demolition plan only."))
    report_reference = models.CharField(_("report reference"), max_length=200, blank=True)
    points = models.ManyToManyField(
        "monitoring.MonitoringPoint", blank=True, related_name="duty_records", verbose_name=_("monitoring points"),
        help_text=_("Self-monitoring and periphery monitoring: the points sampled; their results are imported "
                    "through the monitoring importer."))

    class Meta:
        ordering = ["enterprise", "-date"]
        verbose_name = _("duty record")
        verbose_name_plural = _("duty records")

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        errors = {}
        if self.comprehensive and self.kind != DutyKind.SELF_MONITORING:
            errors["comprehensive"] = _("Only a self-monitoring record can be the comprehensive round.")
        if self.exceeds_beyond_boundary and self.kind != DutyKind.PERIPHERY_MONITORING:
            errors["exceeds_beyond_boundary"] = _("Only a periphery monitoring record reports this.")
        if self.connected and self.kind != DutyKind.PARTICULATE_MONITOR:
            errors["connected"] = _("Only a particulate monitor record is connected.")
        if self.planned_start and self.kind != DutyKind.DEMOLITION_PLAN:
            errors["planned_start"] = _("Only a demolition plan has a planned start.")
        if errors:
            raise ValidationError(errors)

    def results(self):
        """Results of the linked monitoring points sampled in the record's year (self/periphery monitoring)."""
        from soilgw.monitoring.models import Result

        return Result.objects.filter(point__in=self.points.all(), date__year=self.date.year).select_related(
            "point").order_by("point__code", "date", "analyte")


class Demolition(RegistryModel):
    """A demolition of plant facilities (拆除活动): the plan must be filed before it starts."""


    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="demolitions",
                                   verbose_name=_("enterprise"))
    description = models.CharField(_("description"), max_length=200)
    planned_start = models.DateField(_("planned start"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-planned_start"]
        verbose_name = _("demolition")
        verbose_name_plural = _("demolitions")

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.description}"

    def clean(self) -> None:
        if self.ended_on and self.planned_start and self.ended_on < self.planned_start:
            raise ValidationError({"ended_on": _("A demolition cannot end before it starts.")})
