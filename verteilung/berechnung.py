"""A key's allocation from the database: the figures of its Datenjahr (with a scenario's
assumptions applied), computed by ``verteilung.computation``; an adopted key's frozen result.

A bounded number of queries per key, whatever the number of Kommunen and indicators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from knowledge.models import Kommune
from verteilung.computation import VerteilungFehler, allocate, shares
from verteilung.models import Kennzahl, Verteilungsschluessel


@dataclass
class Spalte:
    indikator_id: int
    name: str
    gewicht: Decimal


@dataclass
class Zeile:
    kommune_id: int
    name: str
    slug: str
    ags: str
    werte: list[Decimal | None]
    anteil: Decimal  # percent, 4 places
    exakt: Decimal  # VZÄ, 4 places
    vzae: Decimal
    mindest: bool = False
    vorjahr: Decimal | None = None

    @property
    def differenz(self) -> Decimal | None:
        return None if self.vorjahr is None else self.vzae - self.vorjahr


@dataclass
class Ergebnis:
    schluessel: Verteilungsschluessel
    spalten: list[Spalte]
    zeilen: list[Zeile] = field(default_factory=list)
    fehler: str = ""
    vorgaenger: Verteilungsschluessel | None = None

    @property
    def summe(self) -> Decimal:
        return sum((z.vzae for z in self.zeilen), Decimal(0))

    def zeile(self, kommune_id: int) -> Zeile | None:
        return next((z for z in self.zeilen if z.kommune_id == kommune_id), None)


def _dec(value: Fraction, places: str) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_UP
    )


def vorgaenger(schluessel: Verteilungsschluessel) -> Verteilungsschluessel | None:
    """The key the difference is taken to: for a draft the key in force, for an adopted key
    the one in force before it."""
    adopted = Verteilungsschluessel.objects.beschlossen().exclude(pk=schluessel.pk)
    if schluessel.is_entwurf:
        return adopted.in_kraft()
    return (
        adopted.filter(in_kraft_seit__lte=schluessel.in_kraft_seit)
        .exclude(in_kraft_seit=schluessel.in_kraft_seit, pk__gt=schluessel.pk)
        .order_by("-in_kraft_seit", "-pk")
        .first()
    )


def frozen_vzae(schluessel: Verteilungsschluessel | None) -> dict[int, Decimal]:
    if schluessel is None:
        return {}
    return {int(z["kommune_id"]): Decimal(z["vzae"]) for z in schluessel.ergebnis.get("zeilen", [])}


def berechne(schluessel: Verteilungsschluessel, *, mit_vorjahr: bool = True) -> Ergebnis:
    """The allocation of ``schluessel``: frozen when adopted, else computed now."""
    previous = vorgaenger(schluessel) if mit_vorjahr else None
    if not schluessel.is_entwurf and schluessel.ergebnis:
        ergebnis = _from_snapshot(schluessel)
    else:
        ergebnis = _compute(schluessel)
    ergebnis.vorgaenger = previous
    before = frozen_vzae(previous)
    for zeile in ergebnis.zeilen:
        zeile.vorjahr = before.get(zeile.kommune_id)
    return ergebnis


def _compute(schluessel: Verteilungsschluessel) -> Ergebnis:
    gewichtungen = list(schluessel.gewichtungen.select_related("indikator"))
    spalten = [Spalte(g.indikator_id, g.indikator.name, g.gewicht) for g in gewichtungen]
    ergebnis = Ergebnis(schluessel=schluessel, spalten=spalten)
    kommunen = list(Kommune.objects.order_by("name").only("name", "slug", "ags"))
    table = Kennzahl.objects.table(schluessel.datenjahr)
    factors: dict[tuple[int, int | None], Decimal] = {}
    for annahme in schluessel.annahmen.all():
        key = (annahme.indikator_id, annahme.kommune_id)
        factors[key] = factors.get(key, Decimal(1)) * (1 + annahme.prozent / 100)

    def wert(kommune: Kommune, indikator_id: int) -> Decimal | None:
        kennzahl = table.get(kommune.pk, {}).get(indikator_id)
        if kennzahl is None:
            return None
        value = kennzahl.wert * factors.get((indikator_id, None), Decimal(1))
        return value * factors.get((indikator_id, kommune.pk), Decimal(1))

    werte = {k.pk: [wert(k, s.indikator_id) for s in spalten] for k in kommunen}
    values = {
        k.ags: {
            str(s.indikator_id): v
            for s, v in zip(spalten, werte[k.pk], strict=True)
            if v is not None
        }
        for k in kommunen
    }
    names = {k.ags: k.name for k in kommunen} | {str(s.indikator_id): s.name for s in spalten}
    try:
        share = shares(values, {str(s.indikator_id): s.gewicht for s in spalten}, names=names)
        floors = {k.ags: schluessel.mindest_vzae for k in kommunen}
        result = allocate(share, schluessel.gesamt_vzae, schluessel.schritt, floors, names=names)
    except VerteilungFehler as error:
        ergebnis.fehler = str(error)
        result = {}
    for kommune in kommunen:
        anteil = result.get(kommune.ags)
        ergebnis.zeilen.append(
            Zeile(
                kommune_id=kommune.pk,
                name=kommune.name,
                slug=kommune.slug,
                ags=kommune.ags,
                werte=[
                    None if v is None else v.quantize(Decimal("0.01")) for v in werte[kommune.pk]
                ],
                anteil=_dec(anteil.anteil * 100, "0.0001") if anteil else Decimal(0),
                exakt=_dec(anteil.exakt, "0.0001") if anteil else Decimal(0),
                vzae=anteil.vzae if anteil else Decimal(0),
                mindest=anteil.mindest if anteil else False,
            )
        )
    if ergebnis.fehler:
        ergebnis.zeilen = [z for z in ergebnis.zeilen if any(w is not None for w in z.werte)]
    return ergebnis


def snapshot(ergebnis: Ergebnis) -> dict:
    """The result as JSON, stored when the key is adopted."""
    return {
        "spalten": [[s.indikator_id, s.name, str(s.gewicht)] for s in ergebnis.spalten],
        "zeilen": [
            {
                "kommune_id": z.kommune_id,
                "name": z.name,
                "slug": z.slug,
                "ags": z.ags,
                "werte": [None if w is None else str(w) for w in z.werte],
                "anteil": str(z.anteil),
                "exakt": str(z.exakt),
                "vzae": str(z.vzae),
                "mindest": z.mindest,
            }
            for z in ergebnis.zeilen
        ],
    }


def _from_snapshot(schluessel: Verteilungsschluessel) -> Ergebnis:
    data = schluessel.ergebnis
    return Ergebnis(
        schluessel=schluessel,
        spalten=[Spalte(int(i), name, Decimal(g)) for i, name, g in data.get("spalten", [])],
        zeilen=[
            Zeile(
                kommune_id=int(z["kommune_id"]),
                name=z["name"],
                slug=z["slug"],
                ags=z["ags"],
                werte=[None if w is None else Decimal(w) for w in z["werte"]],
                anteil=Decimal(z["anteil"]),
                exakt=Decimal(z["exakt"]),
                vzae=Decimal(z["vzae"]),
                mindest=bool(z.get("mindest")),
            )
            for z in data.get("zeilen", [])
        ],
    )
