"""Who may do what in the farmland app (read by ``soilgw.core.policy``).

The agriculture bureau keeps the farmland registries; a unit's category and land use change only through the
classification or an approved category adjustment (soil task 7), never by a direct edit.
"""

from django.utils.translation import gettext_lazy as _

from soilgw.core.policy import Rule

AGRI = ("agri",)
_CHAIN = _("Changed only through an approved category adjustment (soil task 7: 动态调整 … 依法依规调整土地用途); "
           "propose an adjustment instead.")

RULES = {
    "farmland.FarmlandUnit": Rule(departments=AGRI, locked={"category": _CHAIN, "land_use": _CHAIN}),
    "farmland.ClassificationRuleSet": Rule(departments=AGRI),
    "farmland.Measure": Rule(departments=AGRI),
    "farmland.Technology": Rule(departments=AGRI),
    "farmland.CropRecommendation": Rule(departments=AGRI),
    "farmland.SafeUtilizationPlan": Rule(departments=AGRI, via=("township__department",)),
    "farmland.CategoryAdjustment": Rule(departments=("agri", "county-gov")),
    "farmland.ConstructionProposal": Rule(departments=("agri", "nrb")),
    "farmland.CauseInvestigation": Rule(departments=("agri", "eeb")),
    "farmland.InputInspection": Rule(departments=("samr",)),
    "farmland.GrainTest": Rule(departments=("agri", "samr")),
}
