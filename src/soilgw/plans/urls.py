from django.urls import path

from . import views
from .obligations import views as obligation_views

app_name = "plans"
urlpatterns = [
    path("tasks/", views.dashboard, name="dashboard"),
    path("kpis/", views.kpi_table, name="kpis"),
    path("kpis/<slug:key>/<int:year>/<int:quarter>/", views.kpi_records, name="kpi-records"),
    path("evaluation/", views.evaluation, name="evaluation"),
    path("obligations/", obligation_views.obligation_list, name="obligations"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("progress/<int:pk>/review/", views.report_review, name="report-review"),
    path("reports/quarterly/", views.quarterly_report, name="quarterly-report"),
    path("reports/<int:pk>/download/", views.report_download, name="report-download"),
    path("<slug:code>/", views.plan_detail, name="plan"),
]
