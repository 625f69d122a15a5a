"""URLs of the forms app (mounted at /meldeboegen/ in portal/urls.py)."""

from django.urls import path

from forms import triage_views, views

app_name = "forms"
urlpatterns = [
    path("", views.meldeboegen_list, name="list"),
    path("neu/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/fortsetzen/", views.resume, name="resume"),
    path("<int:pk>/loeschen/", views.delete_draft, name="delete"),
    path("<int:pk>/eingereicht/", views.confirmation, name="confirmation"),
    path("<int:pk>/quittung.pdf", views.receipt, name="receipt"),
    path(
        "<int:pk>/schritt/<slug:step>/",
        views.MeldebogenWizard.as_view(url_name="forms:step", done_step_name="fertig"),
        name="step",
    ),
    path("<int:pk>/rueckfrage/<int:frage>/", views.answer, name="answer"),
    path("<int:pk>/benachrichtigung/", views.status_mails, name="status_mails"),
    path("anhang/<int:pk>/", views.attachment, name="attachment"),
    # The coordination's triage
    path("sichtung/", triage_views.worklist, name="worklist"),
    path("sichtung/<int:pk>/", triage_views.triage, name="triage"),
    path(
        "sichtung/filter/<int:pk>/loeschen/",
        triage_views.delete_saved_filter,
        name="delete_saved_filter",
    ),
]
