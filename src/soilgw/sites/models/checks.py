"""The logged answers of the land-action gate and the notifications between the two bureaus."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Action, CheckSource, Direction, NoticeKind
from .codes import LandUseCode
from .sites import Site


class LandActionCheck(models.Model):
    """One answer of the gate engine, stored with its inputs (facts), the rules version and who asked."""

    site = models.ForeignKey(Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="checks",
                             verbose_name=_("site"))
    parcel_code = models.CharField(_("parcel code"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    proposed_use = models.CharField(_("proposed use as given"), max_length=80)
    proposed_code = models.ForeignKey(LandUseCode, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("proposed use"))
    allowed = models.BooleanField(_("allowed"))
    reasons = models.JSONField(_("reasons"), default=list)
    warnings = models.JSONField(_("warnings"), default=list)
    facts = models.JSONField(_("inputs"), default=dict)
    rules_version = models.CharField(_("rules version"), max_length=64)
    source = models.CharField(_("asked through"), max_length=10, choices=CheckSource.choices)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("land-action check")
        verbose_name_plural = _("land-action checks")

    def __str__(self) -> str:
        return f"{self.parcel_code} {self.action} {self.proposed_use}: {'allowed' if self.allowed else 'blocked'}"

    def as_answer(self) -> dict:
        return {"allowed": self.allowed, "reasons": self.reasons, "warnings": self.warnings, "check_id": self.pk}


class Notification(models.Model):
    """A message between the bureau and the natural resources bureau (soil task 11)."""

    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications",
                             verbose_name=_("site"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject
