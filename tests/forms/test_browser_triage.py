"""Browser test: the triage by keyboard with axe-core – the work list (filter, bulk action), a
report's triage view (status change, note, question) and the reporter's answer on their page.

Uses the browser harness of tests/browser (fixtures imported here, browser stopped after the
module), like test_browser_wizard.py.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from forms.models import Meldebogen, Notiz, Rueckfrage, Status, Thema
from knowledge.models import Kommune
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


@pytest.fixture(autouse=True, scope="module")
def _stop_browser_after_module():
    yield
    _chromium.stop()


def press_on(tab: Page, locator, key: str) -> None:
    locator.focus()
    tab.keyboard.press(key)


def make_reports(owner) -> list[Meldebogen]:
    werdohl = Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    sprache = Thema.objects.get(name="Sprache")
    reports = []
    for number, days_ago in ((1, 30), (2, 2)):
        submitted = timezone.now() - datetime.timedelta(days=days_ago)
        meldebogen = Meldebogen.objects.create(
            owner=owner,
            status=Status.EINGEGANGEN,
            reference=f"MB-2026-{number:04d}",
            submitted_at=submitted,
            status_changed_at=submitted,
            frist=timezone.localdate() + datetime.timedelta(days=-5 if number == 1 else 5),
            thema=sprache,
            huerden=["fehlendes_angebot"],
            rechtskreise=["sgb2"],
            situation="Familien warten monatelang auf einen Integrationskurs.",
        )
        meldebogen.kommunen.set([werdohl])
        reports.append(meldebogen)
    return reports


def test_worklist_and_triage_view_by_keyboard(
    page: Page,  # noqa: F811
    live_server,
    koordination,
    case_manager,
):
    first, second = make_reports(case_manager)
    login(page, live_server, koordination.username)
    page.goto(live_server.url + "/meldeboegen/sichtung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sichtung der Meldebögen")
    expect(page.get_by_text("überfällig (")).to_be_visible()
    assert_no_axe_violations(page)

    # The overdue report's triage view reflows at 320 px (its overdue mark did not wrap).
    page.goto(f"{live_server.url}/meldeboegen/sichtung/{first.pk}/")
    expect(page.get_by_text("überfällig (")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/meldeboegen/sichtung/")

    # Filter by keyboard: only overdue reports.
    press_on(page, page.get_by_role("checkbox", name="Nur überfällige"), "Space")
    press_on(page, page.get_by_role("button", name="Filter anwenden"), "Enter")
    expect(page.get_by_role("heading", name="1 Meldebogen")).to_be_visible()
    expect(page.get_by_role("link", name="MB-2026-0002")).to_have_count(0)
    assert_no_axe_violations(page)

    # Bulk action by keyboard: select the report, choose "Zurückstellen" without a reason.
    press_on(page, page.get_by_role("checkbox", name="MB-2026-0001 auswählen"), "Space")
    page.get_by_label("Aktion für die ausgewählten Meldebögen").focus()
    page.keyboard.type("Zurück")
    press_on(page, page.get_by_role("button", name="Für Auswahl ausführen"), "Enter")
    expect(page.get_by_role("alert")).to_contain_text("ist eine Begründung nötig")
    # Nothing is lost: the selection is still checked.
    expect(page.get_by_role("checkbox", name="MB-2026-0001 auswählen")).to_be_checked()
    assert_no_axe_violations(page)
    page.get_by_label("Begründung", exact=True).focus()
    page.keyboard.type("Nach der Kurswelle im Frühjahr")
    press_on(page, page.get_by_role("button", name="Für Auswahl ausführen"), "Enter")
    expect(page.get_by_role("status")).to_contain_text("MB-2026-0001: jetzt „Zurückgestellt“.")
    assert Meldebogen.objects.get(pk=first.pk).status == Status.ZURUECKGESTELLT

    # Open the other report's triage view from the list by keyboard.
    press_on(page, page.get_by_role("link", name="Alle Filter zurücksetzen"), "Enter")
    press_on(page, page.get_by_role("link", name="MB-2026-0002"), "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sichtung: Meldebogen MB-2026-0002")
    expect(page.get_by_role("heading", name="Ähnliche Meldebögen")).to_be_visible()
    expect(page.get_by_role("link", name="MB-2026-0001")).to_be_visible()
    assert_no_axe_violations(page)

    press_on(page, page.get_by_role("radio", name="Als gesichtet markieren (→ Gesichtet)"), "Space")
    page.get_by_label("Kommentar oder Begründung").focus()
    page.keyboard.type("Gehört zu den Kursmeldungen")
    press_on(page, page.get_by_role("button", name="Status ändern"), "Enter")
    expect(page.get_by_role("status")).to_contain_text("ist jetzt „Gesichtet“")
    expect(page.get_by_text("„Eingegangen“ → „Gesichtet“")).to_be_visible()

    page.get_by_label("Neue interne Notiz").focus()
    page.keyboard.type("VHS anrufen")
    press_on(page, page.get_by_role("button", name="Notiz speichern"), "Enter")
    expect(page.get_by_text("VHS anrufen")).to_be_visible()
    page.get_by_label("Rückfrage an die meldende Person").focus()
    page.keyboard.type("Gibt es Kurse in Nachbarkommunen?")
    press_on(page, page.get_by_role("button", name="Rückfrage stellen"), "Enter")
    expect(page.get_by_text("Noch nicht beantwortet.")).to_be_visible()
    assert_no_axe_violations(page)
    assert Notiz.objects.filter(meldebogen=second).count() == 1
    assert Rueckfrage.objects.filter(meldebogen=second).open().count() == 1


def test_reporter_answers_a_question_by_keyboard(
    page: Page,  # noqa: F811
    live_server,
    koordination,
    case_manager,
):
    _first, second = make_reports(case_manager)
    Rueckfrage.objects.create(
        meldebogen=second, asked_by=koordination, question="Seit wann besteht die Wartezeit?"
    )
    Notiz.objects.create(meldebogen=second, author=koordination, text="Nur intern")
    login(page, live_server, case_manager.username)
    page.goto(live_server.url + second.get_absolute_url())
    expect(page.get_by_text("Seit wann besteht die Wartezeit?")).to_be_visible()
    expect(page.get_by_text("Nur intern")).to_have_count(0)
    expect(page.get_by_text("wartet auf die erste Sichtung")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Ihre Antwort").focus()
    page.keyboard.type("Herr Yilmaz wartet seit März.")
    press_on(page, page.get_by_role("button", name="Antwort senden"), "Enter")
    expect(page.get_by_role("alert")).to_contain_text("„Yilmaz“")
    assert_no_axe_violations(page)
    page.get_by_label("Ihre Antwort").focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Seit dem Frühjahr.")
    press_on(page, page.get_by_role("button", name="Antwort senden"), "Enter")
    expect(page.get_by_role("status")).to_contain_text("Ihre Antwort ist bei der KIM-Koordination")
    expect(page.get_by_text("Seit dem Frühjahr.")).to_be_visible()
    assert Rueckfrage.objects.get().answer == "Seit dem Frühjahr."


def test_worklist_fits_a_1280_px_screen_without_horizontal_scrolling(
    page: Page,  # noqa: F811
    live_server,
    koordination,
    case_manager,
):
    """Issue 22: the work list needed horizontal scrolling even at 1920 px. With long real
    values (several Kommunen and Hürden, a long organisation name) it fits 1280 px and keeps
    the columns that matter."""
    reports = make_reports(case_manager)
    kommunen = [
        Kommune.objects.create(name=name, slug=slug, ags=ags)
        for name, slug, ags in (
            ("Nachrodt-Wiblingwerde", "nachrodt-wiblingwerde", "05962048"),
            ("Menden (Sauerland)", "menden", "05962044"),
            ("Schalksmühle", "schalksmuehle", "05962061"),
        )
    ]
    for meldebogen in reports:
        meldebogen.kommunen.add(*kommunen)
        meldebogen.huerden = ["fehlendes_angebot", "schnittstelle", "sprachbarriere", "datenschutz"]
        meldebogen.organisation_name = (
            "Migrationsberatung für erwachsene Zugewanderte des Caritasverbands Altena-Lüdenscheid"
        )
        meldebogen.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, koordination.username)
    page.goto(live_server.url + "/meldeboegen/sichtung/")
    region = page.get_by_role("region", name="Meldebögen, Seite 1 von 1")
    overflow = region.evaluate("(el) => el.scrollWidth - el.clientWidth")
    assert overflow <= 0, f"the work list scrolls sideways by {overflow} px at 1280 px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    headers = page.locator("table.worklist thead th").all_inner_texts()
    for column in ("Nummer", "Status", "Frist", "Thema", "Kommunen", "Art der Hürde"):
        assert column in headers
    assert_no_axe_violations(page)


def test_dublette_and_the_reporters_reason_by_keyboard(
    page: Page,  # noqa: F811
    live_server,
    koordination,
    case_manager,
):
    """Issue 22, points 3 and 7: the coordination marks a Dublette and closes a report with
    a reason for the reporter; the reporter reads that reason, not the internal one."""
    first, second = make_reports(case_manager)
    login(page, live_server, koordination.username)
    page.goto(f"{live_server.url}/meldeboegen/sichtung/{second.pk}/")
    press_on(page, page.get_by_role("radio", name="Als Dublette markieren (→ Dublette)"), "Space")
    press_on(page, page.get_by_role("button", name="Status ändern"), "Enter")
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie die Nummer")
    assert_no_axe_violations(page)
    page.get_by_label("Dublette von (Meldebogen-Nummer)").focus()
    page.keyboard.type("MB-2026-0001")
    press_on(page, page.get_by_role("button", name="Status ändern"), "Enter")
    expect(page.get_by_role("status")).to_contain_text("ist jetzt „Dublette“")
    expect(page.get_by_text("Dublette von MB-2026-0001")).to_be_visible()
    assert_no_axe_violations(page)
    # Linked both ways: from the Dublette to the original and back.
    press_on(page, page.locator(".triage-facts").get_by_role("link", name="MB-2026-0001"), "Enter")
    expect(page.get_by_text("Dubletten dieses Meldebogens")).to_be_visible()
    expect(page.locator(".triage-facts").get_by_role("link", name="MB-2026-0002")).to_be_visible()

    # Close the original with an internal reason and one for the reporter.
    press_on(
        page,
        page.get_by_role("radio", name="Nicht weiterverfolgen (→ Nicht weiterverfolgt)"),
        "Space",
    )
    page.get_by_label("Kommentar oder Begründung").focus()
    page.keyboard.type("Intern: Träger ist schon informiert")
    page.get_by_label("Begründung für die meldende Person").focus()
    page.keyboard.type("Die Volkshochschule richtet ab März zusätzliche Kurse ein.")
    press_on(page, page.get_by_role("button", name="Status ändern"), "Enter")
    expect(page.get_by_role("status")).to_contain_text("ist jetzt „Nicht weiterverfolgt“")
    assert_no_axe_violations(page)
    assert Meldebogen.objects.get(pk=first.pk).status == Status.NICHT_WEITERVERFOLGT

    page.context.clear_cookies()
    login(page, live_server, case_manager.username)
    page.goto(live_server.url + first.get_absolute_url())
    expect(page.get_by_role("heading", name="Begründung der KIM-Koordination")).to_be_visible()
    expect(page.get_by_text("zusätzliche Kurse ein")).to_be_visible()
    expect(page.get_by_text("Träger ist schon informiert")).to_have_count(0)
    expect(page.get_by_text("Sobald sich daraus etwas ergibt")).to_have_count(0)
    assert_no_axe_violations(page)
    page.goto(live_server.url + second.get_absolute_url())
    expect(page.get_by_text("Derselbe Fall liegt der KIM-Koordination bereits")).to_be_visible()
    press_on(
        page, page.get_by_role("button", name="E-Mails zu diesem Meldebogen abschalten"), "Enter"
    )
    expect(page.get_by_role("status")).to_contain_text("keine E-Mails mehr")
    assert_no_axe_violations(page)
