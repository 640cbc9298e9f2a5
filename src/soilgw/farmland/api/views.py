"""API views beyond the registries: the safe-utilization rate with its inputs."""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from soilgw.core.clock import as_of

from ..services.rate import county_rate


class SafeUtilizationRateViewSet(viewsets.ViewSet):
    """``GET /api/safe-utilization-rate/?year=YYYY`` → per township and county: E, B, C, D [mu] and A [%]."""

    permission_classes = [IsAuthenticated]

    def list(self, request):
        try:
            year = int(request.query_params.get("year", as_of().year))
        except ValueError:
            return Response({"year": "must be an integer"}, status=400)
        res = county_rate(year)
        if res is None:
            return Response({"year": year, "townships": [], "county": None})

        def rows(df):
            return [{k: (None if v != v else v) for k, v in r.items()} for r in df.to_dict("records")]

        return Response({"year": year, "area_unit": res.area_unit, "method": res.method, "notes": list(res.notes),
                         "townships": rows(res.by_township), "county": rows(res.county)[0]})
