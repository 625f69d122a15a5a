"""The error pages in the browser: German, in the portal's layout, accessible and reflowing."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS


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
