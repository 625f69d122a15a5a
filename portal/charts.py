"""The portal's charts: server-rendered inline SVG from a template, no JavaScript, no library.

One module for every chart of the portal: the bar charts of reporting (dashboard,
Sachstandsbericht) and the line chart of a Zielsystem's indicator (spaces/monitoring.py). A chart
is computed here as plain coordinates and drawn by ``portal/charts/bar_chart.html`` or
``portal/charts/line_chart.html``. It is an image with a title and a text description
(``role="img"``); the table next to it carries the same numbers.

Bar values follow :class:`ChartValue` (reporting's protected ``Cell`` does): a hidden value gets no
bar at all, only its label ("< 3" or "geschützt") at the axis, so the picture never shows what the
numbers hide.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.formats import number_format

BAR_COLOUR = "#00507a"  # 8.3:1 against white (non-text contrast needs 3:1)
TEXT_COLOUR = "#1b1b1b"
AXIS_COLOUR = "#4a4a4a"


@dataclass(frozen=True)
class Bar:
    label: str
    display: str
    hidden: bool
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Tick:
    value: str
    x1: float
    y1: float
    x2: float
    y2: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    horizontal: bool
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    plot_left: float
    plot_top: float
    plot_right: float
    plot_bottom: float
    category_axis_label: str
    value_axis_label: str
    value_label_x: float
    value_label_y: float
    category_label_x: float
    category_label_y: float
    colour: str = BAR_COLOUR
    text_colour: str = TEXT_COLOUR
    axis_colour: str = AXIS_COLOUR


class ChartValue(Protocol):
    """A value of a bar: its number, the text shown for it, and whether the number is hidden."""

    count: int | float  # a count, or a fractional value such as VZÄ

    @property
    def display(self) -> str: ...

    @property
    def is_hidden(self) -> bool: ...


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A step of 1, 2 or 5 times a power of ten that gives at most ``ticks`` intervals."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def _german(value: float | int) -> str:
    """A count as it is ("38"), a fractional value (VZÄ) in German notation ("3,5")."""
    return str(value) if isinstance(value, int) else format_number(Decimal(str(value)))


def describe(title: str, items: list[tuple[str, ChartValue]], unit: str) -> str:
    """A sentence for screen readers and the figure caption."""
    shown = [(label, cell.count) for label, cell in items if not cell.is_hidden]
    hidden = [label for label, cell in items if cell.is_hidden]
    parts = [f"{title}: {len(items)} Werte."]
    if shown:
        top_value = max(count for _label, count in shown)
        top = [label for label, count in shown if count == top_value]
        parts.append(
            f"Höchster Wert: {_german(top_value)} ({', '.join(top)})."
            if top_value
            else "Alle genau gezeigten Werte sind 0."
        )
    if hidden:
        parts.append(
            f"Zum Schutz kleiner Zahlen nicht genau angegeben: {', '.join(hidden)}. "
            "Die genauen Zahlen stehen in der Tabelle."
        )
    else:
        parts.append("Die Zahlen stehen auch in der Tabelle.")
    return " ".join(parts)


def bar_chart(
    chart_id: str,
    title: str,
    items: list[tuple[str, ChartValue]],
    *,
    category_axis_label: str,
    value_axis_label: str = "Anzahl Meldebögen",
    horizontal: bool = False,
    unit: str = "Meldebögen",
) -> BarChart:
    """Bars for (label, value) pairs: vertical for months, horizontal for categories with long
    names."""
    maximum = max([cell.count for _label, cell in items if not cell.is_hidden] + [1])
    step = nice_step(maximum)
    top = math.ceil(maximum / step) * step
    tick_values = list(range(0, top + 1, step))

    if horizontal:
        label_width = 250
        width = 720
        bar_height, gap = 22, 10
        plot_left, plot_right = label_width, width - 70
        plot_top = 16
        plot_bottom = plot_top + len(items) * (bar_height + gap)
        height = int(plot_bottom + 56)
        scale = (plot_right - plot_left) / top
        bars = []
        for index, (label, cell) in enumerate(items):
            y = plot_top + index * (bar_height + gap) + gap / 2
            length = 0 if cell.is_hidden else cell.count * scale
            bars.append(
                Bar(
                    label=label,
                    display=cell.display,
                    hidden=cell.is_hidden,
                    x=plot_left,
                    y=y,
                    width=round(length, 1),
                    height=bar_height,
                    label_x=plot_left - 8,
                    label_y=y + bar_height / 2 + 5,
                    value_x=round(plot_left + length + 6, 1),
                    value_y=y + bar_height / 2 + 5,
                )
            )
        ticks = [
            Tick(
                value=str(v),
                x1=round(plot_left + v * scale, 1),
                y1=plot_top,
                x2=round(plot_left + v * scale, 1),
                y2=plot_bottom,
                text_x=round(plot_left + v * scale, 1),
                text_y=plot_bottom + 18,
            )
            for v in tick_values
        ]
        value_label = ((plot_left + plot_right) / 2, plot_bottom + 42)
        category_label = (12, plot_top - 2)
    else:
        width = max(480, min(960, 90 + len(items) * 56))
        height = 320
        plot_left, plot_right = 64, width - 16
        plot_top, plot_bottom = 24, height - 84
        slot = (plot_right - plot_left) / max(len(items), 1)
        bar_width = min(40, slot * 0.7)
        scale = (plot_bottom - plot_top) / top
        bars = []
        for index, (label, cell) in enumerate(items):
            centre = plot_left + slot * (index + 0.5)
            length = 0 if cell.is_hidden else cell.count * scale
            bars.append(
                Bar(
                    label=label,
                    display=cell.display,
                    hidden=cell.is_hidden,
                    x=round(centre - bar_width / 2, 1),
                    y=round(plot_bottom - length, 1),
                    width=round(bar_width, 1),
                    height=round(length, 1),
                    label_x=round(centre, 1),
                    label_y=plot_bottom + 16,
                    value_x=round(centre, 1),
                    value_y=round(plot_bottom - length - 6, 1),
                )
            )
        ticks = [
            Tick(
                value=str(v),
                x1=plot_left,
                y1=round(plot_bottom - v * scale, 1),
                x2=plot_right,
                y2=round(plot_bottom - v * scale, 1),
                text_x=plot_left - 8,
                text_y=round(plot_bottom - v * scale + 4, 1),
            )
            for v in tick_values
        ]
        value_label = (16, (plot_top + plot_bottom) / 2)
        category_label = ((plot_left + plot_right) / 2, height - 12)

    return BarChart(
        id=chart_id,
        title=title,
        description=describe(title, items, unit),
        horizontal=horizontal,
        width=width,
        height=height,
        bars=bars,
        ticks=ticks,
        plot_left=plot_left,
        plot_top=plot_top,
        plot_right=plot_right,
        plot_bottom=plot_bottom,
        category_axis_label=category_axis_label,
        value_axis_label=value_axis_label,
        value_label_x=value_label[0],
        value_label_y=value_label[1],
        category_label_x=category_label[0],
        category_label_y=category_label[1],
    )


# ---------------------------------------------------------------------------------------
# Line chart: values over time with reference lines (e.g. an indicator's baseline and target)
# ---------------------------------------------------------------------------------------

LINE_WIDTH, LINE_HEIGHT = 640, 260
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 56, 16, 16, 40


def format_number(value: Decimal) -> str:
    """A value in German notation with as few decimals as it needs (38 / 38,5 / 38,25)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        places = 0
    elif value * 10 == (value * 10).to_integral_value():
        places = 1
    else:
        places = 2
    return number_format(value, places)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: str


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal line across the plot with a label at its right end."""

    y: float
    label: str
    colour: str
    label_colour: str
    dash: str
    stroke_width: int
    label_dy: int  # the label above (negative) or below (positive) the line


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    width: int
    height: int
    points: list[Point]
    polyline: str
    references: list[ReferenceLine]
    ticks: list[tuple[float, str]]
    plot_left: int
    plot_right: int
    plot_bottom: int
    description: str


def line_chart(
    chart_id: str,
    title: str,
    values: list[tuple[datetime.date, Decimal]],
    *,
    unit: str,
    references: list[tuple[Decimal, str, str]],
    description: str,
) -> LineChart:
    """Coordinates of a line chart of dated ``values`` (sorted by date) and horizontal
    ``references`` given as (value, label, style); style ``"target"`` draws a bold green line,
    any other a thin grey one. The value axis is labelled at the references' values."""
    numbers = [value for _day, value in values] + [value for value, _l, _s in references]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    low, high = low - span * Decimal("0.05"), high + span * Decimal("0.05")
    plot_w = LINE_WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = LINE_HEIGHT - PAD_TOP - PAD_BOTTOM

    def y(value: Decimal) -> float:
        return round(PAD_TOP + float((high - value) / (high - low)) * plot_h, 1)

    xs = []
    if values:
        days = [day.toordinal() for day, _value in values]
        first, last = days[0], days[-1]
        width_days = (last - first) or 1
        xs = [
            round(
                PAD_LEFT + (plot_w * (d - first) / width_days if last != first else plot_w / 2), 1
            )
            for d in days
        ]
    points = [
        Point(x, y(value), f"{day:%d.%m.%Y}", f"{format_number(value)} {unit}")
        for x, (day, value) in zip(xs, values, strict=True)
    ]
    lines = [
        ReferenceLine(y(value), label, "#1a6b2f", "#1a6b2f", "8 4", 2, -4)
        if style == "target"
        else ReferenceLine(y(value), label, "#666", "#444", "4 4", 1, 14)
        for value, label, style in references
    ]
    ticks = [(y(v), format_number(v)) for v in sorted({value for value, _l, _s in references})]
    return LineChart(
        id=chart_id,
        title=title,
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        references=lines,
        ticks=ticks,
        plot_left=PAD_LEFT,
        plot_right=LINE_WIDTH - PAD_RIGHT,
        plot_bottom=LINE_HEIGHT - PAD_BOTTOM,
        description=description,
    )
