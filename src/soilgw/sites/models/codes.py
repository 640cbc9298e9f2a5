"""The shipped land-use code table (``data/land_use_codes.csv``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import CodeSystem, LandClass, UseGroup


class UnknownLandUseError(ValueError):
    """A proposed use matching no shipped code or name."""


class LandUseCode(models.Model):
    """A land-use code with its two independent attributes.

    ``gb36600_class`` is the soil standard's land class (which screening column applies); ``sensitive_use``
    is 一住两公 (residential + public administration and public service, seed soil task 8). They differ: an
    administrative office (A1 / 0801) is second-class land but a sensitive use.
    """

    system = models.CharField(_("code system"), max_length=10, choices=CodeSystem.choices)
    code = models.CharField(_("code"), max_length=10)
    name_zh = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    group = models.CharField(_("use group"), max_length=20, choices=UseGroup.choices)
    gb36600_class = models.CharField(_("GB 36600 land class"), max_length=8, choices=LandClass.choices, blank=True)
    sensitive_use = models.BooleanField(_("sensitive use (一住两公)"))
    class_basis = models.CharField(_("basis of the land class"), max_length=120, blank=True)
    sensitive_basis = models.CharField(_("basis of the sensitive use"), max_length=120, blank=True)
    verified = models.BooleanField(_("class verified against a second source"), default=False)
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ["system", "code"]
        constraints = [models.UniqueConstraint(fields=["system", "code"], name="sites_land_use_code_unique")]
        verbose_name = _("land-use code")
        verbose_name_plural = _("land-use codes")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"

    @classmethod
    def resolve(cls, text: str) -> LandUseCode:
        """The code named by ``text``: a code ("R2", "0804"), "system:code" or a Chinese name.

        Raises ``UnknownLandUseError`` listing close names.
        """
        text = (text or "").strip()
        if not text:
            raise UnknownLandUseError(_("no land use given: name a land-use code or name (e.g. R2, 0701 or 二类居住用地)"))
        system, sep, code = text.partition(":")
        qs = cls.objects.filter(system=system, code__iexact=code) if sep else cls.objects.filter(code__iexact=text)
        found = qs.first() or cls.objects.filter(name_zh=text).first() or cls.objects.filter(name_en__iexact=text).first()
        if found is None:
            close = list(cls.objects.filter(name_zh__contains=text[:2]).values_list("name_zh", flat=True)[:5])
            reason = _("unknown land use '%(text)s'; give a GB 50137 or national land-use code or name") % {"text": text}
            raise UnknownLandUseError(reason + (_(" (close: %(names)s)") % {"names": "、".join(close)} if close else ""))
        return found
