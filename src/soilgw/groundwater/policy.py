"""Who may do what in the groundwater app (read by ``soilgw.core.policy``): the lead and joint departments of
the groundwater plan tasks; a township government also keeps its own abandoned wells and files its own
register returns (task 8), never another township's.
"""

from soilgw.core.policy import Rule

WATER = ("eeb", "water")
WELLS = ("eeb", "nrb", "water")
REINJECTION = ("eeb", "nrb", "water", "energy")
TOWNSHIP = ("township__department",)

RULES = {
    "groundwater.PollutionSource": Rule(departments=("eeb",)),
    "groundwater.MiningWasteSite": Rule(departments=("eeb",)),
    "groundwater.GroundwaterKeyZone": Rule(departments=("eeb",)),
    "groundwater.DrinkingWaterSource": Rule(departments=WATER),
    "groundwater.ProtectionZone": Rule(departments=WATER),
    "groundwater.RechargeArea": Rule(departments=WATER),
    "groundwater.CauseDetermination": Rule(departments=("eeb", "water", "nrb")),
    "groundwater.AbandonedWell": Rule(departments=WELLS, via=TOWNSHIP),
    "groundwater.WellRegisterReturn": Rule(departments=WELLS, via=TOWNSHIP),
    "groundwater.ReinjectionProject": Rule(departments=REINJECTION),
    "groundwater.ReinjectionFiling": Rule(departments=REINJECTION),
}
