"""Who sees what of a space: for each role, as member and as non-member, in every view."""

import pytest

from accounts import roles
from spaces.models import Beschluss, Gremium, Sitzung

from .conftest import seat

ROLES = [
    roles.KOORDINATION,
    roles.CASE_MANAGEMENT,
    roles.INTEGRATIONSBEAUFTRAGTE,
    roles.EXTERNE_PARTNER,
]


@pytest.fixture(params=[(role, member) for role in ROLES for member in (True, False)])
def viewer(request, make_user, space):
    role, member = request.param
    user = make_user("viewer", role)
    if member:
        seat(space["gremium"], user)
    sees_space = member or role == roles.KOORDINATION
    return user, sees_space


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
