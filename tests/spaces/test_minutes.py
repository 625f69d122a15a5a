"""Minutes written in the portal: attendance per seat, per-TOP rendering with discussion,
Beschlüsse and Aufgaben, Aufgaben edited on the minutes page, comments while circulated."""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from spaces.models import (
    Anwesenheit,
    Aufgabe,
    Kommentar,
    Protokoll,
    Protokollpunkt,
    ProtokollStatus,
    Sitz,
    Tagesordnungspunkt,
    TransitionRefused,
)

from .conftest import beschluss, seat


@pytest.fixture
def people(make_user, space):
    gremium = space["gremium"]
    member = make_user("mitglied", roles.EXTERNE_PARTNER, first_name="Mia", last_name="Muster")
    gf = make_user("gf", roles.INTEGRATIONSBEAUFTRAGTE, first_name="Gerd", last_name="Führer")
    reader = make_user("leser", roles.CASE_MANAGEMENT)
    outsider = make_user("aussen", roles.EXTERNE_PARTNER)
    seats = {
        "member": seat(gremium, member, label="Wohlfahrtsverband"),
        "gf": seat(gremium, gf, role=Sitz.Role.GESCHAEFTSFUEHRUNG, label="Geschäftsführung"),
        "vacant": seat(gremium, None, label="Jobcenter"),
    }
    gremium.shared_users.add(reader)
    return {"member": member, "gf": gf, "reader": reader, "outsider": outsider, "seats": seats}


@pytest.fixture
def minutes(space):
    sitzung = space["past"]
    top1 = Tagesordnungspunkt.objects.get(sitzung=sitzung)
    top2 = Tagesordnungspunkt.objects.create(sitzung=sitzung, title="Sprachkurse", sort_order=1)
    protokoll = Protokoll.objects.create(sitzung=sitzung, status=ProtokollStatus.VERTEILT)
    Protokollpunkt.objects.create(
        protokoll=protokoll, tagesordnungspunkt=top2, discussion="Wartezeiten sind zu lang."
    )
    Protokollpunkt.objects.create(protokoll=protokoll, discussion="Verschiedenes besprochen.")
    Beschluss = type(space["internal"])
    Beschluss.objects.filter(pk=space["internal"].pk).update(tagesordnungspunkt=top2)
    return {"sitzung": sitzung, "protokoll": protokoll, "top1": top1, "top2": top2}


def section(html: str, heading: str, next_heading: str) -> str:
    start = html.index(heading)
    return html[start : html.index(next_heading, start + len(heading))]


# --- per-TOP rendering ---------------------------------------------------------------------


def test_minutes_are_rendered_per_agenda_item(client, people, space, minutes):
    Aufgabe.objects.create(
        protokoll=minutes["protokoll"],
        tagesordnungspunkt=minutes["top2"],
        assignee=people["member"],
        text="Kursträger anschreiben",
        due_on=timezone.localdate() + datetime.timedelta(days=20),
        notified_assignee=people["member"],
    )
    client.force_login(people["member"])
    html = client.get(minutes["sitzung"].get_absolute_url()).text
    top2 = section(html, "TOP 2: Sprachkurse", "Weitere Punkte")
    assert "Wartezeiten sind zu lang." in top2
    assert space["internal"].number in top2 and "Interner Beschluss" in top2
    assert "Kursträger anschreiben" in top2 and "Mia Muster" in top2
    top1 = section(html, "TOP 1: Begrüßung", "TOP 2: Sprachkurse")
    assert "Zu diesem Punkt ist nichts protokolliert." in top1
    assert "Interner Beschluss" not in top1
    weitere = section(html, "Weitere Punkte", "Aufgaben aus dieser Sitzung")
    assert "Verschiedenes besprochen." in weitere
    assert "Freigegebener Beschluss" in weitere  # a Beschluss without TOP


def test_a_beschluss_only_under_a_top_of_its_own_sitzung(space, minutes):
    from django.core.exceptions import ValidationError

    other_top = Tagesordnungspunkt.objects.get(sitzung=space["upcoming"])
    decision = beschluss(space["gremium"], sitzung=space["past"], tagesordnungspunkt=other_top)
    with pytest.raises(ValidationError, match="gehört nicht zur gewählten Sitzung"):
        decision.full_clean()


# --- attendance ----------------------------------------------------------------------------


def attendance_url(sitzung) -> str:
    return f"{sitzung.get_absolute_url()}anwesenheit/"


