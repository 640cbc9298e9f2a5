"""Choice classes of the funding app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    MINING_SLAG = "legacy_mining_slag", _("Legacy heavy-metal mining slag")
    REMEDIATION = "remediation", _("Remediation")
    RISK_CONTROL = "risk_control", _("Risk control")
    INVESTIGATION = "investigation", _("Investigation and assessment")
    MONITORING = "monitoring", _("Monitoring capacity")
    GROUNDWATER = "groundwater", _("Groundwater pollution prevention")
    FARMLAND = "farmland_safe_use", _("Safe use of contaminated farmland")
    OTHER = "other", _("Other")


class ReserveLevel(models.TextChoices):
    CENTRAL = "central", _("Central reserve")
    PROVINCIAL = "provincial", _("Provincial reserve")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DECLARED = "declared", _("Declared to the reserve")
    ADMITTED = "admitted", _("Admitted to the reserve")
    NOT_ADMITTED = "not_admitted", _("Not admitted")
    COMPLETED = "completed", _("Completed")
