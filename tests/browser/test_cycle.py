"""Browser tests of the KIM cycle: axe-core on the overview, a theme, a reconstruction and the
trace; a theme is put on the Lenkungsgruppe's agenda by keyboard alone; the reporter's feedback
on their own report and the Beschluss page's panel for a non-member."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS


def test_a_theme_by_keyboard_and_the_cycle_pages_pass_axe(page: Page, live_server, demo):
    from cycle.models import Fallrekonstruktion, GenerativesThema

    rek = Fallrekonstruktion.objects.get(status="abgeschlossen")
    thema = GenerativesThema.objects.get(status="in_klaerung")
    report = rek.meldeboegen.get()
    login(page, live_server, "koordination", DEMO_PASSWORD)
    for path in (
        "/zyklus/",
        rek.get_absolute_url(),
        f"/zyklus/meldeboegen/{report.pk}/",
        GenerativesThema.objects.get(status="an_ag_uebergeben").get_absolute_url(),
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_no_axe_violations(page)

    # From the overview to the theme, then onto the agenda: keyboard only.
    page.goto(live_server.url + "/zyklus/")
    link = page.get_by_role("link", name=thema.title)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(thema.title)
    assert_no_axe_violations(page)
    expect(page.get_by_role("region", name="Das strukturelle Problem")).to_contain_text(
        "große Familien"
    )
    sitzung = page.get_by_label("Sitzung der Lenkungsgruppe")
    sitzung.focus()
    page.keyboard.press("ArrowDown")
    expect(sitzung).not_to_have_value("")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Berichterstattung")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Auf die Tagesordnung setzen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("der Lenkungsgruppe vorgelegt")
    way = page.get_by_role("region", name="Der Weg durch die Gremien")
    expect(way).to_contain_text("Lenkungsgruppe KIM, 3. Sitzung")
    # The change is in the theme's Verlauf: when, who, from, to.
    verlauf = page.get_by_role("table", name="Statusänderungen: wann, wer, von, nach, Begründung")
    expect(verlauf.get_by_role("row")).to_have_count(2)
    expect(verlauf.get_by_role("row").last).to_contain_text("in Klärung")
    expect(verlauf.get_by_role("row").last).to_contain_text("der Lenkungsgruppe vorgelegt")
    assert_no_axe_violations(page)

    # A refused action keeps the page and says why, next to the form.
    field = page.get_by_label("Meldebogen-Nummer")
    field.focus()
    page.keyboard.type("MB-1999-0001")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("keinen eingegangenen Meldebogen")
    expect(page.get_by_label("Meldebogen-Nummer")).to_have_value("MB-1999-0001")
    assert_no_axe_violations(page)


def test_reporter_feedback_and_beschluss_panel_pass_axe(page: Page, live_server, demo):
    from cycle.models import GenerativesThema

    thema = GenerativesThema.objects.get(status="an_ag_uebergeben")
    report = thema.meldeboegen.get()
    login(page, live_server, report.owner.username, DEMO_PASSWORD)
    page.goto(live_server.url + report.get_absolute_url())
    feedback = page.get_by_role("region", name="Was aus Ihrer Meldung geworden ist")
    expect(feedback).to_contain_text(thema.title)
    expect(feedback).to_contain_text("an Arbeitsgruppe übergeben")
    expect(feedback.get_by_role("link", name=thema.beschluss.number)).to_be_visible()
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    login(page, live_server, "ib-balve", DEMO_PASSWORD)
    page.goto(live_server.url + thema.beschluss.get_absolute_url())
    panel = page.get_by_role("region", name="Grundlage aus der Praxis")
    expect(panel).to_contain_text(thema.title)
    expect(panel).not_to_contain_text("MB-")
    assert_no_axe_violations(page)
