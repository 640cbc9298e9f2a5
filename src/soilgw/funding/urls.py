from django.urls import path

from . import views
from .registries import REGISTRIES

app_name = "funding"
urlpatterns = [path("", views.index, name="index")]
for _config in REGISTRIES:
    urlpatterns += _config.urls()
