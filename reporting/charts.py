"""Server-rendered bar charts (inline SVG from a template, no JavaScript, no library).

A chart is computed here as plain coordinates and drawn by reporting/_bar_chart.html. It is an
image with a title and a text description (role="img"); the table next to it carries the same
numbers. Hidden counts (reporting.disclosure) get no bar at all, only their label ("< 3" or
"geschützt") at the axis, so the picture never shows what the numbers hide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reporting.disclosure import Cell

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


def describe(title: str, items: list[tuple[str, Cell]], unit: str) -> str:
    """A sentence for screen readers and the figure caption."""
    shown = [(label, cell.count) for label, cell in items if not cell.is_hidden]
    hidden = [label for label, cell in items if cell.is_hidden]
    parts = [f"{title}: {len(items)} Werte."]
    if shown:
        top_value = max(count for _label, count in shown)
        top = [label for label, count in shown if count == top_value]
        parts.append(
            f"Höchster Wert: {top_value} ({', '.join(top)})."
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
    items: list[tuple[str, Cell]],
    *,
    category_axis_label: str,
    value_axis_label: str = "Anzahl Meldebögen",
    horizontal: bool = False,
    unit: str = "Meldebögen",
) -> BarChart:
    """Bars for (label, protected count) pairs: vertical for months, horizontal for categories
    with long names."""
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
