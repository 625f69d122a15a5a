"""Browser test: the whole Meldebogen wizard by keyboard alone, axe-core on every step.

Lives in tests/forms (the app's tests) but uses the browser harness of tests/browser: its
fixtures are imported here, and the browser is stopped when this module is done.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from forms.models import Meldebogen, Status
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
    # The live hint (JavaScript) calls the anonymity-check API with the session. The live
    # server's first check loads the word lists (seconds on a busy machine): wait longer.
    expect(page.locator("[data-anonymity-hint]").first).to_contain_text(
        "Name einer Person: „Yilmaz“", timeout=20_000
    )
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


# --- "Entwurf speichern" and "Zurück" on every step (issue 16) --------------------------------

STEP_NUMBERS = {"wer": 1, "situation": 2, "huerde": 3, "vorschlag": 4, "pruefen": 5}
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

# Per step: the text fields typed, first for "Entwurf speichern", then changed for "Zurück".
TYPED = {
    "wer": {"Meldende Organisation": "Migrationsberatung Caritas", "Ihre Funktion": "Beratung"},
    "situation": {"Beschreibung der Situation": "Familien warten lange auf einen Kurs."},
    "huerde": {
        "Beteiligte Stellen und Organisationen": "Jobcenter und Volkshochschule",
        "Was wurde bereits versucht?": "Anfragen bei zwei Kursträgern.",
    },
    "vorschlag": {"Ihr Vorschlag zur Lösung (optional)": "Eine gemeinsame Warteliste."},
}
CHANGED = " Ergänzt vor dem Zurückgehen."


def expect_step(tab: Page, step: str) -> None:
    expect(tab.get_by_role("heading", level=1)).to_contain_text(
        f"Schritt {STEP_NUMBERS[step]} von 5"
    )


def fill_choices(tab: Page, step: str) -> None:
    """The step's choices (not free text); they are needed for "Weiter"."""
    if step == "wer":
        tab.get_by_role("checkbox", name="Werdohl").check()
    elif step == "situation":
        tab.get_by_label("Thema").select_option(label="Sprache")
        tab.get_by_role("checkbox", name="Familien").check()
        tab.get_by_role("checkbox", name="SGB II (Jobcenter)").check()
    elif step == "huerde":
        tab.get_by_role("checkbox", name="Fehlendes Angebot").check()
        tab.get_by_role("radio", name="Häufig").check()
    elif step == "vorschlag":
        tab.get_by_role("radio", name="Ja").check()


def expect_typed(tab: Page, step: str, suffix: str = "") -> None:
    for label, text in TYPED[step].items():
        expect(tab.get_by_label(label)).to_have_value(text + suffix)


def save_draft_and_reopen(tab: Page, step_url: str) -> None:
    """Press "Entwurf speichern", continue the draft from "Meine Meldebögen", open the step."""
    tab.get_by_role("button", name="Entwurf speichern").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Meine Meldebögen")
    expect(tab.get_by_role("status")).to_contain_text("Ihr Entwurf ist gespeichert")
    tab.get_by_role("link", name="Fortsetzen").click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Schritt")
    tab.goto(step_url)


def expect_attachments(tab: Page, names: list[str]) -> None:
    group = tab.get_by_role("group", name="Vorhandene Anhänge entfernen")
    for name in names:
        expect(group.get_by_role("checkbox", name=name)).to_be_visible()


