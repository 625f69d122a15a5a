"""URLs of the knowledge app (mounted in portal/urls.py at /wissen/)."""

from django.urls import path

from knowledge import views

app_name = "knowledge"
urlpatterns: list = [
    path(
        "verzeichnis/<int:page_id>/export/",
        views.directory_export,
        name="directory_export",
    ),
]
