from rest_framework.routers import DefaultRouter

from ..obligations.api import ObligationViewSet
from .views import ActionPlanViewSet, ProgressReportViewSet, TaskViewSet

router = DefaultRouter()
router.register("plans", ActionPlanViewSet)
router.register("tasks", TaskViewSet)
router.register("progress-reports", ProgressReportViewSet)
router.register("obligations", ObligationViewSet, basename="obligation")
urlpatterns = router.urls
