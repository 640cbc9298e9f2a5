from rest_framework.routers import DefaultRouter

from .views import MonitoringPointViewSet, ResultViewSet, SampleViewSet, WaterLevelViewSet

router = DefaultRouter()
router.register("monitoring-points", MonitoringPointViewSet)
router.register("samples", SampleViewSet)
router.register("results", ResultViewSet)
router.register("water-levels", WaterLevelViewSet)
urlpatterns = router.urls
