"""API routes of the enforcement app (issue 9): leads, cases, joint meetings, campaigns, practitioners, report
spot checks, experts, and the other registries of the app under their registry slugs."""

from rest_framework.routers import SimpleRouter

from .. import registries as r

ROUTES = {
    "leads": r.LEAD, "enforcement-cases": r.CASE, "joint-meetings": r.JOINT_MEETING, "campaigns": r.CAMPAIGN,
    "practitioners": r.PRACTITIONER, "report-spot-checks": r.SPOT_CHECK, "experts": r.EXPERT,
    "meeting-follow-ups": r.FOLLOW_UP, "practitioner-staff": r.STAFF, "credit-records": r.CREDIT,
    "expert-conflicts": r.CONFLICT, "township-plans": r.TOWNSHIP_PLAN, "plan-milestones": r.MILESTONE,
    "summons": r.SUMMONS, "summons-commitments": r.COMMITMENT,
}

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
for prefix, config in ROUTES.items():
    router.register(prefix, config.viewset(), basename=f"enforcement-{prefix}")
