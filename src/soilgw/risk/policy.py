"""Who may do what in the risk app (read by ``soilgw.core.policy``)."""

from soilgw.core.choices import Role
from soilgw.core.policy import Rule

RULES = {
    # The bureau's editors; a consultant's account creates and deletes its own computations (a computation
    # is never edited: a new one is made).
    "risk.RiskAssessment": Rule(departments=("eeb",), external=True, delete_role=Role.EDITOR),
}
