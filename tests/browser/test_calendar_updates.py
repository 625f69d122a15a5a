"""Browser test of calendar correctness: the KIM-Koordination invites to a Sitzung, moves it on
the portal's page "Termin ändern oder absagen" and then cancels it there; every member's mails
carry .ics files with the invitation's UID, SEQUENCE 1 then 2, METHOD:REQUEST then
METHOD:CANCEL; rescheduled ("Sitzung wieder ansetzen", keyboard only), they get the entry
back: METHOD:REQUEST with a higher SEQUENCE and the new date."""

import datetime
import re

from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS


def _calendars(subject_start: str) -> list:
    found = []
    for message in mail.outbox:
        if message.subject.startswith(subject_start):
            (attachment,) = message.attachments
            calendar = Calendar.from_ical(attachment[1])
            (event,) = calendar.walk("VEVENT")
            found.append((message.to[0], str(calendar["method"]), event))
    return found


def test_moving_and_cancelling_a_sitzung_updates_the_calendars(page: Page, live_server, demo):
    from spaces.models import Gremium, Sitzung

    start = timezone.localtime(timezone.now() + datetime.timedelta(days=21)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    sitzung = Sitzung.objects.create(
        gremium=Gremium.objects.get(slug="lenkungsgruppe"),
        title="Sondersitzung Kalender",
        starts_at=start,
        location="Kreishaus, Raum 1",
    )
    login(page, live_server, "koordination", DEMO_PASSWORD)
    page.goto(live_server.url + sitzung.get_absolute_url())
    page.get_by_role("button", name="Einladung per E-Mail verschicken").click()
    expect(page.get_by_role("status")).to_contain_text("Einladung mit Kalenderdatei")
    invitations = _calendars("Einladung: ")
    assert invitations, "the Lenkungsgruppe's members are invited"
    uid = str(invitations[0][2]["uid"])
    invited = sorted(to for to, _, _ in invitations)

    # The date moves by a week, on the portal's page (keyboard only).
    page.get_by_role("link", name="Termin ändern oder absagen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Termin ändern oder absagen")
    assert_no_axe_violations(page)
    new_start = start + datetime.timedelta(days=7)
    page.get_by_label(re.compile(r"^Datum")).fill(new_start.strftime("%Y-%m-%d"))
    page.get_by_role("textbox", name="Ort", exact=True).fill("Kreishaus, Raum 2")
    page.get_by_role("textbox", name="Ort", exact=True).press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("Termin und Ort sind gespeichert.")
    updates = _calendars("Geänderte Sitzung: ")
    assert sorted(to for to, _, _ in updates) == invited
    for _, method, event in updates:
        assert method == "REQUEST"
        assert str(event["uid"]) == uid and event["sequence"] == 1
        assert event.decoded("dtstart") == new_start.astimezone(datetime.UTC)
        assert str(event["location"]) == "Kreishaus, Raum 2"

    # Then it is cancelled, with a reason; without one the page says why.
    page.get_by_role("link", name="Termin ändern oder absagen").click()
    page.get_by_role("button", name="Sitzung absagen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte begründen Sie die Absage.")
    page.get_by_label(re.compile(r"^Begründung der Absage")).fill("Der Landrat ist verhindert.")
    page.get_by_role("button", name="Sitzung absagen").click()
    expect(page.get_by_role("status").first).to_contain_text("Die Sitzung ist abgesagt.")
    cancellations = _calendars("Abgesagt: ")
    assert sorted(to for to, _, _ in cancellations) == invited
    for _, method, event in cancellations:
        assert method == "CANCEL"
        assert str(event["status"]) == "CANCELLED"
        assert str(event["uid"]) == uid and event["sequence"] == 2
    sitzung.refresh_from_db()
    assert (sitzung.status, sitzung.ics_sequence) == ("abgesagt", 2)

    # Rescheduled on the same page: a date in the past is refused, the typed input stays;
    # a future date puts the entry back in the members' calendars.
    page.get_by_role("link", name="Sitzung wieder ansetzen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sitzung wieder ansetzen")
    assert_no_axe_violations(page)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label(re.compile(r"^Datum")).fill(yesterday.strftime("%Y-%m-%d"))
    page.get_by_label(re.compile(r"^Hinweis an die Mitglieder")).fill("Neuer Termin im Januar.")
    page.get_by_role("button", name="Sitzung wieder ansetzen").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text(
        "Eine Sitzung wird nicht in der Vergangenheit wieder angesetzt."
    )
    expect(page.get_by_label(re.compile(r"^Hinweis an die Mitglieder"))).to_have_value(
        "Neuer Termin im Januar."
    )
    assert_no_axe_violations(page)
    third_start = start + datetime.timedelta(days=14)
    page.get_by_label(re.compile(r"^Datum")).fill(third_start.strftime("%Y-%m-%d"))
    page.get_by_role("button", name="Sitzung wieder ansetzen").press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("Die Sitzung ist wieder angesetzt")
    reinstated = _calendars("Wieder angesetzt: ")
    assert sorted(to for to, _, _ in reinstated) == invited
    sitzung.refresh_from_db()
    assert sitzung.status == "eingeladen" and sitzung.ics_sequence > 2
    for _, method, event in reinstated:
        assert method == "REQUEST"
        assert str(event["uid"]) == uid and event["sequence"] == sitzung.ics_sequence
        assert event.decoded("dtstart") == third_start.astimezone(datetime.UTC)
