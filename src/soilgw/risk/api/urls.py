"""API routes of the risk app: ``risk-assessments``."""

from rest_framework.routers import DefaultRouter

from .views import RiskAssessmentViewSet

router = DefaultRouter()
router.register("risk-assessments", RiskAssessmentViewSet, basename="risk-assessments")
urlpatterns = router.urls
