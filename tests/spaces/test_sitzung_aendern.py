"""Moving and cancelling a Sitzung in the portal: the Geschäftsführung and the
KIM-Koordination, through the Sitzung's transition and the calendar updates; refusals in
German; members and outsiders cannot."""

import datetime

from django.utils import timezone
from icalendar import Calendar

from accounts import roles
from portal.models import Verlaufseintrag
from spaces.models import Sitzung
from spaces.transitions import SITZUNG


def url(sitzung) -> str:
    return f"{sitzung.get_absolute_url()}aendern/"


def _calendar(mail):
    calendar = Calendar.from_ical(mail.attachments[0][1])
    (event,) = calendar.walk("VEVENT")
    return str(calendar["method"]), event


def _new_date():
    day = timezone.localdate() + datetime.timedelta(days=40)
    return day, timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 30)))


def test_the_geschaeftsfuehrung_moves_an_invited_sitzung(
    client, space, member_and_gf, koordination, mailoutbox
):
    sitzung = space["upcoming"]
    SITZUNG.apply(sitzung, Sitzung.Status.EINGELADEN, by=koordination)
    mailoutbox.clear()
    client.force_login(member_and_gf["gf"])
    page = client.get(sitzung.get_absolute_url()).text
    assert "Termin ändern oder absagen" in page
    assert client.get(url(sitzung)).status_code == 200
    day, start = _new_date()
    response = client.post(
        url(sitzung),
        {
            "aktion": "verlegen",
            "datum": day.isoformat(),
            "beginn": "14:30",
            "ende": "16:00",
            "ort": "Kreishaus, Raum 7",
        },
    )
    assert response.status_code == 302
    sitzung.refresh_from_db()
    assert (sitzung.starts_at, sitzung.location, sitzung.ics_sequence) == (
        start,
        "Kreishaus, Raum 7",
        1,
    )
    assert sorted(m.to[0] for m in mailoutbox) == ["gf@example.org", "mitglied@example.org"]
    method, event = _calendar(mailoutbox[0])
    assert method == "REQUEST" and event["sequence"] == 1


def test_a_cancellation_needs_a_reason_and_mails_a_cancel(
    client, space, member_and_gf, koordination, mailoutbox
):
    sitzung = space["upcoming"]
    SITZUNG.apply(sitzung, Sitzung.Status.EINGELADEN, by=koordination)
    mailoutbox.clear()
    client.force_login(member_and_gf["gf"])
    response = client.post(url(sitzung), {"aktion": "absagen", "begruendung": ""})
    assert response.status_code == 400
    assert "Bitte begründen Sie die Absage." in response.text
    assert not mailoutbox
    response = client.post(
        url(sitzung), {"aktion": "absagen", "begruendung": "Der Vorsitz ist erkrankt."}
    )
    assert response.status_code == 302
    sitzung.refresh_from_db()
    assert (sitzung.status, sitzung.ics_sequence) == (Sitzung.Status.ABGESAGT, 1)
    entry = Verlaufseintrag.objects.filter(object_id=sitzung.pk, to_status="abgesagt").get()
    assert entry.by == member_and_gf["gf"] and entry.reason == "Der Vorsitz ist erkrankt."
    method, event = _calendar(mailoutbox[0])
    assert method == "CANCEL" and str(event["status"]) == "CANCELLED"
    # Cancelled: nothing more to move or cancel, and the page says why.
    mailoutbox.clear()
    response = client.post(
        url(sitzung),
        {"aktion": "verlegen", "datum": _new_date()[0].isoformat(), "beginn": "10:00"},
    )
    assert response.status_code == 400
    assert "Die Sitzung ist abgesagt; Termin und Ort ändern sich nicht mehr." in response.text
    assert not mailoutbox


def test_bad_input_and_past_sitzungen_are_refused_in_german(client, space, member_and_gf):
    client.force_login(member_and_gf["gf"])
    sitzung = space["upcoming"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        url(sitzung), {"aktion": "verlegen", "datum": yesterday.isoformat(), "beginn": "10:00"}
    )
    assert response.status_code == 400
    assert "Eine Sitzung wird nicht in die Vergangenheit verlegt." in response.text
    response = client.post(
        url(sitzung),
        {
            "aktion": "verlegen",
            "datum": _new_date()[0].isoformat(),
            "beginn": "10:00",
            "ende": "09:00",
        },
    )
    assert "Das Ende muss nach dem Beginn liegen." in response.text
    before = Sitzung.objects.get(pk=sitzung.pk)
    assert before.starts_at == sitzung.starts_at
    past = space["past"]
    response = client.post(url(past), {"aktion": "absagen", "begruendung": "zu spät"})
    assert response.status_code == 400
    assert "hat schon begonnen oder stattgefunden" in response.text
    assert Sitzung.objects.get(pk=past.pk).status == past.status


def test_members_and_outsiders_cannot_move_or_cancel(client, space, member_and_gf, make_user):
    sitzung = space["upcoming"]
    client.force_login(member_and_gf["member"])
    assert "Termin ändern oder absagen" not in client.get(sitzung.get_absolute_url()).text
    assert client.get(url(sitzung)).status_code == 404
    response = client.post(url(sitzung), {"aktion": "absagen", "begruendung": "x"})
    assert response.status_code == 404
    client.force_login(make_user("aussen", roles.EXTERNE_PARTNER))
    assert client.get(url(sitzung)).status_code == 404
    assert Sitzung.objects.get(pk=sitzung.pk).status == sitzung.status
    # The machine refuses a member too (the same rule outside the view).
    assert not SITZUNG.allowed(sitzung, member_and_gf["member"])


def test_the_koordination_may_too(client, space, koordination):
    client.force_login(koordination)
    assert client.get(url(space["upcoming"])).status_code == 200


def test_saving_an_unchanged_date_says_so_and_mails_nobody(
    client, space, member_and_gf, koordination, mailoutbox
):
    """Pressing „Termin und Ort speichern“ again without changing anything sends no mail, and
    the message does not claim that the members were mailed."""
    sitzung = space["upcoming"]
    SITZUNG.apply(sitzung, Sitzung.Status.EINGELADEN, by=koordination)
    client.force_login(member_and_gf["gf"])
    day, _start = _new_date()
    data = {
        "aktion": "verlegen",
        "datum": day.isoformat(),
        "beginn": "14:30",
        "ende": "16:00",
        "ort": "Kreishaus, Raum 7",
    }
    assert "erhalten eine E-Mail" in client.post(url(sitzung), data, follow=True).text
    mailoutbox.clear()
    page = client.post(url(sitzung), data, follow=True).text
    assert mailoutbox == []
    assert "Termin und Ort sind unverändert; niemand wurde benachrichtigt." in page
    assert "erhalten eine E-Mail" not in page
