"""Kinds and statuses of the groundwater app (groundwater plan 2023 tasks 1, 4, 6–8, 10–15; soil plan task 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    CHEMICAL_ENTERPRISE = "chemical_enterprise", _("Chemical production enterprise")
    TAILINGS_POND = "tailings_pond", _("Tailings pond")
    HAZARDOUS_WASTE_SITE = "hazardous_waste_site", _("Hazardous-waste disposal site")
    LANDFILL = "landfill", _("Landfill")
    CHEMICAL_PARK = "chemical_park", _("Chemical industrial park")
    MINING_AREA = "mining_area", _("Mining area")
    PETROL_STATION = "petrol_station", _("Petrol station")
    OTHER = "other", _("Other")


#: 一企一库 (chemical enterprises, tailings ponds) and 两场两区 (hazardous-waste sites, landfills, chemical
#: parks, mining areas): the sources groundwater plan task 1 requires to be investigated by 2023-12-31.
ONE_ENTERPRISE_ONE_POND = (SourceKind.CHEMICAL_ENTERPRISE, SourceKind.TAILINGS_POND)
TWO_SITES_TWO_AREAS = (SourceKind.HAZARDOUS_WASTE_SITE, SourceKind.LANDFILL, SourceKind.CHEMICAL_PARK,
                       SourceKind.MINING_AREA)
INVESTIGATED_KINDS = (*ONE_ENTERPRISE_ONE_POND, *TWO_SITES_TWO_AREAS)


class InvestigationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Trend(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    INCREASING = "increasing", _("Increasing")
    STABLE = "stable", _("Stable")
    DECREASING = "decreasing", _("Decreasing")


class RiskLevel(models.TextChoices):
    UNKNOWN = "", _("Not assessed")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class SeepageStatus(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    NONE = "none", _("No anti-seepage measures")
    IN_PLACE = "in_place", _("Anti-seepage measures in place")
    RETROFIT_NEEDED = "retrofit_needed", _("Retrofit needed")
    RETROFITTED = "retrofitted", _("Retrofitted")


class DiscoveryMethod(models.TextChoices):
    SATELLITE = "satellite", _("Satellite remote sensing")
    DRONE = "drone", _("Drone survey")
    FIELD = "field", _("Field survey")


class TreatmentPhase(models.TextChoices):
    FOUND = "found", _("Found, not yet planned")
    PLANNED = "planned", _("Treatment plan made")
    PHASE_1 = "phase_1", _("Phase 1 treatment")
    PHASE_2 = "phase_2", _("Phase 2 treatment")
    COMPLETED = "completed", _("Treatment completed")


class Priority(models.TextChoices):
    HIGH = "high", _("High (downstream farmland polluted)")
    NORMAL = "normal", _("Normal")


class WellKind(models.TextChoices):
    MINE_SHAFT = "mine_shaft", _("Abandoned mine shaft")
    BOREHOLE = "borehole", _("Abandoned borehole")
    WATER_WELL = "water_well", _("Abandoned water well")


class WellStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    SEALING_PLAN = "sealing_plan", _("Sealing plan made")
    SEALED = "sealed", _("Sealed and backfilled")
    VERIFIED = "verified", _("Sealing verified")


#: Statuses from which a well counts as sealed.
SEALED_STATUSES = (WellStatus.SEALED, WellStatus.VERIFIED)


class SourceScale(models.TextChoices):
    URBAN = "urban", _("Centralised urban source")
    THOUSAND_TON = "thousand_ton", _("Rural source ≥ 1,000 m³/d or ≥ 10,000 people")
    TOWNSHIP = "township", _("Township centralised source")


class SourceType(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary groundwater source")
    RIVERSIDE = "riverside", _("Riverside (bank infiltration) source")
    SUBSURFACE_DAM = "subsurface_dam", _("Subsurface dam (截潜流) source")


class ConstructionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Standardised construction completed")


class ZoneLevel(models.TextChoices):
    FIRST = "first", _("First-level protection zone")
    SECOND = "second", _("Second-level protection zone")
    QUASI = "quasi", _("Quasi-protection zone")


class DelineationStatus(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary delineation")
    APPROVED = "approved", _("Approved")


class Cause(models.TextChoices):
    UNDETERMINED = "undetermined", _("Under analysis")
    GEOLOGICAL = "geological", _("Geological background")
    HUMAN = "human", _("Human activity")


class RemediationStatus(models.TextChoices):
    NOT_APPLICABLE = "", _("Not applicable")
    PLANNED = "planned", _("Remediation planned")
    IN_PROGRESS = "in_progress", _("Remediation in progress")
    COMPLETED = "completed", _("Remediation completed")


class ReinjectionKind(models.TextChoices):
    GEOTHERMAL = "geothermal", _("Geothermal heating")
    WASTEWATER = "wastewater", _("Treated wastewater reinjection")
    MULTI_AQUIFER = "multi_aquifer", _("Multi-aquifer abstraction")


class GeothermalTechnique(models.TextChoices):
    NOT_APPLICABLE = "", _("Not applicable")
    NO_WATER_CONSUMPTION = "no_water_consumption", _("Heat extraction without water consumption, full same-layer reinjection")
    CLOSED_LOOP = "closed_loop", _("Sealed downhole heat exchange")
    OTHER = "other", _("Other")
