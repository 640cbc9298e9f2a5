from django.urls import path

from . import views

app_name = "risk"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/report.xlsx", views.report_xlsx, name="report-xlsx"),
    path("<int:pk>/report.docx", views.report_docx, name="report-docx"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
