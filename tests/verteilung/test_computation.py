"""The Verteilungsschlüssel's arithmetic (verteilung/computation.py): known cases computed by
hand, and properties over random inputs: the rounded VZÄ always sum exactly to the total, no
Kommune is more than one step from its exact value or below its floor, and the result does not
depend on the order of the Kommunen."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verteilung.computation import VerteilungFehler, allocate, shares

D = Decimal


def vzae(result) -> dict[str, Decimal]:
    return {k: a.vzae for k, a in result.items()}


# --- known cases, computed by hand -----------------------------------------------------------


def test_two_indicators_with_equal_weights():
    # Zuzüge: A 10, B 30 -> 1/4, 3/4; Asyl: A 20, B 20 -> 1/2, 1/2. Mean: 3/8, 5/8.
    share = shares({"A": {"z": 10, "a": 20}, "B": {"z": 30, "a": 20}}, {"z": 50, "a": 50})
    assert share == {"A": Fraction(3, 8), "B": Fraction(5, 8)}
    # 3/8 and 5/8 of 2,0 VZÄ are exactly 0,75 and 1,25.
    assert vzae(allocate(share, D("2"), D("0.25"))) == {"A": D("0.75"), "B": D("1.25")}


def test_weights_need_not_sum_to_100_and_zero_weight_ignores_an_indicator():
    values = {"A": {"z": 1, "e": 900}, "B": {"z": 3, "e": 100}}
    assert shares(values, {"z": 7, "e": 0}) == {"A": Fraction(1, 4), "B": Fraction(3, 4)}


def test_largest_remainder_classic_case():
    # quotas 4,7 / 3,3 / 2,0 steps: 4 + 3 + 2 = 9, the tenth step goes to the largest rest (0,7).
    result = allocate({"A": D("0.47"), "B": D("0.33"), "C": D("0.20")}, 10, 1)
    assert vzae(result) == {"A": D("5.00"), "B": D("3.00"), "C": D("2.00")}
    assert result["A"].exakt == Fraction(47, 10)


def test_equal_remainders_go_by_the_kommune_key():
    # 1,0 VZÄ in quarter steps over three equal shares: quotas 4/3 each, one step left over,
    # all remainders equal, all exact values equal: the smallest key (AGS) gets it.
    result = allocate({"05962064": 1, "05962004": 1, "05962008": 1}, D("1"), D("0.25"))
    assert vzae(result) == {"05962004": D("0.50"), "05962008": D("0.25"), "05962064": D("0.25")}


def test_equal_remainders_prefer_the_larger_exact_value():
    # quotas 1,5 and 2,5 (step 1, total 4): both rest 0,5; the larger exact value wins.
    assert vzae(allocate({"A": 3, "B": 5}, 4, 1)) == {"A": D("1.00"), "B": D("3.00")}


def test_floor_raises_small_kommunen_and_the_rest_is_shared_by_the_others():
    # Exact: A 0,08 < floor 0,5 -> 0,5; the remaining 3,5 go to B and C half each (1,75).
    result = allocate(
        {"A": D("0.02"), "B": D("0.49"), "C": D("0.49")},
        D("4"),
        D("0.25"),
        {"A": D("0.5"), "B": D("0.5"), "C": D("0.5")},
    )
    assert vzae(result) == {"A": D("0.50"), "B": D("1.75"), "C": D("1.75")}
    assert result["A"].mindest and not result["B"].mindest


def test_floor_iterates_when_raising_one_pushes_another_below():
    # Exact without floors: A 0,1, B 0,9, C 9,0 (total 10). Floor 1: A fixed -> B gets
    # 9 * 0,09 = 0,81 < 1 -> fixed too; C gets 8.
    result = allocate({"A": 1, "B": 9, "C": 90}, 10, D("0.5"), {"A": 1, "B": 1, "C": 1})
    assert vzae(result) == {"A": D("1.00"), "B": D("1.00"), "C": D("8.00")}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (({"A": 1}, D("1.1"), D("0.25")), "Vielfaches der Schrittweite"),
        (({"A": 1}, D("1"), D("0")), "Schrittweite muss größer als 0"),
        (({"A": 1, "B": 1}, D("1"), D("0.25"), {"A": D("0.75"), "B": D("0.5")}), "größer als"),
        (({"A": 1}, D("1"), D("0.25"), {"A": D("0.3")}), "Mindestausstattung von A"),
        (({}, D("1"), D("0.25")), "keine Kommune"),
    ],
)
def test_impossible_keys_are_refused_in_german(args, message):
    with pytest.raises(VerteilungFehler, match=message):
        allocate(*args)


def test_missing_and_zero_indicators_are_named():
    with pytest.raises(VerteilungFehler, match="„Asylerstanträge“ fehlen Werte: Balve"):
        shares(
            {"balve": {"z": 1}, "iserlohn": {"z": 2, "a": 3}},
            {"z": 1, "a": 1},
            names={"balve": "Balve", "a": "Asylerstanträge"},
        )
    with pytest.raises(VerteilungFehler, match="in allen Kommunen 0"):
        shares({"A": {"a": 0}, "B": {"a": 0}}, {"a": 1})
    with pytest.raises(VerteilungFehler, match="Gewicht größer als 0"):
        shares({"A": {"a": 1}}, {"a": 0})


# --- properties over random inputs ------------------------------------------------------------

STEPS = [D("0.25"), D("0.5"), D("0.1"), D("1"), D("0.05")]


@st.composite
def keys(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    values = draw(st.lists(st.integers(min_value=0, max_value=10**6), min_size=n, max_size=n))
    if not any(values):
        values[0] = 1
    share = {f"0596{index:04d}": value for index, value in enumerate(values)}
    step = draw(st.sampled_from(STEPS))
    units = draw(st.integers(min_value=1, max_value=400))
    floor_steps = draw(st.integers(min_value=0, max_value=units // n))
    return share, step * units, step, dict.fromkeys(share, step * floor_steps)


@settings(max_examples=300, deadline=None)
@given(keys())
def test_the_rounded_vzae_always_sum_exactly_to_the_total(case):
    share, total, step, floors = case
    result = allocate(share, total, step, floors)
    assert sum(a.vzae for a in result.values()) == total
    assert sum(a.exakt for a in result.values()) == Fraction(str(total))
    for kommune, a in result.items():
        assert a.vzae >= floors[kommune]
        assert (a.vzae / step) % 1 == 0
        assert abs(Fraction(str(a.vzae)) - a.exakt) < Fraction(str(step))


@settings(max_examples=200, deadline=None)
@given(keys(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_kommunen(case, rnd):
    share, total, step, floors = case
    items = list(share.items())
    rnd.shuffle(items)
    assert allocate(dict(items), total, step, floors) == allocate(share, total, step, floors)


def test_permutations_of_indicator_values_give_the_same_allocation():
    rng = random.Random(20)
    values = {
        f"k{i:02d}": {
            "z": rng.randint(0, 2000),
            "a": rng.randint(0, 300),
            "e": rng.randint(1, 9000),
        }
        for i in range(15)
    }
    weights = {"z": 30, "a": 30, "e": 40}
    expected = allocate(shares(values, weights), D("14"), D("0.25"), {k: D("0.25") for k in values})
    for _ in range(20):
        items = list(values.items())
        rng.shuffle(items)
        again = allocate(
            shares(dict(items), weights), D("14"), D("0.25"), {k: D("0.25") for k in values}
        )
        assert again == expected
