"""Invitations as the KIM-Koordination and the invited person meet them in the browser."""

import base64
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts import roles
from knowledge.models import Kommune
from tests.browser.conftest import BROWSER_MARKS, LOGIN_PATH, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS

PASSWORD = "Sonnenblume-Kreishaus-42"  # noqa: S105


def test_an_invited_person_sets_a_password_and_lands_on_the_home_page(
    page: Page, live_server, make_user, mailoutbox
):
    make_user("koordination", roles.KOORDINATION, first_name="Kora", last_name="Koordination")
    kommune = Kommune.objects.first() or Kommune.objects.create(name="Altena")
    login(page, live_server, "koordination")
    page.get_by_role("link", name="Konten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Einladungen")
    page.get_by_role("link", name="Person einladen").click()
    page.get_by_role("button", name="Einladung senden").click()  # empty: errors, nothing sent
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Eingaben")
    assert_no_axe_violations(page)
    page.get_by_label("Vorname").fill("Ines")
    page.get_by_label("Nachname").fill("Neu")
    page.get_by_label("E-Mail-Adresse").fill("i.neu@altena.example")
    group = Group.objects.get(name=roles.INTEGRATIONSBEAUFTRAGTE)
    page.get_by_label("Rolle").select_option(value=str(group.pk))
    page.get_by_label("Kommune").select_option(value=str(kommune.pk))
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_role("status")).to_contain_text("Die Einladung an Ines Neu")
    expect(page.locator("main table").first).to_contain_text("i.neu@altena.example")
    assert_no_axe_violations(page)

    [mail] = mailoutbox
    link = re.search(r"https?://\S+/konto/einladung/\S+/", mail.body).group(0)
    path = link[link.index("/konto/") :]
    page.context.clear_cookies()
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen im KIM-Portal")
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()  # terms not accepted yet
    expect(page.get_by_role("alert")).to_contain_text("Nutzungsbedingungen")
    assert_no_axe_violations(page)
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_label("Ich habe die Nutzungsbedingungen gelesen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("status")).to_contain_text("Willkommen im KIM-Portal, Ines Neu")
    expect(page.locator("header")).to_contain_text("Angemeldet als Ines Neu")
    user = get_user_model().objects.get(email="i.neu@altena.example")
    assert user.groups.get().name == roles.INTEGRATIONSBEAUFTRAGTE

    # the link works once
    page.context.clear_cookies()
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Einladung bereits angenommen")
    assert_no_axe_violations(page)
    login(page, live_server, "i.neu@altena.example", PASSWORD)
    expect(page.locator("header")).to_contain_text("Angemeldet als Ines Neu")


def test_kreis_staff_sign_in_with_their_directory_password(
    page: Page, live_server, directory_settings
):
    """Against a real slapd (tests/ldap_server.py): the login form, the directory's password,
    the role from the directory group."""
    login(page, live_server, "mmuster", "mmuster-Passwort-1")
    expect(page.locator("header")).to_contain_text("Angemeldet als Maria Muster")
    page.locator("header").get_by_role("link", name="Konten").click()  # KIM-Koordination
    expect(page.get_by_role("heading", level=1)).to_have_text("Einladungen")

    page.context.clear_cookies()
    page.goto(live_server.url + "/konto/anmelden/")
    page.locator("#id_username").fill("nohne")  # in the directory, but no group maps to a role
    page.locator("#id_password").fill("nohne-Passwort-1")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert "/konto/anmelden/" in page.url


def sso_sign_in(page: Page, live_server, account: str) -> None:
    """The login page's button, the provider's own login and consent pages."""
    page.goto(live_server.url + LOGIN_PATH)
    page.get_by_role("link", name="Mit Kreis-Konto anmelden").click()
    page.locator("input[name=login]").fill(account)
    page.locator("input[name=password]").fill("beliebig")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # consent: "Continue"
    page.wait_for_url(lambda url: url.startswith(live_server.url))


def test_kreis_staff_sign_in_through_the_identity_provider_and_out_again(
    page: Page, live_server, sso_settings
):
    """Against a real OpenID provider (tests/oidc_provider.py)."""
    page.goto(live_server.url + LOGIN_PATH)
    assert_no_axe_violations(page)
    sso_sign_in(page, live_server, "mmuster")
    expect(page.locator("header")).to_contain_text("Angemeldet als Maria Muster")
    user = get_user_model().objects.get(username="mmuster")
    assert [g.name for g in user.groups.all()] == [roles.KOORDINATION]
    assert user.email == "maria.muster@kreis.example" and not user.has_usable_password()

    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(lambda url: LOGIN_PATH in url)
    page.goto(live_server.url + "/")
    assert LOGIN_PATH in page.url  # the portal session has ended

    # the provider's own session is the provider's: a new browser for another person
    page.context.clear_cookies()
    sso_sign_in(page, live_server, "nohne")  # no claim value maps to a role
    assert LOGIN_PATH in page.url
    expect(page.get_by_role("alert")).to_contain_text("keine Rolle im KIM-Portal")
    assert_no_axe_violations(page)
    assert not get_user_model().objects.filter(username="nohne").exists()


def test_the_coordination_sets_up_two_factor_sign_in_and_reaches_the_admin(
    page: Page, live_server, make_user, settings
):
    settings.KIM_TWO_FACTOR_REQUIRED = True
    user = make_user("koordination", roles.KOORDINATION, first_name="Kora", last_name="K")
    login(page, live_server, "koordination")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Anmeldung einrichten")
    assert_no_axe_violations(page)
    device = TOTPDevice.objects.get(user=user)
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    assert (
        base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    )  # what the app gets
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_role("textbox", name="Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Weiter zum Portal").click()
    expect(page.locator("header")).to_contain_text("Angemeldet als Kora K")
    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(live_server.url + "/admin/")
