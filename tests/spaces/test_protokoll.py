"""Minutes: draft -> circulated for comments -> approved, with a history; drafts stay internal."""

import pytest

from accounts import roles
from spaces.models import Protokoll, Protokollpunkt, ProtokollStatus, TransitionRefused

from .conftest import seat


@pytest.fixture
def protokoll(space):
    protokoll = Protokoll.objects.create(sitzung=space["past"])
    Protokollpunkt.objects.create(
        protokoll=protokoll,
        tagesordnungspunkt=space["past"].tagesordnung.first(),
        discussion="Beratung zur Begrüßung",
    )
    return protokoll


@pytest.fixture
def member(make_user, space):
    user = make_user("mitglied", roles.EXTERNE_PARTNER)
    seat(space["gremium"], user)
    return user


def test_workflow_with_history(koordination, protokoll):
    protokoll.change_status(ProtokollStatus.VERTEILT, koordination)
    protokoll.change_status(ProtokollStatus.GENEHMIGT, koordination)
    protokoll.refresh_from_db()
    assert protokoll.status == ProtokollStatus.GENEHMIGT
    assert list(protokoll.verlauf.values_list("from_status", "to_status")) == [
        ("entwurf", "verteilt"),
        ("verteilt", "genehmigt"),
    ]
    with pytest.raises(TransitionRefused, match="Genehmigte Protokolle bleiben unverändert"):
        protokoll.change_status(ProtokollStatus.ENTWURF, koordination)


def test_a_draft_cannot_be_approved_directly(koordination, protokoll):
    with pytest.raises(TransitionRefused, match="kann nicht"):
        protokoll.change_status(ProtokollStatus.GENEHMIGT, koordination)


def test_members_cannot_change_the_status(member, protokoll):
    with pytest.raises(TransitionRefused, match="Nur die Geschäftsführung des Gremiums"):
        protokoll.change_status(ProtokollStatus.VERTEILT, member)


def test_drafts_are_hidden_from_members(client, member, koordination, space, protokoll):
    url = space["past"].get_absolute_url()
    client.force_login(member)
    assert "Beratung zur Begrüßung" not in client.get(url).text
    client.force_login(koordination)
    response = client.post(f"{url}protokoll/status/", {"to": "verteilt"}, follow=True)
    assert "zur Kommentierung verteilt" in response.text
    client.force_login(member)
    page = client.get(url).text
    assert "Beratung zur Begrüßung" in page
    assert "Zur Kommentierung verteilen" not in page


def test_non_members_never_see_minutes(client, partner, space, protokoll, koordination):
    protokoll.change_status(ProtokollStatus.VERTEILT, koordination)
    assert not Protokoll.objects.visible_to(partner).exists()
    client.force_login(partner)
    url = space["past"].get_absolute_url()
    assert client.post(f"{url}protokoll/status/", {"to": "genehmigt"}).status_code == 404


def test_refusal_is_explained(client, koordination, space, protokoll):
    client.force_login(koordination)
    url = space["past"].get_absolute_url()
    response = client.post(f"{url}protokoll/status/", {"to": "genehmigt"}, follow=True)
    assert "kann nicht" in response.text
    protokoll.refresh_from_db()
    assert protokoll.status == ProtokollStatus.ENTWURF
