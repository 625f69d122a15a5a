"""The content of the Sachstandsbericht: what a report to a political committee may contain.

Publication rules (docs/apps/reporting.md):

- Meldebögen only as protected counts (reporting.disclosure), never their free texts, never who
  reported.
- Beschlüsse are listed with number, subject and status only if they are "für alle Akteure
  freigegeben" (what every actor may already read) and were taken in the period or are still
  open or in Umsetzung at its end; every other Beschluss of the period is only counted by status.
- Arbeitsgruppen with name, theme, who set them up and when, number of Sitzungen in the period
  and of Zielsysteme; never members or minutes.
- Zielsysteme in detail (indicators' latest value up to the end of the period against baseline
  and target, activities by status) only if beschlossen and freigegeben; the others are counted.
- Generative Themen with title and status (cycle app, once installed), never the reports behind
  them.

The status of Beschlüsse and Aktivitäten is today's (the models keep no status history).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from portal.charts import bar_chart, format_number
from reporting import overview
from reporting.disclosure import threshold
from reporting.statistics import Period, Statistics, month_label
from spaces.models import Aktivitaet, Beschluss, Gremium, Indikator, Messwert, Sitzung, Zielsystem
from spaces.monitoring import progress_share

REPORT_DIMENSIONS = ("thema", "kommune", "huerde", "rechtskreis", "zielgruppe")
ZIELSYSTEM_PATH = "ergebnisziel__rahmenziel__grundsatzziel__zielsystem"


def kreis_name() -> str:
    """Setting KIM_KREIS_NAME (default "Märkischer Kreis")."""
    return str(getattr(settings, "KIM_KREIS_NAME", "Märkischer Kreis"))


def published_beschluesse(period: Period):
    open_states = [Beschluss.Status.OFFEN, Beschluss.Status.IN_UMSETZUNG]
    return (
        Beschluss.objects.filter(shared_with_all=True, decided_on__lte=period.end)
        .filter(Q(decided_on__gte=period.start) | Q(status__in=open_states))
        .select_related("gremium")
        .order_by("decided_on", "number")
    )


def beschluss_counts(period: Period) -> dict:
    """All Beschlüsse taken in the period, counted by status, and how many are not released."""
    rows = (
        Beschluss.objects.filter(decided_on__gte=period.start, decided_on__lte=period.end)
        .values("status", "shared_with_all")
        .annotate(n=Count("pk"))
    )
    by_status: Counter = Counter()
    internal = 0
    for row in rows:
        by_status[row["status"]] += row["n"]
        if not row["shared_with_all"]:
            internal += row["n"]
    return {
        "by_status": [
            (label, by_status.get(value, 0)) for value, label in Beschluss.Status.choices
        ],
        "total": sum(by_status.values()),
        "internal": internal,
    }


def arbeitsgruppen(period: Period):
    start, end = period.bounds()
    in_period = Q(
        sitzungen__starts_at__gte=start,
        sitzungen__starts_at__lt=end,
    ) & ~Q(sitzungen__status=Sitzung.Status.ABGESAGT)
    return (
        Gremium.objects.filter(kind=Gremium.Kind.ARBEITSGRUPPE)
        .select_related("parent", "established_by")
        .annotate(
            sitzungen_im_zeitraum=Count("sitzungen", filter=in_period, distinct=True),
            zielsysteme_anzahl=Count("zielsysteme", distinct=True),
        )
        .order_by("name")
    )


@dataclass
class IndikatorStand:
    name: str
    unit: str
    baseline: str
    target: str
    latest: str
    latest_on: object
    progress: int | None


@dataclass
class ZielsystemStand:
    zielsystem: Zielsystem
    indikatoren: list[IndikatorStand] = field(default_factory=list)
    aktivitaeten: list[tuple[str, int]] = field(default_factory=list)
    ueberfaellig: int = 0


def goal_progress(period: Period) -> dict:
    """Released, adopted Zielsysteme with indicator and activity progress (four queries)."""
    released = list(
        Zielsystem.objects.filter(status=Zielsystem.Status.BESCHLOSSEN, shared_with_all=True)
        .select_related("gremium", "adopted_by")
        .order_by("gremium__name", "title")
    )
    others = Zielsystem.objects.exclude(
        status=Zielsystem.Status.BESCHLOSSEN, shared_with_all=True
    ).aggregate(
        entwurf=Count("pk", filter=Q(status=Zielsystem.Status.ENTWURF)),
        beschlossen=Count("pk", filter=Q(status=Zielsystem.Status.BESCHLOSSEN)),
    )
    stand = {z.pk: ZielsystemStand(z) for z in released}
    latest = Messwert.objects.filter(
        indikator=OuterRef("pk"), measured_on__lte=period.end
    ).order_by("-measured_on", "-pk")
    indikatoren = (
        Indikator.objects.filter(**{f"{ZIELSYSTEM_PATH}__in": list(stand)})
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
            zielsystem_pk=F(ZIELSYSTEM_PATH),
        )
        .order_by(
            "ergebnisziel__rahmenziel__grundsatzziel__sort_order",
            "ergebnisziel__rahmenziel__sort_order",
            "ergebnisziel__sort_order",
            "sort_order",
            "pk",
        )
    )
    for indikator in indikatoren:
        value = indikator.latest_value
        latest_value = Decimal(value) if value is not None else None
        stand[indikator.zielsystem_pk].indikatoren.append(
            IndikatorStand(
                name=indikator.name,
                unit=indikator.unit,
                baseline=format_number(indikator.baseline),
                target=format_number(indikator.target),
                latest=format_number(latest_value) if latest_value is not None else "–",
                latest_on=indikator.latest_on,
                progress=progress_share(indikator, latest_value),
            )
        )
    today = timezone.localdate()
    counts: dict[int, Counter] = defaultdict(Counter)
    overdue: Counter = Counter()
    rows = (
        Aktivitaet.objects.filter(**{f"{ZIELSYSTEM_PATH}__in": list(stand)})
        .values(ZIELSYSTEM_PATH, "status")
        .annotate(
            n=Count("pk"),
            late=Count("pk", filter=Q(due_on__lt=today) & ~Q(status=Aktivitaet.Status.ERLEDIGT)),
        )
    )
    for row in rows:
        key = row[ZIELSYSTEM_PATH]
        counts[key][row["status"]] += row["n"]
        overdue[key] += row["late"]
    for pk, entry in stand.items():
        entry.aktivitaeten = [
            (str(label), counts[pk].get(value, 0)) for value, label in Aktivitaet.Status.choices
        ]
        entry.ueberfaellig = overdue[pk]
    return {
        "zielsysteme": list(stand.values()),
        "weitere_entwuerfe": others["entwurf"],
        "weitere_beschlossen": others["beschlossen"],
    }


def report_context(period: Period) -> dict:
    statistics = Statistics.for_period(period)
    monthly = statistics.distribution("monat")
    chart = bar_chart(
        "chart-monat",
        monthly.dimension.heading,
        [(month_label(row.category, short=True), row.cell) for row in monthly.rows],
        category_axis_label="Monat",
    )
    themes = overview.themes_for_report(period.end)
    return {
        "period": period,
        "kreis": kreis_name(),
        "created": timezone.localdate(),
        "threshold": threshold(),
        "total": statistics.total,
        "monthly": monthly,
        "monthly_chart": chart,
        "distributions": [statistics.distribution(k) for k in REPORT_DIMENSIONS],
        "crosstab": statistics.crosstab("kommune", "thema"),
        "beschluesse": list(published_beschluesse(period)),
        "beschluss_counts": beschluss_counts(period),
        "arbeitsgruppen": list(arbeitsgruppen(period)),
        "themes": themes,
        "themes_chart": themes.chart("chart-themen"),
        **goal_progress(period),
    }
