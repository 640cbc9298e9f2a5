from rest_framework import serializers

from ..models import Department, ImportBatch, Township


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name", "name_en", "kind", "admin_code", "aliases"]


class TownshipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Township
        fields = ["id", "name", "admin_code", "code_verified", "department"]


class ImportBatchSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.StringRelatedField()

    class Meta:
        model = ImportBatch
        fields = ["id", "kind", "filename", "sha256", "size", "status", "row_count", "report", "options",
                  "uploaded_by", "uploaded_at", "accepted_at"]


class ImportUploadSerializer(serializers.Serializer):
    kind = serializers.CharField()
    file = serializers.FileField()
    accept = serializers.BooleanField(required=False, default=True)
    options = serializers.JSONField(required=False)
