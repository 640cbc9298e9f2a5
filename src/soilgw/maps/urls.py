from django.urls import path

from . import views

app_name = "maps"
urlpatterns = [
    path("", views.index, name="index"),
    path("outline.geojson", views.outline, name="outline"),
    path("layers/<slug:key>.geojson", views.layer, name="layer"),
]
