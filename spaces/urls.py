"""URLs of the spaces app (mounted at /gremien/ in portal/urls.py)."""

from django.urls import path

from spaces import (
    views,
    views_actions,
    views_aufgaben,
    views_dokumente,
    views_editor,
    views_protokoll,
    views_record,
    views_sitzung,
    views_zielsysteme,
)

app_name = "spaces"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("beschluesse/", views.beschluesse, name="beschluesse"),
    path("beschluesse/<str:number>/", views.beschluss_detail, name="beschluss"),
    path(
        "beschluesse/<str:number>/genehmigen/",
        views_record.beschluss_genehmigen,
        name="beschluss_genehmigen",
    ),
    path("kalender/", views.kalender, name="kalender"),
    path("kalender/abonnement/", views.kalender_abo, name="kalender_abo"),
    path("kalender/<str:token>.ics", views.kalender_feed, name="kalender_feed"),
    path("zielsysteme/", views_zielsysteme.zielsysteme, name="zielsysteme"),
    path("aufgaben/<int:pk>/erledigt/", views_actions.aufgabe_erledigt, name="aufgabe_erledigt"),
    path("aufgaben/", views_aufgaben.meine_aufgaben, name="meine_aufgaben"),
    path("aufgaben/uebersicht/", views_aufgaben.aufgaben_uebersicht, name="aufgaben_uebersicht"),
    path(
        "aufgaben/<int:pk>/wieder-offen/",
        views_aufgaben.aufgabe_wieder_offen,
        name="aufgabe_wieder_offen",
    ),
    path("<slug:slug>/", views.gremium_detail, name="gremium"),
    path(
        "<slug:slug>/zielsysteme/<int:pk>/",
        views_zielsysteme.zielsystem_detail,
        name="zielsystem",
    ),
    path(
        "<slug:slug>/zielsysteme/<int:pk>/indikatoren/<int:indikator_pk>/",
        views_zielsysteme.indikator_detail,
        name="indikator",
    ),
    path("<slug:slug>/dokumente/", views_dokumente.dokumente, name="dokumente"),
    path(
        "<slug:slug>/dokumente/<int:pk>/<str:filename>",
        views_dokumente.dokument,
        name="dokument",
    ),
    path("<slug:slug>/sitzungen/<int:pk>/", views.sitzung_detail, name="sitzung"),
    path(
        "<slug:slug>/sitzungen/<int:pk>/anwesenheit/",
        views_protokoll.anwesenheit,
        name="anwesenheit",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/bearbeiten/",
        views_editor.protokoll_bearbeiten,
        name="protokoll_bearbeiten",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/anlegen/",
        views_protokoll.protokoll_anlegen,
        name="protokoll_anlegen",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/aufgaben/neu/",
        views_protokoll.aufgabe_neu,
        name="aufgabe_neu",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/aufgaben/<int:aufgabe_pk>/",
        views_protokoll.aufgabe_bearbeiten,
        name="aufgabe_bearbeiten",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/kommentare/",
        views_protokoll.kommentar,
        name="kommentar",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/status/",
        views.protokoll_status,
        name="protokoll_status",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/berichtigungen/neu/",
        views_record.berichtigung_neu,
        name="berichtigung_neu",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/berichtigungen/<int:number>/genehmigen/",
        views_record.berichtigung_genehmigen,
        name="berichtigung_genehmigen",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/aendern/",
        views_sitzung.sitzung_aendern,
        name="sitzung_aendern",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/tagesordnung/",
        views_sitzung.sitzung_tagesordnung,
        name="sitzung_tagesordnung",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/einladen/",
        views_actions.sitzung_einladen,
        name="sitzung_einladen",
    ),
]
