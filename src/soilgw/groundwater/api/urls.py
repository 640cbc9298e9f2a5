from rest_framework.routers import DefaultRouter

from ..registries import REGISTRIES
from .views import ZoneHitViewSet

router = DefaultRouter()
for _config in REGISTRIES:
    router.register(_config.slug, _config.viewset(), basename=f"groundwater-{_config.slug}")
router.register("drinking-water-source-zone-hits", ZoneHitViewSet, basename="groundwater-zone-hit")
urlpatterns = router.urls
