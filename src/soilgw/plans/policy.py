"""Who may do what in the plans app (read by ``soilgw.core.policy``)."""

from soilgw.core.policy import Rule

from .choices import RESPONSIBLE_ROLES

RULES = {
    # The plans and their obligations are loaded from the plan documents and derived: read-only here.
    "plans.ActionPlan": Rule(),
    "plans.Obligation": Rule(),
    # The lead and joint departments of a task edit it; a department reports its own progress.
    "plans.Task": Rule(via=("roles__department",),
                       via_where={"roles__department": {"roles__role__in": RESPONSIBLE_ROLES}}),
    "plans.ProgressReport": Rule(via=("department",)),
}
