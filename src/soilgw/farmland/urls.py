from django.urls import path

from . import views
from .registries import REGISTRIES

app_name = "farmland"
urlpatterns = [
    path("", views.index, name="index"),
    path("classify/", views.run_classification, name="classify"),
    path("units.geojson", views.units_geojson, name="units-geojson"),
    path("adjustment-queue/", views.adjustment_queue, name="queue"),
    path("safe-utilization/", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export, name="export"),
]
for _config in REGISTRIES:
    urlpatterns += _config.urls()
