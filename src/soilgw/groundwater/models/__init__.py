"""Models of the groundwater app (see ``sources`` and ``drinking``)."""

from .drinking import CauseDetermination, DrinkingWaterSource, ProtectionZone, RechargeArea
from .sources import (
                      AbandonedWell,
                      CountyBoundary,
                      GroundwaterKeyZone,
                      MiningWasteSite,
                      PollutionSource,
                      ReinjectionFiling,
    ReinjectionProject,
    WellRegisterReturn,
)

__all__ = ["AbandonedWell", "CauseDetermination", "CountyBoundary", "DrinkingWaterSource", "GroundwaterKeyZone",
           "MiningWasteSite", "PollutionSource", "ProtectionZone", "RechargeArea", "ReinjectionFiling",
           "ReinjectionProject", "WellRegisterReturn"]
