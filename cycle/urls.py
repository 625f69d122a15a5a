"""URLs of the cycle app (mounted at /zyklus/ in portal/urls.py)."""

from django.urls import path

from cycle import views

app_name = "cycle"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("themen/<int:pk>/", views.thema_detail, name="thema"),
    path("themen/<int:pk>/meldebogen/", views.thema_meldebogen, name="thema_meldebogen"),
    path(
        "themen/<int:pk>/fallrekonstruktion/",
        views.thema_rekonstruktion,
        name="thema_rekonstruktion",
    ),
    path("themen/<int:pk>/tagesordnung/", views.thema_tagesordnung, name="thema_tagesordnung"),
    path("themen/<int:pk>/beschluss/", views.thema_beschluss, name="thema_beschluss"),
    path("themen/<int:pk>/status/", views.thema_status, name="thema_status"),
    path("fallrekonstruktionen/<int:pk>/", views.rekonstruktion_detail, name="rekonstruktion"),
    path(
        "fallrekonstruktionen/<int:pk>/meldebogen/",
        views.rekonstruktion_meldebogen,
        name="rekonstruktion_meldebogen",
    ),
    path(
        "fallrekonstruktionen/<int:pk>/einladen/",
        views.rekonstruktion_einladen,
        name="rekonstruktion_einladen",
    ),
    path(
        "fallrekonstruktionen/<int:pk>/abschliessen/",
        views.rekonstruktion_abschliessen,
        name="rekonstruktion_abschliessen",
    ),
    path("meldeboegen/<int:pk>/", views.meldebogen_spur, name="spur"),
    path("meldeboegen/<int:pk>/thema/", views.meldebogen_thema, name="meldebogen_thema"),
    path(
        "meldeboegen/<int:pk>/fallrekonstruktion/",
        views.meldebogen_rekonstruktion,
        name="meldebogen_rekonstruktion",
    ),
]
