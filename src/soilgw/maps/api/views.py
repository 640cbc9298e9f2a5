"""``/api/maps/…``: the one map's spatial questions (internal users)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from soilgw.core.permissions import is_internal

from .. import spatial
from ..layers import LAYERS


def _internal(request) -> None:
    if not is_internal(request.user):
        raise PermissionDenied


def _distance(value) -> float:
    try:
        return spatial.check_distance(value)
    except ValueError as exc:
        raise serializers.ValidationError(str(exc).partition(": ")[2]) from None


class DistanceQuerySerializer(serializers.Serializer):
    """``?distance_m=``: a search distance [m], 0–100 000."""

    distance_m = serializers.FloatField(help_text="[m], 0–100000")

    def validate_distance_m(self, value):
        """The map's one distance rule (finite, 0–100 000 m)."""
        return _distance(value)


class WithinQuerySerializer(DistanceQuerySerializer):
    """``?layer=sites&id=5&distance_m=500``."""

    layer = serializers.ChoiceField(choices=[layer.key for layer in LAYERS])
    id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class NearbyFeatureSerializer(serializers.Serializer):
    """A feature of another layer and its distance [m] (0: touching or inside)."""

    layer = serializers.CharField()
    id = serializers.IntegerField()
    label = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    distance_m = serializers.FloatField()


class WithinSerializer(serializers.Serializer):
    """The features within ``distance_m`` of one feature, nearest first."""

    layer = serializers.CharField()
    id = serializers.IntegerField()
    distance_m = serializers.FloatField()
    crs = serializers.CharField()
    results = NearbyFeatureSerializer(many=True)


class SiteInZoneSerializer(serializers.Serializer):
    """A development-land site intersecting a protection zone or recharge area."""

    site = serializers.IntegerField()
    parcel_code = serializers.CharField()
    site_name = serializers.CharField()
    source = serializers.CharField(help_text="code of the drinking-water source")
    zone = serializers.CharField(help_text="protection level, or recharge area")


class SitesInZonesSerializer(serializers.Serializer):
    """Every site intersecting a zone."""

    results = SiteInZoneSerializer(many=True)


class MiningPairSerializer(serializers.Serializer):
    """A farmland unit within the distance of a mining-waste site."""

    mining_waste = serializers.IntegerField()
    mining_waste_code = serializers.CharField()
    unit = serializers.IntegerField()
    unit_code = serializers.CharField()
    distance_m = serializers.FloatField()


class FarmlandNearMiningSerializer(serializers.Serializer):
    """Farmland units near mining waste, with the basis of the judgement (distance only)."""

    distance_m = serializers.FloatField()
    crs = serializers.CharField()
    basis = serializers.CharField()
    pairs = MiningPairSerializer(many=True)


@extend_schema(parameters=[WithinQuerySerializer], responses=WithinSerializer)
@api_view(["GET"])
def within(request):
    """``?layer=sites&id=5&distance_m=500``: features of the other layers within N m of that feature."""
    _internal(request)
    query = WithinQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    layer, pk, distance = (query.validated_data[k] for k in ("layer", "id", "distance_m"))
    try:
        results = spatial.within(request.user, layer, pk, distance)
    except KeyError as exc:
        return Response({"detail": f"no such layer feature: {exc.args[0]}"}, status=404)
    return Response(WithinSerializer({"layer": layer, "id": pk, "distance_m": distance,
                                      "crs": spatial.PROJECTED_CRS, "results": results}).data)


@extend_schema(responses=SitesInZonesSerializer)
@api_view(["GET"])
def sites_in_protection_zones(request):
    """Development-land sites that intersect a drinking-water protection zone or recharge area."""
    _internal(request)
    return Response(SitesInZonesSerializer({"results": spatial.sites_in_protection_zones(request.user)}).data)


class MiningQuerySerializer(DistanceQuerySerializer):
    """``?distance_m=`` (default 1000 m)."""

    distance_m = serializers.FloatField(required=False, default=1000.0, help_text="[m], 0–100000")


@extend_schema(parameters=[MiningQuerySerializer], responses=FarmlandNearMiningSerializer)
@api_view(["GET"])
def farmland_near_mining_waste(request):
    """``?distance_m=1000``: farmland units within N m of a mining-waste site (distance only)."""
    _internal(request)
    query = MiningQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return Response(FarmlandNearMiningSerializer(
        spatial.farmland_near_mining_waste(request.user, query.validated_data["distance_m"])).data)
