"""Who may do what in the funding app (read by ``soilgw.core.policy``)."""

from soilgw.core.policy import Rule

RULES = {
    "funding.FundProject": Rule(departments=("eeb", "agri"), via=("department",)),
    "funding.Disbursement": Rule(departments=("eeb", "agri"), via=("project__department",)),
    "funding.PerformanceTarget": Rule(departments=("eeb", "agri"), via=("project__department",)),
}
