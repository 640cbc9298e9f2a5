from rest_framework import serializers

from ..models import MonitoringPoint, PointAnalyteStat, Result, Sample, WaterLevel


class MonitoringPointSerializer(serializers.ModelSerializer):
    latest_class = serializers.CharField(read_only=True, default="")

    class Meta:
        model = MonitoringPoint
        fields = ["id", "dataset", "origin", "code", "name", "kind", "programme", "target_class", "aquifer",
                  "aquifer_order", "nest", "screen_top", "screen_bottom", "ground_elevation", "owner", "operator",
                  "x", "y", "crs", "lon", "lat", "department", "notes", "latest_class", "revision"]
        read_only_fields = ["lon", "lat", "revision", "latest_class"]

    def validate(self, attrs):
        from ..geo import check_crs

        crs = attrs.get("crs", getattr(self.instance, "crs", ""))
        reason = check_crs(crs or "")
        if reason:
            raise serializers.ValidationError({"crs": reason})
        return attrs


class SampleSerializer(serializers.ModelSerializer):
    point_code = serializers.CharField(source="point.code", read_only=True)

    class Meta:
        model = Sample
        fields = ["id", "point", "point_code", "batch", "event", "code", "date", "date_precision", "campaign",
                  "depth_top", "depth_bottom", "medium", "lab", "method", "qc_type", "parent", "class_label",
                  "meets_target", "target_class", "deciding_analytes", "class_standard", "qa_flags"]


class ResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = Result
        fields = ["id", "sample", "point", "batch", "date", "analyte", "catalogued", "source_name", "reported",
                  "value", "qualifier", "detection_limit", "unit", "text_value", "class_label", "qa_flags",
                  "duplicate"]


class WaterLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = WaterLevel
        fields = ["id", "point", "batch", "date", "period_days", "aggregation", "n_values", "elevation", "depth"]


class PointAnalyteStatSerializer(serializers.ModelSerializer):
    class Meta:
        model = PointAnalyteStat
        exclude = ["computed_at"]
