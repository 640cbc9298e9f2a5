from django.urls import path

from . import views
from .registries import REGISTRIES

app_name = "enterprises"
urlpatterns = [
    path("", views.index, name="index"),
    path("layers.geojson", views.layers, name="layers"),
    path("enterprises/<int:pk>/duties/", views.duties_timeline, name="enterprise-duties"),
    path("vacated-sites/", views.vacated_sites, name="vacated-sites"),
]
for _config in REGISTRIES:
    urlpatterns += _config.urls()
