"""Browser tests of the Gremien spaces: axe-core on a space, a Sitzung with minutes, the
Beschlüsse register, a Zielsystem and its monitoring; the tree and chart by role and name; an
open task from the minutes on the home page."""

import re

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
    expect(minutes.get_by_role("table", name="Aufgaben aus dieser Sitzung")).to_contain_text(
        "Drei Fälle mit langer Wartezeit"
    )
    expect(minutes.get_by_role("table", name="Anwesenheit je Sitz und Gäste")).to_contain_text(
        "Gast: Regionalkoordination des Landes NRW"
    )

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
    expect(
        page.get_by_role("region", name="Ihre offenen Aufgaben aus Protokollen")
    ).not_to_contain_text("Drei Fälle mit langer Wartezeit")


def test_released_zielsystem_for_a_non_member_passes_axe(page: Page, live_server, demo):
    from spaces.models import Zielsystem

    zielsystem = Zielsystem.objects.get(gremium__slug="ag-sprache")
    login(page, live_server, "ib-balve", DEMO_PASSWORD)
    page.goto(live_server.url + zielsystem.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zielsystem Sprache")
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/gremien/beschluesse/")
    assert_no_axe_violations(page)


def test_minutes_work_for_the_geschaeftsfuehrung_and_pass_axe(page: Page, live_server, demo):
    """The KIM-Koordination holds the Lenkungsgruppe's Geschäftsführung seat: it records
    attendance, adds and edits an Aufgabe on the minutes page, and sees the comments."""
    from spaces.models import Sitzung

    sitzung = Sitzung.objects.get(gremium__slug="lenkungsgruppe", title="2. Sitzung")
    url = live_server.url + sitzung.get_absolute_url()
    login(page, live_server, "koordination", DEMO_PASSWORD)

    # The space page with its documents and the documents page (upload with an error).
    page.goto(live_server.url + "/gremien/lenkungsgruppe/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="1 Dokument im Raum").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dokumente: Lenkungsgruppe KIM")
    expect(page.get_by_role("table")).to_contain_text("Entwurf Bericht zum Landescontrolling")
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie dem Dokument einen Titel.")
    assert_no_axe_violations(page)

    # The circulated minutes: per TOP, with comments and the forms of the Geschäftsführung.
    page.goto(url)
    minutes = page.get_by_role("region", name="Protokoll")
    expect(
        minutes.get_by_role("heading", name="TOP 4: Verteilungsschlüssel für das Case Management")
    ).to_be_visible()
    expect(minutes).to_contain_text("Iserlohn hat um eine zusätzliche halbe Stelle gebeten")
    expect(minutes).to_contain_text("Zum Protokoll gibt es 2 Kommentare.")
    assert_no_axe_violations(page)

    # A new Aufgabe on the minutes page; editing it with a date before the Sitzung gives a
    # German error and keeps the input.
    form = page.get_by_role("form", name="Aufgabe eintragen")
    form.get_by_label(re.compile(r"^Aufgabe\b")).fill("Stellenanteile mit Iserlohn klären")
    form.get_by_label("zuständig").select_option(label="Paula Partnerin")
    form.get_by_role("button", name="Aufgabe eintragen").click()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("ist im Protokoll eingetragen")
    tasks = page.get_by_role("table", name="Aufgaben aus dieser Sitzung: wer, was, bis wann")
    expect(tasks).to_contain_text("Stellenanteile mit Iserlohn klären")
    tasks.get_by_role("link", name=re.compile(r"^bearbeiten.*Stellenanteile")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aufgabe bearbeiten")
    page.get_by_label("bis").fill("2020-01-01")
    page.get_by_role("button", name="Änderungen speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Die Frist liegt vor der Sitzung")
    expect(page.get_by_label(re.compile(r"^Aufgabe\b"))).to_have_value(
        "Stellenanteile mit Iserlohn klären"
    )
    assert_no_axe_violations(page)

    # Attendance: an error keeps the input; the saved list shows in the minutes.
    page.goto(url)
    page.get_by_role("link", name="Anwesenheit erfassen oder ändern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anwesenheit erfassen")
    assert_no_axe_violations(page)
    page.get_by_label("Anwesenheit: Jobcenter").select_option("vertreten")
    page.get_by_role("button", name="Anwesenheit speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Jobcenter: Bitte geben Sie an, wer")
    assert_no_axe_violations(page)
    page.get_by_label("vertreten durch (für Jobcenter)").fill("Herr Beispiel, Jobcenter")
    page.get_by_role("button", name="Anwesenheit speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Die Anwesenheit ist im Protokoll")
    expect(page.get_by_role("table", name="Anwesenheit je Sitz und Gäste")).to_contain_text(
        "vertreten durch Herr Beispiel, Jobcenter"
    )


def test_a_member_comments_on_circulated_minutes(page: Page, live_server, demo):
    from spaces.models import Sitzung

    sitzung = Sitzung.objects.get(gremium__slug="lenkungsgruppe", title="2. Sitzung")
    login(page, live_server, "partner", DEMO_PASSWORD)
    page.goto(live_server.url + sitzung.get_absolute_url())
    field = page.get_by_label("Ihr Kommentar zu „Sachstandsbericht an den Ausschuss“")
    field.fill("Bitte die Fallzahlen des zweiten Quartals ergänzen.")
    field.press("Tab")
    page.keyboard.press("Enter")  # the "Kommentar senden" button after the field
    expect(page.get_by_role("status")).to_contain_text("Ihr Kommentar ist gespeichert.")
    expect(page.get_by_role("region", name="Protokoll")).to_contain_text(
        "Bitte die Fallzahlen des zweiten Quartals ergänzen."
    )
    expect(page.get_by_role("link", name="Anwesenheit erfassen oder ändern")).to_have_count(0)
    assert_no_axe_violations(page)


def test_the_verlauf_of_a_sitzung_is_shown_and_passes_axe(page: Page, live_server, demo):
    """Cancelling a Sitzung is a transition with a reason; its page shows the Verlauf."""
    from django.contrib.auth import get_user_model

    from spaces.models import Sitzung
    from spaces.transitions import SITZUNG

    koordination = get_user_model().objects.get(username="koordination")
    sitzung = Sitzung.objects.get(gremium__slug="lenkungsgruppe", title="3. Sitzung")
    SITZUNG.apply(sitzung, "abgesagt", by=koordination, reason="Der Sitzungssaal ist belegt.")
    login(page, live_server, "koordination", DEMO_PASSWORD)
    page.goto(live_server.url + sitzung.get_absolute_url())
    verlauf = page.get_by_role("region", name="Verlauf der Sitzung")
    table = verlauf.get_by_role(
        "table", name="Verlauf der Sitzung: wann, wer, von, nach, Begründung"
    )
    row = table.get_by_role("row").last
    for text in ("eingeladen", "abgesagt", "Der Sitzungssaal ist belegt."):
        expect(row).to_contain_text(text)
    expect(page.get_by_role("button", name=re.compile("Einladung"))).to_have_count(0)
    assert_no_axe_violations(page)
