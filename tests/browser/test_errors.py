"""Errors in the browser: form errors are focused, linked and announced (the error summary takes
the focus, its links lead to the fields, each field's accessible description is its message);
the error pages are German, in the portal's layout, accessible and reflow at 320 px."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, LOGIN_PATH, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS

REQUIRED = "Dieses Feld muss ausgefüllt werden."


def test_form_errors_are_focused_linked_and_announced(page: Page, live_server, db):
    page.goto(live_server.url + LOGIN_PATH)
    page.get_by_label("Benutzername").press("Enter")  # submit the empty form by keyboard

    summary = page.get_by_role("alert", name="Bitte prüfen Sie Ihre Eingaben")
    expect(summary).to_be_focused()
    username = page.get_by_role("textbox", name="Benutzername")
    expect(username).to_have_accessible_description(re.compile(re.escape(REQUIRED)))
    expect(username).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    # Tab into the summary, follow the link by Enter: the field has the focus, its label is seen.
    page.keyboard.press("Tab")
    link = summary.get_by_role("link", name=f"Benutzername: {REQUIRED}")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(username).to_be_focused()
    expect(page.locator("label[for=id_username]")).to_be_in_viewport()

    # The same on the password reset form.
    page.goto(live_server.url + "/konto/passwort-vergessen/")
    email = page.get_by_role("textbox", name="E-Mail")
    email.fill("keine-adresse")
    email.press("Enter")
    expect(page.get_by_role("alert")).to_be_focused()
    expect(email).to_have_accessible_description(re.compile("gültige E-Mail-Adresse"))
    assert_no_axe_violations(page)


def test_error_pages_pass_axe(page: Page, live_server, partner, settings):
    settings.ROOT_URLCONF = "tests.portal.error_urls"  # the portal plus views that fail
    login(page, live_server, partner.username)

    for path, status, heading in [
        ("/gibt-es-nicht/", 404, "Seite nicht gefunden"),
        ("/test-fehler/verweigert/", 403, "Keine Berechtigung"),
        ("/test-fehler/absturz/", 500, "Technischer Fehler"),
    ]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == status
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.get_by_role("link", name="Zur Startseite")).to_be_visible()
        assert_no_axe_violations(page)

    # A form sent with a stale CSRF token (as after a login in another tab).
    page.goto(live_server.url + "/konto/passwort-aendern/")
    page.locator("main input[name=csrfmiddlewaretoken]").evaluate("el => el.value = 'veraltet'")
    page.get_by_label("Altes Passwort").fill("irgendwas")
    page.get_by_role("button", name="Passwort ändern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formular abgelaufen")
    expect(page.get_by_role("link", name="Zurück zum Formular")).to_have_attribute(
        "href", live_server.url + "/konto/passwort-aendern/"
    )
    assert_no_axe_violations(page)
