"""Browser test: a date typed in ISO notation into the admin stays that date.

Wagtail's date picker checked the text on blur against "TT.MM.JJJJ" and replaced what it could
not read — "2026-03-12" — with today's date, so the wrong date was saved without a word
(issue 22, point 4). portal/admin_dates.py keeps the typed text; the server reads German and
ISO dates and says in German when a text is no date.
"""

import datetime

import pytest
from playwright.sync_api import Page, expect

from cycle.models import Fallrekonstruktion
from tests.browser.conftest import (  # noqa: F401 - fixtures used by name
    BROWSER_MARKS,
    _chromium,
    _chromium_session,
    assert_no_axe_violations,
    browser,
    login,
    page,
)

pytestmark = BROWSER_MARKS

ADD = "/admin/snippets/cycle/fallrekonstruktion/add/"


@pytest.fixture(autouse=True, scope="module")
def _stop_browser_after_module():
    yield
    _chromium.stop()


def test_an_iso_date_typed_into_the_admin_is_kept(page: Page, live_server, koordination):  # noqa: F811
    login(page, live_server, koordination.username)
    page.goto(live_server.url + ADD)
    page.locator("#id_title").fill("Wartezeit Werdohl")
    date = page.locator("#id_date")
    date.focus()
    page.keyboard.type("2027-03-12")
    page.keyboard.press("Tab")
    expect(date).to_have_value("2027-03-12")  # not replaced with today's date
    page.locator("#id_purpose").fill("Den Weg zum Integrationskurs nachvollziehen.")
    page.get_by_role("button", name="Speichern").first.click()
    expect(page.get_by_text("Wartezeit Werdohl").first).to_be_visible()
    assert Fallrekonstruktion.objects.get().date == datetime.date(2027, 3, 12)


def test_a_text_that_is_no_date_is_refused_not_replaced(page: Page, live_server, koordination):  # noqa: F811
    login(page, live_server, koordination.username)
    page.goto(live_server.url + ADD)
    page.locator("#id_title").fill("Wartezeit Altena")
    date = page.locator("#id_date")
    date.focus()
    page.keyboard.type("31.02.2027")
    page.keyboard.press("Tab")
    expect(date).to_have_value("31.02.2027")
    page.locator("#id_purpose").fill("Den Weg zum Integrationskurs nachvollziehen.")
    page.get_by_role("button", name="Speichern").first.click()
    expect(page.get_by_text("gültiges Datum")).to_be_visible()
    assert not Fallrekonstruktion.objects.exists()
