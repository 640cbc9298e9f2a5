from rest_framework.routers import SimpleRouter

from .views import DepartmentViewSet, ImportBatchViewSet, TownshipViewSet

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
router.register("departments", DepartmentViewSet)
router.register("townships", TownshipViewSet)
router.register("imports", ImportBatchViewSet, basename="importbatch")
