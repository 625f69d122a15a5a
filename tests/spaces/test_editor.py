"""The minutes editor: the Geschäftsführung (no admin access) writes the whole Protokoll on
one page; a mistake saves nothing and keeps everything typed."""

import pytest

from accounts import roles
from spaces.models import (
    Aufgabe,
    Beschluss,
    Protokoll,
    ProtokollStatus,
    Sitz,
    Tagesordnungspunkt,
)

from .conftest import seat


@pytest.fixture
def people(make_user, space):
    gremium = space["gremium"]
    member = make_user("mitglied", roles.EXTERNE_PARTNER, first_name="Mia", last_name="Muster")
    gf = make_user("gf", roles.INTEGRATIONSBEAUFTRAGTE, first_name="Gerd", last_name="Führer")
    seats = {
        "member": seat(gremium, member, label="Wohlfahrtsverband"),
        "gf": seat(gremium, gf, role=Sitz.Role.GESCHAEFTSFUEHRUNG, label="Geschäftsführung"),
    }
    return {"member": member, "gf": gf, "seats": seats}


def url(sitzung) -> str:
    return f"{sitzung.get_absolute_url()}protokoll/bearbeiten/"


def form_data(space, people, **extra) -> dict:
    top = Tagesordnungspunkt.objects.get(sitzung=space["past"])
    data = {
        f"top-{top.pk}-discussion": "Die Mitglieder begrüßen sich.",
        f"top-{top.pk}-beschluss-title": "Kursplätze ausbauen",
        f"top-{top.pk}-beschluss-text": "Die Lenkungsgruppe bittet um 40 weitere Plätze.",
        f"top-{top.pk}-beschluss-vote_yes": "7",
        f"top-{top.pk}-beschluss-vote_no": "0",
        f"top-{top.pk}-beschluss-vote_abstain": "1",
        f"top-{top.pk}-aufgabe-text": "Träger anschreiben",
        f"top-{top.pk}-aufgabe-assignee": str(people["member"].pk),
        "top-weitere-discussion": "Nächste Sitzung im Frühjahr.",
        f"sitz-{people['seats']['member'].pk}-status": "anwesend",
        f"sitz-{people['seats']['gf'].pk}-status": "anwesend",
        "gaeste": "Frau Gast, Jobcenter",
    }
    # The Beschlüsse already recorded (not yet part of the record) come back as shown.
    for beschluss in Beschluss.objects.filter(sitzung=space["past"], festgestellt_am=None):
        data[f"beschluss-{beschluss.pk}-title"] = beschluss.title
        data[f"beschluss-{beschluss.pk}-text"] = beschluss.text
    data.update(extra)
    return data


def test_the_geschaeftsfuehrung_writes_the_whole_minutes(client, space, people):
    client.force_login(people["gf"])
    assert client.get(url(space["past"])).status_code == 200
    response = client.post(url(space["past"]), form_data(space, people))
    assert response.status_code == 302
    protokoll = Protokoll.objects.get(sitzung=space["past"])
    assert protokoll.status == ProtokollStatus.ENTWURF
    assert sorted(p.discussion for p in protokoll.punkte.all()) == [
        "<p>Die Mitglieder begrüßen sich.</p>",
        "<p>Nächste Sitzung im Frühjahr.</p>",
    ]
    beschluss = Beschluss.objects.get(title="Kursplätze ausbauen")
    assert (beschluss.vote_yes, beschluss.vote_no, beschluss.vote_abstain) == (7, 0, 1)
    assert beschluss.vote_summary == "7 Ja, 0 Nein, 1 Enthaltung"
    assert Aufgabe.objects.get(protokoll=protokoll).assignee == people["member"]
    assert protokoll.anwesenheiten.count() == 3
    page = client.get(space["past"].get_absolute_url()).text
    assert "Die Lenkungsgruppe bittet um 40 weitere Plätze." in page
    # Saving again changes the existing entries instead of adding new ones.
    top = Tagesordnungspunkt.objects.get(sitzung=space["past"])
    again = form_data(space, people, **{f"top-{top.pk}-discussion": "Neu gefasst."})
    for key in list(again):
        if "-beschluss-" in key or "-aufgabe-" in key:
            del again[key]
    again[f"beschluss-{beschluss.pk}-title"] = beschluss.title
    again[f"beschluss-{beschluss.pk}-text"] = "Die Lenkungsgruppe bittet um 50 weitere Plätze."
    again[f"beschluss-{beschluss.pk}-vote_yes"] = "8"
    assert client.post(url(space["past"]), again).status_code == 302
    beschluss.refresh_from_db()
    assert beschluss.text.endswith("50 weitere Plätze.") and beschluss.vote_yes == 8
    assert beschluss.versionen.count() == 2
    assert Beschluss.objects.filter(title="Kursplätze ausbauen").count() == 1
    assert protokoll.punkte.filter(discussion="<p>Neu gefasst.</p>").exists()


def test_an_error_saves_nothing_and_keeps_every_input(client, space, people):
    client.force_login(people["gf"])
    top = Tagesordnungspunkt.objects.get(sitzung=space["past"])
    data = form_data(space, people, **{f"top-{top.pk}-aufgabe-assignee": ""})
    response = client.post(url(space["past"]), data)
    assert response.status_code == 400
    html = response.text
    assert "Bitte wählen Sie aus, wer die Aufgabe übernimmt." in html
    for typed in ("Die Mitglieder begrüßen sich.", "40 weitere Plätze", "Träger anschreiben"):
        assert typed in html
    assert not Protokoll.objects.filter(sitzung=space["past"]).exists()
    assert not Beschluss.objects.filter(title="Kursplätze ausbauen").exists()


def test_members_do_not_edit_and_approved_minutes_stay(client, space, people):
    client.force_login(people["member"])
    assert client.get(url(space["past"])).status_code == 403
    Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.GENEHMIGT)
    client.force_login(people["gf"])
    response = client.post(url(space["past"]), form_data(space, people), follow=True)
    assert "Berichtigung" in response.text
    assert not Beschluss.objects.filter(title="Kursplätze ausbauen").exists()


def test_no_minutes_for_a_future_sitzung(client, space, people):
    client.force_login(people["gf"])
    response = client.get(url(space["upcoming"]), follow=True)
    assert "noch nicht stattgefunden" in response.text
