"""Choice classes of the enterprises app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    """The lists an enterprise can be on (GLOSSARY: 土壤污染重点监管单位, 重点排污单位名录)."""

    KEY_SUPERVISED_UNIT = "key_supervised_unit", _("Key soil-pollution supervised unit")
    HEAVY_METAL_DISCHARGER = "heavy_metal_discharger", _("Key pollutant-discharging unit (heavy metals)")
    GROUNDWATER_DISCHARGER = "groundwater_discharger", _("Key pollutant-discharging unit (groundwater)")


class PermitStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    CANCELLED = "cancelled", _("Cancelled")
    REVOKED = "revoked", _("Revoked")


#: A permit in one of these states puts the enterprise's site on the vacated-site list (soil task 8).
VACATING_STATUSES = (PermitStatus.CANCELLED, PermitStatus.REVOKED)


class DutyKind(models.TextChoices):
    """Kinds of evidence an enterprise files for its duties (soil tasks 1–2, groundwater tasks 5–6)."""

    HAZARD_INVESTIGATION = "hazard_investigation", _("Hazard investigation")
    SELF_MONITORING = "self_monitoring", _("Soil and groundwater self-monitoring")
    PERIPHERY_MONITORING = "periphery_monitoring", _("Periphery soil monitoring")
    DEMOLITION_PLAN = "demolition_plan", _("Demolition pollution-prevention plan")
    DEMOLITION_REPORT = "demolition_report", _("Demolition closing report")
    RETROFIT = "retrofit", _("Anti-seepage / pipeline retrofit")
    PARTICULATE_MONITOR = "particulate_monitor", _("Particulate automatic monitoring connection")
    PLANT_SPECIFIC_PLAN = "plant_specific_plan", _("Plant-specific risk-control plan")
