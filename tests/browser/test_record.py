"""Browser test of the official record: a Geschäftsführung without admin access writes and
circulates complete minutes on the page, a member comments, approval freezes the record (an
edit in the Wagtail admin is refused), a Berichtigung is approved and shown with its diff."""

import datetime
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS


def _geschaeftsfuehrung_and_sitzung(title: str = "Arbeitssitzung im Dezember", days: int = -3):
    """ib-luedenscheid (an Integrationsbeauftragte, no admin access) holds a Geschäftsführung
    seat of the Arbeitsgruppe Arbeitsmarkt, which meets ``days`` from now (by default: met
    three days ago); the Sitzung has two TOPs."""
    from django.contrib.auth import get_user_model

    from spaces.models import Gremium, Mitgliedschaft, Sitz, Sitzung, Tagesordnungspunkt

    gf = get_user_model().objects.get(username="ib-luedenscheid")
    ag = Gremium.objects.get(slug="ag-arbeitsmarkt")
    sitz = Sitz.objects.create(
        gremium=ag, role=Sitz.Role.GESCHAEFTSFUEHRUNG, label="Geschäftsführung Lüdenscheid"
    )
    Mitgliedschaft.objects.create(
        sitz=sitz, user=gf, started_on=timezone.localdate() - datetime.timedelta(days=60)
    )
    status = Sitzung.Status.DURCHGEFUEHRT if days < 0 else Sitzung.Status.GEPLANT
    sitzung = Sitzung.objects.create(
        gremium=ag,
        title=title,
        starts_at=timezone.now() + datetime.timedelta(days=days),
        status=status,
    )
    for order, title in enumerate(["Berichte", "Anerkennung ausländischer Abschlüsse"]):
        Tagesordnungspunkt.objects.create(sitzung=sitzung, title=title, sort_order=order)
    return sitzung


def _switch(page: Page, live_server, username: str) -> None:
    page.context.clear_cookies()
    login(page, live_server, username, DEMO_PASSWORD)


