from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, ExternalAccount, ImportBatch, Membership, Township


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "admin_code"]
    list_filter = ["kind"]


admin.site.register(Township)
admin.site.register(Membership)
admin.site.register(ExternalAccount)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Import batches are evidence (raw file, sha256, report): readable, never changed or deleted here."""

    list_display = ["kind", "filename", "status", "uploaded_by", "uploaded_at", "accepted_at"]
    list_filter = ["kind", "status"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
