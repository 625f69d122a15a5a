"""The trace: report -> Fallrekonstruktion -> generatives Thema -> Tagesordnungspunkt ->
Beschluss -> Arbeitsgruppe -> Zielsystem with its Indikatoren, and back from a Beschluss to the
reports. Every function runs a fixed number of queries, however long the chain.

These functions do not decide visibility: the coordination's views use them whole; the
reporter's feedback (cycle.feedback) and the Beschluss panel filter what they show.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery

from cycle.models import Fallrekonstruktion, GenerativesThema
from forms.models import Meldebogen
from portal.charts import format_number
from spaces.models import Indikator, Messwert

THEMA_CHAIN = (
    "tagesordnungspunkt__sitzung__gremium",
    "beschluss__gremium",
    "arbeitsgruppe",
    "zielsystem__gremium",
)


@dataclass
class IndikatorStand:
    indikator: Indikator
    latest_value: Decimal | None
    latest_on: datetime.date | None

    def _text(self, value: Decimal | None) -> str:
        return f"{format_number(value)} {self.indikator.unit}" if value is not None else ""

    @property
    def baseline_text(self) -> str:
        return self._text(self.indikator.baseline)

    @property
    def target_text(self) -> str:
        return self._text(self.indikator.target)

    @property
    def latest_text(self) -> str:
        return self._text(self.latest_value)


@dataclass
class ThemaTrace:
    thema: GenerativesThema
    indikatoren: list[IndikatorStand] = field(default_factory=list)


@dataclass
class MeldebogenTrace:
    meldebogen: Meldebogen
    rekonstruktionen: list[Fallrekonstruktion]
    themen: list[ThemaTrace]


def _as_date(value) -> datetime.date | None:
    if isinstance(value, str):  # SQLite returns subquery dates as text
        return datetime.date.fromisoformat(value)
    return value


def indikatoren_by_zielsystem(zielsystem_ids) -> dict[int, list[IndikatorStand]]:
    """The Indikatoren of the Zielsysteme with their latest Messwert (one query)."""
    ids = [pk for pk in set(zielsystem_ids) if pk]
    if not ids:
        return {}
    latest = Messwert.objects.filter(indikator=OuterRef("pk")).order_by("-measured_on", "-pk")
    rows = (
        Indikator.objects.filter(ergebnisziel__rahmenziel__grundsatzziel__zielsystem_id__in=ids)
        .annotate(
            zielsystem_pk=F("ergebnisziel__rahmenziel__grundsatzziel__zielsystem_id"),
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
        .order_by(
            "ergebnisziel__rahmenziel__grundsatzziel__sort_order",
            "ergebnisziel__rahmenziel__sort_order",
            "ergebnisziel__sort_order",
            "sort_order",
            "pk",
        )
    )
    result: dict[int, list[IndikatorStand]] = {pk: [] for pk in ids}
    for indikator in rows:
        # SQLite returns subquery decimals as floats: normalise for display and comparison.
        value = indikator.latest_value
        result[indikator.zielsystem_pk].append(
            IndikatorStand(
                indikator,
                Decimal(str(value)) if value is not None else None,
                _as_date(indikator.latest_on),
            )
        )
    return result


def thema_traces(themen: list[GenerativesThema]) -> list[ThemaTrace]:
    """Themes (fetched with THEMA_CHAIN) with the indicators of their Zielsystem."""
    indikatoren = indikatoren_by_zielsystem(t.zielsystem_id for t in themen)
    return [ThemaTrace(t, indikatoren.get(t.zielsystem_id, [])) for t in themen]


def meldebogen_trace(meldebogen: Meldebogen) -> MeldebogenTrace:
    """Forward from a report: its reconstructions, its themes and what followed them."""
    rekonstruktionen = list(meldebogen.fallrekonstruktionen.select_related("moderator"))
    themen = list(
        GenerativesThema.objects.for_meldebogen(meldebogen.pk)
        .select_related(*THEMA_CHAIN)
        .order_by("title")
    )
    return MeldebogenTrace(meldebogen, rekonstruktionen, thema_traces(themen))


def meldeboegen_by_thema(thema_ids) -> dict[int, list[Meldebogen]]:
    """Per theme, its reports: assigned directly or through its reconstructions (4 queries)."""
    ids = list(set(thema_ids))
    if not ids:
        return {}
    pairs: set[tuple[int, int]] = set(
        GenerativesThema.meldeboegen.through.objects.filter(
            generativesthema_id__in=ids
        ).values_list("generativesthema_id", "meldebogen_id")
    )
    rek_of_thema = list(
        GenerativesThema.fallrekonstruktionen.through.objects.filter(
            generativesthema_id__in=ids
        ).values_list("generativesthema_id", "fallrekonstruktion_id")
    )
    if rek_of_thema:
        reports_of_rek: dict[int, list[int]] = {}
        for rek_id, mb_id in Fallrekonstruktion.meldeboegen.through.objects.filter(
            fallrekonstruktion_id__in={rek for _, rek in rek_of_thema}
        ).values_list("fallrekonstruktion_id", "meldebogen_id"):
            reports_of_rek.setdefault(rek_id, []).append(mb_id)
        for thema_id, rek_id in rek_of_thema:
            pairs.update((thema_id, mb_id) for mb_id in reports_of_rek.get(rek_id, []))
    reports = Meldebogen.objects.submitted().in_bulk({mb for _, mb in pairs})
    result: dict[int, list[Meldebogen]] = {pk: [] for pk in ids}
    for thema_id, mb_id in pairs:
        if mb_id in reports:
            result[thema_id].append(reports[mb_id])
    for reports_of_thema in result.values():
        reports_of_thema.sort(key=lambda mb: mb.reference or "")
    return result
