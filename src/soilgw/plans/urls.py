from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("tasks/", views.dashboard, name="dashboard"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("<slug:code>/", views.plan_detail, name="plan"),
]
