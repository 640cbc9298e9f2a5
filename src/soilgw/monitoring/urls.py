from django.urls import path

from . import import_views, views

app_name = "monitoring"
urlpatterns = [
    path("", views.network_map, name="map"),
    path("points.geojson", views.points_geojson, name="points-geojson"),
    path("points/<int:pk>/", views.point_detail, name="point"),
    path("points/<int:pk>/series.json", views.point_series, name="point-series"),
    path("exceedances/", views.exceedances, name="exceedances"),
    path("matrix/", views.trend_matrix, name="matrix"),
    path("piper/", views.piper, name="piper"),
    path("export/<slug:table>.xlsx", views.export, name="export"),
    path("import/", import_views.lab_import, name="import"),
]
