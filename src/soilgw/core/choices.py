"""Choice classes of the core app (statuses and kinds are data, not strings scattered in code)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DepartmentKind(models.TextChoices):
    BUREAU = "bureau", _("Bureau")
    COUNTY_GOVERNMENT = "county_government", _("County government")
    TOWNSHIP = "township", _("Township government")


class Role(models.TextChoices):
    """A member's role in a department, weakest first."""

    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    APPROVER = "approver", _("Approver")
    ADMINISTRATOR = "administrator", _("Administrator")


ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.APPROVER: 2, Role.ADMINISTRATOR: 3}


class ImportStatus(models.TextChoices):
    REJECTED = "rejected", _("Rejected")
    VALIDATED = "validated", _("Validated, awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted")
    DUPLICATE = "duplicate", _("Duplicate file")
    QUEUED = "queued", _("Queued for storing")
    RUNNING = "running", _("Being stored")
    FAILED = "failed", _("Failed — nothing was stored")
    DISCARDED = "discarded", _("Discarded")
    UNDONE = "undone", _("Undone — its rows were removed")


#: Statuses from which a batch may be (re)queued to be stored: validated, or its job failed.
ACCEPTABLE_IMPORT_STATUSES = (ImportStatus.VALIDATED, ImportStatus.FAILED)


class JobStatus(models.TextChoices):
    """The state of a background job (see soilgw.core.jobs)."""

    QUEUED = "queued", pgettext_lazy("job", "Queued")
    RUNNING = "running", pgettext_lazy("job", "Running")
    SUCCEEDED = "succeeded", pgettext_lazy("job", "Succeeded")
    FAILED = "failed", pgettext_lazy("job", "Failed")
