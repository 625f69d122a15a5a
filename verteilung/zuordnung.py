"""Zuständigkeiten against the adopted key: assigned weekly hours per Kommune as VZÄ, and
where they differ from the VZÄ the key allocates."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from knowledge.models import Kommune
from verteilung.berechnung import frozen_vzae
from verteilung.models import Verteilungsschluessel, Zustaendigkeit, vollzeit_wochenstunden


def stunden_als_vzae(stunden: Decimal) -> Decimal:
    return (stunden / vollzeit_wochenstunden()).quantize(Decimal("0.01"))


@dataclass
class Stand:
    kommune: Kommune
    stunden: Decimal
    zugeordnet: Decimal  # VZÄ from the hours
    beschlossen: Decimal | None

    @property
    def differenz(self) -> Decimal | None:
        return None if self.beschlossen is None else self.zugeordnet - self.beschlossen

    @property
    def abweichend(self) -> bool:
        return self.beschlossen is not None and self.zugeordnet != self.beschlossen


def abweichungen(
    in_kraft: Verteilungsschluessel | None, *, nur_abweichend: bool = True
) -> list[Stand]:
    """Per Kommune: assigned hours and VZÄ against the adopted key (two queries)."""
    beschlossen = frozen_vzae(in_kraft)
    stunden: dict[int, Decimal] = {}
    for z in Zustaendigkeit.objects.only("kommune_id", "wochenstunden"):
        stunden[z.kommune_id] = stunden.get(z.kommune_id, Decimal(0)) + z.wochenstunden
    result = []
    for kommune in Kommune.objects.order_by("name").only("name", "slug"):
        h = stunden.get(kommune.pk, Decimal(0))
        stand = Stand(kommune, h, stunden_als_vzae(h), beschlossen.get(kommune.pk))
        if stand.abweichend or not nur_abweichend:
            result.append(stand)
    return result
