from django.urls import path

from .views import disclosed_index, disclosed_list

urlpatterns = [
    path("public/", disclosed_index, name="public-index"),
    path("public/<slug:slug>/", disclosed_list, name="public-list"),
]