def test_minutes_from_writing_to_berichtigung(page: Page, live_server, demo):
    from spaces.models import Beschluss, Protokoll

    sitzung = _geschaeftsfuehrung_and_sitzung()
    url = live_server.url + sitzung.get_absolute_url()

    # The Geschäftsführung writes the minutes on the page; a mistake loses nothing.
    login(page, live_server, "ib-luedenscheid", DEMO_PASSWORD)
    page.goto(url)
    page.get_by_role("link", name="Protokoll schreiben").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Protokoll schreiben")
    assert_no_axe_violations(page)
    # The discussion is rich text, typed and formatted by keyboard alone; the hint on typing
    # HTML by hand (for browsers without JavaScript) is not shown next to the editor.
    editor = page.get_by_role("textbox", name="Beratung und Ergebnis (TOP 2)")
    expect(page.get_by_text("Fett, kursiv, Listen und Links").first).to_be_visible()
    expect(page.get_by_text("Ohne JavaScript").first).to_be_hidden()
    editor.focus()
    page.keyboard.type("Die Kammern berichten über ")
    page.keyboard.press("Control+b")
    page.keyboard.type("lange Wartezeiten")
    page.keyboard.press("Control+b")
    page.keyboard.type(" bei der Anerkennung.")
    page.keyboard.press("Enter")
    toolbar = page.get_by_role("toolbar", name="Formatierung: Beratung und Ergebnis (TOP 2)")
    toolbar.get_by_role("button", name="Aufzählung").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Handwerkskammer")
    page.keyboard.press("Enter")
    page.keyboard.type("IHK")
    expect(toolbar.get_by_role("button", name="Aufzählung")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_text("Neuen Beschluss eintragen").nth(1).click()
    page.get_by_label("Betreff (Neuer Beschluss, TOP 2)").fill("Anerkennungsberatung bündeln")
    page.get_by_label("Beschlusstext (Neuer Beschluss, TOP 2)").fill(
        "Die Arbeitsgruppe empfiehlt eine gemeinsame Sprechstunde der Kammern ab März."
    )
    page.get_by_label("Ja (Neuer Beschluss, TOP 2)").fill("5")
    page.get_by_label("Nein (Neuer Beschluss, TOP 2)").fill("0")
    page.get_by_label("Enthaltungen (Neuer Beschluss, TOP 2)").fill("1")
    page.get_by_text("Neue Aufgabe eintragen").nth(1).click()
    page.get_by_label("Neue Aufgabe (TOP 2)").fill("Termine mit den Kammern abstimmen")
    page.get_by_label("Anwesenheit: Migrationsberatung").select_option("anwesend")
    page.get_by_role("button", name="Entwurf speichern und zur Sitzung").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "zuständig (TOP 2): Bitte wählen Sie aus, wer die Aufgabe übernimmt."
    )
    expect(editor.locator("b")).to_have_text("lange Wartezeiten")
    expect(editor.locator("li")).to_have_text(["Handwerkskammer", "IHK"])
    expect(page.get_by_label("Betreff (Neuer Beschluss, TOP 2)")).to_have_value(
        "Anerkennungsberatung bündeln"
    )
    assert not Protokoll.objects.filter(sitzung=sitzung).exists()
    assert_no_axe_violations(page)
    page.get_by_label("zuständig (TOP 2)").select_option(label="Paula Partnerin")
    page.get_by_role("button", name="Entwurf speichern und zur Sitzung").click()
    expect(page.get_by_role("status")).to_contain_text("Entwurf des Protokolls ist gespeichert")
    minutes = page.get_by_role("region", name="Protokoll", exact=True)
    expect(minutes).to_contain_text("lange Wartezeiten bei der Anerkennung")
    expect(minutes.locator("b", has_text="lange Wartezeiten")).to_have_count(1)
    expect(minutes.locator(".rich-text li")).to_have_text(["Handwerkskammer", "IHK"])
    expect(minutes).to_contain_text("Abstimmung: 5 Ja, 0 Nein, 1 Enthaltung")
    expect(minutes).to_contain_text("Termine mit den Kammern abstimmen")
    page.get_by_role("button", name="Zur Kommentierung verteilen").click()
    expect(page.get_by_role("status")).to_contain_text("zur Kommentierung verteilt")

    # A member comments.
    _switch(page, live_server, "partner")
    page.goto(url)
    field = page.get_by_label("Ihr Kommentar zu „Anerkennung ausländischer Abschlüsse“")
    field.fill("Die Sprechstunde beginnt erst im April.")
    field.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Ihr Kommentar ist gespeichert.")

    # The Geschäftsführung approves: the record is frozen.
    _switch(page, live_server, "ib-luedenscheid")
    page.goto(url)
    page.get_by_role("button", name="Als genehmigt festhalten").click()
    expect(page.get_by_role("region", name="Protokoll", exact=True)).to_contain_text(
        "Amtliches Protokoll"
    )
    expect(page.get_by_role("link", name="Protokoll schreiben")).to_have_count(0)
    beschluss = Beschluss.objects.get(title="Anerkennungsberatung bündeln")
    assert beschluss.festgestellt_am is not None

    # An edit in the Wagtail admin is refused with the German reason; nothing changed.
    protokoll = Protokoll.objects.get(sitzung=sitzung)
    _switch(page, live_server, "koordination")
    page.goto(f"{live_server.url}/admin/snippets/spaces/protokoll/edit/{protokoll.pk}/")
    # The form is read-only with the German notice; saving anyway is refused.
    expect(
        page.get_by_text("Genehmigtes Protokoll – Änderungen nur per Berichtigung")
    ).to_be_visible()
    expect(page.locator("textarea[name='attendance']")).to_be_disabled()
    expect(page.locator("input[name$='-discussion']").first).to_be_disabled()
    page.get_by_role("button", name="Speichern").first.click()
    expect(page.get_by_role("status")).to_contain_text(
        "Das Protokoll ist genehmigt und damit amtlich"
    )
    assert not protokoll.punkte.filter(discussion__contains="nachträglich").exists()

    # A Berichtigung of the Beschluss: a draft first, then approved, shown with its diff.
    _switch(page, live_server, "ib-luedenscheid")
    page.goto(url)
    page.get_by_role(
        "link", name=re.compile(rf"^Berichtigung anlegen\W+Beschluss {beschluss.number}")
    ).click()
    assert_no_axe_violations(page)
    page.get_by_label("Berichtigter Text").fill(
        "Die Arbeitsgruppe empfiehlt eine gemeinsame Sprechstunde der Kammern ab April."
    )
    page.get_by_label("Begründung").fill("Hinweis von Frau Partnerin im Kommentar")
    page.get_by_role("button", name="Berichtigung als Entwurf speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Berichtigung Nr. 1 ist als Entwurf")
    mail.outbox.clear()
    page.get_by_role("button", name=re.compile(r"^Berichtigung genehmigen\W+Nr\. 1")).click()
    expect(page.get_by_role("status")).to_contain_text("Berichtigung Nr. 1 ist genehmigt")
    box = page.locator("#berichtigung-1")
    expect(box).to_contain_text("genehmigt am")
    expect(box.locator("del")).to_contain_text("März")
    expect(box.locator("ins")).to_contain_text("April")
    assert_no_axe_violations(page)
    from django.contrib.auth import get_user_model

    partner = get_user_model().objects.get(username="partner")
    announced = [m for m in mail.outbox if "Berichtigung Nr. 1" in m.subject]
    assert [partner.email] in [m.to for m in announced]

    # The Beschluss keeps both wordings.
    page.goto(live_server.url + beschluss.get_absolute_url())
    fassungen = page.get_by_role("region", name="Fassungen")
    expect(fassungen).to_contain_text("Fassung 2")
    expect(fassungen).to_contain_text("durch Berichtigung Nr. 1")
    assert_no_axe_violations(page)
