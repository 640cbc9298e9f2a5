from rest_framework.routers import SimpleRouter

from ..registries import REGISTRIES
from .views import ZoneHitViewSet

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
for _config in REGISTRIES:
    router.register(_config.slug, _config.viewset(), basename=f"groundwater-{_config.slug}")
router.register("drinking-water-source-zone-hits", ZoneHitViewSet, basename="groundwater-zone-hit")
