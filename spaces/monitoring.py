"""Monitoring of adopted Zielsysteme: an indicator's trend and the activities' progress.

The chart is a small inline SVG computed here (no JavaScript, no build step). It is an image
with a text alternative; the table of values next to it carries the same information.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

from spaces.models import Aktivitaet, Indikator

WIDTH, HEIGHT = 640, 260
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 56, 16, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    baseline_y: float
    target_y: float
    ticks: list[tuple[float, str]]
    plot_left: int
    plot_right: int
    plot_bottom: int
    description: str


def fmt(value: Decimal) -> str:
    """A value in German notation with as few decimals as it needs (38 / 38,5 / 38,25)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        places = 0
    elif value * 10 == (value * 10).to_integral_value():
        places = 1
    else:
        places = 2
    return number_format(value, places)


def progress_share(indikator: Indikator, latest: Decimal | None) -> int | None:
    """Share of the way from baseline to target reached by ``latest``, in whole percent."""
    if latest is None or indikator.target == indikator.baseline:
        return None
    share = (latest - indikator.baseline) / (indikator.target - indikator.baseline) * 100
    return int(share.quantize(Decimal("1")))


def describe(indikator: Indikator, messwerte: list) -> str:
    unit = indikator.unit
    base = (
        f"Ausgangswert {fmt(indikator.baseline)} {unit}, Zielwert {fmt(indikator.target)} {unit}."
    )
    if not messwerte:
        return f"Verlauf des Indikators „{indikator.name}“: noch keine Messwerte. {base}"
    first, last = messwerte[0], messwerte[-1]
    return (
        f"Verlauf des Indikators „{indikator.name}“: {len(messwerte)} Messwerte, von "
        f"{fmt(first.value)} {unit} am {first.measured_on:%d.%m.%Y} bis "
        f"{fmt(last.value)} {unit} am {last.measured_on:%d.%m.%Y}. {base}"
    )


def chart(indikator: Indikator, messwerte: list) -> Chart:
    """Coordinates of a line chart of ``messwerte`` (sorted by date) with baseline and target."""
    values = [m.value for m in messwerte] + [indikator.baseline, indikator.target]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    low, high = low - span * Decimal("0.05"), high + span * Decimal("0.05")
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def y(value: Decimal) -> float:
        return round(PAD_TOP + float((high - value) / (high - low)) * plot_h, 1)

    if messwerte:
        days = [m.measured_on.toordinal() for m in messwerte]
        first, last = days[0], days[-1]
        width_days = (last - first) or 1
        xs = [
            round(
                PAD_LEFT + (plot_w * (d - first) / width_days if last != first else plot_w / 2), 1
            )
            for d in days
        ]
    else:
        xs = []
    points = [
        Point(x, y(m.value), f"{m.measured_on:%d.%m.%Y}", f"{fmt(m.value)} {indikator.unit}")
        for x, m in zip(xs, messwerte, strict=True)
    ]
    ticks = [(y(v), fmt(v)) for v in sorted({indikator.baseline, indikator.target})]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        baseline_y=y(indikator.baseline),
        target_y=y(indikator.target),
        ticks=ticks,
        plot_left=PAD_LEFT,
        plot_right=WIDTH - PAD_RIGHT,
        plot_bottom=HEIGHT - PAD_BOTTOM,
        description=describe(indikator, messwerte),
    )


def activity_progress(aktivitaeten) -> list[tuple[str, int]]:
    """Counts per status (geplant, laufend, erledigt), in that order, as (label, count)."""
    counts = Counter(a.status for a in aktivitaeten)
    return [(label, counts.get(value, 0)) for value, label in Aktivitaet.Status.choices]
