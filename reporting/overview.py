"""The current state of the KIM cycle beyond the reports: Beschlüsse in Umsetzung, overdue
Aktivitäten of Zielsysteme and open generative Themen. One query per list, whatever the content.

The dashboard is for the KIM-Koordination, which sees every Gremium (spaces.visibility), so these
lists are not filtered further; the Sachstandsbericht applies its own publication rule
(reporting.sachstand).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

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


def open_themes():
    """Generative Themen that are not solved or closed (None while the cycle app has none)."""
    return None


def open_themes_for_report():
    """All generative Themen with their status for the Sachstandsbericht (None: no cycle)."""
    return None


def current_state() -> dict:
    today = timezone.localdate()
    return {
        "today": today,
        "beschluesse_in_umsetzung": list(beschluesse_in_umsetzung()),
        "overdue_aktivitaeten": list(overdue_aktivitaeten(today)),
        "open_themes": open_themes(),
    }
