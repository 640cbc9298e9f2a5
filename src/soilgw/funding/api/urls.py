"""API routes of the funding app (issue 9): ``fund-projects`` (with ``admission-rates``), ``fund-disbursements``,
``performance-targets``."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from ..models import admission_rates
from ..registries import DISBURSEMENT, FUND_PROJECT, PERFORMANCE_TARGET


class FundProjectViewSet(FUND_PROJECT.viewset()):
    @extend_schema(responses={200: {"type": "array", "items": {"type": "object"}}})
    @action(detail=False, methods=["get"], url_path="admission-rates", pagination_class=None)
    def admission_rates(self, request):
        """Reserve admission rate per declaration year and reserve (``?level=central|provincial``)."""
        return Response(admission_rates(request.query_params.get("level") or None))


router = SimpleRouter()  # collected into the one API root by soilgw.core.api.root
router.register("fund-projects", FundProjectViewSet, basename="fund-projects")
router.register("fund-disbursements", DISBURSEMENT.viewset(), basename="fund-disbursements")
router.register("performance-targets", PERFORMANCE_TARGET.viewset(), basename="performance-targets")
