"""Who may do what in the sites app (read by ``soilgw.core.policy``).

Soil tasks 8–10: the eco-environment bureau and the natural-resources bureau keep the site registry; the
bureau alone decides on the register and accepts reports. A consultant's account (scoped to its site)
submits its stage report but cannot review or accept it.
"""

from soilgw.core.policy import Rule, Step

from .models._base import BUREAU, NATURAL_RESOURCES

BOTH = (BUREAU, NATURAL_RESOURCES)

RULES = {
    # Register decisions are the bureau's (soil task 9 names the register; the bureau keeps it).
    "sites.Site": Rule(departments=BOTH, steps={"enter-register": Step(departments=(BUREAU,)),
                                                "exit-register": Step(departments=(BUREAU,))}),
    # Reports of investigation, risk assessment and effect evaluation are accepted by the bureau alone, after
    # an expert review (soil task 9: 组织评审); the consultant submits, never reviews.
    "sites.StageRecord": Rule(departments=BOTH, external=True,
                              owner_locked=("review", "reviewed_on", "conclusion", "experts", "filed_bureau_on"),
                              step_fields={"review": "accept", "conclusion": "accept"},
                              steps={"accept": Step(departments=(BUREAU,))}),
    "sites.RegisterEntry": Rule(departments=(BUREAU,)),
    "sites.SupervisionRecord": Rule(departments=(BUREAU,)),
    "sites.LandSupplyRecord": Rule(departments=(NATURAL_RESOURCES, BUREAU)),
    # Each land-action check is recorded by the gate itself, never edited.
    "sites.LandActionCheck": Rule(),
    "sites.ReceivingFacility": Rule(departments=(BUREAU,)),
    "sites.TransferManifest": Rule(departments=(BUREAU,)),
}
