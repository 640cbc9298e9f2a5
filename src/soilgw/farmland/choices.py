"""Choice classes of the farmland app (categories, land uses, workflow statuses, measure kinds)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Farmland soil environmental quality categories (土壤污染防治行动计划 item (八); GB 15618-2018)."""

    PRIORITY_PROTECTION = "priority_protection", _("Priority protection")
    SAFE_UTILIZATION = "safe_utilization", _("Safe utilization")
    STRICT_CONTROL = "strict_control", _("Strict control")


#: Worse category = higher rank (used for "worsening" warnings).
CATEGORY_RANK = {Category.PRIORITY_PROTECTION: 1, Category.SAFE_UTILIZATION: 2, Category.STRICT_CONTROL: 3}
#: Map colours of the categories (green / yellow / red as the category maps of the guide use them).
CATEGORY_COLOUR = {Category.PRIORITY_PROTECTION: "#2e7d32", Category.SAFE_UTILIZATION: "#f9a825",
                   Category.STRICT_CONTROL: "#c62828"}


class LandUse(models.TextChoices):
    PADDY = "paddy", _("Paddy")
    DRYLAND = "dryland", _("Dryland")
    ORCHARD = "orchard", _("Orchard")
    ROTATION = "rotation", _("Paddy–dryland rotation")
    OTHER = "other", _("Other farmland")


#: Land uses that produce edible crops (reclamation of toxic-substance land into these is refused).
EDIBLE_CROP_USES = {LandUse.PADDY, LandUse.DRYLAND, LandUse.ORCHARD, LandUse.ROTATION}


class AdjustmentTrigger(models.TextChoices):
    NEW_RESULTS = "new_results", _("New monitoring results")
    LAND_USE_CHANGE = "land_use_change", _("Land-use change")
    REMEDIATION = "remediation", _("Remediation effect")


class AdjustmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved by the county government")
    REJECTED = "rejected", _("Rejected")
    REPORTED = "reported", _("Reported to the province")


class MeasureKind(models.TextChoices):
    VARIETY = "variety_substitution", _("Low-accumulation variety substitution")
    WATER_FERTILIZER = "water_fertilizer", _("Water–fertilizer regulation")
    FOLIAR = "foliar_barrier", _("Foliar barrier")
    SOIL_CONDITIONING = "soil_conditioning", _("Soil conditioning (pH, passivation)")
    STRUCTURE = "planting_structure", _("Planting structure adjustment")
    ROTATION_FALLOW = "rotation_fallow", _("Rotation and fallow")
    RETIRE = "retire_farming", _("Retirement from farming (退耕还林还草)")
    PRIORITY = "priority_protection", _("Priority-protection measure")


#: Which measure kinds count for which category in the safe-utilization rate (the method's B, C, D terms).
SAFE_MEASURES = {MeasureKind.VARIETY, MeasureKind.WATER_FERTILIZER, MeasureKind.FOLIAR, MeasureKind.SOIL_CONDITIONING}
STRICT_MEASURES = {MeasureKind.STRUCTURE, MeasureKind.ROTATION_FALLOW, MeasureKind.RETIRE}
PRIORITY_MEASURES = {MeasureKind.PRIORITY}


class WarningKind(models.TextChoices):
    PRIORITY_DECREASE = "priority_decrease", _("Priority-protection area decreasing")
    UNIT_WORSENED = "unit_worsened", _("Unit level worsened between surveys")
    CONSTRUCTION = "construction_near_basic_farmland", _("Construction near permanent basic farmland")


class SourceKind(models.TextChoices):
    MINING_WASTE = "mining_waste", _("Mining waste")
    EMITTER = "emitter", _("Emitting enterprise")
    IRRIGATION = "irrigation_water", _("Irrigation water")
    INPUTS = "agricultural_inputs", _("Agricultural inputs")


class Disposal(models.TextChoices):
    PENDING = "pending", _("Pending disposal")
    NON_FOOD = "non_food_use", _("Sold for non-food industrial use")
    DESTROYED = "destroyed", _("Destroyed")
    NOT_REQUIRED = "not_required", _("Not required (compliant)")
