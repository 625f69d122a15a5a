"""Rescheduling ("Wieder ansetzen") a cancelled Sitzung in the portal: the Geschäftsführung
and the KIM-Koordination, through the Sitzung's transition; invited members get the entry back
(METHOD:REQUEST, higher SEQUENCE); refusals in German, nothing changed; others get 404."""

import datetime

from django.utils import timezone
from icalendar import Calendar

from accounts import roles
from portal.models import Verlaufseintrag
from spaces.models import Sitzung
from spaces.transitions import SITZUNG


def url(sitzung) -> str:
    return f"{sitzung.get_absolute_url()}aendern/"


def _new_date():
    day = timezone.localdate() + datetime.timedelta(days=40)
    return day, timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 30)))


def _post(client, sitzung, day, **extra):
    data = {
        "aktion": "wieder_ansetzen",
        "datum": day.isoformat(),
        "beginn": "14:30",
        "ende": "16:00",
        "ort": "Kreishaus, Raum 3",
    }
    data.update(extra)
    return client.post(url(sitzung), data)


def test_an_invited_then_cancelled_sitzung_is_rescheduled_and_members_get_it_back(
    client, space, member_and_gf, koordination, mailoutbox
):
    sitzung = space["upcoming"]
    SITZUNG.apply(sitzung, Sitzung.Status.EINGELADEN, by=koordination)
    SITZUNG.apply(sitzung, Sitzung.Status.ABGESAGT, by=koordination, reason="Krank")
    sequence = Sitzung.objects.get(pk=sitzung.pk).ics_sequence
    mailoutbox.clear()
    client.force_login(member_and_gf["gf"])
    page = client.get(sitzung.get_absolute_url()).text
    assert "Sitzung wieder ansetzen" in page
    form = client.get(url(sitzung)).text
    assert "Sitzung wieder ansetzen" in form and "gilt die Einladung wieder" in form
    day, start = _new_date()
    response = _post(client, sitzung, day, hinweis="Neuer Termin nach Rücksprache.")
    assert response.status_code == 302
    sitzung.refresh_from_db()
    assert sitzung.status == Sitzung.Status.EINGELADEN
    assert sitzung.starts_at == start and sitzung.location == "Kreishaus, Raum 3"
    assert sitzung.ics_sequence > sequence
    entry = Verlaufseintrag.objects.filter(object_id=sitzung.pk, from_status="abgesagt").get()
    assert entry.by == member_and_gf["gf"] and entry.reason == "Neuer Termin nach Rücksprache."
    assert sorted(m.to[0] for m in mailoutbox) == ["gf@example.org", "mitglied@example.org"]
    for message in mailoutbox:
        assert message.subject.startswith("Wieder angesetzt: ")
        assert "wieder angesetzt" in message.body and "Neuer Termin" in message.body
        calendar = Calendar.from_ical(message.attachments[0][1])
        (event,) = calendar.walk("VEVENT")
        assert str(calendar["method"]) == "REQUEST"
        assert event["sequence"] == sitzung.ics_sequence
        assert event.decoded("dtstart") == start.astimezone(datetime.UTC)
        assert str(event.get("status", "CONFIRMED")) != "CANCELLED"
    follow = client.get(sitzung.get_absolute_url()).text
    assert "Die Sitzung ist wieder angesetzt; die Einladung gilt wieder." in follow
    # Moving it later mails the members again (it counts as invited).
    mailoutbox.clear()
    client.post(
        url(sitzung),
        {"aktion": "verlegen", "datum": day.isoformat(), "beginn": "15:00", "ort": "Raum 3"},
    )
    assert len(mailoutbox) == 2


def test_a_sitzung_cancelled_before_the_invitation_goes_back_to_geplant_without_mail(
    client, space, member_and_gf, mailoutbox
):
    sitzung = space["upcoming"]
    SITZUNG.apply(sitzung, Sitzung.Status.ABGESAGT, by=member_and_gf["gf"], reason="Doppelt")
    mailoutbox.clear()
    client.force_login(member_and_gf["gf"])
    response = _post(client, sitzung, _new_date()[0])
    assert response.status_code == 302
    sitzung.refresh_from_db()
    assert sitzung.status == Sitzung.Status.GEPLANT
    assert not mailoutbox
    # The transition straight back to "eingeladen" is not offered without an invitation.
    SITZUNG.apply(sitzung, Sitzung.Status.ABGESAGT, by=member_and_gf["gf"], reason="Doch nicht")
    assert [t.target for t in SITZUNG.allowed(sitzung, member_and_gf["gf"])] == ["geplant"]


def test_rescheduling_is_refused_in_german_and_changes_nothing(
    client, space, member_and_gf, koordination, mailoutbox
):
    sitzung = space["upcoming"]
    client.force_login(member_and_gf["gf"])
    # Not cancelled: nothing to reschedule.
    response = _post(client, sitzung, _new_date()[0])
    assert response.status_code == 400
    assert "Nur eine abgesagte Sitzung kann wieder angesetzt werden." in response.text
    SITZUNG.apply(sitzung, Sitzung.Status.EINGELADEN, by=koordination)
    SITZUNG.apply(sitzung, Sitzung.Status.ABGESAGT, by=koordination, reason="Krank")
    before = Sitzung.objects.get(pk=sitzung.pk)
    mailoutbox.clear()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = _post(client, sitzung, yesterday, hinweis="Mein Hinweis")
    assert response.status_code == 400
    assert "Eine Sitzung wird nicht in der Vergangenheit wieder angesetzt." in response.text
    assert "Mein Hinweis" in response.text  # what was typed survives
    response = _post(client, sitzung, _new_date()[0], ende="09:00")
    assert response.status_code == 400
    assert "Das Ende muss nach dem Beginn liegen." in response.text
    after = Sitzung.objects.get(pk=sitzung.pk)
    assert (after.status, after.starts_at, after.ics_sequence) == (
        Sitzung.Status.ABGESAGT,
        before.starts_at,
        before.ics_sequence,
    )
    assert not mailoutbox


def test_members_and_outsiders_cannot_reschedule(client, space, member_and_gf, make_user):
    sitzung = space["upcoming"]
    SITZUNG.apply(sitzung, Sitzung.Status.ABGESAGT, by=member_and_gf["gf"], reason="Krank")
    client.force_login(member_and_gf["member"])
    assert "Sitzung wieder ansetzen" not in client.get(sitzung.get_absolute_url()).text
    assert _post(client, sitzung, _new_date()[0]).status_code == 404
    client.force_login(make_user("aussen", roles.EXTERNE_PARTNER))
    assert _post(client, sitzung, _new_date()[0]).status_code == 404
    assert Sitzung.objects.get(pk=sitzung.pk).status == Sitzung.Status.ABGESAGT
