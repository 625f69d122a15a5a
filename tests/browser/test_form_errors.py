"""Form errors in the browser: the error summary takes the focus, its links lead to the fields,
and each field's accessible description is its error message (what a screen reader announces)."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, LOGIN_PATH, assert_no_axe_violations

pytestmark = BROWSER_MARKS

REQUIRED = "Dieses Feld muss ausgefüllt werden."


def test_login_errors_are_focused_linked_and_announced(page: Page, live_server, db):
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


def test_password_reset_error_is_announced(page: Page, live_server, db):
    page.goto(live_server.url + "/konto/passwort-vergessen/")
    email = page.get_by_role("textbox", name="E-Mail")
    email.fill("keine-adresse")
    email.press("Enter")

    expect(page.get_by_role("alert")).to_be_focused()
    expect(email).to_have_accessible_description(re.compile("gültige E-Mail-Adresse"))
    assert_no_axe_violations(page)
