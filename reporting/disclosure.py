"""Small numbers protect people: statistical disclosure control for every published count.

A count of one or two reports for a combination such as "Kommune x Thema x Zielgruppe" can point
to a single family or a single adviser. Every count the reporting app shows (dashboard, exports,
Sachstandsbericht) therefore passes through this module. The rules (docs/apps/reporting.md):

1. Primary suppression: a count ``n`` with ``0 < n < threshold`` is shown as "< 3" (setting
   ``REPORTING_SMALL_NUMBER_THRESHOLD``, default 3). Zero is shown as "0": an empty cell
   describes nobody, and hiding zeros would only make the tables unreadable.
2. Secondary suppression against differencing: a total next to its cells would reveal a single
   hidden cell (total minus the visible cells). So in every line of a table (a row or a column
   together with its total, including the lines of the totals themselves) further non-zero cells
   are hidden until a reader who knows the rule ("< 3" is 1 or 2, "geschützt" is at least 3) can
   no longer narrow any small cell of the line to a single value; a hidden total hides the
   non-zero cells of its line, so they cannot bound it from below. Totals stay exact, which is
   what a committee needs. Cells hidden this way are shown as "geschützt".
3. Consistency: a table's totals are the cells of smaller tables (the Thema column of
   "Kommune x Thema" is the table "per Thema"). Tables are protected from the smallest up, and a
   larger table takes over what the smaller ones hid, so a number is never hidden in one place and
   shown in another (see reporting.statistics.Statistics).

This is a transparent heuristic, line by line; it is not a full audit of all linear combinations
across lines (as tools like tau-ARGUS do with linear programming), and differences between two
reports for overlapping periods are not protected. The
Sachstandsbericht therefore uses fixed, non-overlapping periods in practice (documented).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product

from django.conf import settings

__all__ = ["TOTAL", "Cell", "protect", "threshold"]


class _Total:
    """The marker for "all categories" on an axis (a table's total row or column)."""

    _instance: _Total | None = None

    def __new__(cls) -> _Total:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "TOTAL"

    def __reduce__(self):
        return (_Total, ())


TOTAL = _Total()

PRIMARY = "primary"
SECONDARY = "secondary"


def threshold() -> int:
    """Counts from 1 up to this value minus one are hidden (REPORTING_SMALL_NUMBER_THRESHOLD)."""
    value = int(getattr(settings, "REPORTING_SMALL_NUMBER_THRESHOLD", 3))
    return max(value, 1)


@dataclass(frozen=True)
class Cell:
    """One published count: either exact or hidden (and then never the exact number)."""

    count: int
    suppressed: str = ""  # "", PRIMARY or SECONDARY
    limit: int = 3

    @property
    def display(self) -> str:
        if self.suppressed == PRIMARY:
            return f"< {self.limit}"
        if self.suppressed == SECONDARY:
            return "geschützt"
        return f"{self.count:,}".replace(",", ".")

    @property
    def shown(self) -> int | None:
        """The exact number if it may be shown, else None (for charts and sums)."""
        return None if self.suppressed else self.count

    @property
    def is_hidden(self) -> bool:
        return bool(self.suppressed)

    def __str__(self) -> str:
        return self.display


Key = tuple


def _lines(axes: Sequence[Sequence[Hashable]]) -> list[tuple[list[Key], Key]]:
    """Every line of the table: (cells varying on one axis, the total of that line)."""
    lines = []
    extended = [list(axis) + [TOTAL] for axis in axes]
    for d, axis in enumerate(axes):
        others = [extended[i] if i != d else [TOTAL] for i in range(len(axes))]
        for total_key in product(*others):
            cells = [total_key[:d] + (category,) + total_key[d + 1 :] for category in axis]
            lines.append((cells, total_key))
    return lines


def protect(
    counts: Mapping[Key, int],
    axes: Sequence[Sequence[Hashable]],
    *,
    limit: int | None = None,
    hidden: Mapping[Key, str] | None = None,
) -> dict[Key, Cell]:
    """Protect an n-dimensional table of counts with all its totals.

    ``counts`` maps keys (one coordinate per axis: a category of that axis or TOTAL) to counts;
    missing keys count as 0. ``hidden`` are cells already hidden in smaller tables (keys of this
    table with TOTAL on the axes the smaller table does not have); they stay hidden here.
    Returns a Cell for every key of the full table (all categories and totals).
    """
    limit = threshold() if limit is None else limit
    extended = [list(axis) + [TOTAL] for axis in axes]
    keys = list(product(*extended))
    value = {key: int(counts.get(key, 0)) for key in keys}
    state: dict[Key, str] = {key: PRIMARY for key in keys if 0 < value[key] < limit}
    for key, reason in (hidden or {}).items():
        if key in value and key not in state:
            state[key] = reason or SECONDARY

    lines = _lines(axes)
    lines_of: dict[Key, list[int]] = {}
    for index, (cells, _total_key) in enumerate(lines):
        for key in cells:
            lines_of.setdefault(key, []).append(index)

    def dead_end(candidate: Key, current: int) -> bool:
        """Hiding ``candidate`` would leave another of its lines with it as the only hidden
        member and no other non-zero cell: that line's total would then have to go, too."""
        for index in lines_of[candidate]:
            if index == current:
                continue
            cells, total_key = lines[index]
            members = [*cells, total_key]
            if any(key in state for key in members if key != candidate):
                continue
            if not any(value[key] > 0 for key in cells if key != candidate):
                return True
        return False

    def primary_pinned(cells: list[Key], extra: int = 0, extra_count: int = 0) -> bool:
        """Whether a reader can narrow a small cell of this line to one value.

        The reader knows the line's total and visible cells, hence the sum of the hidden cells;
        each "< t" cell lies in 1..t-1 and each "geschützt" cell is at least t. A small cell is
        pinned if that leaves it fewer than two possible values. ``extra`` and ``extra_count``
        try out hiding further cells of that total value and number.
        """
        primary = [key for key in cells if state.get(key) == PRIMARY]
        if not primary:
            return False
        hidden_sum = sum(value[key] for key in cells if key in state) + extra
        secondary = sum(1 for key in cells if state.get(key) == SECONDARY) + extra_count
        others = len(primary) - 1
        upper = min(limit - 1, hidden_sum - others - secondary * limit)
        lower = 1 if secondary else max(1, hidden_sum - others * (limit - 1))
        return upper - lower < 1

    def hide(key: Key) -> None:
        nonlocal changed
        state[key] = SECONDARY
        changed = True

    changed = True
    while changed:
        changed = False
        for index, (cells, total_key) in enumerate(lines):
            members = [*cells, total_key]
            candidates = sorted(
                (key for key in cells if key not in state and value[key] > 0),
                key=lambda key: (dead_end(key, index), value[key]),
            )
            if total_key in state:
                # A hidden total must not be bounded from below by the visible cells of its
                # line: hide them all (zeros stay, they bound nothing).
                for key in candidates:
                    hide(key)
                continue
            hidden_count = sum(1 for key in members if key in state)
            if hidden_count == 1 or (hidden_count and primary_pinned(cells)):
                fitting = [key for key in candidates if not primary_pinned(cells, value[key], 1)]
                if fitting:
                    hide(fitting[0])
                elif candidates:
                    hide(max(candidates, key=lambda key: value[key]))
                else:
                    hide(total_key)
    return {key: Cell(value[key], state.get(key, ""), limit) for key in keys}


def protect_one(count: int, limit: int | None = None) -> Cell:
    """A single count without neighbours (e.g. "reports in the period")."""
    limit = threshold() if limit is None else limit
    return Cell(count, PRIMARY if 0 < count < limit else "", limit)


def hidden_cells(cells: Iterable[tuple[Key, Cell]]) -> dict[Key, str]:
    return {key: cell.suppressed for key, cell in cells if cell.suppressed}
