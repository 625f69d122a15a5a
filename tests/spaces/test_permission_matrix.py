"""Who sees what of a space: for each role, as member, as a person or group the space is
shared with, and as outsider, in every view (pages, listings, calendar, feed, search,
notification recipients, documents)."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from spaces.models import Beschluss, Gremium, KalenderAbo, Protokoll, Sitzung
from spaces.notifications import beschluss_distribution
from tests.search.conftest import run_search

from .conftest import seat

ROLES = [
    roles.KOORDINATION,
    roles.CASE_MANAGEMENT,
    roles.INTEGRATIONSBEAUFTRAGTE,
    roles.EXTERNE_PARTNER,
]


RELATIONS = ["member", "shared_user", "shared_group", "outsider"]


@pytest.fixture(params=[(role, relation) for role in ROLES for relation in RELATIONS])
def viewer(request, make_user, space):
    role, relation = request.param
    user = make_user("viewer", role)
    if relation == "member":
        seat(space["gremium"], user)
    elif relation == "shared_user":
        space["gremium"].shared_users.add(user)
    elif relation == "shared_group":
        space["gremium"].shared_groups.add(Group.objects.get(name=role))
    sees_space = relation != "outsider" or role == roles.KOORDINATION
    user.relation = relation
    return user, sees_space


def test_feed_search_and_notifications(client, space, viewer):
    user, sees_space = viewer
    protokoll = Protokoll.objects.create(sitzung=space["past"], status="genehmigt")
    feed = client.get(f"/gremien/kalender/{KalenderAbo.issue(user)}.ics").content.decode()
    assert ("Kommende Sitzung" in feed) is sees_space
    found = {hit.title for hit in run_search(user, "Beschluss").hits}
    assert (str(space["internal"]) in found) is sees_space
    assert str(space["shared"]) in found
    distribution = {entry.user.pk: entry.beschluesse for entry in beschluss_distribution(protokoll)}
    # Members and everyone the space is shared with get all of the Sitzung's decisions; the
    # KIM-Koordination sees the space but is mailed only where it holds a seat or is shared.
    if user.relation == "outsider":
        assert user.pk not in distribution
    else:
        assert set(distribution[user.pk]) == {space["internal"], space["shared"]}


def test_circulated_minutes_for_readers_drafts_only_for_editors(client, space, viewer):
    user, sees_space = viewer
    protokoll = Protokoll.objects.create(sitzung=space["past"], status="entwurf")
    assert (
        Protokoll.objects.visible_to(user).exists()
        is user.groups.filter(name=roles.KOORDINATION).exists()
    )
    Protokoll.objects.filter(pk=protokoll.pk).update(status="verteilt")
    assert Protokoll.objects.visible_to(user).exists() is sees_space


def status(client, url: str) -> int:
    return client.get(url).status_code


def test_pages(client, space, viewer):
    user, sees_space = viewer
    client.force_login(user)
    gremium, internal, shared = space["gremium"], space["internal"], space["shared"]
    expected = 200 if sees_space else 404
    assert status(client, gremium.get_absolute_url()) == expected
    assert status(client, space["upcoming"].get_absolute_url()) == expected
    assert status(client, space["past"].get_absolute_url()) == expected
    assert status(client, internal.get_absolute_url()) == expected
    assert status(client, shared.get_absolute_url()) == 200


def test_listings_and_calendar(client, space, viewer):
    user, sees_space = viewer
    client.force_login(user)
    overview = client.get("/gremien/").content.decode()
    register = client.get("/gremien/beschluesse/").content.decode()
    calendar = client.get("/gremien/kalender/").content.decode()
    assert (space["gremium"].name in overview) is sees_space
    assert (space["internal"].number in register) is sees_space
    assert space["shared"].number in register
    assert ("Kommende Sitzung" in calendar) is sees_space
    assert "Vergangene Sitzung" not in calendar


def test_querysets(space, viewer):
    user, sees_space = viewer
    assert Gremium.objects.visible_to(user).filter(pk=space["gremium"].pk).exists() is sees_space
    assert Sitzung.objects.visible_to(user).filter(gremium=space["gremium"]).count() == (
        2 if sees_space else 0
    )
    visible = set(Beschluss.objects.visible_to(user).values_list("title", flat=True))
    assert visible == (
        {"Interner Beschluss", "Freigegebener Beschluss"}
        if sees_space
        else {"Freigegebener Beschluss"}
    )


def test_released_beschluss_does_not_link_into_a_closed_space(client, space, partner):
    client.force_login(partner)
    page = client.get(space["shared"].get_absolute_url()).content.decode()
    assert space["gremium"].name in page
    assert space["gremium"].get_absolute_url() not in page
    assert space["past"].get_absolute_url() not in page


def test_register_filter_cannot_reveal_internal_decisions(client, space, partner):
    client.force_login(partner)
    page = client.get(
        "/gremien/beschluesse/", {"gremium": space["gremium"].slug, "status": "offen"}
    ).content.decode()
    assert space["shared"].number in page
    assert space["internal"].number not in page


def test_superuser_sees_everything(client, space, make_user):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert status(client, space["gremium"].get_absolute_url()) == 200
    assert status(client, space["internal"].get_absolute_url()) == 200


def test_unknown_and_closed_look_the_same(client, space, partner):
    client.force_login(partner)
    assert status(client, "/gremien/gibt-es-nicht/") == 404
    assert status(client, space["gremium"].get_absolute_url()) == 404
    assert status(client, "/gremien/beschluesse/XX-2026-99/") == 404


@pytest.mark.parametrize("url", ["/gremien/", "/gremien/beschluesse/", "/gremien/kalender/"])
def test_anonymous_visitors_go_to_the_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_anonymous_sees_nothing_in_querysets(space):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not Gremium.objects.visible_to(anonymous).exists()
    assert not Sitzung.objects.visible_to(anonymous).exists()
    assert not Beschluss.objects.visible_to(anonymous).exists()
