"""Dynamic adjustment of a unit's category (soil task 7): proposal → review → county approval → report.

Only ``approve`` changes ``FarmlandUnit.category``; ``reject`` leaves it unchanged. Every step records its date
and the user who took it. Approval and rejection are for approvers of the county government (县人民政府).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from soilgw.core.choices import DepartmentKind, Role
from soilgw.core.models import RegistryModel
from soilgw.core.permissions import memberships

from ..choices import EDIBLE_CROP_USES, AdjustmentStatus, AdjustmentTrigger, Category, LandUse
from .units import FarmlandUnit, UnitClassification, agri_department_ids

User = settings.AUTH_USER_MODEL


def is_county_approver(user) -> bool:
    """True for approvers (or administrators) of a county-government department, and superusers."""
    if getattr(user, "is_superuser", False):
        return True
    return any(m.department.kind == DepartmentKind.COUNTY_GOVERNMENT and m.at_least(Role.APPROVER)
               for m in memberships(user))


class CategoryAdjustment(RegistryModel):
    """A proposal to move a unit from ``old_category`` to ``new_category``, with reason and evidence."""

    unit = models.ForeignKey(FarmlandUnit, on_delete=models.PROTECT, related_name="adjustments",
                             verbose_name=_("unit"))
    trigger = models.CharField(_("trigger"), max_length=20, choices=AdjustmentTrigger.choices)
    old_category = models.CharField(_("old category"), max_length=30, choices=Category.choices, blank=True)
    new_category = models.CharField(_("new category"), max_length=30, choices=Category.choices)
    proposed_land_use = models.CharField(_("proposed land use"), max_length=20, choices=LandUse.choices, blank=True)
    reason = models.TextField(_("reason"))
    evidence = models.TextField(_("evidence"), blank=True)
    classification = models.ForeignKey(UnitClassification, on_delete=models.SET_NULL, null=True, blank=True,
                                       editable=False, related_name="proposals")
    status = models.CharField(_("status"), max_length=20, choices=AdjustmentStatus.choices,
                              default=AdjustmentStatus.PROPOSED, editable=False)
    proposed_on = models.DateField(_("proposed on"), default=dt.date.today)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, editable=False,
                                    related_name="+", verbose_name=_("reviewed by"))
    decided_on = models.DateField(_("approved / rejected on"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, editable=False,
                                   related_name="+", verbose_name=_("approved / rejected by"))
    decision_note = models.TextField(_("decision note"), blank=True, editable=False)
    reported_on = models.DateField(_("reported to the province on"), null=True, blank=True, editable=False)
    reported_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, editable=False,
                                    related_name="+", verbose_name=_("reported by"))

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = _("category adjustment")
        verbose_name_plural = _("category adjustments")

    def __str__(self) -> str:
        return f"{self.unit}: {self.old_category or '—'} → {self.new_category} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("farmland:category-adjustments_detail", args=[self.pk])

    def clean(self) -> None:
        if self.unit_id is None:
            return
        if self.pk is None:
            self.old_category = self.unit.category
        if self.new_category == self.old_category and not self.proposed_land_use:
            raise ValidationError({"new_category": _t("The new category equals the current one.")})
        if self.proposed_land_use in EDIBLE_CROP_USES and self.unit.toxic_history:
            raise ValidationError({"proposed_land_use": _t(
                "Refused: land once used to produce, use, store or dispose of toxic substances may not be "
                "reclaimed as farmland for edible crops.")})
        if self.trigger == AdjustmentTrigger.LAND_USE_CHANGE and not self.proposed_land_use:
            raise ValidationError({"proposed_land_use": _t("A land-use change names the new land use.")})

    def save(self, *args, **kwargs):
        if self.pk is None:
            self.full_clean(exclude=["revision"])
        super().save(*args, **kwargs)

    # ---- steps ---------------------------------------------------------------------------------------
    def _require(self, *statuses: str) -> None:
        if self.status not in statuses:
            raise ValidationError(_t("Not possible while the proposal is “%(status)s”.")
                                  % {"status": self.get_status_display()})

    def review(self, user, date: dt.date, note: str = "") -> CategoryAdjustment:
        """The agriculture bureau's review (editor or above in the bureau)."""
        self._require(AdjustmentStatus.PROPOSED)
        if not (getattr(user, "is_superuser", False) or any(
                m.department_id in agri_department_ids() and m.at_least(Role.EDITOR) for m in memberships(user))):
            raise PermissionDenied(_t("Only the agriculture bureau reviews adjustment proposals."))
        self.status, self.reviewed_on, self.reviewed_by = AdjustmentStatus.REVIEWED, date, user
        if note:
            self.decision_note = note
        self.save()
        return self

    @transaction.atomic
    def approve(self, user, date: dt.date, note: str = "") -> CategoryAdjustment:
        """Approval by the county government; the unit's category (and land use) change now."""
        self._require(AdjustmentStatus.REVIEWED)
        if not is_county_approver(user):
            raise PermissionDenied(_t("Only approvers of the county government (县人民政府) approve adjustments."))
        unit = FarmlandUnit.objects.select_for_update().get(pk=self.unit_id)
        if unit.category != self.old_category:
            raise ValidationError(_t("The unit's category changed since this proposal was made; propose again."))
        self.status, self.decided_on, self.decided_by, self.decision_note = (
            AdjustmentStatus.APPROVED, date, user, note)
        self.save()
        unit.category = self.new_category
        unit.category_since = date
        unit.category_basis = _t("Adjustment #%(id)s approved by the county government on %(date)s: %(reason)s") % {
            "id": self.pk, "date": date.isoformat(), "reason": self.reason}
        if self.classification_id:
            c = self.classification
            unit.rule_set_id, unit.rule_set_version = c.rule_set_id, c.rule_set_version
            unit.slightly_polluted = c.slightly_polluted
        if self.proposed_land_use:
            unit.land_use = self.proposed_land_use
        unit.save()
        return self

    def reject(self, user, date: dt.date, note: str = "") -> CategoryAdjustment:
        """Rejection by the county government; the unit keeps its category."""
        self._require(AdjustmentStatus.PROPOSED, AdjustmentStatus.REVIEWED)
        if not is_county_approver(user):
            raise PermissionDenied(_t("Only approvers of the county government (县人民政府) reject adjustments."))
        self.status, self.decided_on, self.decided_by, self.decision_note = (
            AdjustmentStatus.REJECTED, date, user, note)
        self.save()
        return self

    def report(self, user, date: dt.date, note: str = "") -> CategoryAdjustment:
        """Reported to the province after approval."""
        self._require(AdjustmentStatus.APPROVED)
        self.status, self.reported_on, self.reported_by = AdjustmentStatus.REPORTED, date, user
        self.save()
        return self
