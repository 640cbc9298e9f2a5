from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.disclosed_list, name="list"),
]
