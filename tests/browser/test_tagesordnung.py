"""Browser test of "Tagesordnung bearbeiten": a Geschäftsführung without admin access changes
an upcoming Sitzung's title, video link and TOPs by keyboard; an error keeps every input; the
page passes axe."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login
from tests.browser.test_record import _geschaeftsfuehrung_and_sitzung

pytestmark = BROWSER_MARKS


def test_the_geschaeftsfuehrung_edits_the_agenda_by_keyboard(page: Page, live_server, demo):
    sitzung = _geschaeftsfuehrung_and_sitzung("Arbeitssitzung im Januar", days=20)

    login(page, live_server, "ib-luedenscheid", DEMO_PASSWORD)
    page.goto(live_server.url + sitzung.get_absolute_url())
    page.get_by_role("link", name="Tagesordnung bearbeiten").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tagesordnung bearbeiten")
    assert_no_axe_violations(page)

    page.get_by_label(re.compile(r"^Titel der Sitzung")).fill("2. Arbeitssitzung")
    page.get_by_label(re.compile(r"^Link zur Videokonferenz")).fill("kein Link")
    page.get_by_label(re.compile(r"^Thema \(neuer TOP\)")).fill("Sprachkurse für Eltern")
    page.get_by_label(re.compile(r"^Position \(neuer TOP\)")).fill("2")
    page.get_by_label("TOP 1 streichen").check()
    page.get_by_role("button", name="Speichern").press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte geben Sie eine vollständige Adresse wie https://… an.")
    assert_no_axe_violations(page)
    # Everything typed is still there.
    expect(page.get_by_label(re.compile(r"^Titel der Sitzung"))).to_have_value("2. Arbeitssitzung")
    expect(page.get_by_label(re.compile(r"^Thema \(neuer TOP\)"))).to_have_value(
        "Sprachkurse für Eltern"
    )
    expect(page.get_by_label("TOP 1 streichen")).to_be_checked()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label(re.compile(r"^Link zur Videokonferenz"))).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("https://video.example.org/ag")
    page.get_by_role("button", name="Speichern").press("Enter")
    expect(page.get_by_role("status").first).to_contain_text(
        "Titel, Tagesordnung und Videokonferenz sind gespeichert."
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("2. Arbeitssitzung")
    sitzung.refresh_from_db()
    assert sitzung.video_url == "https://video.example.org/ag"
    assert list(sitzung.tagesordnung.order_by("sort_order").values_list("title", flat=True)) == [
        "Anerkennung ausländischer Abschlüsse",
        "Sprachkurse für Eltern",
    ]
