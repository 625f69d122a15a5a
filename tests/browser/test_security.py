"""The Anmeldesperre as a user and an administrator meet it in the browser."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    BROWSER_MARKS,
    LOGIN_PATH,
    USER_PASSWORD,
    assert_no_axe_violations,
    login,
)

pytestmark = BROWSER_MARKS

LOCKED = "Anmeldung vorübergehend gesperrt"


def submit_login(page: Page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + LOGIN_PATH)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def test_a_locked_account_is_told_why_and_an_administrator_lifts_the_lock(
    page: Page, live_server, make_user
):
    make_user("m.muster")
    make_user("admin", is_superuser=True)
    for _ in range(5):
        submit_login(page, live_server, "m.muster", "falsch-geraten")
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED)
    expect(page.get_by_role("alert")).to_contain_text("Zu viele fehlgeschlagene Anmeldeversuche")
    assert_no_axe_violations(page)

    # the right password does not help while the lock lasts
    submit_login(page, live_server, "m.muster", USER_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED)

    page.goto(live_server.url + LOGIN_PATH)
    login(page, live_server, "admin")
    page.goto(live_server.url + "/admin/anmeldesperren/")
    row = page.locator("main table tbody tr").filter(has_text="m.muster")
    expect(row).to_contain_text("gesperrt")
    row.get_by_role("button", name="Weitere Optionen").click()
    page.get_by_role("link", name="Löschen").click()
    page.get_by_role("button", name="Ja, löschen").click()
    # The German confirmation names the lifted lock; the listing no longer holds it.
    expect(page.locator("main")).to_contain_text("von „m.muster“ (127.0.0.1)' gelöscht")
    expect(page.locator("main table tbody tr").filter(has_text="m.muster")).to_have_count(0)

    page.context.clear_cookies()
    page.goto(live_server.url + LOGIN_PATH)
    login(page, live_server, "m.muster")
    assert LOGIN_PATH not in page.url
