"""Models of the groundwater app (see ``sources`` and ``drinking``)."""

from .drinking import CauseDetermination, DrinkingWaterSource, ProtectionZone, RechargeArea
from .sources import (
                      AbandonedWell,
                      CountyBoundary,
                      GroundwaterKeyZone,
                      MiningWasteSite,
                      PollutionSource,
                      ReinjectionProject,
)

__all__ = ["AbandonedWell", "CauseDetermination", "CountyBoundary", "DrinkingWaterSource", "GroundwaterKeyZone",
           "MiningWasteSite", "PollutionSource", "ProtectionZone", "RechargeArea", "ReinjectionProject"]
