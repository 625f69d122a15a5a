"""Browser test of the results page /suche/: facets with counts chosen by keyboard, an
"Empfohlen" result above the hits, Meldebögen only for the coordination; axe-core clean."""

import datetime
import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS


def _content(case_manager):
    from django.utils import timezone
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Page as WagtailPage

    from forms.models import Meldebogen, Status, Thema
    from home.models import HomePage
    from knowledge.models import Kommune

    home = HomePage.objects.get()
    pages = []
    for title, text in (
        ("Einbürgerung im Märkischen Kreis", "Der Antrag auf Einbürgerung bei der Behörde."),
        ("Merkblatt Einbürgerungstest", "Vorbereitung auf den Einbürgerungstest."),
    ):
        page = home.add_child(instance=WagtailPage(title=title, search_description=text))
        page.save_revision().publish()
        pages.append(page)
    werdohl = Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    meldebogen = Meldebogen.objects.create(
        owner=case_manager,
        status=next(v for v in Status.values if v != Status.ENTWURF),
        reference="MB-2026-0001",
        thema=Thema.objects.get(name="Sprache"),
        situation="Die Einbürgerung scheitert an fehlenden Terminen.",
        submitted_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0)),
    )
    meldebogen.kommunen.add(werdohl)
    SearchPromotion.objects.create(
        query=Query.get("Einbürgerung"),
        page=pages[1],
        description="Alles zum Test vor der Einbürgerung.",
        sort_order=0,
    )


def test_results_page_with_facets_and_promotion(
    page: Page, live_server, koordination, case_manager
):
    _content(case_manager)
    login(page, live_server, koordination.username)
    page.goto(live_server.url + "/suche/")
    field = page.get_by_role("searchbox", name="Suchbegriff")
    field.focus()
    page.keyboard.type("Einbürgerung")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Einb"))

    expect(page.locator(".search-results__count")).to_contain_text("3 Treffer")
    promoted = page.get_by_role("region", name="Empfohlene Treffer")
    expect(promoted).to_contain_text("Empfohlen")
    expect(promoted.get_by_role("link")).to_have_text("Merkblatt Einbürgerungstest")
    expect(promoted).to_contain_text("Alles zum Test vor der Einbürgerung.")

    facets = page.get_by_role("complementary", name="Ergebnisse eingrenzen")
    meldebogen = facets.get_by_role("checkbox", name="Meldebogen (1)")
    expect(facets.get_by_role("checkbox", name="Seite (2)")).to_be_visible()
    expect(facets.get_by_role("checkbox", name="Werdohl (1)")).to_be_visible()
    assert_no_axe_violations(page)

    # Choose a facet by keyboard alone: focus, Space, then the submit button with Enter.
    meldebogen.focus()
    page.keyboard.press("Space")
    expect(meldebogen).to_be_checked()
    facets.get_by_role("button", name="Filter anwenden").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"kind=meldebogen"))

    expect(page.locator(".search-results__count")).to_contain_text("1 Treffer")
    expect(
        page.get_by_role("heading", level=3, name="Meldebogen MB-2026-0001: Sprache")
    ).to_be_visible()
    expect(page.get_by_role("checkbox", name="Meldebogen (1)")).to_be_checked()
    # The other kinds keep their counts (disjunctive facets), the promotion steps aside.
    expect(page.get_by_role("checkbox", name="Seite (2)")).not_to_be_checked()
    expect(page.get_by_role("region", name="Empfohlene Treffer")).to_have_count(0)
    assert_no_axe_violations(page)


def test_outsider_gets_no_report_in_results_or_facets(
    page: Page, live_server, partner, case_manager
):
    _content(case_manager)
    login(page, live_server, partner.username)
    page.goto(live_server.url + "/suche/?q=Einb%C3%BCrgerung")
    expect(page.locator(".search-results__count")).to_contain_text("2 Treffer")
    expect(page.get_by_text("MB-2026-0001")).to_have_count(0)
    expect(page.get_by_role("checkbox", name=re.compile("Meldebogen"))).to_have_count(0)
    expect(page.get_by_role("checkbox", name=re.compile("Werdohl"))).to_have_count(0)
    expect(page.get_by_role("region", name="Empfohlene Treffer")).to_contain_text(
        "Merkblatt Einbürgerungstest"
    )
    assert_no_axe_violations(page)
