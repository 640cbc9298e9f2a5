"""Models of the farmland app (soil plan tasks 4–7; the farmland side of task 2)."""

from .adjustments import CategoryAdjustment, is_county_approver
from .checks import CauseInvestigation, ConstructionProposal, FarmlandWarning, GrainTest, InputInspection
from .measures import CropRecommendation, Measure, SafeUtilizationPlan, Technology
from .units import (
           ClassificationRuleSet,
           ClassificationRun,
           FarmlandUnit,
           UnitClassification,
           agri_department_ids,
)

__all__ = ["CategoryAdjustment", "CauseInvestigation", "ClassificationRuleSet", "ClassificationRun",
           "ConstructionProposal", "CropRecommendation", "FarmlandUnit", "FarmlandWarning", "GrainTest",
           "InputInspection", "Measure", "SafeUtilizationPlan", "Technology", "UnitClassification",
           "agri_department_ids", "is_county_approver"]
