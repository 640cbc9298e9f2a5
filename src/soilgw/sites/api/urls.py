from rest_framework.routers import SimpleRouter

from ..registries import FACILITY, MANIFEST, STAGE, SUPERVISION, SUPPLY
from .views import LandActionCheckViewSet, RegisterEntryViewSet, SiteViewSet

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
router.register("sites", SiteViewSet, basename="site")
router.register("site-stage-records", STAGE.viewset(), basename="site-stage-record")
router.register("remediation-register", RegisterEntryViewSet, basename="remediation-register")
router.register("site-supervision-records", SUPERVISION.viewset(), basename="site-supervision-record")
router.register("receiving-facilities", FACILITY.viewset(), basename="receiving-facility")
router.register("transfer-manifests", MANIFEST.viewset(), basename="transfer-manifest")
router.register("land-supply-records", SUPPLY.viewset(), basename="land-supply-record")
router.register("land-action-checks", LandActionCheckViewSet, basename="land-action-check")
