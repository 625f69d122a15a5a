"""The known fixture of the reporting tests: 13 reports in January to June 2026.

| month | Thema             | Kommunen        | Zielgruppe       | Hürde             | count |
| Jan   | Sprache           | Altena          | Familien         | Sprachbarriere    | 5     |
| Feb   | Wohnen            | Balve           | Geflüchtete      | Fehlendes Angebot | 1     |
| Mar   | Sprache           | Werdohl         | Familien         | Fehlendes Angebot | 4     |
| Mar   | Arbeit/Ausbildung | Altena, Werdohl | Junge Erwachsene | Schnittstelle     | 3     |

plus a draft and a report from December 2025 that no count may include.
"""

import datetime

import pytest

from forms.models import Status, Thema
from reporting.statistics import Period
from tests.reporting.factories import KommuneFactory, MeldebogenFactory

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
QUERY = "?von=2026-01-01&bis=2026-06-30"


@pytest.fixture
def kommunen(db):
    return {
        name: KommuneFactory(name=name, slug=name.lower(), ags=ags)
        for name, ags in (("Altena", "05962004"), ("Balve", "05962008"), ("Werdohl", "05962060"))
    }


def add_reports(kommunen, factor: int = 1) -> None:
    sprache = Thema.objects.get(name="Sprache")
    wohnen = Thema.objects.get(name="Wohnen")
    arbeit = Thema.objects.get(name="Arbeit/Ausbildung")
    rows = [
        (datetime.date(2026, 1, 15), sprache, ["Altena"], ["familien"], ["sprachbarriere"], 5),
        (datetime.date(2026, 2, 10), wohnen, ["Balve"], ["gefluechtete"], ["fehlendes_angebot"], 1),
        (datetime.date(2026, 3, 3), sprache, ["Werdohl"], ["familien"], ["fehlendes_angebot"], 4),
        (
            datetime.date(2026, 3, 20),
            arbeit,
            ["Altena", "Werdohl"],
            ["junge_erwachsene"],
            ["schnittstelle"],
            3,
        ),
    ]
    for on, thema, names, zielgruppen, huerden, count in rows:
        for _ in range(count * factor):
            MeldebogenFactory(
                on=on,
                thema=thema,
                kommunen=[kommunen[name] for name in names],
                zielgruppen=zielgruppen,
                huerden=huerden,
                rechtskreise=["sgb2"],
            )


@pytest.fixture
def reports(kommunen):
    add_reports(kommunen)
    MeldebogenFactory(
        on=datetime.date(2026, 2, 1),
        status=Status.ENTWURF,
        reference=None,
        submitted_at=None,
        thema=Thema.objects.get(name="Wohnen"),
        kommunen=[kommunen["Balve"]],
    )
    MeldebogenFactory(
        on=datetime.date(2025, 12, 15),
        thema=Thema.objects.get(name="Wohnen"),
        kommunen=[kommunen["Balve"]],
    )
    return kommunen
