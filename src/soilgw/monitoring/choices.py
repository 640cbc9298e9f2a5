"""Kinds, programmes, aquifers and flags of the monitoring app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PointKind(models.TextChoices):
    GROUNDWATER_WELL = "groundwater_well", _("Groundwater well")
    DRINKING_SOURCE = "drinking_source", _("Drinking-water source intake")
    SOIL = "soil", _("Soil point")
    CROP = "crop", _("Crop point")
    IRRIGATION = "irrigation", _("Irrigation water")
    IRRIGATION_RETURN = "irrigation_return", _("Irrigation return water")
    SURFACE_WATER = "surface_water", _("Surface water")


#: Kinds whose samples are judged by GB/T 14848 (groundwater).
GROUNDWATER_KINDS = (PointKind.GROUNDWATER_WELL, PointKind.DRINKING_SOURCE)


class WaterStandard(models.TextChoices):
    """The water-quality standard that judges a point's samples (its water use)."""

    BY_KIND = "", _("By point kind")
    GBT14848 = "GB/T 14848-2017", _("GB/T 14848-2017 groundwater quality")
    GB3838 = "GB 3838-2002", _("GB 3838-2002 surface water (also riverside sources)")
    GB5084 = "GB 5084-2021", _("GB 5084-2021 irrigation water")


#: Standard of each kind when the point names none: groundwater and drinking-water wells GB/T 14848 (§4,
#: target class III for drinking sources), surface water GB 3838, irrigation water GB 5084. Irrigation
#: return water and soil/crop points are not judged by a water standard.
KIND_STANDARD = {PointKind.GROUNDWATER_WELL: WaterStandard.GBT14848, PointKind.DRINKING_SOURCE: WaterStandard.GBT14848,
                 PointKind.SURFACE_WATER: WaterStandard.GB3838, PointKind.IRRIGATION: WaterStandard.GB5084}


def water_standard(kind: str, chosen: str = "") -> str:
    """The standard judging a point: ``chosen`` (the point's water use, e.g. GB 3838 for a riverside drinking
    source) if set, else the kind's (:data:`KIND_STANDARD`); "" when none applies."""
    return chosen or KIND_STANDARD.get(kind, "")


class IrrigationCrop(models.TextChoices):
    """Crop class of GB 5084-2021 Table 1 (the limits differ by crop)."""

    UNKNOWN = "", _("Not stated")
    PADDY = "paddy", _("Paddy crops")
    DRYLAND = "dryland", _("Dryland crops")
    VEGETABLE_PROCESSED = "vegetable_processed", _("Vegetables eaten processed")
    VEGETABLE_RAW = "vegetable_raw", _("Vegetables eaten raw")


class Programme(models.TextChoices):
    NATIONAL_REGIONAL = "national_regional", _("National regional monitoring")
    NATIONAL_DRINKING = "national_drinking", _("National drinking-water source monitoring")
    NATIONAL_RISK = "national_risk", _("National pollution-risk monitoring")
    PROVINCIAL = "provincial", _("Provincial monitoring")
    COUNTY = "county", _("County monitoring")
    SELF_MONITORING = "self_monitoring", _("Enterprise self-monitoring")
    INVESTIGATION = "investigation", _("Investigation")


class Aquifer(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    PHREATIC = "phreatic", _("Phreatic (shallow)")
    CONFINED = "confined", _("Confined")


class Medium(models.TextChoices):
    GROUNDWATER = "groundwater", _("Groundwater")
    SURFACE_WATER = "surface_water", _("Surface water")
    SOIL = "soil", _("Soil")
    CROP = "crop", _("Crop")


class QcType(models.TextChoices):
    NORMAL = "normal", _("Normal sample")
    FIELD_DUPLICATE = "field_duplicate", _("Field duplicate")


class LevelAggregation(models.TextChoices):
    MEASUREMENT = "measurement", _("Single measurement")
    DAILY = "daily", _("Daily value")
    WEEKLY_MEAN = "weekly_mean", _("Weekly mean of daily values")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month (nominal day 15)")
    SEASON = "season", _("Season (nominal date)")
    UNKNOWN = "unknown", _("No date (nominal)")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    NO_DEEPER_POINT = "no_deeper_point", _("No deeper point exists")
    DONE = "done", _("Done")


class MappingKind(models.TextChoices):
    ANALYTE = "analyte", _("Analyte name")
    UNIT = "unit", _("Unit")
