from django.urls import path

from . import views
from .registries import REGISTRIES

app_name = "enforcement"
urlpatterns = [
    path("", views.index, name="index"),
    path("accountability/", views.accountability, name="accountability"),
]
for _config in REGISTRIES:
    urlpatterns += _config.urls()
