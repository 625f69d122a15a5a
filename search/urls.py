"""URLs of the search app (mounted at /suche/ in portal/urls.py)."""

from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("", views.results, name="results"),
    path("vorschlaege/", views.autocomplete, name="autocomplete"),
    path("oeffnen/<str:label>/<str:pk>/", views.open_document, name="open"),
]
