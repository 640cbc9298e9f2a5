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
admin.site.register(ImportBatch)
