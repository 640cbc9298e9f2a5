"""Helpers shared by the sites models: departments, bounding boxes and URL."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department

from .. import geo

#: Soil tasks 8–12, 15: 市生态环境局绛县分局、县自然资源局按职责分工负责.
BUREAU, NATURAL_RESOURCES = "eeb", "nrb"


def department_ids(*codes: str) -> set[int]:
    return set(Department.objects.filter(code__in=codes).values_list("pk", flat=True))


class GeometryMixin(models.Model):
    """A GeoJSON polygon (EPSG:4326) with indexed bounding-box columns and its area in EPSG:4546."""

    geometry = models.JSONField(_("geometry (GeoJSON, EPSG:4326)"), null=True, blank=True)
    min_lon = models.FloatField(editable=False, db_index=True, null=True)
    min_lat = models.FloatField(editable=False, db_index=True, null=True)
    max_lon = models.FloatField(editable=False, db_index=True, null=True)
    max_lat = models.FloatField(editable=False, db_index=True, null=True)
    area_m2 = models.FloatField(_("area [m²]"), null=True, blank=True,
                                help_text=_("computed in EPSG:4546 when a geometry is given"))

    class Meta:
        abstract = True

    def clean_geometry(self) -> None:
        if self.geometry:
            try:
                geo.polygon(self.geometry)
            except ValueError as exc:
                raise ValidationError({"geometry": str(exc)}) from None

    def set_bbox(self) -> None:
        if self.geometry:
            poly = geo.polygon(self.geometry)
            self.min_lon, self.min_lat, self.max_lon, self.max_lat = poly.bounds
            self.area_m2 = round(geo.area_m2(self.geometry), 1)
        else:
            self.min_lon = self.min_lat = self.max_lon = self.max_lat = None


class RegistryUrlMixin:
    registry_url = ""  # "sites:sites"

    def get_absolute_url(self) -> str:
        return reverse(f"{self.registry_url}_detail", args=[self.pk])
