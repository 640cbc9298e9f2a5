from rest_framework.routers import DefaultRouter

from .views import ActionPlanViewSet, ProgressReportViewSet, TaskViewSet

router = DefaultRouter()
router.register("plans", ActionPlanViewSet)
router.register("tasks", TaskViewSet)
router.register("progress-reports", ProgressReportViewSet)
urlpatterns = router.urls
