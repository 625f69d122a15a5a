"""The current state of the KIM cycle beyond the reports: Beschlüsse in Umsetzung, overdue
Aktivitäten of Zielsysteme and open generative Themen. One query per list, whatever the content.

The dashboard is for the KIM-Koordination, which sees every Gremium (spaces.visibility), so these
lists are not filtered further; the Sachstandsbericht applies its own publication rule
(reporting.sachstand).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from cycle.models import GenerativesThema
from portal.charts import bar_chart
from reporting.disclosure import Cell, protect_one
from spaces.models import Aktivitaet, Beschluss


def beschluesse_in_umsetzung():
    return (
        Beschluss.objects.filter(status=Beschluss.Status.IN_UMSETZUNG)
        .select_related("gremium")
        .order_by("decided_on", "number")
    )


def overdue_aktivitaeten(on: datetime.date | None = None):
    """Aktivitäten whose due date has passed and that are not done."""
    on = on or timezone.localdate()
    return (
        Aktivitaet.objects.filter(due_on__lt=on)
        .exclude(status=Aktivitaet.Status.ERLEDIGT)
        .select_related(
            "organisation",
            "ergebnisziel__rahmenziel__grundsatzziel__zielsystem__gremium",
        )
        .order_by("due_on", "pk")
    )


@dataclass
class ThemeOverview:
    """Generative Themen: the list and their number per status (a bar chart and its table)."""

    themes: list
    by_status: list[tuple[str, Cell]]

    @property
    def total(self) -> int:
        return len(self.themes)

    @property
    def open(self) -> int:
        return sum(1 for theme in self.themes if not theme.is_closed)

    def chart(self, chart_id: str):
        return bar_chart(
            chart_id,
            "Generative Themen nach Status",
            self.by_status,
            category_axis_label="Status",
            value_axis_label="Anzahl Themen",
            horizontal=True,
            unit="Themen",
        )


def _theme_overview(themes) -> ThemeOverview:
    themes = list(themes)
    counts = Counter(theme.status for theme in themes)
    # Themes are not people: their numbers are exact (Cell without suppression).
    by_status = [
        (str(label), Cell(counts.get(value, 0))) for value, label in GenerativesThema.Status.choices
    ]
    return ThemeOverview(themes, by_status)


def open_themes() -> ThemeOverview:
    """Generative Themen that are neither gelöst nor nicht lösbar, with the number of reports
    behind each, assigned directly or through a Fallrekonstruktion (protected: a theme with one
    report must not point to it). Three queries."""
    open_qs = GenerativesThema.objects.open()
    themes = open_qs.select_related("arbeitsgruppe").order_by("status", "title")
    reports: dict[int, set[int]] = defaultdict(set)
    for lookup in ("meldeboegen", "fallrekonstruktionen__meldeboegen"):
        # A Dublette is counted once, with its original.
        rows = open_qs.values_list("pk", lookup, f"{lookup}__status")
        for theme_id, meldebogen_id, status in rows:
            if meldebogen_id is not None and status != "dublette":
                reports[theme_id].add(meldebogen_id)
    overview = _theme_overview(themes)
    closed = {
        str(label)
        for value, label in GenerativesThema.Status.choices
        if value in GenerativesThema.CLOSED_STATUSES
    }
    overview.by_status = [(lbl, cell) for lbl, cell in overview.by_status if lbl not in closed]
    for theme in overview.themes:
        theme.meldeboegen_cell = protect_one(len(reports[theme.pk]))
    return overview


def themes_for_report(until: datetime.date) -> ThemeOverview:
    """All generative Themen created up to ``until``, for the Sachstandsbericht (title, status
    and Arbeitsgruppe only: the description may carry details of cases)."""
    zone = timezone.get_current_timezone()
    end = datetime.datetime.combine(
        until + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    themes = (
        GenerativesThema.objects.filter(created_at__lt=end)
        .select_related("arbeitsgruppe")
        .order_by("title")
    )
    return _theme_overview(themes)


def current_state() -> dict:
    today = timezone.localdate()
    themes = open_themes()
    return {
        "today": today,
        "beschluesse_in_umsetzung": list(beschluesse_in_umsetzung()),
        "overdue_aktivitaeten": list(overdue_aktivitaeten(today)),
        "open_themes": themes,
        "open_themes_chart": themes.chart("chart-themen"),
    }
