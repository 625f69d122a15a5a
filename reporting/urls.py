"""URLs of the reporting app (mounted at /berichte/)."""

from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/meldeboegen/", views.export_meldeboegen, name="export_meldeboegen"),
    path("export/auszaehlung/", views.export_auszaehlung, name="export_auszaehlung"),
    path("sachstandsbericht/", views.sachstandsbericht, name="sachstandsbericht"),
]
