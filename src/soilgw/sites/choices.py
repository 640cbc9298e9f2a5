"""Choice classes of the sites app (development land)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LandClass(models.TextChoices):
    """GB 36600-2018 §4 development-land classes (GLOSSARY: 第一类用地 / 第二类用地)."""

    CLASS_1 = "class_1", _("First-class land")
    CLASS_2 = "class_2", _("Second-class land")


class UseGroup(models.TextChoices):
    RESIDENTIAL = "residential", _("Residential")
    SCHOOL = "school", _("School")
    MEDICAL = "medical", _("Medical and health")
    WELFARE = "welfare", _("Social welfare")
    PARK = "park", _("Community or children's park")
    ADMINISTRATION = "administration", _("Administration")
    PUBLIC_SERVICE = "public_service", _("Public service")
    COMMERCIAL = "commercial", _("Commercial")
    INDUSTRIAL = "industrial", _("Industrial")
    LOGISTICS = "logistics", _("Logistics and warehousing")
    TRANSPORT = "transport", _("Transport")
    UTILITY = "utility", _("Utilities")
    GREEN = "green", _("Green space")
    OTHER = "other", _("Other")


class CodeSystem(models.TextChoices):
    GB50137 = "gb50137", _("GB 50137-2011 urban land")
    NATIONAL = "national", _("National land and sea use classification (2023)")
    CJJ85 = "cjj85", _("CJJ/T 85-2017 urban green space")


class Industry(models.TextChoices):
    """Former industry of a site; the first three are the seed's heavily polluting industries (soil task 9)."""

    PESTICIDE = "pesticide", _("Pesticide")
    COKING = "coking", _("Coking")
    CHEMICAL = "chemical", _("Chemical")
    NONFERROUS = "nonferrous", _("Non-ferrous metal smelting")
    ELECTROPLATING = "electroplating", _("Electroplating")
    PHARMACEUTICAL = "pharmaceutical", _("Pharmaceutical")
    OTHER_INDUSTRY = "other_industry", _("Other industry")
    NONE = "", _("No industrial use")


#: Industries whose heavily polluted sites may not be planned for schools or housing (soil task 9).
HEAVY_INDUSTRIES = (Industry.PESTICIDE, Industry.COKING, Industry.CHEMICAL)


class SiteSource(models.TextChoices):
    VACATED = "vacated", _("Vacated site (cancelled or revoked permit)")
    USE_CHANGE = "use_change", _("Use change")
    HIGH_RISK_SURVEY = "high_risk_survey", _("High-risk site of the key-industry survey")
    SUPPLY_PLAN = "supply_plan", _("Annual land-supply plan")
    CONSTRUCTION = "construction", _("Found during construction")


class Stage(models.TextChoices):
    """The lifecycle of a site, in order."""

    SUSPECTED = "suspected", _("Suspected")
    PRELIMINARY = "preliminary_investigation", _("Preliminary investigation")
    DETAILED = "detailed_investigation", _("Detailed investigation")
    RISK_ASSESSMENT = "risk_assessment", _("Risk assessment")
    ON_REGISTER = "on_register", _("On the register")
    CONTROL = "control_remediation", _("Risk control / remediation")
    EVALUATION = "effectiveness_evaluation", _("Effectiveness evaluation")
    OFF_REGISTER = "off_register", _("Off the register")
    POST = "post_management", _("Post-remediation management")


STAGE_ORDER = {s: i for i, s in enumerate(Stage.values)}
#: Stages that follow each stage (an investigation finding nothing ends the lifecycle where it is).
NEXT_STAGES = {
    Stage.SUSPECTED: (Stage.PRELIMINARY,),
    Stage.PRELIMINARY: (Stage.DETAILED,),
    Stage.DETAILED: (Stage.RISK_ASSESSMENT,),
    Stage.RISK_ASSESSMENT: (Stage.ON_REGISTER,),
    Stage.ON_REGISTER: (Stage.CONTROL,),
    Stage.CONTROL: (Stage.EVALUATION,),
    Stage.EVALUATION: (Stage.CONTROL, Stage.OFF_REGISTER),
    Stage.OFF_REGISTER: (Stage.POST,),
    Stage.POST: (),
}
INVESTIGATION_STAGES = (Stage.PRELIMINARY, Stage.DETAILED)
#: Stages at which a site counts as contaminated (shared with the natural resources bureau, soil task 11).
CONTAMINATED_STAGES = (Stage.ON_REGISTER, Stage.CONTROL, Stage.EVALUATION)


class Review(models.TextChoices):
    PENDING = "pending", _("Pending expert review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


class Conclusion(models.TextChoices):
    """Conclusion of a stage's report."""

    NONE = "", _("—")
    NEGLIGIBLE = "negligible", _("Below screening values: risk negligible")
    INVESTIGATE = "investigate", _("Above screening values: investigate further")
    ACCEPTABLE = "acceptable", _("Risk acceptable")
    UNACCEPTABLE = "unacceptable", _("Risk unacceptable: control or remediation needed")
    TARGETS_MET = "targets_met", _("Targets met")
    TARGETS_NOT_MET = "targets_not_met", _("Targets not met")


class GroundwaterPathway(models.TextChoices):
    """HJ 25.3-2019 groundwater exposure pathways."""

    INHALE_INDOOR = "inhale_indoor_gw", _("Inhalation of vapours from groundwater, indoor")
    INHALE_OUTDOOR = "inhale_outdoor_gw", _("Inhalation of vapours from groundwater, outdoor")
    DRINK = "drink_gw", _("Drinking groundwater")


class Action(models.TextChoices):
    """Land actions the gate engine checks."""

    RECOVERY = "recovery", _("Land recovery")
    ACQUISITION = "acquisition", _("Land acquisition")
    SUPPLY = "supply", _("Land supply")
    USE_CHANGE = "use_change", _("Change of use")
    PLANNING_PERMIT = "planning_permit", _("Planning permit")
    CONSTRUCTION = "construction", _("Construction")


class CheckSource(models.TextChoices):
    API = "api", _("API")
    BATCH = "batch", _("Batch list")
    PAGE = "page", _("Page")
    SUPPLY = "supply", _("Land-supply record")


class SupplyKind(models.TextChoices):
    PLAN = "plan", _("Annual land-supply plan")
    ALLOCATION = "allocation", _("Allocation (划拨)")
    TRANSFER = "transfer", _("Transfer of use right (出让)")
    RECOVERY = "recovery", _("Recovery of use right (收回)")


class MatchStatus(models.TextChoices):
    PARCEL_CODE = "parcel_code", _("Matched by parcel code")
    GEOMETRY = "geometry", _("Matched by geometry")
    NEEDS_REVIEW = "needs_review", _("Several candidates: needs review")
    UNMATCHED = "unmatched", _("No site")


class NoticeKind(models.TextChoices):
    SITE_STATUS = "site_status", _("Suspected or contaminated site changed")
    SENSITIVE_USE = "sensitive_use", _("Use changes to residential or public service")
    KEY_UNIT_LAND = "key_unit_land", _("Key unit's land-use right recovered or transferred")


class Direction(models.TextChoices):
    TO_NRB = "to_nrb", _("Bureau → natural resources bureau")
    TO_EEB = "to_eeb", _("Natural resources bureau → bureau")
