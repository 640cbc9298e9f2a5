"""The layers of the one map: every spatial registry of the platform, declared once.

Each ``Layer`` names its model, how a record becomes a GeoJSON feature (point from lon/lat or the stored
area geometry, EPSG:4326) and which fields answer the map's filters (township, status, year). Features
carry ``label``, ``code``, ``status``, ``township``, ``url`` and ``colour`` for the popup and legend.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from soilgw.core.permissions import readable_queryset


class BBoxError(ValueError):
    """A malformed ``bbox`` (``min_lon,min_lat,max_lon,max_lat`` in degrees)."""


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``"x0,y0,x1,y1"`` → floats [degree]; ``BBoxError`` unless four numbers with x0 ≤ x1 and y0 ≤ y1."""
    try:
        x0, y0, x1, y1 = (float(v) for v in text.split(","))
    except ValueError:
        raise BBoxError("bbox: give min_lon,min_lat,max_lon,max_lat in degrees") from None
    if not (x0 <= x1 and y0 <= y1 and -180 <= x0 and x1 <= 180 and -90 <= y0 and y1 <= 90):
        raise BBoxError("bbox: min must not exceed max, longitude within ±180, latitude within ±90")
    return x0, y0, x1, y1


@dataclass(frozen=True)
class Layer:
    """One map layer: a model's records as features (see the module docstring)."""

    key: str
    label: Any
    model: str  # "app_label.ModelName"
    colour: str
    point: bool  # True: lon/lat fields; False: a GeoJSON ``geometry`` with min/max lon/lat columns
    township: str | None = "township"  # lookup to the Township, or None
    status: str | None = None  # a choice field shown and filtered as the status
    year: str | None = None  # a date field filtered by ``year``
    code: str = "code"
    related: tuple[str, ...] = ()
    scope: Callable[[QuerySet], QuerySet] = lambda qs: qs
    feature_colour: Callable[[Any], str | None] = field(default=lambda obj: None)

    def queryset(self, user, *, bbox=None, township: str = "", status: str = "", year: str = "") -> QuerySet:
        """Records of the layer that ``user`` may read (``core.permissions.readable_queryset``) with a location,
        filtered (``township`` is a Township id)."""
        model = apps.get_model(self.model)
        qs = self.scope(readable_queryset(user, model._default_manager.all(), None, public_read=False))
        if self.related:
            qs = qs.select_related(*self.related)
        if self.point:
            qs = qs.filter(lon__isnull=False, lat__isnull=False)
        else:
            qs = qs.exclude(geometry=None)
        if bbox is not None:
            x0, y0, x1, y1 = bbox
            qs = (qs.filter(lon__gte=x0, lon__lte=x1, lat__gte=y0, lat__lte=y1) if self.point else
                  qs.filter(min_lon__lte=x1, max_lon__gte=x0, min_lat__lte=y1, max_lat__gte=y0))
        if township and self.township:
            qs = qs.filter(**{self.township: township})
        if status and self.status:
            qs = qs.filter(**{self.status: status})
        if year and self.year:
            qs = qs.filter(**{f"{self.year}__year": int(year)})
        return qs

    def geometry(self, obj) -> dict:
        return {"type": "Point", "coordinates": [obj.lon, obj.lat]} if self.point else obj.geometry

    def feature(self, obj) -> dict:
        """One record as a GeoJSON Feature with the popup properties."""
        town = obj
        for part in (self.township or "").split("__"):
            town = getattr(town, part, None) if part else None
        return {"type": "Feature", "id": f"{self.key}.{obj.pk}", "geometry": self.geometry(obj), "properties": {
            "layer": self.key, "id": obj.pk, "label": str(obj), "code": str(getattr(obj, self.code, "") or ""),
            "status": getattr(obj, self.status) if self.status else "",
            "status_label": str(getattr(obj, f"get_{self.status}_display")()) if self.status else "",
            "township": str(town) if town else "",
            "url": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
            "colour": self.feature_colour(obj) or self.colour}}

    def status_choices(self) -> list[tuple[str, str]]:
        if not self.status:
            return []
        return [(k, str(v)) for k, v in apps.get_model(self.model)._meta.get_field(self.status).choices]


def _key_units(qs):
    from soilgw.enterprises.choices import ListKind

    return qs.filter(listings__list_kind=ListKind.KEY_SUPERVISED_UNIT, listings__delisted_on__isnull=True).distinct()


def _with_latest_class(qs):
    from soilgw.monitoring.api.views import latest_class_subquery

    return qs.annotate(latest_class=latest_class_subquery())


def _class_colour(point) -> str | None:
    from soilgw.monitoring.views import CLASS_COLOURS

    return CLASS_COLOURS.get(point.latest_class or "")


def _category_colour(unit) -> str | None:
    from soilgw.farmland.choices import CATEGORY_COLOUR

    return CATEGORY_COLOUR.get(unit.category)


LAYERS: tuple[Layer, ...] = (
    Layer("sites", _("Development-land sites (by stage)"), "sites.Site", "#8e24aa", point=False, status="stage",
          year="stage_since", code="parcel_code", related=("township",)),
    Layer("farmland", _("Farmland units (by category)"), "farmland.FarmlandUnit", "#f9a825", point=False,
          status="category", related=("township",), feature_colour=_category_colour),
    Layer("key_units", _("Key supervised units"), "enterprises.Enterprise", "#c62828", point=True,
          code="credit_code", related=("township",), scope=_key_units),
    Layer("pollution_sources", _("Groundwater pollution sources"), "groundwater.PollutionSource", "#6d4c41",
          point=True, status="investigation_status", related=("township",)),
    Layer("monitoring_points", _("Monitoring points (by latest class)"), "monitoring.MonitoringPoint", "#999999",
          point=True, township=None, scope=_with_latest_class, feature_colour=_class_colour),
    Layer("drinking_sources", _("Drinking-water sources"), "groundwater.DrinkingWaterSource", "#1565c0",
          point=True, related=("township",)),
    Layer("protection_zones", _("Drinking-water protection zones"), "groundwater.ProtectionZone", "#42a5f5",
          point=False, township="source__township", status="level", year="approved_on", code="level",
          related=("source", "source__township")),
    Layer("recharge_areas", _("Recharge areas"), "groundwater.RechargeArea", "#80deea", point=False,
          township="source__township", code="pk", related=("source", "source__township")),
    Layer("mining_waste", _("Legacy mining waste"), "groundwater.MiningWasteSite", "#5d4037", point=False,
          related=("township",)),
    Layer("abandoned_wells", _("Abandoned wells"), "groundwater.AbandonedWell", "#455a64", point=True,
          status="status", related=("township",)),
    Layer("key_zones", _("Groundwater key zones"), "groundwater.GroundwaterKeyZone", "#ab47bc", point=False,
          township=None, status="status"),
)

BY_KEY = {layer.key: layer for layer in LAYERS}
