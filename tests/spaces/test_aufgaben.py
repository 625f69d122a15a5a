"""Aufgaben from the minutes: on the minutes and on the assignee's home page until done."""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from spaces.models import Aufgabe, Protokoll, ProtokollStatus

from .conftest import seat


@pytest.fixture
def member(make_user, space):
    user = make_user("mitglied", roles.EXTERNE_PARTNER, first_name="Mia")
    seat(space["gremium"], user)
    return user


@pytest.fixture
def protokoll(space):
    return Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)


def task(protokoll, user, text="Merkblatt übersetzen lassen", days=14) -> Aufgabe:
    return Aufgabe.objects.create(
        protokoll=protokoll,
        assignee=user,
        text=text,
        due_on=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_open_tasks_on_the_home_page_until_done(client, member, protokoll):
    aufgabe = task(protokoll, member)
    task(protokoll, member, text="Schon erledigt").mark_done()
    client.force_login(member)
    home = client.get("/").text
    assert "Ihre offenen Aufgaben aus Protokollen" in home
    assert "Merkblatt übersetzen lassen" in home
    assert "Schon erledigt" not in home
    response = client.post(f"/gremien/aufgaben/{aufgabe.pk}/erledigt/", {"next": "/"}, follow=True)
    assert "ist als erledigt vermerkt" in response.text
    assert "Merkblatt übersetzen lassen" not in client.get("/").text
    aufgabe.refresh_from_db()
    assert aufgabe.done


def test_tasks_of_draft_minutes_stay_hidden(client, member, protokoll):
    Protokoll.objects.filter(pk=protokoll.pk).update(status=ProtokollStatus.ENTWURF)
    task(protokoll, member, text="Noch im Entwurf")
    client.force_login(member)
    assert "Noch im Entwurf" not in client.get("/").text
    assert "Noch im Entwurf" not in client.get(protokoll.sitzung.get_absolute_url()).text


def test_only_the_assignee_or_koordination_closes(
    client, make_user, member, protokoll, koordination
):
    aufgabe = task(protokoll, member)
    colleague = make_user("kollegin", roles.EXTERNE_PARTNER)
    seat(protokoll.sitzung.gremium, colleague, label="Zweiter Sitz")
    outsider = make_user("aussen", roles.EXTERNE_PARTNER)
    url = f"/gremien/aufgaben/{aufgabe.pk}/erledigt/"
    for user in (colleague, outsider):
        client.force_login(user)
        assert client.post(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 405
    client.force_login(koordination)
    assert client.post(url).status_code == 302
    aufgabe.refresh_from_db()
    assert aufgabe.done


def test_next_must_stay_on_the_site(client, member, protokoll):
    aufgabe = task(protokoll, member)
    client.force_login(member)
    response = client.post(
        f"/gremien/aufgaben/{aufgabe.pk}/erledigt/", {"next": "https://example.com/"}
    )
    assert response["Location"] == protokoll.sitzung.get_absolute_url()


def test_tasks_are_shown_on_the_minutes(client, member, protokoll):
    task(protokoll, member)
    client.force_login(member)
    page = client.get(protokoll.sitzung.get_absolute_url()).text
    assert "Aufgaben" in page and "Merkblatt übersetzen lassen" in page and "Mia" in page


def test_home_page_queries_do_not_grow(client, member, protokoll, django_assert_max_num_queries):
    client.force_login(member)

    def count() -> int:
        client.get("/")
        with django_assert_max_num_queries(40) as captured:
            assert client.get("/").status_code == 200
        return len(captured.captured_queries)

    task(protokoll, member)
    few = count()
    for i in range(8):
        task(protokoll, member, text=f"Aufgabe {i}")
    assert count() == few


def test_admin_edits_tasks_inline_with_the_minutes(client, koordination, protokoll, member):
    task(protokoll, member)
    client.force_login(koordination)
    page = client.get(f"/admin/snippets/spaces/protokoll/edit/{protokoll.pk}/").text
    assert "Merkblatt übersetzen lassen" in page
