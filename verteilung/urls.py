"""URLs of the Verteilungsschlüssel (mounted at /verteilung/ in portal/urls.py)."""

from django.urls import path

from verteilung import views

app_name = "verteilung"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("schluessel/neu/", views.schluessel_neu, name="neu"),
    path("schluessel/<int:pk>/", views.schluessel_detail, name="schluessel"),
    path("schluessel/<int:pk>/bearbeiten/", views.schluessel_bearbeiten, name="bearbeiten"),
    path("schluessel/<int:pk>/szenario/", views.schluessel_kopieren, name="kopieren"),
    path("schluessel/<int:pk>/beschliessen/", views.schluessel_beschliessen, name="beschliessen"),
    path("schluessel/<int:pk>/vergleich/", views.vergleich, name="vergleich"),
    path("schluessel/<int:pk>/csv/", views.schluessel_csv, name="csv"),
    path("schluessel/<int:pk>/pdf/", views.schluessel_pdf, name="pdf"),
    path("kennzahlen/", views.daten, name="daten"),
    path("kennzahlen/import/", views.importieren, name="import"),
    path("kennzahlen/<int:jahr>/<slug:indikator>/", views.erfassen, name="erfassen"),
    path("kommunen/<slug:slug>/", views.kommune_detail, name="kommune"),
    path("zustaendigkeiten/", views.zustaendigkeiten, name="zustaendigkeiten"),
]
