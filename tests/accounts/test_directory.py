"""Directory sign-in against a real slapd (tests/ldap_server.py), through the login form."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import roles
from accounts.leavers import deactivate
from accounts.models import Kontoereignis

pytestmark = pytest.mark.usefixtures("directory_settings")

LOGIN = "/konto/anmelden/"


def sign_in(username: str, password: str | None = None) -> Client:
    client = Client()
    client.post(LOGIN, {"username": username, "password": password or f"{username}-Passwort-1"})
    return client


def signed_in_user(client: Client):
    return client.get("/").wsgi_request.user


def test_a_directory_user_signs_in_with_the_directory_password_and_gets_the_mapped_role(db):
    user = signed_in_user(sign_in("mmuster"))
    assert user.is_authenticated
    assert (user.first_name, user.last_name, user.email) == (
        "Maria",
        "Muster",
        "mmuster@kreis.example",
    )
    assert [g.name for g in user.groups.all()] == [roles.KOORDINATION]  # "kantine" maps to none
    assert not user.has_usable_password()  # no directory password in the portal
    assert Kontoereignis.objects.filter(kind="anmeldung", user=user, detail="DirectoryBackend")


def test_a_wrong_password_or_an_unknown_user_is_refused(db):
    assert signed_in_user(sign_in("mmuster", "falsch-geraten")).is_anonymous
    assert signed_in_user(sign_in("niemand")).is_anonymous
    assert not get_user_model().objects.filter(username="niemand").exists()
    assert Kontoereignis.objects.filter(kind="fehlanmeldung", username="mmuster").exists()


def test_a_user_without_a_mapped_group_is_refused(db):
    assert signed_in_user(sign_in("nohne")).is_anonymous


def test_the_role_follows_the_directory_groups_at_the_next_sign_in(db, slapd):
    assert signed_in_user(sign_in("ccase")).groups.get().name == roles.CASE_MANAGEMENT
    slapd.modify(
        slapd.groups["koordination"],
        {"member": [("MODIFY_ADD", [slapd.people["ccase"]])]},
    )
    try:
        user = signed_in_user(sign_in("ccase"))
        assert {g.name for g in user.groups.all()} == {roles.CASE_MANAGEMENT, roles.KOORDINATION}
    finally:
        slapd.modify(
            slapd.groups["koordination"],
            {"member": [("MODIFY_DELETE", [slapd.people["ccase"]])]},
        )
    assert signed_in_user(sign_in("ccase")).groups.get().name == roles.CASE_MANAGEMENT


def test_a_user_disabled_or_removed_in_the_directory_cannot_sign_in(db, slapd):
    dn = slapd.add_person("weg", "weg-Passwort-1", "Willi", "Weg")
    slapd.modify(slapd.groups["case"], {"member": [("MODIFY_ADD", [dn])]})
    assert signed_in_user(sign_in("weg")).is_authenticated
    slapd.modify(dn, {"description": [("MODIFY_REPLACE", ["deaktiviert"])]})
    assert signed_in_user(sign_in("weg")).is_anonymous
    slapd.delete(dn)
    assert signed_in_user(sign_in("weg")).is_anonymous


def test_an_account_deactivated_in_the_portal_stays_out(db):
    user = signed_in_user(sign_in("mmuster"))
    deactivate([user])
    assert signed_in_user(sign_in("mmuster")).is_anonymous


def test_local_accounts_still_sign_in(db, make_user):
    make_user("lokal", roles.EXTERNE_PARTNER)
    assert signed_in_user(sign_in("lokal", "test-password-123")).is_authenticated


def test_without_oidc_settings_there_is_no_single_sign_on(client, db, settings, make_user):
    settings.OIDC_RP_CLIENT_ID = ""
    assert "Mit Kreis-Konto anmelden" not in client.get(LOGIN).content.decode()
    client.force_login(make_user("jemand"))  # anonymous visitors get the login for any 404
    assert client.get("/konto/sso/anmelden/").status_code == 404
    assert client.get("/konto/sso/rueckkehr/").status_code == 404