@pytest.mark.parametrize("with_attachment", [False, True], ids=["ohne-anhang", "mit-anhang"])
def test_save_draft_and_back_on_every_step_keep_what_was_typed(
    page: Page,  # noqa: F811
    live_server,
    case_manager,
    with_attachment,
):
    Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    login(page, live_server, case_manager.username)
    page.goto(live_server.url + "/meldeboegen/")
    page.get_by_role("button", name="Neuen Meldebogen beginnen").click()
    expect_step(page, "wer")
    draft = Meldebogen.objects.get()
    steps = list(STEP_NUMBERS)

    for index, step in enumerate(steps[:-1]):
        url = f"{live_server.url}/meldeboegen/{draft.pk}/schritt/{step}/"
        expect_step(page, step)
        for label, text in TYPED[step].items():
            page.get_by_label(label).fill(text)
        fill_choices(page, step)
        if step == "vorschlag" and with_attachment:
            # A refused file stops on the step with the reason; the typed text is kept.
            page.get_by_label("Anhänge (optional)").set_input_files(
                files=[
                    {
                        "name": "programm.exe",
                        "mimeType": "application/x-msdownload",
                        "buffer": b"MZ",
                    }
                ]
            )
            page.get_by_role("button", name="Entwurf speichern").click()
            expect_step(page, step)
            expect(page.get_by_role("alert")).to_contain_text("nicht erlaubten Dateityp")
            expect(page.get_by_role("status")).to_contain_text("nicht gespeichert")
            expect_typed(page, step)
            assert_no_axe_violations(page)
            page.get_by_label("Anhänge (optional)").set_input_files(
                files=[{"name": "bericht.pdf", "mimeType": "application/pdf", "buffer": PDF}]
            )

        # "Entwurf speichern": everything typed on the step is there when the draft reopens.
        save_draft_and_reopen(page, url)
        expect_step(page, step)
        expect_typed(page, step)
        if step == "vorschlag" and with_attachment:
            expect_attachments(page, ["bericht.pdf"])

        # "Zurück" after changing the text: the change is kept as well.
        for label, text in TYPED[step].items():
            page.get_by_label(label).fill(text + CHANGED)
        if step == "vorschlag" and with_attachment:
            page.get_by_label("Anhänge (optional)").set_input_files(
                files=[{"name": "foto.png", "mimeType": "image/png", "buffer": PNG}]
            )
        if index > 0:
            page.get_by_role("button", name="Zurück").click()
            expect_step(page, steps[index - 1])
            expect_typed(page, steps[index - 1], CHANGED)
            page.goto(url)
            expect_step(page, step)
            expect_typed(page, step, CHANGED)
        if step == "vorschlag" and with_attachment:
            expect_attachments(page, ["bericht.pdf", "foto.png"])
        page.get_by_role("button", name="Weiter").click()

    # Step 5 ("Prüfen und absenden"): both buttons keep the whole report.
    expect_step(page, "pruefen")
    save_draft_and_reopen(page, f"{live_server.url}/meldeboegen/{draft.pk}/schritt/pruefen/")
    expect_step(page, "pruefen")
    for step in steps[:-1]:
        for text in TYPED[step].values():
            expect(page.get_by_text(text + CHANGED)).to_be_visible()
    if with_attachment:
        expect(page.get_by_role("link", name="bericht.pdf")).to_be_visible()
        expect(page.get_by_role("link", name="foto.png")).to_be_visible()
    page.get_by_role("button", name="Zurück").click()
    expect_step(page, "vorschlag")
    expect_typed(page, "vorschlag", CHANGED)
    page.get_by_role("button", name="Weiter").click()
    expect_step(page, "pruefen")
    page.get_by_role("button", name="Meldebogen absenden").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Ihr Meldebogen ist eingegangen")
    meldebogen = Meldebogen.objects.get()
    assert meldebogen.status == Status.EINGEGANGEN
    assert (
        meldebogen.vorschlag == TYPED["vorschlag"]["Ihr Vorschlag zur Lösung (optional)"] + CHANGED
    )
    expected = ["bericht.pdf", "foto.png"] if with_attachment else []
    assert sorted(meldebogen.anhaenge.values_list("original_name", flat=True)) == expected


# --- The anonymity check: one confirmation per finding (issue 22) -----------------------------


def start_at_situation(tab: Page, live_server, username: str) -> Meldebogen:
    Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    login(tab, live_server, username)
    tab.goto(live_server.url + "/meldeboegen/")
    tab.get_by_role("button", name="Neuen Meldebogen beginnen").click()
    expect_step(tab, "wer")
    for label, text in TYPED["wer"].items():
        tab.get_by_label(label).fill(text)
    fill_choices(tab, "wer")
    tab.get_by_role("button", name="Weiter").click()
    expect_step(tab, "situation")
    fill_choices(tab, "situation")
    return Meldebogen.objects.get()


