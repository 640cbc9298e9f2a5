import math

from rest_framework import serializers

from ..models import COUNTY_DATASET, MonitoringPoint, PointAnalyteStat, Result, Sample, WaterLevel


class FiniteFloats(serializers.ModelSerializer):
    """Writes a stored non-finite float (Inf, NaN) as null: JSON has no Inf, and one bad row must not make a
    whole list return 500."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for key, value in data.items():
            if isinstance(value, float) and not math.isfinite(value):
                data[key] = None
        return data


class MonitoringPointSerializer(FiniteFloats):
    latest_class = serializers.CharField(read_only=True, default="")

    class Meta:
        model = MonitoringPoint
        fields = ["id", "dataset", "origin", "code", "name", "kind", "programme", "target_class", "aquifer",
                  "aquifer_order", "nest", "screen_top", "screen_bottom", "ground_elevation", "owner", "operator",
                  "x", "y", "crs", "lon", "lat", "department", "notes", "latest_class", "revision"]
        read_only_fields = ["lon", "lat", "revision", "latest_class"]

    def validate(self, attrs):
        """CRS known; coordinates finite, not swapped, zone prefix understood, inside the dataset's area
        (see :func:`soilgw.monitoring.geo.check_coordinates`); sets ``lon``/``lat``."""
        from ..geo import CoordinateError, check_coordinates, check_crs
        from ..importers import point_area

        crs = attrs.get("crs", getattr(self.instance, "crs", ""))
        reason = check_crs(crs or "")
        if reason:
            raise serializers.ValidationError({"crs": reason})
        x, y = attrs.get("x", getattr(self.instance, "x", None)), attrs.get("y", getattr(self.instance, "y", None))
        attrs["lon"] = attrs["lat"] = None
        if x is not None and y is not None and crs:
            dataset = attrs.get("dataset", getattr(self.instance, "dataset", "")) or COUNTY_DATASET
            try:
                attrs["x"], attrs["y"], attrs["lon"], attrs["lat"], _note = check_coordinates(
                    x, y, crs, area=point_area(dataset))
            except CoordinateError as exc:
                raise serializers.ValidationError({"x": str(exc)}) from None
        return attrs


class SampleSerializer(FiniteFloats):
    point_code = serializers.CharField(source="point.code", read_only=True)

    class Meta:
        model = Sample
        fields = ["id", "point", "point_code", "batch", "event", "code", "date", "date_precision", "campaign",
                  "depth_top", "depth_bottom", "medium", "lab", "method", "qc_type", "parent", "class_label",
                  "meets_target", "target_class", "deciding_analytes", "class_standard", "qa_flags"]


class ResultSerializer(FiniteFloats):
    class Meta:
        model = Result
        fields = ["id", "sample", "point", "batch", "date", "analyte", "catalogued", "source_name", "reported",
                  "value", "qualifier", "detection_limit", "unit", "text_value", "class_label", "qa_flags",
                  "duplicate"]


class WaterLevelSerializer(FiniteFloats):
    class Meta:
        model = WaterLevel
        fields = ["id", "point", "batch", "date", "period_days", "aggregation", "n_values", "elevation", "depth"]


class PointAnalyteStatSerializer(FiniteFloats):
    class Meta:
        model = PointAnalyteStat
        exclude = ["computed_at"]