def test_geschaeftsfuehrung_records_attendance_shown_in_the_minutes(client, people, space, minutes):
    seats = people["seats"]
    client.force_login(people["gf"])
    response = client.post(
        attendance_url(minutes["sitzung"]),
        {
            f"sitz-{seats['member'].pk}-status": "vertreten",
            f"sitz-{seats['member'].pk}-vertreten_durch": "Petra Probst",
            f"sitz-{seats['gf'].pk}-status": "anwesend",
            f"sitz-{seats['vacant'].pk}-status": "entschuldigt",
            "gaeste": "Maria Gast, Jobcenter\n\n",
        },
        follow=True,
    )
    assert "Die Anwesenheit ist im Protokoll festgehalten." in response.text
    lines = {(a.sitz_id, a.name, a.status, a.vertreten_durch) for a in Anwesenheit.objects.all()}
    assert lines == {
        (seats["member"].pk, "Mia Muster", "vertreten", "Petra Probst"),
        (seats["gf"].pk, "Gerd Führer", "anwesend", ""),
        (seats["vacant"].pk, "", "entschuldigt", ""),
        (None, "Maria Gast, Jobcenter", "anwesend", ""),
    }
    client.force_login(people["reader"])
    html = client.get(minutes["sitzung"].get_absolute_url()).text
    anwesenheit = section(html, 'id="anwesenheit-heading"', "TOP 1:")
    assert "vertreten durch Petra Probst" in anwesenheit
    assert "Maria Gast, Jobcenter" in anwesenheit
    assert "Anwesenheit erfassen" not in anwesenheit  # readers do not edit


def test_attendance_errors_are_german_and_keep_the_input(client, people, minutes):
    seats = people["seats"]
    client.force_login(people["gf"])
    response = client.post(
        attendance_url(minutes["sitzung"]),
        {
            f"sitz-{seats['member'].pk}-status": "vertreten",
            f"sitz-{seats['gf'].pk}-status": "anwesend",
            f"sitz-{seats['gf'].pk}-vertreten_durch": "Irgendwer",
            "gaeste": "Maria Gast",
        },
    )
    assert response.status_code == 400
    assert "Bitte geben Sie an, wer den Sitz vertreten hat (Name oder Sitz)." in response.text
    assert "Eine Vertretung gibt es nur bei „vertreten“." in response.text
    assert 'value="Irgendwer"' in response.text and "Maria Gast</textarea>" in response.text
    assert '<option value="vertreten" selected>' in response.text
    assert not Anwesenheit.objects.exists()


def test_attendance_only_by_editors_and_not_after_approval(client, people, minutes, koordination):
    url = attendance_url(minutes["sitzung"])
    client.force_login(people["member"])
    assert client.get(url).status_code == 403
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404
    Protokoll.objects.filter(pk=minutes["protokoll"].pk).update(status="genehmigt")
    client.force_login(koordination)
    response = client.post(url, {"gaeste": "Spät"}, follow=True)
    assert "Das Protokoll ist genehmigt; die Anwesenheit bleibt" in response.text
    assert not Anwesenheit.objects.exists()


def test_recording_attendance_starts_the_minutes_as_a_draft(client, people, space):
    client.force_login(people["gf"])
    client.post(attendance_url(space["past"]), {"gaeste": "Frau Gast"})
    protokoll = Protokoll.objects.get(sitzung=space["past"])
    assert protokoll.status == ProtokollStatus.ENTWURF
    assert [a.name for a in protokoll.anwesenheiten.all()] == ["Frau Gast"]


def test_no_minutes_for_a_future_sitzung(client, people, space):
    client.force_login(people["gf"])
    response = client.post(attendance_url(space["upcoming"]), {"gaeste": "Frau Gast"}, follow=True)
    assert "noch nicht stattgefunden" in response.content.decode()
    assert not Protokoll.objects.filter(sitzung=space["upcoming"]).exists()


# --- Geschäftsführung edits minutes ---------------------------------------------------------


def test_geschaeftsfuehrung_sees_drafts_and_moves_the_status(people, minutes):
    protokoll = minutes["protokoll"]
    Protokoll.objects.filter(pk=protokoll.pk).update(status="entwurf")
    protokoll.refresh_from_db()
    assert Protokoll.objects.visible_to(people["gf"]).filter(pk=protokoll.pk).exists()
    assert not Protokoll.objects.visible_to(people["member"]).filter(pk=protokoll.pk).exists()
    protokoll.change_status("verteilt", people["gf"])
    with pytest.raises(TransitionRefused, match="Nur die Geschäftsführung des Gremiums"):
        protokoll.change_status("genehmigt", people["member"])


# --- Aufgaben on the minutes page ------------------------------------------------------------


def new_task_url(sitzung) -> str:
    return f"{sitzung.get_absolute_url()}protokoll/aufgaben/neu/"


def test_editor_adds_a_task_on_the_minutes_page(client, people, minutes):
    client.force_login(people["gf"])
    page = client.get(minutes["sitzung"].get_absolute_url()).text
    assert "Aufgabe eintragen" in page
    due = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(
        new_task_url(minutes["sitzung"]),
        {
            "neu-tagesordnungspunkt": minutes["top2"].pk,
            "neu-assignee": people["member"].pk,
            "neu-text": "Kursplätze zählen",
            "neu-due_on": due.isoformat(),
        },
        follow=True,
    )
    assert "Die Aufgabe „Kursplätze zählen“ ist im Protokoll eingetragen." in response.text
    task = Aufgabe.objects.get()
    assert (task.assignee, task.tagesordnungspunkt, task.due_on) == (
        people["member"],
        minutes["top2"],
        due,
    )


