"""Beschluss numbers: prefix, year and a running number per Gremium and year, without gaps."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from spaces.models import Beschluss
from spaces.transitions import BESCHLUSS

from .conftest import beschluss, make_gremium


def test_numbers_run_per_gremium_and_year_without_gaps(db):
    lg = make_gremium("Lenkungsgruppe", "lenkungsgruppe", "LG")
    ag = make_gremium("AG Sprache", "ag-sprache", "AGS", kind="arbeitsgruppe")
    numbers = [
        beschluss(lg, "a", on=datetime.date(2026, 3, 1)).number,
        beschluss(lg, "b", on=datetime.date(2026, 9, 1)).number,
        beschluss(ag, "c", on=datetime.date(2026, 9, 2)).number,
        beschluss(lg, "d", on=datetime.date(2027, 1, 15)).number,
        beschluss(lg, "e", on=datetime.date(2026, 11, 1)).number,
    ]
    assert numbers == ["LG-2026-01", "LG-2026-02", "AGS-2026-01", "LG-2027-01", "LG-2026-03"]
    sequences = Beschluss.objects.filter(gremium=lg, year=2026).values_list("sequence", flat=True)
    assert sorted(sequences) == [1, 2, 3]


def test_saving_again_keeps_the_number(db):
    lg = make_gremium("Lenkungsgruppe", "lenkungsgruppe", "LG")
    decision = beschluss(lg, "a", on=datetime.date(2026, 3, 1))
    decision.title = "a (geändert)"
    decision.save()
    BESCHLUSS.apply(decision, Beschluss.Status.UMGESETZT, by=None, check_permission=False)
    decision.refresh_from_db()
    assert decision.number == "LG-2026-01"
    assert Beschluss.objects.count() == 1


def test_a_numbered_beschluss_cannot_move_to_another_year(db):
    lg = make_gremium("Lenkungsgruppe", "lenkungsgruppe", "LG")
    decision = beschluss(lg, "a", on=datetime.date(2026, 3, 1))
    decision.decided_on = datetime.date(2025, 1, 1)
    with pytest.raises(ValidationError, match="LG-2026-01"):
        decision.full_clean()


def test_sitzung_must_belong_to_the_same_gremium(space):
    other = make_gremium("Andere", "andere", "AN")
    decision = Beschluss(gremium=other, title="x", text="y", sitzung=space["past"])
    with pytest.raises(ValidationError, match="anderen Gremium"):
        decision.full_clean()
