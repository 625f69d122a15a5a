"""The personal iCal feed: secret, revocable, valid, and only what the user may see."""

import re

import pytest
from icalendar import Calendar

from accounts import roles
from spaces.models import KalenderAbo, Mitgliedschaft

from .conftest import make_gremium, seat, sitzung


def feed_path(client) -> str:
    page = client.post("/gremien/kalender/abonnement/", {"action": "erzeugen"})
    assert page.status_code == 200
    match = re.search(r'value="http://testserver(/gremien/kalender/[^"]+\.ics)"', page.text)
    assert match, page.text
    return match.group(1)


def events(client, path: str) -> dict[str, str]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): str(e["uid"]) for e in calendar.walk("VEVENT")}


@pytest.fixture
def member(make_user, space):
    user = make_user("mitglied", roles.INTEGRATIONSBEAUFTRAGTE)
    seat(space["gremium"], user)
    return user


def test_feed_holds_only_visible_sitzungen(client, member, space):
    other = make_gremium("Geschlossener Kreis", "geschlossen", "GK")
    sitzung(other, title="Geheim")
    client.force_login(member)
    path = feed_path(client)
    client.logout()  # the token replaces the login
    summaries = events(client, path)
    assert set(summaries) == {
        "Lenkungsgruppe Test: Kommende Sitzung",
        "Lenkungsgruppe Test: Vergangene Sitzung",
    }
    assert len(set(summaries.values())) == 2


def test_feed_follows_membership_changes(client, member, space):
    client.force_login(member)
    path = feed_path(client)
    Mitgliedschaft.objects.get(user=member).end()
    assert events(client, path) == {}


def test_new_address_replaces_and_revoking_ends_the_old_one(client, member):
    client.force_login(member)
    first = feed_path(client)
    second = feed_path(client)
    assert first != second
    assert client.get(first).status_code in (302, 404)
    assert client.get(second).status_code == 200
    client.post("/gremien/kalender/abonnement/", {"action": "widerrufen"})
    assert not KalenderAbo.objects.filter(user=member).exists()
    client.logout()
    response = client.get(second)
    assert response.status_code in (302, 404)
    assert b"VCALENDAR" not in response.content


def test_only_a_digest_is_stored(client, member):
    client.force_login(member)
    path = feed_path(client)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in KalenderAbo.objects.get(user=member).token_digest


def test_deactivated_user_gets_no_feed(client, member):
    client.force_login(member)
    path = feed_path(client)
    member.is_active = False
    member.save()
    client.logout()
    assert client.get(path).status_code in (302, 404)


def test_unknown_action_is_refused_with_a_reason(client, member):
    client.force_login(member)
    response = client.post("/gremien/kalender/abonnement/", {"action": "x"}, follow=True)
    assert "Diese Aktion gibt es nicht" in response.text
