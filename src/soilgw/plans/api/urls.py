from rest_framework.routers import SimpleRouter

from ..obligations.api import ObligationViewSet
from .views import ActionPlanViewSet, ProgressReportViewSet, TaskViewSet

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
router.register("plans", ActionPlanViewSet)
router.register("tasks", TaskViewSet)
router.register("progress-reports", ProgressReportViewSet)
router.register("obligations", ObligationViewSet, basename="obligation")
