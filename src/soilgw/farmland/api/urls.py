from rest_framework.routers import SimpleRouter

from ..registries import (
                          ADJUSTMENT,
                          CAUSE,
                          CONSTRUCTION,
                          CROP,
                          GRAIN,
                          INSPECTION,
                          MEASURE,
                          PLAN,
                          RULE_SET,
                          TECHNOLOGY,
                          UNIT,
)
from .views import SafeUtilizationRateViewSet

router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
router.register("farmland-units", UNIT.viewset(), basename="farmland-unit")
router.register("category-adjustments", ADJUSTMENT.viewset(), basename="category-adjustment")
router.register("safe-utilization-measures", MEASURE.viewset(), basename="safe-utilization-measure")
router.register("cause-investigations", CAUSE.viewset(), basename="cause-investigation")
router.register("input-inspections", INSPECTION.viewset(), basename="input-inspection")
router.register("grain-tests", GRAIN.viewset(), basename="grain-test")
router.register("farmland-technologies", TECHNOLOGY.viewset(), basename="farmland-technology")
router.register("crop-recommendations", CROP.viewset(), basename="crop-recommendation")
router.register("safe-utilization-plans", PLAN.viewset(), basename="safe-utilization-plan")
router.register("classification-rule-sets", RULE_SET.viewset(), basename="classification-rule-set")
router.register("construction-proposals", CONSTRUCTION.viewset(), basename="construction-proposal")
router.register("safe-utilization-rate", SafeUtilizationRateViewSet, basename="safe-utilization-rate")
