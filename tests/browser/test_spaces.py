"""Browser tests of the Gremien spaces: axe-core on a space, a Sitzung with minutes, the
Beschlüsse register, a Zielsystem and its monitoring; the tree and chart by role and name; an
open task from the minutes on the home page."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS


def test_space_views_pass_axe(page: Page, live_server, demo):
    # One test: load_demo is by far the slowest part of a browser test.
    from spaces.models import Indikator, Sitzung, Zielsystem

    sitzung = Sitzung.objects.get(gremium__slug="ag-sprache", title="Auftaktsitzung")
    zielsystem = Zielsystem.objects.get(gremium__slug="ag-sprache")
    indikator = Indikator.objects.filter(
        ergebnisziel__rahmenziel__grundsatzziel__zielsystem=zielsystem
    ).first()
    views = [
        "/gremien/",
        "/gremien/ag-sprache/",
        sitzung.get_absolute_url(),
        "/gremien/beschluesse/",
        "/gremien/zielsysteme/",
        zielsystem.get_absolute_url(),
        f"{zielsystem.get_absolute_url()}indikatoren/{indikator.pk}/",
    ]
    login(page, live_server, "casemanagement", DEMO_PASSWORD)
    for path in views:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_no_axe_violations(page)

    # The Sitzung shows its approved minutes.
    page.goto(live_server.url + sitzung.get_absolute_url())
    minutes = page.get_by_role("region", name="Protokoll")
    expect(minutes).to_contain_text("Status: genehmigt")
    expect(minutes.get_by_role("table")).to_contain_text("Drei Fälle mit langer Wartezeit")

    # The tree: Grundsatzziel -> Rahmenziel -> Ergebnisziel as nested headings, then the chart.
    page.goto(live_server.url + zielsystem.get_absolute_url())
    expect(page.get_by_role("heading", level=3)).to_contain_text(
        "Grundsatzziel 1: Jede berechtigte zugewanderte Person"
    )
    expect(page.get_by_role("heading", level=4).first).to_contain_text("Rahmenziel 1.1")
    page.get_by_role("link", name="Anteil der Berechtigten").click()
    expect(page.get_by_role("img", name="Liniendiagramm der Messwerte")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Merkblatt eingeführt")

    # The open task from the minutes is on the home page until it is marked done.
    page.goto(live_server.url + "/")
    tasks = page.get_by_role("region", name="Ihre offenen Aufgaben aus Protokollen")
    expect(tasks).to_contain_text("Drei Fälle mit langer Wartezeit")
    assert_no_axe_violations(page)
    tasks.get_by_role("button", name="erledigt").click()
    expect(page.get_by_role("status")).to_contain_text("als erledigt vermerkt")
    expect(page.get_by_role("region", name="Ihre offenen Aufgaben aus Protokollen")).to_have_count(
        0
    )


def test_released_zielsystem_for_a_non_member_passes_axe(page: Page, live_server, demo):
    from spaces.models import Zielsystem

    zielsystem = Zielsystem.objects.get(gremium__slug="ag-sprache")
    login(page, live_server, "ib-balve", DEMO_PASSWORD)
    page.goto(live_server.url + zielsystem.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zielsystem Sprache")
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/gremien/beschluesse/")
    assert_no_axe_violations(page)
