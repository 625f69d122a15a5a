"""The official record: approved minutes and their Beschlüsse are frozen everywhere (models,
so the admin, views and shell alike), corrections are numbered Berichtigungen with their own
approval, every wording of a Beschluss is kept, released Beschlüsse reach outsiders only as
part of the record; the models check dates and whose decision adopts a Zielsystem."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import roles
from portal.transitions import TransitionRefused, machine_for
from spaces.models import (
    Anwesenheit,
    Aufgabe,
    Berichtigung,
    Beschluss,
    Protokoll,
    Protokollpunkt,
    ProtokollStatus,
    RecordFrozen,
    Sitz,
    Sitzung,
    Zielsystem,
)

from .conftest import beschluss, make_gremium, seat, sitzung


@pytest.fixture
def record(make_user, space):
    gremium = space["gremium"]
    member = make_user("mitglied", roles.EXTERNE_PARTNER, first_name="Mia", last_name="Muster")
    gf = make_user("gf", roles.INTEGRATIONSBEAUFTRAGTE, first_name="Gerd", last_name="Führer")
    outsider = make_user("aussen", roles.EXTERNE_PARTNER)
    seat(gremium, member, label="Wohlfahrtsverband")
    seat(gremium, gf, role=Sitz.Role.GESCHAEFTSFUEHRUNG, label="Geschäftsführung")
    past = space["past"]
    protokoll = Protokoll.objects.create(sitzung=past, status=ProtokollStatus.VERTEILT)
    punkt = Protokollpunkt.objects.create(
        protokoll=protokoll, discussion="Alte Fassung des Punkts."
    )
    released = beschluss(
        gremium,
        title="Neuer Beschluss",
        shared=True,
        sitzung=past,
        on=timezone.localtime(past.starts_at).date(),
    )
    return {
        "member": member,
        "gf": gf,
        "outsider": outsider,
        "protokoll": protokoll,
        "punkt": punkt,
        "released": released,
    }


def approve(record) -> Protokoll:
    protokoll = record["protokoll"]
    protokoll.change_status(ProtokollStatus.GENEHMIGT, record["gf"])
    protokoll.refresh_from_db()
    return protokoll


def test_a_released_beschluss_reaches_outsiders_only_with_approved_minutes(record):
    released = record["released"]
    visible = Beschluss.objects.visible_to(record["outsider"])
    assert not visible.filter(pk=released.pk).exists()
    assert Beschluss.objects.visible_to(record["member"]).filter(pk=released.pk).exists()
    approve(record)
    assert Beschluss.objects.visible_to(record["outsider"]).filter(pk=released.pk).exists()


def test_approved_minutes_and_their_beschluesse_refuse_every_change(record):
    protokoll = approve(record)
    with pytest.raises(RecordFrozen, match="nur als Berichtigung"):
        Protokollpunkt.objects.create(protokoll=protokoll, discussion="Nachgetragen")
    punkt = record["punkt"]
    punkt.discussion = "Geändert"
    with pytest.raises(RecordFrozen):
        punkt.save()
    with pytest.raises(RecordFrozen):
        punkt.delete()
    with pytest.raises(RecordFrozen):
        Anwesenheit.objects.create(protokoll=protokoll, name="Gast", status="anwesend")
    with pytest.raises(RecordFrozen):
        protokoll.attendance = "anders"
        protokoll.save()
    released = Beschluss.objects.get(pk=record["released"].pk)
    assert released.festgestellt_am is not None
    released.text = "Heimlich geändert"
    with pytest.raises(ValidationError, match=released.number):
        released.full_clean()  # what the Wagtail admin shows next to the form
    with pytest.raises(RecordFrozen, match="Berichtigung"):
        released.save()
    assert Beschluss.objects.get(pk=released.pk).text == "Text zu Neuer Beschluss"
    # Implementation progress is not the record: the status still moves.
    machine_for(Beschluss).apply(
        released, Beschluss.Status.IN_UMSETZUNG, by=record["gf"], check_permission=False
    )


def test_aufgaben_of_approved_minutes_keep_their_wording_but_can_be_done(record):
    aufgabe = Aufgabe.objects.create(
        protokoll=record["protokoll"], assignee=record["member"], text="Kurse zählen"
    )
    approve(record)
    aufgabe.refresh_from_db()
    aufgabe.text = "Etwas anderes"
    with pytest.raises(RecordFrozen):
        aufgabe.save()
    aufgabe.refresh_from_db()
    aufgabe.mark_done()
    assert Aufgabe.objects.get(pk=aufgabe.pk).done
    with pytest.raises(RecordFrozen):
        Aufgabe.objects.create(protokoll=record["protokoll"], assignee=record["gf"], text="Neu")


def test_a_berichtigung_corrects_a_beschluss_with_a_new_version(
    record, mailoutbox, django_capture_on_commit_callbacks
):
    approve(record)
    released = Beschluss.objects.get(pk=record["released"].pk)
    berichtigung = Berichtigung(
        protokoll=record["protokoll"],
        beschluss=released,
        new_text="Richtiger Wortlaut",
        reason="Zahlendreher, Hinweis von Frau Muster",
        created_by=record["gf"],
    )
    berichtigung.full_clean(exclude=["number", "original_text"])
    berichtigung.save()
    assert berichtigung.number == 1 and berichtigung.original_text == "Text zu Neuer Beschluss"
    # A draft changes nothing yet.
    assert Beschluss.objects.get(pk=released.pk).text == "Text zu Neuer Beschluss"
    with pytest.raises(TransitionRefused):
        machine_for(Berichtigung).apply(berichtigung, "genehmigt", by=record["member"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        machine_for(Berichtigung).apply(berichtigung, "genehmigt", by=record["gf"])
    released.refresh_from_db()
    assert released.text == "Richtiger Wortlaut"
    versions = list(released.versionen.order_by("number"))
    assert [(v.number, v.text) for v in versions] == [
        (1, "Text zu Neuer Beschluss"),
        (2, "Richtiger Wortlaut"),
    ]
    assert versions[1].berichtigung == berichtigung
    announced = [m for m in mailoutbox if "Berichtigung Nr. 1" in m.subject]
    assert {m.to[0] for m in announced} == {"mitglied@example.org", "gf@example.org"}
    assert "Richtiger Wortlaut" in announced[0].body
    berichtigung.refresh_from_db()
    berichtigung.reason = "anders"
    with pytest.raises(RecordFrozen):
        berichtigung.save()


def test_berichtigungen_are_numbered_and_only_for_approved_minutes(record):
    punkt = record["punkt"]
    draft = Berichtigung(
        protokoll=record["protokoll"], protokollpunkt=punkt, new_text="Neu", reason="x"
    )
    with pytest.raises(ValidationError, match="nur ein genehmigtes Protokoll"):
        draft.full_clean(exclude=["number", "original_text"])
    approve(record)
    first = Berichtigung.objects.create(
        protokoll=record["protokoll"], protokollpunkt=punkt, new_text="Neu 1", reason="x"
    )
    second = Berichtigung.objects.create(
        protokoll=record["protokoll"], protokollpunkt=punkt, new_text="Neu 2", reason="y"
    )
    assert (first.number, second.number) == (1, 2)
    machine_for(Berichtigung).apply(first, "genehmigt", by=record["gf"])
    # The second was written against the old text: approving it would hide the first.
    with pytest.raises(TransitionRefused, match="inzwischen"):
        machine_for(Berichtigung).apply(second, "genehmigt", by=record["gf"])
    assert Protokollpunkt.objects.get(pk=punkt.pk).discussion == "<p>Alte Fassung des Punkts.</p>"


def test_no_minutes_for_a_cancelled_or_future_sitzung(space):
    future = space["upcoming"]
    with pytest.raises(ValidationError, match="noch nicht stattgefunden"):
        Protokoll.objects.create(sitzung=future)
    cancelled = sitzung(space["gremium"], title="Abgesagt", days=-3, status="abgesagt")
    with pytest.raises(ValidationError, match="abgesagt"):
        Protokoll(sitzung=cancelled).full_clean()


def test_beschluss_dates(space):
    past: Sitzung = space["past"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="nicht in der Zukunft"):
        Beschluss(gremium=space["gremium"], title="t", text="x", decided_on=tomorrow).full_clean()
    wrong_day = timezone.localtime(past.starts_at).date() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="Tag der Sitzung"):
        Beschluss(
            gremium=space["gremium"], sitzung=past, title="t", text="x", decided_on=wrong_day
        ).full_clean()


def test_a_zielsystem_is_adopted_only_by_its_own_or_parent_gremium(space):
    lenkungsgruppe = space["gremium"]
    ag = make_gremium("AG Sprache", "ag-sprache", "AGS")
    ag.parent = lenkungsgruppe
    ag.save()
    other = make_gremium("Anderes Gremium", "anderes", "AND")
    foreign = beschluss(other, title="Fremder Beschluss")
    zielsystem = Zielsystem(gremium=ag, title="Ziele", status="beschlossen", adopted_by=foreign)
    with pytest.raises(ValidationError, match="Anderes Gremium"):
        zielsystem.full_clean()
    zielsystem.adopted_by = beschluss(lenkungsgruppe, title="Beschluss der LG")
    zielsystem.full_clean()


def test_the_overview_heading_names_sharing_not_the_koordination(client, space, make_user):
    reader = make_user("leser", roles.CASE_MANAGEMENT)
    space["gremium"].shared_users.add(reader)
    client.force_login(reader)
    html = client.get("/gremien/").text
    assert "Mit Ihnen geteilte Gremien (nur lesen)" in html
    assert "Einsicht als KIM-Koordination" not in html


def test_the_sitzung_page_offers_berichtigungen_and_shows_them(client, record, space):
    released = record["released"]
    Beschluss.objects.filter(pk=released.pk).update(
        tagesordnungspunkt=space["past"].tagesordnung.first()
    )
    approve(record)
    client.force_login(record["gf"])
    page = client.get(space["past"].get_absolute_url()).text
    assert f"?ziel=beschluss-{released.pk}" in page
    assert f"?ziel=punkt-{record['punkt'].pk}" in page
    form_url = (
        f"{space['past'].get_absolute_url()}protokoll/berichtigungen/neu/"
        f"?ziel=beschluss-{released.pk}"
    )
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"new_text": "", "reason": "x", "new_title": "t"})
    assert response.status_code == 400
    assert "Bitte tragen Sie den berichtigten Text ein." in response.text
    client.post(form_url, {"new_text": "Neu gefasst", "reason": "Tippfehler", "new_title": ""})
    client.force_login(record["member"])
    page = client.get(space["past"].get_absolute_url()).text
    assert 'id="berichtigung-1"' not in page  # a draft is not part of the record yet
    client.force_login(record["gf"])
    assert 'id="berichtigung-1"' in client.get(space["past"].get_absolute_url()).text


def test_the_admin_shows_an_approved_protokoll_read_only_with_a_notice(
    client, koordination, record
):
    protokoll = approve(record)
    client.force_login(koordination)
    response = client.get(f"/admin/snippets/spaces/protokoll/edit/{protokoll.pk}/")
    assert response.status_code == 200
    page = response.text
    assert "Genehmigtes Protokoll – Änderungen nur per Berichtigung" in page
    form = response.context["form"]
    assert form.fields["attendance"].disabled
    (punkt_form,) = form.formsets["punkte"].forms
    assert punkt_form.fields["discussion"].disabled
    # A draft's form is editable and carries no notice.
    Protokoll.objects.filter(pk=protokoll.pk).update(status=ProtokollStatus.ENTWURF)
    response = client.get(f"/admin/snippets/spaces/protokoll/edit/{protokoll.pk}/")
    assert "Änderungen nur per Berichtigung" not in response.text
    assert not response.context["form"].fields["attendance"].disabled


def test_the_admin_shows_a_recorded_beschluss_wording_read_only(client, koordination, record):
    approve(record)
    released = record["released"]
    client.force_login(koordination)
    response = client.get(f"/admin/snippets/spaces/beschluss/edit/{released.pk}/")
    assert "Genehmigter Beschluss – Änderungen am Wortlaut nur per Berichtigung" in response.text
    fields = response.context["form"].fields
    assert fields["text"].disabled and fields["title"].disabled
    assert not fields["status"].disabled and not fields["shared_with_all"].disabled


def test_the_admin_lists_berichtigungen_and_keeps_approved_ones_read_only(
    client, koordination, record, partner
):
    approve(record)
    berichtigung = Berichtigung.objects.create(
        protokoll=record["protokoll"],
        protokollpunkt=record["punkt"],
        new_text="Neue Fassung des Punkts.",
        reason="Tippfehler",
    )
    client.force_login(koordination)
    listing = client.get("/admin/snippets/spaces/berichtigung/")
    assert listing.status_code == 200 and "Tippfehler" not in listing.text
    assert str(record["protokoll"]) in listing.text
    edit = f"/admin/snippets/spaces/berichtigung/edit/{berichtigung.pk}/"
    response = client.get(edit)
    assert not response.context["form"].fields["new_text"].disabled
    # Made on the Sitzung page (target and diff), not in the admin: no add view.
    assert client.get("/admin/snippets/spaces/berichtigung/add/").status_code == 302
    machine_for(Berichtigung).apply(berichtigung, "genehmigt", by=record["gf"])
    response = client.get(edit)
    assert "Genehmigte Berichtigung – sie bleibt unverändert" in response.text
    assert response.context["form"].fields["new_text"].disabled
    inspect = client.get(f"/admin/snippets/spaces/berichtigung/inspect/{berichtigung.pk}/")
    assert inspect.status_code == 200 and "Tippfehler" in inspect.text
    # Nobody else reaches the listing.
    client.force_login(partner)
    assert client.get("/admin/snippets/spaces/berichtigung/").status_code in (302, 403)
