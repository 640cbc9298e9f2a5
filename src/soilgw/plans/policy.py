"""Who may do what in the plans app (read by ``soilgw.core.policy``).

Quarterly dispatch (``plans.dispatch``): each department with a role on a task files and edits only its own
report; the task's responsible departments (lead, or the jointly responsible ones where the plan names no
lead: ``RESPONSIBLE_ROLES``) review it — accept, or return with a comment. The person who submitted a report
never reviews it (four eyes), so a lead department's own report is reviewed by another of its officials (or
another responsible department); nobody grants themselves a review by editing the review fields directly.
"""

from django.utils.translation import gettext_lazy as _

from soilgw.core.policy import Rule, Step

from .choices import RESPONSIBLE_ROLES

_REVIEWED = _("set by the lead's review (accept / return)")

RULES = {
    # The plans and their obligations are loaded from the plan documents and derived: read-only here.
    "plans.ActionPlan": Rule(),
    "plans.Obligation": Rule(),
    # Generated reports are snapshots: made by plans.quarterly_files.generate, never edited.
    "plans.QuarterlyReport": Rule(),
    # The lead and joint departments of a task edit it; a department reports its own progress.
    "plans.Task": Rule(via=("roles__department",),
                       via_where={"roles__department": {"roles__role__in": RESPONSIBLE_ROLES}}),
    "plans.ProgressReport": Rule(
        via=("department",),
        locked={"review_state": _REVIEWED, "review_comment": _REVIEWED, "reviewed_by": _REVIEWED,
                "reviewed_at": _REVIEWED},
        steps={"review": Step(via=("task__roles__department",), four_eyes=True,
                              via_where={"task__roles__department": {"task__roles__role__in": RESPONSIBLE_ROLES}})},
    ),
}
