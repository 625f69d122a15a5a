"""Small-number protection: primary suppression, zeros, the threshold setting, and secondary
suppression so that no hidden count can be recomputed from a total (differencing)."""

import random
from itertools import product

import pytest
from django.test import override_settings

from reporting.disclosure import TOTAL, protect, protect_one


def table_with_totals(inner: dict[tuple, int], axes) -> dict[tuple, int]:
    """Additive totals for single-valued axes."""
    counts: dict[tuple, int] = {}
    for key, n in inner.items():
        for mask in product((False, True), repeat=len(axes)):
            total_key = tuple(TOTAL if m else k for k, m in zip(key, mask, strict=True))
            counts[total_key] = counts.get(total_key, 0) + n
    return counts


def lines(axes):
    extended = [list(a) + [TOTAL] for a in axes]
    for d, axis in enumerate(axes):
        others = [extended[i] if i != d else [TOTAL] for i in range(len(axes))]
        for total_key in product(*others):
            yield [total_key[:d] + (c,) + total_key[d + 1 :] for c in axis], total_key


def recoverable(cells, axes) -> list[tuple]:
    """Hidden cells a reader can compute from one line: total minus the visible cells."""
    found = []
    for members, total_key in lines(axes):
        hidden = [k for k in [*members, total_key] if cells[k].is_hidden]
        if len(hidden) == 1:
            found.append(hidden[0])
    return found


def test_small_counts_show_as_less_than_three_and_zero_exactly():
    cells = protect(
        {("a",): 0, ("b",): 1, ("c",): 2, ("d",): 3, (TOTAL,): 6}, [["a", "b", "c", "d"]]
    )
    assert [cells[(k,)].display for k in "abcd"] == ["0", "< 3", "< 3", "3"]
    assert cells[(TOTAL,)].display == "6"
    assert protect_one(2).display == "< 3"
    assert protect_one(0).display == "0"
    assert protect_one(1234).display == "1.234"


def test_a_single_small_cell_next_to_a_total_is_not_recomputable():
    # 10 - 4 - 5 would reveal the 1: another non-zero cell is hidden as well. Not the 3: a
    # reader knows a "geschützt" cell is at least 3, so 1 + 3 = 4 would pin the small one.
    cells = protect({("a",): 1, ("b",): 4, ("c",): 3, ("d",): 0, (TOTAL,): 8}, [list("abcd")])
    assert cells[("a",)].display == "< 3"
    assert cells[("b",)].display == "geschützt"
    assert cells[("c",)].display == "3"
    assert cells[("d",)].display == "0"
    assert cells[(TOTAL,)].display == "8"
    assert recoverable(cells, [list("abcd")]) == []


@override_settings(REPORTING_SMALL_NUMBER_THRESHOLD=5)
def test_threshold_is_a_setting():
    cells = protect({("a",): 4, ("b",): 6, ("c",): 7, (TOTAL,): 17}, [list("abc")])
    assert cells[("a",)].display == "< 5"
    assert cells[("b",)].display == "geschützt"
    assert protect_one(4).display == "< 5"


def test_hidden_cells_of_smaller_tables_stay_hidden():
    axes = [["k1", "k2"], ["t1", "t2"]]
    counts = table_with_totals(
        {("k1", "t1"): 5, ("k1", "t2"): 6, ("k2", "t1"): 7, ("k2", "t2"): 8}, axes
    )
    plain = protect(counts, axes)
    assert not any(c.is_hidden for c in plain.values())
    kept = protect(counts, axes, hidden={(TOTAL, "t1"): "secondary", (TOTAL, "t2"): "primary"})
    assert kept[(TOTAL, "t1")].is_hidden and kept[(TOTAL, "t2")].is_hidden
    assert recoverable(kept, axes) == []


@pytest.mark.parametrize("dimensions", [1, 2, 3])
@pytest.mark.parametrize("seed", range(25))
def test_random_tables_never_show_a_small_count_or_one_hidden_cell_per_line(dimensions, seed):
    rng = random.Random(seed * 10 + dimensions)
    axes = [[f"{d}{i}" for i in range(rng.randint(2, 5))] for d in range(dimensions)]
    inner = {key: rng.choice([0, 0, 1, 2, 3, 4, 7, 12]) for key in product(*axes)}
    counts = table_with_totals(inner, axes)
    cells = protect(counts, axes)
    for key, cell in cells.items():
        if 0 < counts[key] < 3:
            assert cell.display == "< 3"
        if not cell.is_hidden:
            assert cell.display == f"{counts[key]:,}".replace(",", ".")
        if counts[key] == 0:
            assert cell.display == "0"
    assert recoverable(cells, axes) == []


def feasible_values(cells, counts, categories, limit=3) -> dict[tuple, set[int]]:
    """Brute force: every assignment a reader could believe, given the displayed line."""
    total = counts[(TOTAL,)]
    options = []
    for c in categories:
        cell = cells[(c,)]
        if cell.suppressed == "primary":
            options.append(range(1, limit))
        elif cell.suppressed == "secondary":
            options.append(range(limit, total + 1))
        else:
            options.append([cell.count])
    seen: dict[tuple, set[int]] = {(c,): set() for c in categories}
    for assignment in product(*options):
        if sum(assignment) == total:
            for c, v in zip(categories, assignment, strict=True):
                seen[(c,)].add(v)
    return seen


@pytest.mark.parametrize("seed", range(60))
def test_no_small_count_can_be_narrowed_to_one_value_in_a_line(seed):
    """A reader who knows the rule ("< 3" is 1 or 2, "geschützt" is at least 3) and the total
    still cannot tell any small count exactly."""
    rng = random.Random(seed)
    categories = [f"c{i}" for i in range(rng.randint(2, 5))]
    inner = {(c,): rng.choice([0, 1, 1, 2, 3, 3, 4, 6, 9]) for c in categories}
    counts = table_with_totals(inner, [categories])
    cells = protect(counts, [categories])
    if cells[(TOTAL,)].is_hidden:
        return
    seen = feasible_values(cells, counts, categories)
    for key, cell in cells.items():
        if cell.suppressed == "primary":
            assert len(seen[key]) >= 2, (inner, {k: c.display for k, c in cells.items()})
