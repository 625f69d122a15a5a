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


def type_login(page: Page, username: str, password: str) -> None:
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()


def test_a_locked_account_is_told_why_and_an_administrator_lifts_the_lock(
    page: Page, live_server, make_user
):
    make_user("m.muster")
    make_user("admin", is_superuser=True)
    page.goto(live_server.url + LOGIN_PATH)
    for _ in range(5):
        type_login(page, "m.muster", "falsch-geraten")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung vorübergehend gesperrt")
    expect(page.get_by_role("alert")).to_contain_text("Zu viele fehlgeschlagene Anmeldeversuche")
    assert_no_axe_violations(page)

    # the right password does not help while the lock lasts
    page.goto(live_server.url + LOGIN_PATH)
    type_login(page, "m.muster", USER_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung vorübergehend gesperrt")

    page.context.clear_cookies()
    page.goto(live_server.url + LOGIN_PATH)
    login(page, live_server, "admin")
    page.goto(live_server.url + "/admin/anmeldesperren/")
    row = page.get_by_role("row").filter(has_text="m.muster")
    expect(row).to_contain_text("192.0.2.1" if False else "127.0.0.1")
    row.get_by_role("button").first.click() if row.get_by_role("button").count() else None
    page.goto(live_server.url + "/admin/anmeldesperren/")
    delete_url = (
        page.get_by_role("row").filter(has_text="m.muster").get_by_role("link", name="Löschen")
    )
    if delete_url.count():
        delete_url.first.click()
    else:
        page.get_by_role("row").filter(has_text="m.muster").get_by_role("link").first.click()
        page.get_by_role("link", name="Löschen").first.click()
    page.get_by_role("button", name="Ja, löschen").click()
    expect(page.get_by_text("m.muster")).to_have_count(0)

    page.context.clear_cookies()
    page.goto(live_server.url + LOGIN_PATH)
    login(page, live_server, "m.muster")
    assert LOGIN_PATH not in page.url
