"""Monitoring of adopted Zielsysteme: an indicator's trend and the activities' progress.

The chart is the portal's inline SVG line chart (portal/charts.py, no JavaScript, no build
step). It is an image with a text alternative; the table of values next to it carries the same
information.
"""

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext as _

from portal.charts import LineChart, format_number, line_chart
from spaces.models import Aktivitaet, Indikator


def progress_share(indikator: Indikator, latest: Decimal | None) -> int | None:
    """Share of the way from baseline to target reached by ``latest``, in whole percent."""
    if latest is None or indikator.target == indikator.baseline:
        return None
    share = (latest - indikator.baseline) / (indikator.target - indikator.baseline) * 100
    return int(share.quantize(Decimal("1")))


def describe(indikator: Indikator, messwerte: list) -> str:
    unit = indikator.unit
    base = (
        f"Ausgangswert {format_number(indikator.baseline)} {unit}, "
        f"Zielwert {format_number(indikator.target)} {unit}."
    )
    if not messwerte:
        return f"Verlauf des Indikators „{indikator.name}“: noch keine Messwerte. {base}"
    first, last = messwerte[0], messwerte[-1]
    return (
        f"Verlauf des Indikators „{indikator.name}“: {len(messwerte)} Messwerte, von "
        f"{format_number(first.value)} {unit} am {first.measured_on:%d.%m.%Y} bis "
        f"{format_number(last.value)} {unit} am {last.measured_on:%d.%m.%Y}. {base}"
    )


def chart(indikator: Indikator, messwerte: list) -> LineChart:
    """The line chart of ``messwerte`` (sorted by date) with baseline and target."""
    return line_chart(
        "chart",
        _("Liniendiagramm der Messwerte"),
        [(m.measured_on, m.value) for m in messwerte],
        unit=indikator.unit,
        references=[
            (indikator.baseline, _("Ausgangswert"), "baseline"),
            (indikator.target, _("Ziel"), "target"),
        ],
        description=describe(indikator, messwerte),
    )


def activity_progress(aktivitaeten) -> list[tuple[str, int]]:
    """Counts per status (geplant, laufend, erledigt), in that order, as (label, count)."""
    counts = Counter(a.status for a in aktivitaeten)
    return [(label, counts.get(value, 0)) for value, label in Aktivitaet.Status.choices]
