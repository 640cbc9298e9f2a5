from rest_framework.routers import SimpleRouter

from .views import MonitoringPointViewSet, ResultViewSet, SampleViewSet, WaterLevelViewSet

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
router.register("monitoring-points", MonitoringPointViewSet)
router.register("samples", SampleViewSet)
router.register("results", ResultViewSet)
router.register("water-levels", WaterLevelViewSet)
