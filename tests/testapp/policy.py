"""Policy of the test-only models (read by ``soilgw.core.policy``)."""

from soilgw.core.policy import Rule

RULES = {"testapp.FirmRecord": Rule(departments=("eeb",), external=True)}
