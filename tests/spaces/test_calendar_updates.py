"""Calendar updates after invitations: same UID, higher SEQUENCE, METHOD:REQUEST or CANCEL,
mailed only when invitations went out and only for what a calendar shows."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from icalendar import Calendar

from accounts import roles
from spaces.models import Sitzung
from spaces.transitions import SITZUNG

from .conftest import seat


@pytest.fixture
def members(make_user, space):
    users = [make_user(f"mitglied{i}", roles.EXTERNE_PARTNER) for i in range(2)]
    for i, user in enumerate(users):
        seat(space["gremium"], user, label=f"Sitz {i}")
    return users


@pytest.fixture
def invited(space, members, koordination, mailoutbox):
    sitzung = space["upcoming"]
    SITZUNG.apply(sitzung, Sitzung.Status.EINGELADEN, by=koordination)
    assert len(mailoutbox) == 2
    return sitzung


def event_of(mail):
    name, content, mimetype = mail.attachments[0]
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return name, mimetype, calendar, event


def test_invitation_carries_sequence_zero_and_the_uid_host(invited, mailoutbox):
    _, _, calendar, event = event_of(mailoutbox[0])
    assert str(calendar["method"]) == "PUBLISH"
    assert event["sequence"] == 0
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
    assert str(event["uid"]) == f"sitzung-{invited.pk}@{host}"


def test_date_change_after_invitation_mails_a_request_with_a_higher_sequence(invited, mailoutbox):
    uid = str(event_of(mailoutbox[0])[3]["uid"])
    old_start = invited.starts_at
    mailoutbox.clear()
    invited.starts_at = old_start + datetime.timedelta(days=7)
    invited.location = "Kreishaus, Raum 101"
    invited.save()
    invited.refresh_from_db()
    assert invited.ics_sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["mitglied0@example.org", "mitglied1@example.org"]
    mail = mailoutbox[0]
    assert mail.subject.startswith("Geänderte Sitzung: Lenkungsgruppe Test, Kommende Sitzung")
    assert "(bisher: " in mail.body and "Ort: Kreishaus, Raum 101" in mail.body
    name, mimetype, calendar, event = event_of(mail)
    assert name == "aenderung.ics" and "method=REQUEST" in mimetype
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == uid
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == invited.starts_at.replace(microsecond=0)
    assert str(event["location"]) == "Kreishaus, Raum 101"
    assert str(event["organizer"]).startswith("mailto:")
    assert str(event["attendee"]) == f"mailto:{mail.to[0]}"


def test_unrelated_edits_neither_bump_nor_mail(invited, mailoutbox):
    mailoutbox.clear()
    invited.video_url = "https://video.example.org/raum"
    # The admin's widget drops seconds: the same minute is no change of the calendar.
    invited.starts_at = invited.starts_at.replace(second=0, microsecond=0)
    invited.save()
    invited.tagesordnung.create(title="Verschiedenes", sort_order=1)
    invited.refresh_from_db()
    assert invited.ics_sequence == 0
    assert mailoutbox == []


def test_changes_before_the_invitation_bump_but_mail_nobody(space, members, mailoutbox):
    sitzung = space["upcoming"]
    sitzung.title = "Verlegte Sitzung"
    sitzung.save()
    sitzung.refresh_from_db()
    assert sitzung.ics_sequence == 1
    assert mailoutbox == []


def test_cancellation_after_invitation_mails_a_cancel_and_the_feed_follows(
    client, invited, members, koordination, mailoutbox
):
    uid = str(event_of(mailoutbox[0])[3]["uid"])
    mailoutbox.clear()
    SITZUNG.apply(invited, Sitzung.Status.ABGESAGT, by=koordination, reason="Erkrankung")
    assert len(mailoutbox) == 2
    mail = mailoutbox[0]
    assert mail.subject.startswith("Abgesagt: Lenkungsgruppe Test, Kommende Sitzung")
    assert "Grund: Erkrankung" in mail.body
    name, mimetype, calendar, event = event_of(mail)
    assert name == "absage.ics" and "method=CANCEL" in mimetype
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == uid and event["sequence"] == 1

    client.force_login(members[0])
    page = client.post("/gremien/kalender/abonnement/", {"action": "erzeugen"})
    path = re.search(r'value="http://testserver(/gremien/kalender/[^"]+\.ics)"', page.text)[1]
    feed = Calendar.from_ical(client.get(path).content)
    (entry,) = [e for e in feed.walk("VEVENT") if str(e["uid"]) == uid]
    assert entry["sequence"] == 1 and str(entry["status"]) == "CANCELLED"


def test_cancelling_an_uninvited_sitzung_mails_nobody(space, members, koordination, mailoutbox):
    sitzung = space["upcoming"]
    SITZUNG.apply(sitzung, Sitzung.Status.ABGESAGT, by=koordination)
    sitzung.refresh_from_db()
    assert sitzung.ics_sequence == 1
    assert mailoutbox == []


def test_the_uid_host_setting_serves_feed_and_mail(settings, invited, mailoutbox):
    settings.SPACES_ICAL_UID_HOST = "kim.kreis.example"
    mailoutbox.clear()
    invited.title = "Neuer Titel"
    invited.save()
    assert str(event_of(mailoutbox[0])[3]["uid"]) == f"sitzung-{invited.pk}@kim.kreis.example"
