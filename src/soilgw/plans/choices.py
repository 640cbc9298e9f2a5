from django.db import models
from django.utils.translation import gettext_lazy as _


class Medium(models.TextChoices):
    SOIL = "soil", _("Soil")
    GROUNDWATER = "groundwater", _("Groundwater")


class TaskRoleKind(models.TextChoices):
    LEAD = "lead", _("Lead")
    JOINT = "joint", _("Jointly responsible")
    COOPERATING = "cooperating", _("Cooperating")
    IMPLEMENTING = "implementing", _("Implementing")


#: Roles that may edit a task and review its reports.
RESPONSIBLE_ROLES = (TaskRoleKind.LEAD, TaskRoleKind.JOINT)


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")


class TaskState(models.TextChoices):
    """A task's state as the dashboard shows it (derived from its latest reports and the clock)."""

    OVERDUE = "overdue", _("Overdue")
    DELAYED = "delayed", _("Delayed")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")
    COMPLETED = "completed", _("Completed")


class ReviewState(models.TextChoices):
    """The lead's review of a quarterly report (``plans.dispatch``): a returned report counts as not reported."""

    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")
