"""'Tagesordnung bearbeiten' in the portal: the Geschäftsführung changes title, video link and
TOPs of an upcoming Sitzung without the admin; all or nothing, input kept on errors; refused
once the Sitzung has begun, is cancelled or has minutes; others get 404."""

import pytest

from accounts import roles
from spaces.models import Sitzung, Tagesordnungspunkt
from spaces.transitions import SITZUNG


@pytest.fixture
def agenda(space):
    sitzung = space["upcoming"]
    sitzung.tagesordnung.all().delete()
    first = Tagesordnungspunkt.objects.create(sitzung=sitzung, title="Begrüßung", sort_order=0)
    second = Tagesordnungspunkt.objects.create(
        sitzung=sitzung, title="Bericht der Koordination", sort_order=1
    )
    return sitzung, first, second


def url(sitzung) -> str:
    return f"{sitzung.get_absolute_url()}tagesordnung/"


def _data(sitzung, first, second, **extra) -> dict:
    data = {
        "sitzung-title": sitzung.title,
        "sitzung-video_url": "",
        "top-TOTAL_FORMS": "3",
        "top-INITIAL_FORMS": "2",
        "top-MIN_NUM_FORMS": "0",
        "top-MAX_NUM_FORMS": "1000",
        "top-0-id": str(first.pk),
        "top-0-sitzung": str(sitzung.pk),
        "top-0-title": first.title,
        "top-0-ORDER": "1",
        "top-1-id": str(second.pk),
        "top-1-sitzung": str(sitzung.pk),
        "top-1-title": second.title,
        "top-1-ORDER": "2",
        "top-2-sitzung": str(sitzung.pk),
        "top-2-title": "",
        "top-2-ORDER": "",
    }
    data.update(extra)
    return data


def _titles(sitzung) -> list[str]:
    return list(sitzung.tagesordnung.order_by("sort_order").values_list("title", flat=True))


def test_the_geschaeftsfuehrung_edits_title_agenda_and_video_link(
    client, space, member_and_gf, agenda, koordination, mailoutbox
):
    sitzung, first, second = agenda
    SITZUNG.apply(sitzung, Sitzung.Status.EINGELADEN, by=koordination)
    mailoutbox.clear()
    client.force_login(member_and_gf["gf"])
    assert "Tagesordnung bearbeiten" in client.get(sitzung.get_absolute_url()).text
    page = client.get(url(sitzung)).text
    assert "Thema (TOP 2)" in page and "Thema (neuer TOP)" in page
    data = _data(
        sitzung,
        first,
        second,
        **{
            "sitzung-title": "13. Sitzung",
            "sitzung-video_url": "https://video.example.org/kim",
            # TOP 1 is struck, a new TOP goes first (position 0), TOP 2 gets a description.
            "top-2-title": "Wohnraum für Geflüchtete",
            "top-2-presenter": "Sozialamt",
            "top-2-ORDER": "0",
            "top-0-DELETE": "on",
            "top-1-description": "Stand der Fallrekonstruktionen",
        },
    )
    response = client.post(url(sitzung), data)
    assert response.status_code == 302
    sitzung.refresh_from_db()
    assert (sitzung.title, sitzung.video_url) == ("13. Sitzung", "https://video.example.org/kim")
    assert _titles(sitzung) == ["Wohnraum für Geflüchtete", "Bericht der Koordination"]
    assert sitzung.tagesordnung.get(title="Bericht der Koordination").description == (
        "Stand der Fallrekonstruktionen"
    )
    # The title is part of the calendar entry: the invited members get the update.
    assert {m.subject.split(":")[0] for m in mailoutbox} == {"Geänderte Sitzung"}
    assert len(mailoutbox) == 2
    shown = client.get(sitzung.get_absolute_url()).text
    assert "Titel, Tagesordnung und Videokonferenz sind gespeichert." in shown
    assert "Wohnraum für Geflüchtete" in shown


def test_errors_keep_every_input_and_save_nothing(client, space, member_and_gf, agenda):
    sitzung, first, second = agenda
    client.force_login(member_and_gf["gf"])
    data = _data(
        sitzung,
        first,
        second,
        **{
            "sitzung-title": "Neuer Titel",
            "sitzung-video_url": "kein link",
            "top-1-title": "",
            "top-2-title": "Neuer Punkt",
        },
    )
    response = client.post(url(sitzung), data)
    assert response.status_code == 400
    text = response.text
    assert "Nichts wurde gespeichert" in text
    assert "Bitte geben Sie eine vollständige Adresse wie https://… an." in text
    assert "Thema (TOP 2): Bitte geben Sie das Thema des TOP an." in text
    assert 'value="Neuer Titel"' in text and 'value="Neuer Punkt"' in text
    sitzung.refresh_from_db()
    assert sitzung.title == "Kommende Sitzung"
    assert _titles(sitzung) == ["Begrüßung", "Bericht der Koordination"]


def test_refused_for_past_cancelled_sitzungen(client, space, member_and_gf, agenda):
    sitzung, first, second = agenda
    client.force_login(member_and_gf["gf"])
    SITZUNG.apply(sitzung, Sitzung.Status.ABGESAGT, by=member_and_gf["gf"], reason="Krank")
    response = client.post(url(sitzung), _data(sitzung, first, second, **{"top-0-DELETE": "on"}))
    assert response.status_code == 400
    assert "Die Sitzung ist abgesagt." in response.text
    assert _titles(sitzung) == ["Begrüßung", "Bericht der Koordination"]
    past = space["past"]
    assert "hat schon begonnen oder stattgefunden" in client.get(url(past)).text
    response = client.post(url(past), {"sitzung-title": "Umbenannt"})
    assert response.status_code == 400
    assert Sitzung.objects.get(pk=past.pk).title == past.title


def test_members_and_outsiders_get_404(client, space, member_and_gf, agenda, make_user):
    sitzung, first, second = agenda
    client.force_login(member_and_gf["member"])
    assert "Tagesordnung bearbeiten" not in client.get(sitzung.get_absolute_url()).text
    assert client.get(url(sitzung)).status_code == 404
    data = _data(sitzung, first, second, **{"sitzung-title": "Gekapert"})
    assert client.post(url(sitzung), data).status_code == 404
    client.force_login(make_user("aussen", roles.EXTERNE_PARTNER))
    assert client.post(url(sitzung), data).status_code == 404
    assert Sitzung.objects.get(pk=sitzung.pk).title == "Kommende Sitzung"
