from rest_framework.routers import DefaultRouter

from ..registries import FACILITY, MANIFEST, STAGE, SUPERVISION, SUPPLY
from .views import LandActionCheckViewSet, RegisterEntryViewSet, SiteViewSet

router = DefaultRouter()
router.register("sites", SiteViewSet, basename="site")
router.register("site-stage-records", STAGE.viewset(), basename="site-stage-record")
router.register("remediation-register", RegisterEntryViewSet, basename="remediation-register")
router.register("site-supervision-records", SUPERVISION.viewset(), basename="site-supervision-record")
router.register("receiving-facilities", FACILITY.viewset(), basename="receiving-facility")
router.register("transfer-manifests", MANIFEST.viewset(), basename="transfer-manifest")
router.register("land-supply-records", SUPPLY.viewset(), basename="land-supply-record")
router.register("land-action-checks", LandActionCheckViewSet, basename="land-action-check")
urlpatterns = router.urls
