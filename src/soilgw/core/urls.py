from django.urls import path

from . import views

urlpatterns = [
    path("imports/", views.import_page, name="imports"),
    path("imports/<int:pk>/", views.import_batch, name="import_batch"),
    path("jobs/<int:pk>/", views.job_page, name="job"),
    path("imports/templates/<slug:kind>/", views.import_template, name="import_template"),
    path("departments/", views.departments, name="departments"),
    path("health/", views.health, name="health"),
]
