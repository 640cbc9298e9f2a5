"""Choices of the risk app: land class (GB 36600-2018 §3.5/§4) and assessment method."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LandClass(models.IntegerChoices):
    FIRST = 1, _("First-class land (residential, schools, hospitals …)")
    SECOND = 2, _("Second-class land (industrial, commercial, logistics …)")


class Method(models.TextChoices):
    """Methods that compute carcinogenic risk and hazard quotients per pathway (``risk.assess``)."""

    HJ25_3_2019 = "hj25.3-2019", _("HJ 25.3-2019")
