"""E-mails: invitations with .ics to the current members; approved Beschlüsse to exactly the
people who may see them."""

import datetime

import pytest
from icalendar import Calendar

from accounts import roles
from spaces.models import Beschluss, Mitgliedschaft, Protokoll, ProtokollStatus, Zielsystem
from spaces.transitions import SITZUNG

from .conftest import beschluss, make_gremium, seat


@pytest.fixture
def people(make_user, space):
    gremium = space["gremium"]
    members = [make_user(f"mitglied{i}", roles.EXTERNE_PARTNER) for i in range(2)]
    for i, user in enumerate(members):
        seat(gremium, user, label=f"Sitz {i}")
    former = make_user("ehemalig", roles.EXTERNE_PARTNER)
    sitz = seat(gremium, former, label="Früherer Sitz")
    Mitgliedschaft.objects.filter(sitz=sitz).update(
        ended_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    outsider = make_user("aussen", roles.EXTERNE_PARTNER)
    return {"members": members, "former": former, "outsider": outsider}


def recipients(mailoutbox) -> set[str]:
    return {address for mail in mailoutbox for address in mail.to + mail.cc + mail.bcc}


def test_invitation_goes_to_current_members_only_with_a_valid_ics(
    client, koordination, space, people, mailoutbox
):
    client.force_login(koordination)
    sitzung = space["upcoming"]
    response = client.post(f"{sitzung.get_absolute_url()}einladen/", follow=True)
    assert "Die Einladung mit Kalenderdatei ist an 2 Mitglieder verschickt." in response.text
    assert recipients(mailoutbox) == {"mitglied0@example.org", "mitglied1@example.org"}
    assert all(len(mail.to) == 1 and not mail.cc and not mail.bcc for mail in mailoutbox)
    mail = mailoutbox[0]
    assert mail.subject.startswith("Einladung: Lenkungsgruppe Test, Kommende Sitzung")
    assert "TOP 1: Begrüßung (Kommende Sitzung)" in mail.body
    name, content, mimetype = mail.attachments[0]
    assert name == "einladung.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == "Lenkungsgruppe Test: Kommende Sitzung"
    assert events[0].decoded("dtstart") == sitzung.starts_at.replace(microsecond=0)
    sitzung.refresh_from_db()
    assert sitzung.status == "eingeladen"


def test_only_the_koordination_invites(client, space, people, mailoutbox):
    member = people["members"][0]
    client.force_login(member)
    url = f"{space['upcoming'].get_absolute_url()}einladen/"
    response = client.post(url, follow=True)
    assert "Nur die KIM-Koordination" in response.text
    assert mailoutbox == []
    client.force_login(people["outsider"])
    assert client.post(url).status_code == 404
    assert client.get(f"{space['upcoming'].get_absolute_url()}").status_code == 404


def test_invitation_needs_post(client, koordination, space, mailoutbox):
    client.force_login(koordination)
    assert client.get(f"{space['upcoming'].get_absolute_url()}einladen/").status_code == 405
    assert mailoutbox == []


def test_no_invitation_to_past_or_cancelled_meetings(
    client, koordination, space, people, mailoutbox
):
    client.force_login(koordination)
    response = client.post(f"{space['past'].get_absolute_url()}einladen/", follow=True)
    assert "zu spät" in response.text
    SITZUNG.apply(space["upcoming"], "abgesagt", by=koordination)
    response = client.post(f"{space['upcoming'].get_absolute_url()}einladen/", follow=True)
    assert "abgesagten Sitzung" in response.text
    assert mailoutbox == []


def test_invite_button_only_for_the_koordination(client, koordination, space, people):
    url = space["upcoming"].get_absolute_url()
    client.force_login(koordination)
    assert "Einladung per E-Mail verschicken" in client.get(url).text
    client.force_login(people["members"][0])
    assert "Einladung per E-Mail verschicken" not in client.get(url).text


@pytest.fixture
def approved_minutes(space, koordination):
    def approve():
        protokoll = Protokoll.objects.get_or_create(sitzung=space["past"])[0]
        protokoll.change_status(ProtokollStatus.VERTEILT, koordination)
        protokoll.change_status(ProtokollStatus.GENEHMIGT, koordination)
        return protokoll

    return approve


def test_approval_sends_the_beschluesse_to_members_only(
    people, space, approved_minutes, mailoutbox
):
    approved_minutes()
    assert recipients(mailoutbox) == {"mitglied0@example.org", "mitglied1@example.org"}
    body = mailoutbox[0].body
    assert space["internal"].number in body and space["shared"].number in body
    assert "Das Protokoll:" in body


def test_circulating_sends_nothing(people, space, koordination, mailoutbox):
    protokoll = Protokoll.objects.create(sitzung=space["past"])
    protokoll.change_status(ProtokollStatus.VERTEILT, koordination)
    assert mailoutbox == []


def test_concerned_groups_get_only_released_beschluesse(
    make_user, people, space, approved_minutes, mailoutbox
):
    ag_member = make_user("ag-mitglied", roles.CASE_MANAGEMENT)
    ag = make_gremium(name="AG Test", slug="ag-test", prefix="AGT", kind="arbeitsgruppe")
    seat(ag, ag_member)
    # the released Beschluss set the AG up; the internal one adopts its Zielsystem
    ag.established_by = space["shared"]
    ag.save()
    Zielsystem.objects.create(
        gremium=ag, title="ZS", status="beschlossen", adopted_by=space["internal"]
    )
    approved_minutes()
    assert recipients(mailoutbox) == {
        "mitglied0@example.org",
        "mitglied1@example.org",
        "ag-mitglied@example.org",
    }
    ag_mail = next(m for m in mailoutbox if m.to == ["ag-mitglied@example.org"])
    assert space["shared"].number in ag_mail.body
    assert space["internal"].number not in ag_mail.body
    assert space["internal"].title not in ag_mail.body
    assert "Das Protokoll:" not in ag_mail.body


def test_nothing_to_distribute_without_beschluesse(people, space, approved_minutes, mailoutbox):
    Beschluss.objects.filter(sitzung=space["past"]).update(status="aufgehoben")
    approved_minutes()
    assert mailoutbox == []


def test_other_gremien_get_nothing(make_user, people, space, approved_minutes, mailoutbox):
    other = make_gremium(name="Anderes Gremium", slug="anderes", prefix="AND")
    stranger = make_user("fremd", roles.INTEGRATIONSBEAUFTRAGTE)
    seat(other, stranger)
    beschluss(other, title="Fremder Beschluss", shared=True)
    approved_minutes()
    assert "fremd@example.org" not in recipients(mailoutbox)
    assert "aussen@example.org" not in recipients(mailoutbox)
