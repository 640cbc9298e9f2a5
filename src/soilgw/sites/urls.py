from django.urls import path

from . import views
from .registries import REGISTRIES

app_name = "sites"
urlpatterns = [
    path("", views.index, name="index"),
    path("sites/<int:pk>/land-action-check/", views.land_action_check, name="land-action-check"),
    path("sites/<int:pk>/investigation-data/", views.import_investigation, name="import-investigation"),
    path("land-action-check/batch/", views.batch_check, name="batch-check"),
    path("land-action-check/batch/template.xlsx", views.batch_template, name="batch-template"),
    path("land-action-checks/", views.checks_log, name="checks"),
    path("reconciliation/", views.reconciliation, name="reconciliation"),
    path("clear-to-zero/", views.clear_to_zero, name="clear-to-zero"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
]
for _config in REGISTRIES:
    urlpatterns += _config.urls()