def test_task_errors_are_german_and_keep_the_input(client, people, minutes):
    client.force_login(people["gf"])
    response = client.post(
        new_task_url(minutes["sitzung"]),
        {"neu-assignee": "", "neu-text": "Kursplätze zählen", "neu-due_on": "32.13.2026"},
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie aus, wer die Aufgabe übernimmt." in response.text
    assert "Bitte geben Sie das Datum als TT.MM.JJJJ an" in response.text
    assert "Kursplätze zählen</textarea>" in response.text
    assert 'value="32.13.2026"' in response.text
    assert not Aufgabe.objects.exists()


def test_outsiders_cannot_be_assigned(client, people, minutes):
    client.force_login(people["gf"])
    response = client.post(
        new_task_url(minutes["sitzung"]),
        {"neu-assignee": people["outsider"].pk, "neu-text": "Geheim"},
    )
    assert response.status_code == 400
    assert "Diese Person kann die Aufgabe nicht übernehmen" in response.text


def test_editing_a_task_and_who_may(client, people, minutes, koordination):
    task = Aufgabe.objects.create(
        protokoll=minutes["protokoll"], assignee=people["member"], text="Alt"
    )
    url = f"{minutes['sitzung'].get_absolute_url()}protokoll/aufgaben/{task.pk}/"
    client.force_login(people["member"])
    assert client.get(url).status_code == 403
    page = client.get(minutes["sitzung"].get_absolute_url()).text
    assert "Aufgabe eintragen" not in page and url not in page
    client.force_login(koordination)
    assert url in client.get(minutes["sitzung"].get_absolute_url()).text
    response = client.post(
        url, {"assignee": people["gf"].pk, "text": "Neu formuliert", "due_on": ""}, follow=True
    )
    assert "ist geändert" in response.text
    task.refresh_from_db()
    assert (task.text, task.assignee) == ("Neu formuliert", people["gf"])
    Protokoll.objects.filter(pk=minutes["protokoll"].pk).update(status="genehmigt")
    response = client.post(url, {"assignee": people["member"].pk, "text": "X"}, follow=True)
    assert "Das Protokoll ist genehmigt und bleibt unverändert." in response.text
    task.refresh_from_db()
    assert task.text == "Neu formuliert"


# --- comments ------------------------------------------------------------------------------


def comment_url(sitzung) -> str:
    return f"{sitzung.get_absolute_url()}protokoll/kommentare/"


def test_members_comment_on_circulated_minutes_per_top_and_on_the_whole(client, people, minutes):
    client.force_login(people["member"])
    url = comment_url(minutes["sitzung"])
    client.post(url, {"tagesordnungspunkt": minutes["top2"].pk, "text": "Bitte Zahlen ergänzen."})
    response = client.post(url, {"text": "Insgesamt einverstanden."}, follow=True)
    assert "Ihr Kommentar ist gespeichert." in response.text
    assert Kommentar.objects.count() == 2
    client.force_login(people["reader"])  # the space is shared with this person: reads
    html = client.get(minutes["sitzung"].get_absolute_url()).text
    assert "Bitte Zahlen ergänzen." in section(html, "TOP 2: Sprachkurse", "Weitere Punkte")
    assert "Insgesamt einverstanden." in section(
        html, 'id="kommentare-heading"', 'id="beschluesse-heading"'
    )
    assert "Kommentar senden" not in html


def test_the_editor_sees_the_comments_when_approving(client, people, minutes):
    Kommentar.add(minutes["protokoll"], people["member"], "Ein Einwand.")
    client.force_login(people["gf"])
    html = client.get(minutes["sitzung"].get_absolute_url()).text
    assert "Zum Protokoll gibt es 1 Kommentar." in html
    assert "Ein Einwand." in html and "Als genehmigt festhalten" in html


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("genehmigt", "Das Protokoll ist genehmigt; Kommentare sind nur möglich"),
        ("entwurf", "Das Protokoll ist noch nicht zur Kommentierung verteilt"),
    ],
)
def test_no_comments_outside_the_circulation(client, people, minutes, koordination, status, reason):
    Protokoll.objects.filter(pk=minutes["protokoll"].pk).update(status=status)
    client.force_login(koordination)
    response = client.post(comment_url(minutes["sitzung"]), {"text": "Zu spät"}, follow=True)
    assert reason in response.text
    assert not Kommentar.objects.exists()
    assert "Kommentar senden" not in response.text


def test_readers_and_outsiders_do_not_comment(client, people, minutes):
    client.force_login(people["reader"])
    response = client.post(comment_url(minutes["sitzung"]), {"text": "Hallo"}, follow=True)
    assert "nur zum Lesen geteilt" in response.text
    client.force_login(people["outsider"])
    assert client.post(comment_url(minutes["sitzung"]), {"text": "Hallo"}).status_code == 404
    assert not Kommentar.objects.exists()


def test_an_empty_comment_is_refused_in_german(client, people, minutes):
    client.force_login(people["member"])
    response = client.post(comment_url(minutes["sitzung"]), {"text": "  "}, follow=True)
    assert "Bitte schreiben Sie einen Kommentar" in response.text
    assert not Kommentar.objects.exists()
