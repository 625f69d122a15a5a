"""E-mail to an Aufgabe's assignee when a task is set or reassigned: exactly the assignee, only
when the assignee may see the task, once per assignment, with only that task."""

import pytest

from accounts import roles
from spaces.models import Aufgabe, Protokoll, ProtokollStatus

from .conftest import seat


@pytest.fixture
def people(make_user, space):
    members = [make_user(f"mitglied{i}", roles.EXTERNE_PARTNER) for i in range(3)]
    for i, user in enumerate(members):
        seat(space["gremium"], user, label=f"Sitz {i}")
    return members


def recipients(mailoutbox) -> list[str]:
    return [address for mail in mailoutbox for address in mail.to + mail.cc + mail.bcc]


def new_task(protokoll, user, text="Merkblatt übersetzen") -> Aufgabe:
    return Aufgabe.objects.create(protokoll=protokoll, assignee=user, text=text)


def test_set_and_reassigned_tasks_are_mailed_to_the_assignee_only(
    space, people, mailoutbox, django_capture_on_commit_callbacks
):
    protokoll = Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)
    other = new_task(protokoll, people[2], text="Andere Aufgabe")
    Aufgabe.objects.filter(pk=other.pk).update(notified_assignee=people[2])
    with django_capture_on_commit_callbacks(execute=True):
        task = new_task(protokoll, people[0])
    assert recipients(mailoutbox) == ["mitglied0@example.org"]
    mail = mailoutbox[0]
    assert mail.subject == "Aufgabe aus dem Protokoll: Lenkungsgruppe Test, Vergangene Sitzung"
    assert "Merkblatt übersetzen" in mail.body and "Andere Aufgabe" not in mail.body
    assert "Interner Beschluss" not in mail.body
    with django_capture_on_commit_callbacks(execute=True):
        task.text = "Merkblatt übersetzen lassen"
        task.save()  # same assignee: no second mail
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        task.assignee = people[1]
        task.save()
    assert recipients(mailoutbox) == ["mitglied0@example.org", "mitglied1@example.org"]
    assert "jetzt Ihnen übertragen" in mailoutbox[1].body


def test_tasks_in_drafts_are_mailed_when_the_minutes_are_circulated(
    space, people, koordination, mailoutbox, django_capture_on_commit_callbacks
):
    protokoll = Protokoll.objects.create(sitzung=space["past"])
    with django_capture_on_commit_callbacks(execute=True):
        new_task(protokoll, people[0])
        done = new_task(protokoll, people[1], text="Schon erledigt")
        done.mark_done()
    assert mailoutbox == []  # the assignee cannot see a draft yet
    with django_capture_on_commit_callbacks(execute=True):
        protokoll.change_status("verteilt", koordination)
    # (Every member is also told that the minutes are circulated: test_notification_preferences.)
    tasks = [m for m in mailoutbox if m.subject.startswith("Aufgabe aus dem Protokoll")]
    assert recipients(tasks) == ["mitglied0@example.org"]


def test_an_assignee_without_access_gets_no_mail(
    space, people, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    protokoll = Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)
    outsider = make_user("aussen", roles.EXTERNE_PARTNER)
    with django_capture_on_commit_callbacks(execute=True):
        new_task(protokoll, outsider)
    assert mailoutbox == []


def test_the_minutes_page_form_mails_the_assignee(
    client, space, people, koordination, mailoutbox, django_capture_on_commit_callbacks
):
    Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)
    client.force_login(koordination)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{space['past'].get_absolute_url()}protokoll/aufgaben/neu/",
            {"neu-assignee": people[1].pk, "neu-text": "Raum buchen"},
        )
    assert recipients(mailoutbox) == ["mitglied1@example.org"]
