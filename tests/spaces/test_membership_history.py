"""Memberships have dates: ending one removes access, the history stays."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import roles
from spaces.models import Gremium, Mitgliedschaft

from .conftest import seat

TODAY = timezone.localdate()


def test_ending_a_membership_removes_access_and_keeps_the_history(client, make_user, space):
    user = make_user("mitglied", roles.EXTERNE_PARTNER)
    sitz = seat(space["gremium"], user)
    client.force_login(user)
    url = space["gremium"].get_absolute_url()
    assert client.get(url).status_code == 200

    membership = Mitgliedschaft.objects.get(sitz=sitz, user=user)
    membership.end()

    assert client.get(url).status_code == 404
    assert client.get(space["internal"].get_absolute_url()).status_code == 404
    history = Mitgliedschaft.objects.get(sitz=sitz, user=user)
    assert history.ended_on == TODAY
    assert not history.is_active()
    assert history.is_active(on=TODAY - datetime.timedelta(days=1))


def test_a_successor_takes_the_seat_after_the_predecessor_left(make_user, space):
    first = make_user("erste", roles.EXTERNE_PARTNER)
    second = make_user("zweite", roles.EXTERNE_PARTNER)
    sitz = seat(space["gremium"], first)
    Mitgliedschaft.objects.get(user=first).end()
    successor = Mitgliedschaft(sitz=sitz, user=second, started_on=TODAY)
    successor.full_clean()
    successor.save()
    assert list(Gremium.objects.visible_to(second)) == [space["gremium"]]
    assert not Gremium.objects.visible_to(first).exists()
    assert Mitgliedschaft.objects.filter(sitz=sitz).count() == 2


def test_future_membership_gives_no_access_yet(make_user, space):
    user = make_user("bald", roles.CASE_MANAGEMENT)
    seat(space["gremium"], user, started_on=TODAY + datetime.timedelta(days=3))
    assert not Gremium.objects.visible_to(user).exists()


def test_a_membership_is_not_rewritten_to_another_person(make_user, space):
    first = make_user("erste", roles.EXTERNE_PARTNER)
    second = make_user("zweite", roles.EXTERNE_PARTNER)
    seat(space["gremium"], first)
    membership = Mitgliedschaft.objects.get(user=first)
    membership.user = second
    with pytest.raises(ValidationError, match="nicht umgeschrieben"):
        membership.full_clean()


def test_a_seat_is_held_by_one_person_at_a_time(make_user, space):
    first = make_user("erste", roles.EXTERNE_PARTNER)
    second = make_user("zweite", roles.EXTERNE_PARTNER)
    sitz = seat(space["gremium"], first)
    overlapping = Mitgliedschaft(sitz=sitz, user=second, started_on=TODAY)
    with pytest.raises(ValidationError, match="schon besetzt"):
        overlapping.full_clean()


def test_vacant_seat_is_shown_as_vacant(client, koordination, space):
    seat(space["gremium"], None, label="Sitz der Migrantenorganisationen")
    client.force_login(koordination)
    page = client.get(space["gremium"].get_absolute_url()).content.decode()
    assert "Sitz der Migrantenorganisationen" in page
    assert "unbesetzt" in page


def test_reserved_slugs_are_refused(db):
    gremium = Gremium(name="Kalender", slug="kalender", prefix="KA", kind="sonstiges")
    with pytest.raises(ValidationError, match="reserviert"):
        gremium.full_clean()
