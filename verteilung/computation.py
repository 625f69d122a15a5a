"""The Verteilungsschlüssel's arithmetic, as pure functions (no database, no Django).

Method (docs/apps/verteilung.md):

1. Each weighted indicator is normalised over the Kreis: a Kommune's part of the indicator is
   its value divided by the sum of all Kommunen's values. A Kommune's share is the weighted
   mean of its parts (weights need not sum to 100; they are normalised).
2. The exact allocation is share × total VZÄ. If the Kreis decided a floor (Mindestausstattung),
   Kommunen below it get the floor and the rest of the total is distributed over the others in
   proportion to their shares, repeated until no Kommune is below its floor.
3. Rounding to the step (e.g. 0,25 VZÄ) by the largest-remainder method (Hare-Niemeyer): every
   Kommune gets the whole steps contained in its exact allocation; the steps left over go, one
   each, to the Kommunen with the largest remainders. Ties are broken by the larger exact
   allocation, then by the Kommune's key (e.g. its Amtlicher Gemeindeschlüssel), so the result
   never depends on the order in which the Kommunen are given. The rounded values always sum
   exactly to the total.

All arithmetic is exact (``fractions.Fraction``); results are returned as ``Fraction`` (exact)
and ``Decimal`` (rounded VZÄ).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Number = int | Decimal | Fraction


class VerteilungFehler(ValueError):
    """Input the key cannot be computed from; the message is German and says what to fix."""


@dataclass(frozen=True)
class Anteil:
    """One Kommune's result."""

    key: str
    anteil: Fraction  # exact share of the total after floors (0..1)
    exakt: Fraction  # exact VZÄ
    vzae: Decimal  # VZÄ rounded to the step
    mindest: bool  # raised to the floor


def _fraction(value: Number) -> Fraction:
    return Fraction(value) if not isinstance(value, Decimal) else Fraction(str(value))


def shares(
    values: Mapping[str, Mapping[str, Number]],
    weights: Mapping[str, Number],
    *,
    names: Mapping[str, str] | None = None,
) -> dict[str, Fraction]:
    """Each Kommune's share (summing to 1) from its indicator ``values`` (Kommune key ->
    indicator key -> value) and the indicators' ``weights``. ``names`` maps keys to the German
    names used in error messages."""
    names = names or {}
    weighted = {ind: _fraction(w) for ind, w in weights.items() if _fraction(w) != 0}
    if any(w < 0 for w in weighted.values()):
        raise VerteilungFehler("Gewichte dürfen nicht negativ sein.")
    if not weighted:
        raise VerteilungFehler("Mindestens ein Indikator braucht ein Gewicht größer als 0.")
    if not values:
        raise VerteilungFehler("Es gibt keine Kommune, auf die verteilt werden kann.")
    total_weight = sum(weighted.values())
    result = {kommune: Fraction(0) for kommune in values}
    for ind, weight in sorted(weighted.items()):
        missing = sorted(names.get(k, k) for k, row in values.items() if ind not in row)
        if missing:
            raise VerteilungFehler(
                f"Für den Indikator „{names.get(ind, ind)}“ fehlen Werte: {', '.join(missing)}."
            )
        column = {k: _fraction(row[ind]) for k, row in values.items()}
        negative = sorted(names.get(k, k) for k, v in column.items() if v < 0)
        if negative:
            raise VerteilungFehler(
                f"Der Indikator „{names.get(ind, ind)}“ hat negative Werte: {', '.join(negative)}."
            )
        column_total = sum(column.values())
        if column_total == 0:
            raise VerteilungFehler(
                f"Der Indikator „{names.get(ind, ind)}“ ist in allen Kommunen 0; "
                "er kann nicht gewichtet werden."
            )
        for kommune, value in column.items():
            result[kommune] += weight / total_weight * value / column_total
    return result


def allocate(
    share: Mapping[str, Number],
    total: Number,
    step: Number,
    floors: Mapping[str, Number] | None = None,
    *,
    names: Mapping[str, str] | None = None,
) -> dict[str, Anteil]:
    """Distribute ``total`` VZÄ in multiples of ``step`` in proportion to ``share`` (Kommune key
    -> share, any non-negative numbers), respecting ``floors`` (Kommune key -> minimum VZÄ)."""
    names = names or {}
    total_f, step_f = _fraction(total), _fraction(step)
    if step_f <= 0:
        raise VerteilungFehler("Die Schrittweite muss größer als 0 sein.")
    if total_f <= 0:
        raise VerteilungFehler("Die zu verteilenden VZÄ müssen größer als 0 sein.")
    units = total_f / step_f
    if units.denominator != 1:
        raise VerteilungFehler(
            "Die zu verteilenden VZÄ müssen ein Vielfaches der Schrittweite sein."
        )
    share_f = {k: _fraction(v) for k, v in share.items()}
    if not share_f:
        raise VerteilungFehler("Es gibt keine Kommune, auf die verteilt werden kann.")
    floor_f = {k: _fraction((floors or {}).get(k, 0)) for k in share_f}
    for kommune, floor in sorted(floor_f.items()):
        if floor < 0 or (floor / step_f).denominator != 1:
            raise VerteilungFehler(
                f"Die Mindestausstattung von {names.get(kommune, kommune)} muss ein "
                "nicht negatives Vielfaches der Schrittweite sein."
            )
    if sum(floor_f.values()) > total_f:
        raise VerteilungFehler(
            "Die Mindestausstattungen zusammen sind größer als die zu verteilenden VZÄ."
        )

    fixed: set[str] = set()
    while True:
        free = [k for k in share_f if k not in fixed]
        rest = total_f - sum(floor_f[k] for k in fixed)
        free_share = sum(share_f[k] for k in free)
        if free and free_share == 0:
            raise VerteilungFehler("Die Indikatoren ergeben für keine Kommune einen Anteil.")
        exact = {k: floor_f[k] for k in fixed}
        exact.update({k: rest * share_f[k] / free_share for k in free})
        below = {k for k in free if exact[k] < floor_f[k]}
        if not below:
            break
        fixed |= below

    quotas = {k: exact[k] / step_f for k in exact}
    base = {k: math.floor(q) for k, q in quotas.items()}
    left = int(units) - sum(base.values())
    order = sorted(quotas, key=lambda k: (-(quotas[k] - base[k]), -exact[k], k))
    for kommune in order[:left]:
        base[kommune] += 1
    step_d = Decimal(step_f.numerator) / Decimal(step_f.denominator)
    return {
        k: Anteil(
            key=k,
            anteil=exact[k] / total_f,
            exakt=exact[k],
            vzae=(base[k] * step_d).quantize(Decimal("0.01")),
            mindest=k in fixed,
        )
        for k in sorted(share_f)
    }