def test_each_finding_is_confirmed_on_its_own_and_phone_numbers_must_go(
    page: Page,  # noqa: F811
    live_server,
    case_manager,
):
    from forms.models import ConfirmedFinding

    start_at_situation(page, live_server, case_manager.username)
    situation = page.get_by_label("Beschreibung der Situation")
    situation.fill("Herr Yilmaz und Frau Petrova warten, mobil unter 0171/2345678.")
    page.get_by_role("button", name="Weiter").click()

    expect_step(page, "situation")
    findings = page.get_by_role("group", name=re.compile(r"^Fund \d von 3"))
    expect(findings).to_have_count(3)
    expect(
        page.get_by_role("group", name=re.compile("Fund 1 von 3: Name einer Person"))
    ).to_contain_text("Herr Yilmaz und Frau Petrova")
    phone = page.get_by_role("group", name=re.compile("Fund 3 von 3: Telefonnummer"))
    expect(phone).to_contain_text("immer personenbezogen")
    expect(phone.get_by_role("checkbox")).to_have_count(0)
    confirmations = page.get_by_role("checkbox", name=re.compile("Ich habe geprüft"))
    expect(confirmations).to_have_count(2)
    assert_no_axe_violations(page)

    # One tick is not enough, and the number must be removed.
    page.get_by_role("checkbox", name=re.compile("Yilmaz")).check()
    situation.fill("Herr Yilmaz und Frau Petrova warten seit Monaten auf einen Kurs.")
    page.get_by_role("button", name="Weiter").click()
    expect_step(page, "situation")
    expect(page.get_by_role("alert")).to_contain_text("„Petrova“")
    expect(page.get_by_role("checkbox", name=re.compile("Yilmaz"))).to_be_checked()
    page.get_by_role("checkbox", name=re.compile("Petrova")).check()
    page.get_by_role("button", name="Weiter").click()
    expect_step(page, "huerde")
    assert sorted(ConfirmedFinding.objects.values_list("text", flat=True)) == [
        "Petrova",
        "Yilmaz",
    ]


# --- Step links, error summary focus, deleting a draft (issue 22) ------------------------------


def test_step_links_save_input_and_failed_weiter_focuses_the_error_summary(
    page: Page,  # noqa: F811
    live_server,
    case_manager,
):
    draft = start_at_situation(page, live_server, case_manager.username)
    situation = page.get_by_label("Beschreibung der Situation")
    situation.fill("Familien warten lange auf einen Kurs.")
    # A step link is a button of the form: it saves what was typed, then opens the step.
    nav = page.get_by_role("navigation", name="Schritte des Meldebogens")
    nav.get_by_role("button", name="Vorschlag").click()
    expect_step(page, "vorschlag")
    draft.refresh_from_db()
    assert draft.situation == "Familien warten lange auf einen Kurs."
    nav.get_by_role("button", name="Situation").click()
    expect_step(page, "situation")
    expect(situation).to_have_value("Familien warten lange auf einen Kurs.")
    assert_no_axe_violations(page)

    # Enter in a text field still means "Weiter", not the first step link ("Wer meldet?"):
    # with the required function emptied, "Weiter" fails and the page stays on step 1.
    nav.get_by_role("button", name=re.compile("^Wer")).click()
    expect_step(page, "wer")
    page.get_by_label("Ihre Funktion").fill("")
    page.get_by_label("Ihre Funktion").press("Enter")
    expect_step(page, "wer")
    # The failed "Weiter" puts the focus on the error summary.
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Eingaben")
    expect(summary).to_be_focused()
    assert_no_axe_violations(page)


def test_deleting_a_draft_asks_first_without_javascript_and_with_axe(
    page: Page,  # noqa: F811
    live_server,
    case_manager,
):
    Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    login(page, live_server, case_manager.username)
    page.goto(live_server.url + "/meldeboegen/")
    page.get_by_role("button", name="Neuen Meldebogen beginnen").click()
    expect_step(page, "wer")
    page.goto(live_server.url + "/meldeboegen/")
    page.get_by_role("link", name=re.compile("^Löschen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entwurf löschen?")
    assert Meldebogen.objects.count() == 1
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Abbrechen und Entwurf behalten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Meldebögen")
    assert Meldebogen.objects.count() == 1
    page.get_by_role("link", name=re.compile("^Löschen")).click()
    page.get_by_role("button", name="Ja, Entwurf endgültig löschen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Entwurf wurde gelöscht.")
    assert not Meldebogen.objects.exists()
