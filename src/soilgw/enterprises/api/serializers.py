from rest_framework import serializers

from ..models import DischargePermit


class VacatedSiteSerializer(serializers.ModelSerializer):
    """One entry of the vacated-site list: the enterprise, its location and the permit that vacated it."""

    enterprise = serializers.IntegerField(source="enterprise.id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    credit_code = serializers.CharField(source="enterprise.credit_code")
    township = serializers.CharField(source="enterprise.township.name", default="")
    lon = serializers.FloatField(source="enterprise.lon")
    lat = serializers.FloatField(source="enterprise.lat")
    address = serializers.CharField(source="enterprise.address")
    permit_number = serializers.CharField(source="number")

    class Meta:
        model = DischargePermit
        fields = ["enterprise", "enterprise_name", "credit_code", "township", "address", "lon", "lat",
                  "permit_number", "status", "status_changed_on"]
