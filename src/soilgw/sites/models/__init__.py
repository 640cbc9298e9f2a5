"""Models of the sites app (development land)."""

from .checks import LandActionCheck, Notification
from .codes import LandUseCode
from .manifests import ReceivingFacility, TransferManifest
from .sites import RegisterEntry, Site, StageRecord, SupervisionRecord
from .supply import LandSupplyRecord

__all__ = ["LandActionCheck", "LandSupplyRecord", "LandUseCode", "Notification", "ReceivingFacility",
           "RegisterEntry", "Site", "StageRecord", "SupervisionRecord", "TransferManifest"]
