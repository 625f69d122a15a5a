"""Browser test of the overview (issue 17): the home page shows the next Sitzung and the open
Aufgaben; "Meine Aufgaben" marks one done by keyboard alone; the KIM-Koordination's overview
of all Gremien's Aufgaben. axe-core on each page."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS

TASK = "Drei Fälle mit langer Wartezeit"


def test_home_meine_aufgaben_by_keyboard_and_the_overview(page: Page, live_server, demo):
    # casemanagement sits in the Arbeitsgruppe Sprache (next Sitzung in two weeks) and has one
    # open task from its Auftaktsitzung.
    login(page, live_server, "casemanagement", DEMO_PASSWORD)
    page.goto(live_server.url + "/")
    sitzungen = page.get_by_role("region", name="Ihre nächsten Sitzungen")
    expect(sitzungen.get_by_role("link", name="Arbeitsgruppe Sprache: 2. Sitzung")).to_be_visible()
    expect(sitzungen).not_to_contain_text("Lenkungsgruppe")  # no seat there
    tasks = page.get_by_role("region", name="Ihre offenen Aufgaben aus Protokollen")
    expect(tasks).to_contain_text(TASK)
    assert_no_axe_violations(page)

    # From the home page to "Meine Aufgaben", then mark the task done by keyboard alone.
    tasks.get_by_role("link", name="Alle meine Aufgaben").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Aufgaben")
    assert_no_axe_violations(page)
    button = page.get_by_role("button", name=re.compile(rf"^Als erledigt vermerken\W+{TASK}"))
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("als erledigt vermerkt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Aufgaben")
    expect(page.get_by_role("region", name="Offene Aufgaben")).not_to_contain_text(TASK)

    # Filter "erledigt" by keyboard: the task is there, with "Wieder öffnen".
    page.get_by_label("Status").focus()
    page.keyboard.press("ArrowDown")  # "erledigt"
    page.keyboard.press("ArrowDown")  # "alle"
    page.get_by_role("button", name="Filtern").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("region", name="Alle Aufgaben")).to_contain_text(TASK)
    expect(page.get_by_role("button", name=re.compile(rf"^Wieder öffnen\W+{TASK}"))).to_be_visible()
    assert_no_axe_violations(page)

    # The KIM-Koordination's overview: counts per Gremium and the open tasks with assignees.
    page.context.clear_cookies()
    login(page, live_server, "koordination", DEMO_PASSWORD)
    page.goto(live_server.url + "/gremien/aufgaben/uebersicht/")
    counts = page.get_by_role("table", name="Offene und überfällige Aufgaben je Gremium")
    expect(counts.get_by_role("row", name="Arbeitsgruppe Sprache")).to_be_visible()
    expect(page.get_by_role("region", name="Offene Aufgaben")).to_contain_text(
        "zuständig: Katrin Koordinatorin"
    )
    assert_no_axe_violations(page)
