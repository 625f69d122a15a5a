"""Browser tests of the knowledge base: axe-core on the main views, the directory in two clicks."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS

VIEWS = [
    "/wissensbasis/",
    "/wissensbasis/handlungskonzept/",
    "/wissensbasis/handlungskonzept/druckansicht/",
    "/wissensbasis/faq/",
    "/wissensbasis/vereinbarungen/",
    "/wissensbasis/verzeichnis/?kommune=balve&art=mbe",
    "/wissensbasis/meldebogen-leitfaden/",
]


def test_knowledge_views_pass_axe_and_the_directory_answers_in_two_clicks(
    page: Page, live_server, demo
):
    # One test: load_demo is by far the slowest part of a browser test.
    login(page, live_server, "ib-balve", DEMO_PASSWORD)
    for path in VIEWS:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_no_axe_violations(page)

    # "Who advises adults in Balve?": Wissen -> Verzeichnis -> Balve (without JavaScript forms)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Wissen"
    ).click()
    page.get_by_role("link", name="Verzeichnis der Beratungsangebote").click()
    page.get_by_role("link", name="Balve", exact=True).click()
    expect(
        page.get_by_role("heading", name="Migrationsberatung für Erwachsene (MBE)")
    ).to_be_visible()
    expect(page.get_by_text("Migrationsberatung für Erwachsene Diakonie Iserlohn")).to_be_visible()

    # The filter form by keyboard-free selection
    page.get_by_label("Art des Angebots").select_option("jmd")
    page.get_by_role("button", name="Anzeigen").click()
    assert "kommune=balve" in page.url and "art=jmd" in page.url


def test_section_anchor_of_the_handlungskonzept_is_reachable(page: Page, live_server, demo):
    login(page, live_server, "partner", DEMO_PASSWORD)
    page.goto(live_server.url + "/wissensbasis/handlungskonzept/")
    page.get_by_role("navigation", name="Inhaltsverzeichnis").get_by_role(
        "link", name="5.1 Meldung von Integrationshürden"
    ).click()
    assert page.url.endswith("#kapitel-5-1")
    expect(page.locator("#kapitel-5-1")).to_be_in_viewport()
