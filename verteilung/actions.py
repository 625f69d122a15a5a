"""The one place where keys are copied and put into force."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from search.registry import reindex
from spaces.models import Beschluss
from verteilung.berechnung import berechne, snapshot
from verteilung.models import Annahme, Gewichtung, Verteilungsschluessel, validate_beschluss
from verteilung.transitions import SCHLUESSEL


def kopieren(
    schluessel: Verteilungsschluessel, *, by, szenario: bool = True
) -> Verteilungsschluessel:
    """A draft copy of ``schluessel`` with its weights and assumptions (a scenario)."""
    with transaction.atomic():
        kopie = Verteilungsschluessel.objects.create(
            titel=f"Szenario auf Basis von „{schluessel.titel}“"[:200],
            datenjahr=schluessel.datenjahr,
            gesamt_vzae=schluessel.gesamt_vzae,
            schritt=schluessel.schritt,
            mindest_vzae=schluessel.mindest_vzae,
            erlaeuterung=schluessel.erlaeuterung,
            ist_szenario=szenario,
            vorlage=schluessel,
            erstellt_von=by if getattr(by, "pk", None) else None,
        )
        Gewichtung.objects.bulk_create(
            Gewichtung(schluessel=kopie, indikator_id=g.indikator_id, gewicht=g.gewicht)
            for g in schluessel.gewichtungen.all()
        )
        Annahme.objects.bulk_create(
            Annahme(
                schluessel=kopie,
                indikator_id=a.indikator_id,
                kommune_id=a.kommune_id,
                prozent=a.prozent,
            )
            for a in schluessel.annahmen.all()
        )
    reindex(kopie)
    return kopie


def beschliessen(
    schluessel: Verteilungsschluessel,
    beschluss: Beschluss,
    in_kraft_seit: datetime.date,
    *,
    by,
    at: datetime.datetime | None = None,
) -> None:
    """Put ``schluessel`` into force by ``beschluss``: its result is frozen, the key in force
    so far is superseded, both with a Verlauf row. Raises ValidationError (German) or
    TransitionRefused."""
    validate_beschluss(beschluss)
    if schluessel.annahmen.exists():
        raise ValidationError(
            "Ein Szenario mit angenommenen Änderungen der Kennzahlen kann nicht beschlossen "
            "werden: Ein Schlüssel gilt nur mit den erhobenen Zahlen. Kopieren Sie das "
            "Szenario und entfernen Sie die Annahmen."
        )
    ergebnis = berechne(schluessel, mit_vorjahr=False)
    if ergebnis.fehler:
        raise ValidationError(f"Der Schlüssel lässt sich nicht berechnen: {ergebnis.fehler}")
    SCHLUESSEL.apply(
        schluessel,
        Verteilungsschluessel.Status.IN_KRAFT,
        by=by,
        at=at,
        reason=f"Beschluss {beschluss.number} vom {beschluss.decided_on:%d.%m.%Y}",
        updates={
            "beschluss": beschluss,
            "in_kraft_seit": in_kraft_seit,
            "ergebnis": snapshot(ergebnis),
            "ist_szenario": False,
        },
    )
