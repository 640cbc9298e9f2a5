"""Land-supply records of the natural resources bureau, matched to sites (soil tasks 8, 11, 15)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import RegistryModel

from ..choices import MatchStatus, SupplyKind
from ._base import GeometryMixin, RegistryUrlMixin
from .codes import LandUseCode
from .sites import Site


class LandSupplyRecord(RegistryUrlMixin, GeometryMixin, RegistryModel):
    """A parcel in the annual supply plan, or an allocation, transfer or recovery of its use right."""

    registry_url = "sites:land-supply-records"

    kind = models.CharField(_("kind"), max_length=12, choices=SupplyKind.choices)
    year = models.PositiveSmallIntegerField(_("plan year"))
    parcel_code = models.CharField(_("parcel code"), max_length=40, blank=True)
    name = models.CharField(_("parcel name"), max_length=200)
    planned_use = models.ForeignKey(LandUseCode, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("land use"))
    date = models.DateField(_("date"), help_text=_("of the allocation, transfer or recovery; of the plan"))
    document = models.CharField(_("document"), max_length=120, blank=True)
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    site = models.ForeignKey(Site, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
                             related_name="supply_records", verbose_name=_("matched site"))
    match_status = models.CharField(_("match"), max_length=14, choices=MatchStatus.choices, editable=False,
                                    default=MatchStatus.UNMATCHED)
    candidates = models.JSONField(_("candidate sites"), default=list, blank=True, editable=False)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["-year", "-date", "parcel_code"]
        constraints = [models.UniqueConstraint(fields=["kind", "year", "name", "date"], name="sites_supply_key")]
        verbose_name = _("land-supply record")
        verbose_name_plural = _("land-supply records")

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()} · {self.parcel_code or self.name}"

    def clean(self) -> None:
        self.clean_geometry()

    def save(self, *args, **kwargs):
        from ..supply import match_site, notify_key_unit

        self.set_bbox()
        self.site, self.match_status, self.candidates = match_site(self)
        created = self.pk is None
        super().save(*args, **kwargs)
        if created:
            notify_key_unit(self)
