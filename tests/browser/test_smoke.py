"""Browser smoke tests: login per role, axe-core WCAG A/AA, keyboard, reflow, public pages."""

import pytest
from playwright.sync_api import Page, expect

from accounts import roles
from tests.browser.conftest import (
    BROWSER_MARKS,
    DEMO_PASSWORD,
    LOGIN_PATH,
    assert_no_axe_violations,
    login,
)

pytestmark = BROWSER_MARKS

PUBLIC_PAGES = ["/impressum/", "/barrierefreiheit/", "/datenschutz/"]

# demo user name -> (first name, role) as load_demo creates them
DEMO_USERS = {
    "koordination": ("Katrin", roles.KOORDINATION),
    "casemanagement": ("Cem", roles.CASE_MANAGEMENT),
    "ib-altena": ("Integrationsbeauftragte", roles.INTEGRATIONSBEAUFTRAGTE),
    "partner": ("Paula", roles.EXTERNE_PARTNER),
}


def test_each_demo_role_is_greeted_on_the_home_page(page: Page, live_server, demo):
    # One test for all four roles: load_demo is by far the slowest part of a browser test.
    for username, (first_name, role) in DEMO_USERS.items():
        page.context.clear_cookies()  # log out
        login(page, live_server, username, DEMO_PASSWORD)

        assert page.url == live_server.url + "/", username
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Guten Tag, {first_name}")
        expect(page.locator("main .lead")).to_have_text(roles.ROLES_BY_NAME[role].greeting)
        expect(page.get_by_text(f"Angemeldet als {first_name} ")).to_be_visible()


def test_anonymous_visit_goes_to_login_and_back_home(page: Page, live_server, koordination):
    page.goto(live_server.url + "/")
    assert LOGIN_PATH in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    assert_no_axe_violations(page)

    login(page, live_server, koordination.username)

    assert page.url == live_server.url + "/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Guten Tag, Kora")
    assert_no_axe_violations(page)


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page: Page, live_server, partner):
    login(page, live_server, partner.username)
    for path in ["/", "/impressum/"]:
        page.goto(live_server.url + path)
        page.keyboard.press("Tab")
        skip_link = page.get_by_role("link", name="Zum Inhalt springen")
        expect(skip_link).to_be_focused()
        expect(skip_link).to_be_in_viewport()
        page.keyboard.press("Enter")
        expect(page.locator("main#inhalt")).to_be_focused()


def test_home_page_reflows_at_320_px(page: Page, live_server, koordination):
    page.set_viewport_size({"width": 320, "height": 640})
    login(page, live_server, koordination.username)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    scroll_width, client_width = widths
    assert scroll_width <= client_width, f"horizontal scrolling at 320 px: {widths}"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_readable_anonymously_and_accessible(page: Page, live_server, path):
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok
    assert page.url == live_server.url + path, "redirected away from a public page"
    expect(page.get_by_role("heading", level=1)).not_to_be_empty()
    expect(page.get_by_role("link", name="Zur Anmeldung")).to_be_visible()
    assert_no_axe_violations(page)


def test_password_reset_page_is_accessible(page: Page, live_server):
    page.goto(live_server.url + "/konto/passwort-vergessen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort zurücksetzen")
    assert_no_axe_violations(page)
