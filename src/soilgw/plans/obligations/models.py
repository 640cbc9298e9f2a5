"""``Obligation``: one dated duty of one registry object, computed by the engine from one rule."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, Township


class ObligationStatus(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


#: Display order: overdue first.
STATUS_ORDER = [ObligationStatus.OVERDUE, ObligationStatus.OPEN, ObligationStatus.DONE]


class Obligation(models.Model):
    """A duty: who must do what about which record by when, and whether evidence shows it done.

    Stored with the rule id, the plan task, the inputs the rule read, the rules' version and the as-of date it
    was judged on (DESIGN, "every decision is stored with its inputs"). ``holder`` is the duty holder (an
    enterprise, or the responsible department itself); ``department`` supervises it.
    """

    rule_id = models.CharField(_("rule"), max_length=80, db_index=True)
    plan_task = models.ForeignKey("plans.Task", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="obligations", verbose_name=_("plan task"))
    what = models.CharField(_("what"), max_length=200)
    clause = models.TextField(_("clause"))
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_label = models.CharField(_("subject"), max_length=300)
    holder_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    holder_id = models.PositiveBigIntegerField()
    holder = GenericForeignKey("holder_type", "holder_id")
    holder_label = models.CharField(_("duty holder"), max_length=300)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="obligations",
                                   verbose_name=_("responsible department"))
    township = models.ForeignKey(Township, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="obligations", verbose_name=_("township"))
    period = models.CharField(_("period"), max_length=20, blank=True)
    window_start = models.DateField(_("counts from"), null=True, blank=True)
    due = models.DateField(_("due"), db_index=True)
    due_is_default = models.BooleanField(_("platform default due date"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=ObligationStatus.choices, db_index=True)
    evidence_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    evidence_id = models.PositiveBigIntegerField(null=True, blank=True)
    evidence = GenericForeignKey("evidence_type", "evidence_id")
    evidence_date = models.DateField(_("evidence date"), null=True, blank=True)
    evidence_late = models.BooleanField(_("evidence after the due date"), default=False)
    inputs = models.JSONField(_("inputs"), default=dict, encoder=DjangoJSONEncoder)
    rules_version = models.CharField(_("rules version"), max_length=40)
    as_of = models.DateField(_("judged as of"))
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        ordering = ["due", "rule_id"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [models.UniqueConstraint(fields=["rule_id", "subject_type", "subject_id", "period"],
                                               name="unique_obligation")]
        indexes = [models.Index(fields=["subject_type", "subject_id"]),
                   models.Index(fields=["holder_type", "holder_id"])]

    def __str__(self) -> str:
        return f"{self.what} · {self.subject_label} · {self.due:%Y-%m-%d} ({self.get_status_display()})"

    @property
    def days_overdue(self) -> int:
        return (self.as_of - self.due).days if self.status == ObligationStatus.OVERDUE else 0
