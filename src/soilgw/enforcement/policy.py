"""Who may do what in the enforcement app (read by ``soilgw.core.policy``).

Soil task 14 makes the eco-environment bureau, public security, natural resources and agriculture the
enforcement departments; a case is decided, referred and closed only by the department that opened it.
"""

from soilgw.core.policy import Rule, Step

ENFORCEMENT = ("eeb", "police", "nrb", "agri")
BUREAU = ("eeb",)
_OPENER = Step(via=("handling_department",))

RULES = {
    "enforcement.TownshipPlan": Rule(departments=BUREAU, via=("township__department",)),
    "enforcement.PlanMilestone": Rule(departments=BUREAU, via=("township_plan__township__department",)),
    "enforcement.Summons": Rule(departments=("eeb", "county-gov"), via=("issued_by",)),
    "enforcement.SummonsCommitment": Rule(departments=BUREAU, via=("summons__department",)),
    "enforcement.Practitioner": Rule(departments=BUREAU),
    "enforcement.PractitionerStaff": Rule(departments=BUREAU),
    "enforcement.CreditRecord": Rule(departments=BUREAU),
    "enforcement.Expert": Rule(departments=BUREAU),
    "enforcement.ExpertConflict": Rule(departments=BUREAU),
    "enforcement.ReportSpotCheck": Rule(departments=BUREAU),
    "enforcement.Campaign": Rule(departments=("eeb", "nrb"), via=("lead_department",)),
    "enforcement.Lead": Rule(departments=ENFORCEMENT),
    "enforcement.Case": Rule(via=("handling_department",), create=ENFORCEMENT,
                             steps={"decide": _OPENER, "rectify": _OPENER, "refer": _OPENER, "close": _OPENER}),
    "enforcement.JointMeeting": Rule(departments=ENFORCEMENT, via=("convener",)),
    "enforcement.MeetingFollowUp": Rule(departments=BUREAU, via=("department",)),
}
