from rest_framework.routers import DefaultRouter

from .views import DepartmentViewSet, ImportBatchViewSet, TownshipViewSet

router = DefaultRouter()
router.register("departments", DepartmentViewSet)
router.register("townships", TownshipViewSet)
router.register("imports", ImportBatchViewSet, basename="importbatch")
urlpatterns = router.urls
