"""Cross-cutting pieces of the groundwater registries: a WGS84 location, an area geometry with its bounding
box, the sample-data flag and the departments responsible under the plan tasks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, RegistryModel

from .. import geo

#: Longitude and latitude range of China; anything outside is a typing error [degree].
CHINA_LON = (73.4, 135.1)
CHINA_LAT = (3.8, 53.6)


def department_ids(*codes: str) -> set[int]:
    """Primary keys of the departments with these codes (groundwater plan task "负责/牵头" columns)."""
    return set(Department.objects.filter(code__in=codes).values_list("pk", flat=True))


def sample_flag() -> models.BooleanField:
    """The 示例 flag; declared last in each model so that pages list the domain fields first."""
    return models.BooleanField(_("sample data (示例)"), default=False)


def notes_field() -> models.TextField:
    return models.TextField(_("notes"), blank=True)


class GroundwaterRecord(RegistryModel):
    """A groundwater registry record edited by the departments responsible (who edits: ``groundwater.policy``)."""

    class Meta:
        abstract = True


class Located(models.Model):
    """A point location, longitude/latitude [degree] in EPSG:4326 (CGCS2000 differs by centimetres)."""

    lon = models.FloatField(_("longitude [°]"), db_index=True,
                            validators=[MinValueValidator(CHINA_LON[0]), MaxValueValidator(CHINA_LON[1])])
    lat = models.FloatField(_("latitude [°]"), db_index=True,
                            validators=[MinValueValidator(CHINA_LAT[0]), MaxValueValidator(CHINA_LAT[1])])

    class Meta:
        abstract = True

    @property
    def point_geometry(self) -> dict:
        return geo.point(self.lon, self.lat)


class Area(models.Model):
    """A (Multi)Polygon in GeoJSON (EPSG:4326) with indexed bounding-box columns for prefiltering."""

    geometry_required = True
    geometry = models.JSONField(_("geometry (GeoJSON, EPSG:4326)"), null=True, blank=True)
    min_lon = models.FloatField(editable=False, db_index=True, null=True)
    min_lat = models.FloatField(editable=False, db_index=True, null=True)
    max_lon = models.FloatField(editable=False, db_index=True, null=True)
    max_lat = models.FloatField(editable=False, db_index=True, null=True)
    area_m2 = models.FloatField(_("area [m²] (EPSG:4546)"), editable=False, null=True)

    class Meta:
        abstract = True

    def clean_geometry(self) -> None:
        if self.geometry in (None, "", {}):
            if self.geometry_required:
                raise ValidationError({"geometry": _("A polygon geometry is required.")})
            return
        try:
            geo.parse(self.geometry, geo.AREA_TYPES)
        except ValueError as exc:
            raise ValidationError({"geometry": str(exc)}) from None

    def clean(self) -> None:
        super().clean()
        self.clean_geometry()

    def save(self, *args, **kwargs):
        if self.geometry:
            self.min_lon, self.min_lat, self.max_lon, self.max_lat = geo.bbox(self.geometry)
            self.area_m2 = geo.area_m2(self.geometry)
        else:
            self.min_lon = self.min_lat = self.max_lon = self.max_lat = self.area_m2 = None
        super().save(*args, **kwargs)
