"""Choice classes of the core app (statuses and kinds are data, not strings scattered in code)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
