"""A key takes effect only with a Beschluss of the Lenkungsgruppe: the adoption, its refusals,
the frozen result, the superseded key and the Verlauf."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from spaces.models import Beschluss
from tests.verteilung.conftest import make_key
from verteilung import actions
from verteilung.berechnung import berechne
from verteilung.models import Annahme, Kennzahl, Verteilungsschluessel
from verteilung.transitions import SCHLUESSEL

S = Verteilungsschluessel.Status
DAY = datetime.date(2026, 1, 1)


def test_adoption_by_the_lenkungsgruppe_freezes_the_result(entwurf, beschluss, koordination):
    before = berechne(entwurf)
    assert not before.fehler and before.summe == Decimal("4.00")
    actions.beschliessen(entwurf, beschluss, DAY, by=koordination)
    entwurf.refresh_from_db()
    assert entwurf.status == S.IN_KRAFT
    assert entwurf.beschluss == beschluss and entwurf.in_kraft_seit == DAY
    # Corrected figures later do not change what was decided.
    Kennzahl.objects.filter(kommune__slug="werdohl").update(wert=Decimal("0"))
    after = berechne(entwurf)
    assert [(z.name, z.vzae) for z in after.zeilen] == [(z.name, z.vzae) for z in before.zeilen]
    verlauf = list(SCHLUESSEL.history(entwurf))
    assert [(v.from_status, v.to_status) for v in verlauf] == [(S.ENTWURF, S.IN_KRAFT)]
    assert beschluss.number in verlauf[0].reason


def test_a_beschluss_of_another_gremium_is_refused(entwurf, ag_beschluss, koordination):
    with pytest.raises(ValidationError, match="kein Beschluss der Lenkungsgruppe"):
        actions.beschliessen(entwurf, ag_beschluss, DAY, by=koordination)
    entwurf.refresh_from_db()
    assert entwurf.status == S.ENTWURF and entwurf.beschluss is None


def test_a_lifted_beschluss_is_refused(entwurf, beschluss, koordination):
    Beschluss.objects.filter(pk=beschluss.pk).update(status=Beschluss.Status.AUFGEHOBEN)
    beschluss.refresh_from_db()
    with pytest.raises(ValidationError, match="aufgehoben"):
        actions.beschliessen(entwurf, beschluss, DAY, by=koordination)


def test_a_scenario_with_assumed_figures_cannot_be_adopted(entwurf, beschluss, koordination):
    Annahme.objects.create(
        schluessel=entwurf,
        indikator=entwurf.gewichtungen.first().indikator,
        prozent=Decimal("20"),
    )
    with pytest.raises(ValidationError, match="angenommenen Änderungen"):
        actions.beschliessen(entwurf, beschluss, DAY, by=koordination)


def test_a_key_that_cannot_be_computed_cannot_be_adopted(entwurf, beschluss, koordination):
    Kennzahl.objects.filter(kommune__slug="balve", indikator__slug="asylerstantraege").delete()
    with pytest.raises(ValidationError, match="„Asylerstanträge“ fehlen Werte: Balve"):
        actions.beschliessen(entwurf, beschluss, DAY, by=koordination)


def test_the_database_refuses_a_key_in_force_without_beschluss(entwurf):
    with pytest.raises(IntegrityError), transaction.atomic():
        Verteilungsschluessel.objects.filter(pk=entwurf.pk).update(status=S.IN_KRAFT)


def test_model_validation_names_the_missing_beschluss(entwurf, ag_beschluss):
    entwurf.status = S.IN_KRAFT
    with pytest.raises(ValidationError, match="nur mit einem Beschluss der Lenkungsgruppe"):
        entwurf.clean()
    entwurf.beschluss = ag_beschluss
    with pytest.raises(ValidationError, match="kein Beschluss der Lenkungsgruppe"):
        entwurf.clean()


def test_the_next_key_supersedes_the_one_in_force(
    entwurf, beschluss, lenkungsgruppe, indikatoren, koordination
):
    actions.beschliessen(entwurf, beschluss, DAY, by=koordination)
    neu = make_key(indikatoren, titel="Schlüssel 2027", gesamt_vzae=Decimal("5.00"))
    zweiter = Beschluss.objects.create(
        gremium=lenkungsgruppe, title="Schlüssel 2027", text="…", decided_on=DAY
    )
    actions.beschliessen(neu, zweiter, datetime.date(2027, 1, 1), by=koordination)
    entwurf.refresh_from_db()
    assert entwurf.status == S.ABGELOEST
    assert Verteilungsschluessel.objects.in_kraft() == neu
    # The difference to the previous year is taken against the superseded key.
    ergebnis = berechne(neu)
    assert ergebnis.vorgaenger == entwurf
    assert sum(z.differenz for z in ergebnis.zeilen) == Decimal("1.00")
    history = [(v.from_status, v.to_status) for v in SCHLUESSEL.history(entwurf)]
    assert history == [(S.ENTWURF, S.IN_KRAFT), (S.IN_KRAFT, S.ABGELOEST)]


def test_a_scenario_copy_keeps_weights_and_assumptions(entwurf, koordination):
    Annahme.objects.create(
        schluessel=entwurf,
        indikator=entwurf.gewichtungen.first().indikator,
        kommune=None,
        prozent=Decimal("20"),
    )
    kopie = actions.kopieren(entwurf, by=koordination)
    assert kopie.is_entwurf and kopie.ist_szenario and kopie.vorlage == entwurf
    assert [(g.indikator_id, g.gewicht) for g in kopie.gewichtungen.all()] == [
        (g.indikator_id, g.gewicht) for g in entwurf.gewichtungen.all()
    ]
    assert kopie.annahmen.get().prozent == Decimal("20")


def test_an_assumption_for_one_kommune_shifts_the_allocation(entwurf, kommunen, koordination):
    base = {z.slug: z.exakt for z in berechne(entwurf).zeilen}
    kopie = actions.kopieren(entwurf, by=koordination)
    Annahme.objects.create(
        schluessel=kopie,
        indikator=kopie.gewichtungen.get(indikator__slug="asylerstantraege").indikator,
        kommune=kommunen["werdohl"],
        prozent=Decimal("20"),
    )
    scenario = {z.slug: z.exakt for z in berechne(kopie).zeilen}
    assert scenario["werdohl"] > base["werdohl"]
    assert scenario["iserlohn"] < base["iserlohn"]
    assert sum(z.vzae for z in berechne(kopie).zeilen) == Decimal("4.00")
