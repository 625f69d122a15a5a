"""A theme goes on the agenda of an upcoming Lenkungsgruppe Sitzung; the decision taken there,
the Arbeitsgruppe and the Zielsystem are linked back to it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cycle import actions
from cycle.actions import ActionRefused
from cycle.models import GenerativesThema
from spaces.models import Gremium, Sitzung, Tagesordnungspunkt
from spaces.transitions import SITZUNG

from .conftest import make_zielsystem


def test_putting_on_the_agenda_appends_an_item_and_links_it(thema, lenkungsgruppe, koordination):
    sitzung = lenkungsgruppe["upcoming"]
    top = actions.put_on_agenda(thema, sitzung, by=koordination)
    agenda = list(sitzung.tagesordnung.order_by("sort_order").values_list("title", flat=True))
    assert agenda == ["Begrüßung", "Verschiedenes", f"Generatives Thema: {thema.title}"]
    assert top.description == thema.description
    assert top.presenter == "KIM-Koordination"
    thema.refresh_from_db()
    assert thema.tagesordnungspunkt == top
    assert thema.status == GenerativesThema.Status.LENKUNGSGRUPPE_VORGELEGT
    with pytest.raises(ActionRefused, match="bereits auf der Tagesordnung"):
        actions.put_on_agenda(thema, sitzung, by=koordination)


def test_agenda_refusals(thema, lenkungsgruppe, arbeitsgruppe, koordination):
    with pytest.raises(ActionRefused, match="schon stattgefunden"):
        actions.put_on_agenda(thema, lenkungsgruppe["past"], by=koordination)
    ag_sitzung = Sitzung.objects.create(
        gremium=arbeitsgruppe, title="AG", starts_at=timezone.now() + datetime.timedelta(days=3)
    )
    with pytest.raises(ActionRefused, match="keine Lenkungsgruppe"):
        actions.put_on_agenda(thema, ag_sitzung, by=koordination)
    cancelled = lenkungsgruppe["upcoming"]
    SITZUNG.apply(cancelled, Sitzung.Status.ABGESAGT, by=koordination)
    with pytest.raises(ActionRefused, match="abgesagt"):
        actions.put_on_agenda(thema, cancelled, by=koordination)
    actions.set_status(thema, GenerativesThema.Status.GELOEST, by=koordination)
    later = Sitzung.objects.create(
        gremium=lenkungsgruppe["gremium"],
        title="4. Sitzung",
        starts_at=timezone.now() + datetime.timedelta(days=60),
    )
    with pytest.raises(ActionRefused, match="wird nicht mehr vorgelegt"):
        actions.put_on_agenda(thema, later, by=koordination)
    assert Tagesordnungspunkt.objects.filter(title__startswith="Generatives Thema").count() == 0


def test_linking_the_decision_hands_the_theme_to_the_working_group(
    thema, beschluss_intern, arbeitsgruppe, koordination
):
    zielsystem = make_zielsystem(arbeitsgruppe)
    actions.link_beschluss(
        thema,
        beschluss_intern,
        by=koordination,
        arbeitsgruppe=arbeitsgruppe,
        zielsystem=zielsystem,
    )
    thema.refresh_from_db()
    assert (thema.beschluss, thema.arbeitsgruppe, thema.zielsystem) == (
        beschluss_intern,
        arbeitsgruppe,
        zielsystem,
    )
    assert thema.status == GenerativesThema.Status.AN_AG_UEBERGEBEN
    assert list(beschluss_intern.generative_themen.all()) == [thema]


def test_decision_without_working_group_keeps_the_status(thema, beschluss_intern, koordination):
    actions.set_status(thema, GenerativesThema.Status.LENKUNGSGRUPPE_VORGELEGT, by=koordination)
    actions.link_beschluss(thema, beschluss_intern, by=koordination)
    thema.refresh_from_db()
    assert thema.status == GenerativesThema.Status.LENKUNGSGRUPPE_VORGELEGT


def test_decision_refusals(thema, lenkungsgruppe, arbeitsgruppe, beschluss_intern, koordination):
    from spaces.models import Beschluss

    ag_beschluss = Beschluss.objects.create(
        gremium=arbeitsgruppe, title="Arbeitsplan", text="…", decided_on=timezone.localdate()
    )
    with pytest.raises(ActionRefused, match="nicht von einer Lenkungsgruppe"):
        actions.link_beschluss(thema, ag_beschluss, by=koordination)
    other_ag = Gremium.objects.create(
        name="AG Arbeit", slug="ag-arbeit", prefix="AGA", kind=Gremium.Kind.ARBEITSGRUPPE
    )
    zielsystem = make_zielsystem(other_ag)
    with pytest.raises(ActionRefused, match="gehört nicht zur Arbeitsgruppe"):
        actions.link_beschluss(
            thema,
            beschluss_intern,
            by=koordination,
            arbeitsgruppe=arbeitsgruppe,
            zielsystem=zielsystem,
        )
    with pytest.raises(ActionRefused, match="keine Arbeitsgruppe"):
        actions.link_beschluss(
            thema, beschluss_intern, by=koordination, arbeitsgruppe=lenkungsgruppe["gremium"]
        )
    thema.refresh_from_db()
    assert thema.beschluss is None


def test_status_an_ag_needs_a_working_group(thema, koordination):
    with pytest.raises(ActionRefused, match="setzt eine Arbeitsgruppe voraus"):
        actions.set_status(thema, GenerativesThema.Status.AN_AG_UEBERGEBEN, by=koordination)
    actions.set_status(thema, GenerativesThema.Status.NICHT_LOESBAR, by=koordination)
    thema.refresh_from_db()
    assert thema.status == GenerativesThema.Status.NICHT_LOESBAR


# --- through the theme page ------------------------------------------------------------------


def test_agenda_and_decision_through_the_theme_page(
    client, thema, lenkungsgruppe, arbeitsgruppe, beschluss_frei, koordination
):
    client.force_login(koordination)
    page = client.get(thema.get_absolute_url()).content.decode()
    # Only upcoming Lenkungsgruppe Sitzungen are offered.
    assert "3. Sitzung" in page
    assert "2. Sitzung (" not in page
    response = client.post(
        reverse("cycle:thema_tagesordnung", args=[thema.pk]),
        {"to-sitzung": lenkungsgruppe["upcoming"].pk, "to-presenter": "Frau Koordinatorin"},
        follow=True,
    )
    assert "Status: der Lenkungsgruppe vorgelegt" in response.content.decode()
    assert lenkungsgruppe["upcoming"].tagesordnung.filter(presenter="Frau Koordinatorin").exists()
    response = client.post(
        reverse("cycle:thema_beschluss", args=[thema.pk]),
        {"be-beschluss": beschluss_frei.pk, "be-arbeitsgruppe": arbeitsgruppe.pk},
        follow=True,
    )
    content = response.content.decode()
    assert f"Der Beschluss {beschluss_frei.number} ist verknüpft." in content
    assert beschluss_frei.get_absolute_url() in content
    thema.refresh_from_db()
    assert thema.status == GenerativesThema.Status.AN_AG_UEBERGEBEN


def test_sitzung_page_shows_the_new_agenda_item(client, thema, lenkungsgruppe, koordination):
    actions.put_on_agenda(thema, lenkungsgruppe["upcoming"], by=koordination)
    client.force_login(koordination)
    content = client.get(lenkungsgruppe["upcoming"].get_absolute_url()).content.decode()
    assert f"Generatives Thema: {thema.title}" in content
