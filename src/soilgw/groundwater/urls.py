from django.urls import path

from . import views
from .registries import REGISTRIES

app_name = "groundwater"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("layers.geojson", views.layers, name="layers"),
]
for _config in REGISTRIES:
    urlpatterns += _config.urls()
