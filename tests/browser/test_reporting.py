"""Browser tests of the reporting dashboard: axe-core, charts as named images with their tables,
keyboard access to the tables and the period filter, print view, and the refusal page."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS

URL = "/berichte/?von=2026-01-01&bis=2026-06-30"


def make_reports():
    from tests.reporting.conftest import add_reports
    from tests.reporting.factories import KommuneFactory

    kommunen = {
        name: KommuneFactory(name=name, slug=name.lower(), ags=ags)
        for name, ags in (("Altena", "05962004"), ("Balve", "05962008"), ("Werdohl", "05962060"))
    }
    add_reports(kommunen)
    from cycle.models import GenerativesThema

    GenerativesThema.objects.create(
        title="Wartelisten der Integrationskurse", description="…", status="an_ag_uebergeben"
    )


def test_dashboard_passes_axe_and_works_by_keyboard(page: Page, live_server, koordination):
    make_reports()
    login(page, live_server, koordination.username)
    page.goto(live_server.url + URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichte und Auswertungen")
    assert_no_axe_violations(page)

    # Each chart is an image with a name; the same numbers are in a table with a caption.
    expect(page.get_by_role("img", name="Meldebögen je Monat (Balkendiagramm)")).to_be_visible()
    months = page.get_by_role("table", name="Meldebögen je Monat, 01.01.2026 bis 30.06.2026")
    expect(months.get_by_role("row", name="Februar 2026")).to_contain_text("< 3")
    expect(months.get_by_role("row", name="März 2026")).to_contain_text("7")
    expect(
        page.get_by_role("img", name="Generative Themen nach Status (Balkendiagramm)")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Wartelisten der Integrationskurse")).to_be_visible()

    # The tables' scroll regions are reachable with Tab.
    reached = False
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == (
            "monat-caption"
        ):
            reached = True
            break
    assert reached, "the table of months was not reachable with the Tab key"

    # Change the period from the keyboard: type into the field, submit with Enter.
    start = page.get_by_label("Zeitraum von")
    start.focus()
    start.fill("2026-03-01")
    start.press("Enter")
    page.wait_for_url("**von=2026-03-01**")
    expect(
        page.get_by_role("table", name="Meldebögen je Monat, 01.03.2026 bis 30.06.2026")
    ).to_be_visible()
    assert_no_axe_violations(page)

    # Print: filters and download forms are left out, the charts and tables stay.
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Anzeigen")).to_be_hidden()
    expect(page.get_by_role("img", name="Meldebögen je Thema (Balkendiagramm)")).to_be_visible()


def test_refusal_page_passes_axe(page: Page, live_server, case_manager):
    login(page, live_server, case_manager.username)
    response = page.goto(live_server.url + "/berichte/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Kein Zugang zu den Berichten")
    assert_no_axe_violations(page)
