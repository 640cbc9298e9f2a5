"""Who may do what in the monitoring app (read by ``soilgw.core.policy``)."""

from soilgw.core.policy import Rule

RULES = {
    # The responsible department and the eco-environment bureau, which organises monitoring.
    # An enterprise's account reaches only the points already linked to its own duty records.
    "monitoring.MonitoringPoint": Rule(departments=("eeb",), via=("department",),
                                       scope="duty_records__enterprise"),
}
