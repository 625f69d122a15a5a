"""A Protokollpunkt belongs to a Tagesordnungspunkt of its own Sitzung: the admin offers only
those, and another Sitzung's (another Gremium's) agenda item is refused in German."""

import pytest
from django.core.exceptions import ValidationError

from spaces.models import Protokoll, Protokollpunkt, Tagesordnungspunkt

from .conftest import make_gremium, sitzung


@pytest.fixture
def minutes(space):
    other = sitzung(make_gremium("Andere AG", "andere-ag", "AAG"), title="Fremde Sitzung", days=-5)
    foreign = Tagesordnungspunkt.objects.create(
        sitzung=other, title="Vertraulicher Punkt der anderen AG", sort_order=1
    )
    protokoll = Protokoll.objects.create(sitzung=space["past"])
    return {"protokoll": protokoll, "foreign": foreign, "own": space["past"].tagesordnung.first()}


def test_a_punkt_under_another_sitzungs_top_is_refused(minutes):
    punkt = Protokollpunkt(
        protokoll=minutes["protokoll"], tagesordnungspunkt=minutes["foreign"], discussion="<p>x</p>"
    )
    with pytest.raises(ValidationError, match="gehört zu einer anderen Sitzung"):
        punkt.full_clean()
    Protokollpunkt(
        protokoll=minutes["protokoll"], tagesordnungspunkt=minutes["own"], discussion="<p>x</p>"
    ).full_clean()


def test_the_admin_offers_only_the_sitzungs_own_tops(client, koordination, minutes):
    protokoll = minutes["protokoll"]
    Protokollpunkt.objects.create(
        protokoll=protokoll, tagesordnungspunkt=minutes["own"], discussion="<p>x</p>"
    )
    client.force_login(koordination)
    page = client.get(f"/admin/snippets/spaces/protokoll/edit/{protokoll.pk}/").text
    assert minutes["own"].title in page
    assert "Vertraulicher Punkt der anderen AG" not in page


def test_an_aufgabe_under_another_sitzungs_top_is_refused(minutes, koordination):
    from spaces.models import Aufgabe

    aufgabe = Aufgabe(
        protokoll=minutes["protokoll"],
        tagesordnungspunkt=minutes["foreign"],
        assignee=koordination,
        text="Etwas erledigen",
    )
    with pytest.raises(ValidationError, match="gehört zu einer anderen Sitzung"):
        aufgabe.full_clean()
