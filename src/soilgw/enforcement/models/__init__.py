"""Models of the enforcement app (see each module)."""

from .accountability import PlanMilestone, Summons, SummonsCommitment, TownshipPlan
from .cases import Campaign, Case, JointMeeting, Lead, MeetingFollowUp
from .practitioners import (
           CreditRecord,
           Expert,
           ExpertConflict,
           Practitioner,
           PractitionerStaff,
           ReportSpotCheck,
)

__all__ = ["Campaign", "Case", "CreditRecord", "Expert", "ExpertConflict", "JointMeeting", "Lead",
           "MeetingFollowUp", "PlanMilestone", "Practitioner", "PractitionerStaff", "ReportSpotCheck", "Summons",
           "SummonsCommitment", "TownshipPlan"]
