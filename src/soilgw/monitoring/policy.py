"""Who may do what in the monitoring app (read by ``soilgw.core.policy``)."""

from soilgw.core.policy import Rule

RULES = {
    # The responsible department and the eco-environment bureau, which organises monitoring.
    "monitoring.MonitoringPoint": Rule(departments=("eeb",), via=("department",)),
}
