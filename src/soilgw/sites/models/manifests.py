"""Receiving facilities and contaminated-soil transfer manifests (污染土壤转运联单, soil task 12)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import RegistryModel

from ._base import RegistryUrlMixin
from .sites import Site

POSITIVE = [MinValueValidator(0.001)]


def split_codes(text: str) -> list[str]:
    return [c.strip().upper() for c in re.split(r"[、,，;；\s]+", text or "") if c.strip()]


class ReceivingFacility(RegistryUrlMixin, RegistryModel):
    """A facility that receives contaminated soil, with its permit and the waste codes it accepts."""

    registry_url = "sites:receiving-facilities"

    name = models.CharField(_("name"), max_length=200)
    permit_number = models.CharField(_("permit number"), max_length=60, unique=True)
    permit_valid_from = models.DateField(_("permit valid from"))
    permit_valid_until = models.DateField(_("permit valid until"))
    accepted_waste_codes = models.CharField(
        _("accepted waste codes"), max_length=300, blank=True,
        help_text=_("hazardous-waste codes, 、-separated (e.g. HW49、900-041-49); blank: general soil only"))
    accepts_general_soil = models.BooleanField(_("accepts soil that is not hazardous waste"), default=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("receiving facility")
        verbose_name_plural = _("receiving facilities")

    def __str__(self) -> str:
        return f"{self.name} ({self.permit_number})"

    def clean(self) -> None:
        if self.permit_valid_from and self.permit_valid_until and self.permit_valid_until < self.permit_valid_from:
            raise ValidationError({"permit_valid_until": _("A permit cannot expire before it starts.")})

    def permit_valid_on(self, day: dt.date) -> bool:
        return self.permit_valid_from <= day <= self.permit_valid_until

    def accepts(self, waste_code: str) -> bool:
        """Whether the permit covers ``waste_code`` (a category such as HW49 covers its 8-digit codes)."""
        if not waste_code:
            return self.accepts_general_soil
        code = waste_code.strip().upper()
        return any(code == c or code.endswith(f"-{c[2:]}") and c.startswith("HW") for c in
                   split_codes(self.accepted_waste_codes))


class TransferManifest(RegistryUrlMixin, RegistryModel):
    """One load of contaminated soil from a site to a receiving facility, signed at each hand-over."""

    registry_url = "sites:transfer-manifests"

    number = models.CharField(_("manifest number"), max_length=60, unique=True)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="manifests", verbose_name=_("origin site"))
    quantity_t = models.FloatField(_("quantity dispatched [t]"), validators=POSITIVE)
    volume_m3 = models.FloatField(_("volume [m³]"), validators=POSITIVE)
    waste_code = models.CharField(_("waste code"), max_length=20, blank=True,
                                  help_text=_("where the soil is hazardous waste"))
    carrier = models.CharField(_("carrier"), max_length=200)
    vehicle = models.CharField(_("vehicle plate"), max_length=20)
    facility = models.ForeignKey(ReceivingFacility, on_delete=models.PROTECT, related_name="manifests",
                                 verbose_name=_("destination"))
    departed_on = models.DateField(_("departed on"))
    shipper_signature = models.CharField(_("signed by shipper"), max_length=50)
    carrier_signature = models.CharField(_("signed by carrier"), max_length=50)
    arrived_on = models.DateField(_("arrived on"), null=True, blank=True)
    received_t = models.FloatField(_("quantity received [t]"), null=True, blank=True, validators=POSITIVE)
    receiver_signature = models.CharField(_("signed by receiver"), max_length=50, blank=True)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    class Meta:
        ordering = ["-departed_on", "number"]
        verbose_name = _("transfer manifest")
        verbose_name_plural = _("transfer manifests")

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.arrived_on is None

    def clean(self) -> None:
        errors = {}
        if self.facility_id and self.departed_on:
            if not self.facility.permit_valid_on(self.departed_on):
                errors["facility"] = _("The destination's permit %(p)s is not valid on %(d)s (valid %(a)s – %(b)s); "
                                       "the manifest is refused.") % {
                    "p": self.facility.permit_number, "d": self.departed_on,
                    "a": self.facility.permit_valid_from, "b": self.facility.permit_valid_until}
            elif not self.facility.accepts(self.waste_code):
                errors["waste_code"] = _("The destination's permit does not cover %(c)s.") % {
                    "c": self.waste_code or _("soil that is not hazardous waste")}
        if self.arrived_on and self.departed_on and self.arrived_on < self.departed_on:
            errors["arrived_on"] = _("Arrival cannot precede departure.")
        received = (self.arrived_on, self.received_t, self.receiver_signature)
        if any(v not in (None, "") for v in received) and not all(v not in (None, "") for v in received):
            errors["received_t"] = _("On arrival give the date, the quantity received and the receiver's signature.")
        if errors:
            raise ValidationError(errors)
