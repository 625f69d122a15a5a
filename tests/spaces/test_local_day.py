"""A Sitzung shortly after midnight belongs to its local day (Europe/Berlin), not to the UTC day
before: an Aufgabe due on that day is accepted, and the seat holders are those of that day."""

import datetime
import zoneinfo

import pytest

from spaces.forms import AufgabeForm
from spaces.models import Sitzung
from spaces.views_protokoll import _holders
from tests.spaces.conftest import make_gremium, seat

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NIGHT = datetime.datetime(2027, 3, 10, 0, 30, tzinfo=BERLIN)  # 23:30 UTC on 9 March


@pytest.fixture
def nachtsitzung(db):
    gremium = make_gremium()
    result = Sitzung.objects.create(gremium=gremium, title="Nachtsitzung", starts_at=NIGHT)
    result.refresh_from_db()  # as every view sees it: starts_at read back in UTC
    return result


def test_an_aufgabe_due_on_the_local_day_is_accepted(nachtsitzung, koordination):
    seat(nachtsitzung.gremium, koordination, started_on=datetime.date(2027, 1, 1))
    form = AufgabeForm(
        data={"assignee": koordination.pk, "text": "Protokoll verschicken", "due_on": "10.03.2027"},
        sitzung=nachtsitzung,
    )
    assert form.is_valid(), form.errors
    early = AufgabeForm(
        data={"assignee": koordination.pk, "text": "Vorher", "due_on": "09.03.2027"},
        sitzung=nachtsitzung,
    )
    assert not early.is_valid()
    assert "Die Frist liegt vor der Sitzung" in str(early.errors)


def test_holders_are_those_of_the_local_day(nachtsitzung, koordination):
    seat(nachtsitzung.gremium, koordination, started_on=datetime.date(2027, 3, 10))
    assert list(_holders(nachtsitzung).values()) == [
        koordination.get_full_name() or koordination.get_username()
    ]
