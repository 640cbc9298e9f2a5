"""API routes of the risk app: ``risk-assessments``."""

from rest_framework.routers import SimpleRouter

from .views import RiskAssessmentViewSet

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
router.register("risk-assessments", RiskAssessmentViewSet, basename="risk-assessments")
