"""Who may do what in the enterprises app (read by ``soilgw.core.policy``).

The registries are kept by the eco-environment bureau (soil task 1); an enterprise's own account submits its
duty records and demolition plans, for itself only.
"""

from soilgw.core.policy import Rule

BUREAU = ("eeb",)

RULES = {
    "enterprises.ConcentratedFarmlandArea": Rule(departments=BUREAU),
    "enterprises.Enterprise": Rule(departments=BUREAU),
    "enterprises.Listing": Rule(departments=BUREAU),
    "enterprises.DischargePermit": Rule(departments=BUREAU),
    "enterprises.DutyRecord": Rule(departments=BUREAU, external=True),
    "enterprises.Demolition": Rule(departments=BUREAU, external=True),
}
