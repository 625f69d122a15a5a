"""Notifications of the spaces through portal.notifications: each person's choice per kind
(immediate mail, daily digest, none) is respected; the digest groups a person's items into one
mail, is sent once and leaves out what the person can no longer see; Aufgaben reminders are
sent once by the periodic job."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts import roles
from portal import notifications
from portal.models import Postausgang
from spaces.models import Aufgabe, Kommentar, Protokoll, ProtokollStatus, Sitz
from spaces.notifications import (
    KIND_BESCHLUESSE,
    KIND_ERINNERUNG,
    KIND_KOMMENTAR,
    KIND_VERTEILT,
    send_aufgaben_reminders,
)

from .conftest import seat


@pytest.fixture
def people(make_user, space):
    members = [make_user(f"mitglied{i}", roles.EXTERNE_PARTNER) for i in range(3)]
    for i, user in enumerate(members):
        seat(space["gremium"], user, label=f"Sitz {i}")
    return members


def to(mailoutbox) -> list[str]:
    return sorted(address for mail in mailoutbox for address in mail.to)


def choose(user, kind: str, mode: str) -> None:
    notifications.save_preferences(user, {kind: mode})


def circulate(protokoll, by, capture) -> None:
    with capture(execute=True):
        protokoll.change_status(ProtokollStatus.VERTEILT, by)


def test_circulated_minutes_respect_each_persons_choice(
    space, people, koordination, mailoutbox, django_capture_on_commit_callbacks
):
    choose(people[1], KIND_VERTEILT, notifications.DIGEST)
    choose(people[2], KIND_VERTEILT, notifications.NONE)
    protokoll = Protokoll.objects.create(sitzung=space["past"])
    circulate(protokoll, koordination, django_capture_on_commit_callbacks)
    # Immediate (the default) for mitglied0 only; the circulating Koordination gets nothing.
    assert to(mailoutbox) == ["mitglied0@example.org"]
    assert mailoutbox[0].subject == (
        "Protokoll zur Kommentierung: Lenkungsgruppe Test, Vergangene Sitzung"
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert call_command("send_digests") is None
    assert to(mailoutbox) == ["mitglied1@example.org"]
    assert "Vergangene Sitzung" in mailoutbox[0].body
    assert "Protokolle zur Kommentierung verteilt (1)" in mailoutbox[0].body


def test_a_comment_notifies_who_circulated_the_minutes_per_their_choice(
    space, people, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    gf = people[0]
    protokoll = Protokoll.objects.create(sitzung=space["past"])
    koordination = make_user("kora", roles.KOORDINATION)
    circulate(protokoll, koordination, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Kommentar.add(protokoll, gf, "Bitte TOP 1 ergänzen.")
    assert to(mailoutbox) == ["kora@example.org"]
    assert "Bitte TOP 1 ergänzen." in mailoutbox[0].body
    assert Postausgang.objects.filter(kind="Kommentar zum Protokoll").count() == 1
    # The author's own comment is not announced to them; "keine" means no mail at all.
    choose(koordination, KIND_KOMMENTAR, notifications.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        Kommentar.add(protokoll, people[1], "Einverstanden.")
        call_command("send_digests")
    assert len(mailoutbox) == 1


def test_digest_groups_items_into_one_mail_and_is_sent_once(
    space, people, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    koordination = make_user("kora", roles.KOORDINATION)
    choose(koordination, KIND_KOMMENTAR, notifications.DIGEST)
    protokoll = Protokoll.objects.create(sitzung=space["past"])
    circulate(protokoll, koordination, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Kommentar.add(protokoll, people[0], "Erster Kommentar")
        Kommentar.add(protokoll, people[1], "Zweiter Kommentar")
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert to(mailoutbox) == ["kora@example.org"]
    digest = mailoutbox[0]
    assert "Ihre tägliche Zusammenfassung (2 Neuigkeiten)" in digest.subject
    assert "Neue Kommentare zu Ihren Protokollen (2)" in digest.body
    assert Postausgang.objects.filter(kind="Tägliche Zusammenfassung").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert len(mailoutbox) == 1


def test_digest_leaves_out_what_the_person_can_no_longer_see(
    space, people, koordination, mailoutbox, django_capture_on_commit_callbacks
):
    for user, mode in zip(people, ["taeglich", "taeglich", "keine"], strict=True):
        choose(user, KIND_BESCHLUESSE, mode)
        choose(user, KIND_VERTEILT, mode)
    protokoll = Protokoll.objects.create(sitzung=space["past"])
    circulate(protokoll, koordination, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        protokoll.change_status(ProtokollStatus.GENEHMIGT, koordination)
    assert mailoutbox == []
    # mitglied1 leaves the Gremium before the digest goes out.
    people[1].gremium_mitgliedschaften.update(ended_on=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert to(mailoutbox) == ["mitglied0@example.org"]
    assert "Interner Beschluss" not in mailoutbox[0].body  # the digest lists subjects only
    assert "Neue Beschlüsse (1)" in mailoutbox[0].body


def test_reminders_are_sent_once_by_the_job(
    space, people, koordination, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SPACES_AUFGABE_REMINDER_DAYS = 3
    today = timezone.localdate()
    protokoll = Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)
    soon = Aufgabe.objects.create(
        protokoll=protokoll, assignee=people[0], text="Bald", due_on=today + datetime.timedelta(2)
    )
    Aufgabe.objects.create(
        protokoll=protokoll, assignee=people[1], text="Heute", due_on=today, notified_assignee=None
    )
    Aufgabe.objects.create(
        protokoll=protokoll,
        assignee=people[2],
        text="Später",
        due_on=today + datetime.timedelta(10),
    )
    done = Aufgabe.objects.create(
        protokoll=protokoll, assignee=people[2], text="Erledigt", due_on=today
    )
    done.mark_done()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_aufgaben_reminders")
    assert to(mailoutbox) == ["mitglied0@example.org", "mitglied1@example.org"]
    bodies = {mail.to[0]: mail.body for mail in mailoutbox}
    assert "in 2 Tagen fällig" in bodies["mitglied0@example.org"]
    assert "heute fällig" in bodies["mitglied1@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_aufgaben_reminders")
    assert len(mailoutbox) == 2  # running the job again sends nothing new
    # Two days later: the first task is due today, the second overdue; each told once more.
    with django_capture_on_commit_callbacks(execute=True):
        send_aufgaben_reminders(today=soon.due_on)
        send_aufgaben_reminders(today=soon.due_on)
    later = {mail.to[0]: mail.body for mail in mailoutbox[2:]}
    assert len(mailoutbox) == 4
    assert "heute fällig" in later["mitglied0@example.org"]
    assert "überfällig" in later["mitglied1@example.org"]


def test_a_reminder_in_the_digest_is_dropped_when_the_task_is_done(
    space, people, mailoutbox, django_capture_on_commit_callbacks
):
    choose(people[0], KIND_ERINNERUNG, notifications.DIGEST)
    protokoll = Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)
    task = Aufgabe.objects.create(
        protokoll=protokoll, assignee=people[0], text="Bald", due_on=timezone.localdate()
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_aufgaben_reminders")
    mailoutbox.clear()
    task.mark_done()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert mailoutbox == []


def test_comments_on_ones_minutes_are_offered_only_to_those_who_write_minutes(
    client, space, people
):
    client.force_login(people[0])
    html = client.get("/konto/profil/").content.decode()
    assert "Protokolle zur Kommentierung verteilt" in html
    assert "Neue Kommentare zu Ihren Protokollen" not in html
    seat(space["gremium"], people[0], role=Sitz.Role.GESCHAEFTSFUEHRUNG, label="Geschäftsführung")
    html = client.get("/konto/profil/").content.decode()
    assert "Neue Kommentare zu Ihren Protokollen" in html


def test_the_profile_page_saves_the_choice(client, space, people):
    seat(space["gremium"], people[0], role=Sitz.Role.GESCHAEFTSFUEHRUNG, label="Geschäftsführung")
    client.force_login(people[0])
    page = client.get("/konto/profil/")
    assert page.status_code == 200
    assert "Neue Kommentare zu Ihren Protokollen" in page.content.decode()
    data = {f"benachrichtigung-{kind.key}": kind.default for kind in notifications.kinds()} | {
        f"benachrichtigung-{KIND_KOMMENTAR}": notifications.DIGEST
    }
    response = client.post("/konto/profil/", data, follow=True)
    assert "Ihre Einstellungen zu Benachrichtigungen sind gespeichert." in (
        response.content.decode()
    )
    assert notifications.preference(people[0], KIND_KOMMENTAR) == notifications.DIGEST
    data[f"benachrichtigung-{KIND_KOMMENTAR}"] = "unsinn"
    response = client.post("/konto/profil/", data)
    assert "Bitte prüfen Sie Ihre Auswahl." in response.content.decode()
    assert notifications.preference(people[0], KIND_KOMMENTAR) == notifications.DIGEST
