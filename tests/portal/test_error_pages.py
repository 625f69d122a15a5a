"""Every error page is German and in the portal's layout (400, 403, 404, 500, CSRF failure);
the 500 page renders without a request, context processors or the database."""

from django.test import Client, override_settings
from django.urls import reverse

from portal import views
from spaces.models import Protokoll
from tests.spaces.conftest import make_gremium, seat, sitzung

LAYOUT_MARKS = ['<html lang="de">', 'class="site-header"', '<main id="inhalt"', "KIM-Portal"]


def assert_portal_layout(html: str) -> None:
    for mark in LAYOUT_MARKS:
        assert mark in html, mark
    for english in ("Forbidden", "Bad Request", "Server Error", "Not Found", "CSRF"):
        assert english not in html, english


def test_a_refused_action_says_why_in_german(client, make_user):
    """A member of a Gremium who is not its Geschäftsführung may not record attendance."""
    gremium = make_gremium()
    member = make_user("mitglied")
    seat(gremium, member)
    meeting = sitzung(gremium, days=-7)
    Protokoll.objects.create(sitzung=meeting)
    client.force_login(member)

    response = client.get(f"{meeting.get_absolute_url()}anwesenheit/")

    assert response.status_code == 403
    html = response.content.decode()
    assert_portal_layout(html)
    assert "<h1>Keine Berechtigung</h1>" in html
    assert "Das Protokoll schreiben die Geschäftsführung des Gremiums" in html  # the reason
    assert "Angemeldet als" in html  # the portal's header with the user menu


@override_settings(ROOT_URLCONF="tests.portal.error_urls")
def test_a_403_without_a_reason_is_german_too(client, partner):
    client.force_login(partner)
    response = client.get("/test-fehler/verweigert/")
    assert response.status_code == 403
    assert_portal_layout(response.content.decode())
    assert "Keine Berechtigung" in response.content.decode()


def test_a_failed_csrf_check_is_german_and_explains_what_to_do(db, partner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "x"},
        headers={"referer": "http://testserver/konto/passwort-aendern/"},
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert_portal_layout(html)
    assert "<h1>Formular abgelaufen</h1>" in html
    assert "Ihre Eingaben wurden nicht gespeichert" in html
    assert 'href="http://testserver/konto/passwort-aendern/"' in html  # back to the form


def test_the_csrf_page_links_back_only_to_the_portal(db, partner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    response = client.post(
        reverse("accounts:password_change"), headers={"referer": "https://evil.example/form"}
    )
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()


@override_settings(ROOT_URLCONF="tests.portal.error_urls")
def test_a_crash_shows_the_german_500_page(db, partner):
    client = Client(raise_request_exception=False)
    client.force_login(partner)
    response = client.get("/test-fehler/absturz/")

    assert response.status_code == 500
    html = response.content.decode()
    assert_portal_layout(html)
    assert "<h1>Technischer Fehler</h1>" in html


@override_settings(KIM_KREIS_NAME="Kreis Unna")
def test_the_500_page_needs_no_request_context_and_no_database(rf, db, django_assert_num_queries):
    request = rf.get("/")  # no user, no session: context processors would fail
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert_portal_layout(html)
    assert "Kommunales Integrationsmanagement Kreis Unna" in html


@override_settings(ALLOWED_HOSTS=["kim.example.org"])
def test_a_refused_host_gets_the_german_400_page(client, db):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert_portal_layout(html)
    assert "<h1>Fehlerhafte Anfrage</h1>" in html


def test_members_get_the_german_404_in_the_layout(client, partner):
    client.force_login(partner)
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert_portal_layout(response.content.decode())
