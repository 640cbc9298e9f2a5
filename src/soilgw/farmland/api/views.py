"""API views beyond the registries: the safe-utilization rate with its inputs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from soilgw.core.clock import as_of

from ..services.rate import county_rate


class RateQuerySerializer(serializers.Serializer):
    """``?year=YYYY`` (default: the current year)."""

    year = serializers.IntegerField(required=False, min_value=1, max_value=9999)


class RateRowSerializer(serializers.Serializer):
    """One township (or the county): the areas E, B, C, D [``area_unit``] and the rate A [%]."""

    township = serializers.CharField()
    n_units = serializers.IntegerField()
    E = serializers.FloatField(help_text="contaminated farmland area")
    B = serializers.FloatField(help_text="priority-protection area with measures")
    C = serializers.FloatField(help_text="safe-utilization area with measures and compliant crops")
    D = serializers.FloatField(help_text="strict-control area with measures")
    A = serializers.FloatField(allow_null=True, help_text="(B + C + D) / E × 100 [%]; null when E is 0")


# One object, although the route is the viewset's list route.
@extend_schema_serializer(many=False)
class RateSerializer(serializers.Serializer):
    """The safe-utilization rate of one year; ``county`` is null when no unit is categorised."""

    year = serializers.IntegerField()
    area_unit = serializers.CharField(required=False)
    method = serializers.CharField(required=False)
    notes = serializers.ListField(child=serializers.CharField(), required=False)
    townships = RateRowSerializer(many=True)
    county = RateRowSerializer(allow_null=True)


class SafeUtilizationRateViewSet(viewsets.ViewSet):
    """``GET /api/safe-utilization-rate/?year=YYYY`` → per township and county: E, B, C, D [mu] and A [%]."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[RateQuerySerializer], responses=RateSerializer)
    def list(self, request):
        """The rate of ``year`` per township and for the county."""
        query = RateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year", as_of().year)
        res = county_rate(year)
        if res is None:
            return Response({"year": year, "townships": [], "county": None})

        def rows(df):
            return [{k: (None if v != v else v) for k, v in r.items()} for r in df.to_dict("records")]

        return Response(RateSerializer({"year": year, "area_unit": res.area_unit, "method": res.method,
                                        "notes": list(res.notes), "townships": rows(res.by_township),
                                        "county": rows(res.county)[0]}).data)
