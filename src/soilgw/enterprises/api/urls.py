from rest_framework.routers import SimpleRouter

from ..registries import AREA, DEMOLITION, DUTY_RECORD, ENTERPRISE, LISTING, PERMIT
from .views import KeySupervisedUnitViewSet, VacatedSiteViewSet

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
router.register("enterprises", ENTERPRISE.viewset(), basename="enterprise")
router.register("listings", LISTING.viewset(), basename="listing")
router.register("key-supervised-units", KeySupervisedUnitViewSet, basename="key-supervised-unit")
router.register("discharge-permits", PERMIT.viewset(), basename="discharge-permit")
router.register("duty-records", DUTY_RECORD.viewset(), basename="duty-record")
router.register("demolitions", DEMOLITION.viewset(), basename="demolition")
router.register("concentrated-areas", AREA.viewset(), basename="concentrated-area")
router.register("vacated-sites", VacatedSiteViewSet, basename="vacated-site")
