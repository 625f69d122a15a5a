"""Browser test: the whole Meldebogen wizard by keyboard alone, axe-core on every step.

Lives in tests/forms (the app's tests) but uses the browser harness of tests/browser: its
fixtures are imported here, and the browser is stopped when this module is done.
"""

import pytest
from playwright.sync_api import Page, expect

from forms.models import Meldebogen, Status
from knowledge.models import Kommune
from tests.browser.conftest import (  # noqa: F401 - fixtures used by name
    BROWSER_MARKS,
    _chromium,
    _chromium_session,
    _restore_migration_data,
    assert_no_axe_violations,
    browser,
    login,
    page,
)

pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True, scope="module")
def _stop_browser_after_module():
    yield
    _chromium.stop()


def press_on(tab: Page, locator, key: str) -> None:
    locator.focus()
    tab.keyboard.press(key)


def test_wizard_by_keyboard_with_axe(page: Page, live_server, case_manager):  # noqa: F811
    Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    login(page, live_server, case_manager.username)
    page.goto(live_server.url + "/meldeboegen/")
    assert_no_axe_violations(page)
    press_on(page, page.get_by_role("button", name="Neuen Meldebogen beginnen"), "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Schritt 1 von 5")
    assert_no_axe_violations(page)
    page.get_by_label("Meldende Organisation").focus()
    page.keyboard.type("Migrationsberatung Caritas")
    page.keyboard.press("Tab")
    page.keyboard.type("Migrationsberatung")
    press_on(page, page.get_by_role("checkbox", name="Werdohl"), "Space")
    press_on(page, page.get_by_role("button", name="Weiter"), "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Schritt 2 von 5")
    assert_no_axe_violations(page)
    page.get_by_label("Thema").focus()
    page.keyboard.type("Sprache")
    press_on(page, page.get_by_role("checkbox", name="Familien"), "Space")
    press_on(page, page.get_by_role("checkbox", name="SGB II (Jobcenter)"), "Space")
    page.get_by_label("Beschreibung der Situation").focus()
    page.keyboard.type("Herr Yilmaz wartet auf einen Kurs.")
    # The live hint (JavaScript) calls the anonymity-check API with the session.
    expect(page.locator("[data-anonymity-hint]").first).to_contain_text("„Yilmaz“")
    press_on(page, page.get_by_role("button", name="Weiter"), "Enter")

    # The anonymity guard stops the step; the error summary and the confirmation are reachable.
    expect(page.get_by_role("alert")).to_contain_text("Name einer Person: „Yilmaz“")
    assert_no_axe_violations(page)
    page.get_by_label("Beschreibung der Situation").focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Familien warten monatelang auf einen Integrationskurs.")
    press_on(page, page.get_by_role("button", name="Weiter"), "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Schritt 3 von 5")
    assert_no_axe_violations(page)
    press_on(page, page.get_by_role("checkbox", name="Fehlendes Angebot"), "Space")
    press_on(page, page.get_by_role("radio", name="Häufig"), "Space")
    press_on(page, page.get_by_role("button", name="Weiter"), "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Schritt 4 von 5")
    assert_no_axe_violations(page)
    press_on(page, page.get_by_role("radio", name="Ja"), "Space")
    press_on(page, page.get_by_role("button", name="Weiter"), "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Schritt 5 von 5")
    expect(page.get_by_text("Familien warten monatelang")).to_be_visible()
    assert_no_axe_violations(page)
    press_on(page, page.get_by_role("button", name="Meldebogen absenden"), "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Ihr Meldebogen ist eingegangen")
    meldebogen = Meldebogen.objects.get()
    assert meldebogen.status == Status.EINGEGANGEN
    expect(page.get_by_text(meldebogen.reference)).to_be_visible()
    assert_no_axe_violations(page)
