"""Invitations: the KIM-Koordination invites, the person sets a password through the signed,
expiring link, accepts the Nutzungsbedingungen and is signed in with the chosen role."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import Einladung, Kontoereignis
from accounts.tokens import invitation_tokens
from knowledge.models import Kommune

NEW_PASSWORD = "Sonnenblume-Kreishaus-42"  # noqa: S105


@pytest.fixture
def kommune(db):
    return Kommune.objects.first() or Kommune.objects.create(name="Altena")


def invite(client, kommune, email="i.neu@altena.example", role=roles.INTEGRATIONSBEAUFTRAGTE):
    return client.post(
        "/konto/einladungen/neu/",
        {
            "first_name": "Ines",
            "last_name": "Neu",
            "email": email,
            "role": Group.objects.get(name=role).pk,
            "kommune": kommune.pk,
            "function": "Integrationsbeauftragte",
        },
    )


def link_in(message) -> str:
    return re.search(r"http://testserver(/konto/einladung/\S+/)", message.body).group(1)


def accept(client, link, password=NEW_PASSWORD, terms=True):
    data = {"new_password1": password, "new_password2": password}
    if terms:
        data["accept_terms"] = "on"
    return client.post(link, data)


def test_the_coordination_invites_and_the_person_lands_signed_in_with_role_and_kommune(
    client, koordination, kommune, mailoutbox
):
    client.force_login(koordination)
    response = invite(client, kommune)
    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == ["i.neu@altena.example"]
    assert "Integrationsbeauftragte" in mail.body
    assert "14 Tage" in mail.body
    listing = client.get("/konto/einladungen/").content.decode()
    assert "i.neu@altena.example" in listing and "Offene Einladungen" in listing

    client.logout()
    link = link_in(mail)
    page = client.get(link)
    assert page.status_code == 200
    assert "Nutzungsbedingungen" in page.content.decode()
    response = accept(client, link)
    assert response.status_code == 302 and response.url == "/"
    user = get_user_model().objects.get(email="i.neu@altena.example")
    assert user.get_username() == "i.neu@altena.example"
    assert [g.name for g in user.groups.all()] == [roles.INTEGRATIONSBEAUFTRAGTE]
    assert user.profile.kommune == kommune
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/").wsgi_request.user == user
    invitation = Einladung.objects.get()
    assert invitation.accepted_at is not None and invitation.terms_version
    kinds = set(Kontoereignis.objects.values_list("kind", flat=True))
    assert {"einladung", "einladung_angenommen", "rolle_erteilt"} <= kinds


def test_a_reused_link_says_the_invitation_was_accepted(client, koordination, kommune, mailoutbox):
    client.force_login(koordination)
    invite(client, kommune)
    client.logout()
    link = link_in(mailoutbox[0])
    accept(client, link)
    client.logout()
    response = client.get(link)
    assert response.status_code == 410
    assert "bereits ein Konto angelegt" in response.content.decode()
    response = accept(client, link, password="Ein-anderes-Passwort-99")
    assert response.status_code == 410
    assert get_user_model().objects.get(email="i.neu@altena.example").check_password(NEW_PASSWORD)


def test_an_expired_link_says_so_and_a_resent_one_works(
    client, koordination, kommune, mailoutbox, monkeypatch
):
    client.force_login(koordination)
    invite(client, kommune)
    old_link = link_in(mailoutbox[0])
    later = invitation_tokens._now() + datetime.timedelta(days=15)
    with monkeypatch.context() as patch:
        patch.setattr(invitation_tokens, "_now", lambda: later)
        response = client.get(old_link)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    assert "abgelaufen" not in client.get("/konto/einladungen/").content.decode()

    invitation = Einladung.objects.get()
    client.post(f"/konto/einladungen/{invitation.pk}/erneut-senden/")
    assert len(mailoutbox) == 2
    new_link = link_in(mailoutbox[1])
    assert new_link != old_link
    client.logout()
    # the first link no longer works once a new one was sent
    assert client.get(old_link).status_code == 404
    assert "ungültig" in client.get(old_link).content.decode()
    assert accept(client, new_link).status_code == 302


def test_a_withdrawn_invitation_cannot_be_accepted(client, koordination, kommune, mailoutbox):
    client.force_login(koordination)
    invite(client, kommune)
    invitation = Einladung.objects.get()
    client.post(f"/konto/einladungen/{invitation.pk}/zurueckziehen/")
    client.logout()
    response = accept(client, link_in(mailoutbox[0]))
    assert response.status_code == 410
    assert "zurückgezogen" in response.content.decode()
    assert not get_user_model().objects.filter(email="i.neu@altena.example").exists()


def test_a_tampered_link_is_invalid(client, koordination, kommune, mailoutbox):
    client.force_login(koordination)
    invite(client, kommune)
    client.logout()
    link = link_in(mailoutbox[0])
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 404
    assert "ungültig" in response.content.decode()


def test_without_the_terms_or_with_a_weak_password_nothing_is_created(
    client, koordination, kommune, mailoutbox
):
    client.force_login(koordination)
    invite(client, kommune)
    client.logout()
    link = link_in(mailoutbox[0])
    response = accept(client, link, terms=False)
    assert "Bitte stimmen Sie den Nutzungsbedingungen zu" in response.content.decode()
    response = accept(client, link, password="ines neu")
    assert response.status_code == 200
    assert "zu kurz" in response.content.decode()
    assert not get_user_model().objects.filter(email="i.neu@altena.example").exists()
    assert accept(client, link).status_code == 302  # the link still works after the errors


def test_an_existing_account_or_a_pending_invitation_is_refused(
    client, koordination, kommune, make_user, mailoutbox
):
    client.force_login(koordination)
    make_user("vorhanden")
    response = invite(client, kommune, email="vorhanden@example.org")
    assert "bereits ein Konto" in response.content.decode()
    invite(client, kommune)
    response = invite(client, kommune)
    assert "bereits eingeladen" in response.content.decode()
    assert Einladung.objects.count() == 1


@pytest.mark.parametrize("role", [roles.CASE_MANAGEMENT, roles.EXTERNE_PARTNER, None])
def test_only_the_coordination_invites(client, make_user, kommune, role):
    client.force_login(make_user("jemand", role))
    assert client.get("/konto/einladungen/").status_code == 403
    assert invite(client, kommune).status_code == 403
    assert client.get("/konto/konten/").status_code == 403
    assert client.get("/konto/protokoll/").status_code == 403
    assert not Einladung.objects.exists()


def test_password_reset_does_not_reveal_whether_an_account_exists(client, make_user, mailoutbox):
    make_user("bekannt")
    known = client.post("/konto/passwort-vergessen/", {"email": "bekannt@example.org"})
    unknown = client.post("/konto/passwort-vergessen/", {"email": "unbekannt@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mailoutbox] == [["bekannt@example.org"]]


def test_an_invitation_grants_free_gremium_seats_from_the_day_of_acceptance(
    client, koordination, kommune, mailoutbox
):
    from spaces.models import Gremium, Mitgliedschaft, Sitz

    gremium = Gremium.objects.create(name="Arbeitsgruppe Wohnen", slug="ag-wohnen")
    free = Sitz.objects.create(gremium=gremium, label="Vertretung Altena")
    taken = Sitz.objects.create(gremium=gremium, label="Vorsitz", role=Sitz.Role.VORSITZ)
    Mitgliedschaft.objects.create(sitz=taken, user=koordination)
    client.force_login(koordination)
    form = client.get("/konto/einladungen/neu/").content.decode()
    assert "Arbeitsgruppe Wohnen: Vertretung Altena" in form
    assert "Arbeitsgruppe Wohnen: Vorsitz" not in form  # a seat has one holder
    response = client.post(
        "/konto/einladungen/neu/",
        {
            "first_name": "Ines",
            "last_name": "Neu",
            "email": "i.neu@altena.example",
            "role": Group.objects.get(name=roles.INTEGRATIONSBEAUFTRAGTE).pk,
            "kommune": kommune.pk,
            "extra_spaces.sitze": [free.pk],
        },
    )
    assert response.status_code == 302
    assert "Gremium Arbeitsgruppe Wohnen: Vertretung Altena" in mailoutbox[0].body
    client.logout()
    accept(client, link_in(mailoutbox[0]))
    user = get_user_model().objects.get(email="i.neu@altena.example")
    membership = Mitgliedschaft.objects.get(user=user)
    assert membership.sitz == free and membership.is_active()
