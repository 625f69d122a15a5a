import pytest

PUBLIC_PAGES = ["/impressum/", "/barrierefreiheit/", "/datenschutz/"]


@pytest.mark.parametrize("url", ["/", "/konto/passwort-aendern/", "/documents/1/x.pdf"])
def test_anonymous_visitors_are_sent_to_the_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/?next=")


def test_unknown_urls_reveal_nothing_to_anonymous_visitors(client, db):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_members_get_a_german_404(client, case_manager):
    client.force_login(case_manager)
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_legal_pages_are_readable_without_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/konto/anmelden/", "/konto/passwort-vergessen/", "/konto/passwort-vergessen/gesendet/"]
)
def test_login_and_password_reset_need_no_login(client, db, url):
    assert client.get(url).status_code == 200


def test_admin_sends_anonymous_visitors_to_its_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_roles_without_admin_access_cannot_enter_the_admin(client, partner):
    client.force_login(partner)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith("/admin/pages")


def test_login_with_wrong_password_says_why_in_german(client, partner):
    response = client.post("/konto/anmelden/", {"username": partner.username, "password": "falsch"})
    assert response.status_code == 200
    assert "Bitte Benutzername und Passwort eingeben" in response.content.decode()


def test_password_reset_sends_a_german_mail(client, partner, mailoutbox):
    response = client.post("/konto/passwort-vergessen/", {"email": partner.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "Passwort zurücksetzen" in mailoutbox[0].subject
    assert "/konto/passwort-neu/" in mailoutbox[0].body
