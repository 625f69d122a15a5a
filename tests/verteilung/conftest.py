"""Fixtures for the Verteilungsschlüssel tests: four Kommunen with figures, the Lenkungsgruppe
and an Arbeitsgruppe with a Beschluss each, a draft key, an Integrationsbeauftragte of Balve."""

import datetime
from decimal import Decimal

import pytest

from accounts import roles
from accounts.models import Profile
from knowledge.models import Kommune
from spaces.models import Beschluss, Gremium
from verteilung.models import Gewichtung, Indikator, Kennzahl, Verteilungsschluessel

# name, slug, ags, Zuzüge, Asylerstanträge, Drittstaaten, Einwohner
KOMMUNEN = (
    ("Balve", "balve", "05962008", 120, 14, 620, 11300),
    ("Iserlohn", "iserlohn", "05962028", 1850, 262, 11400, 92700),
    ("Werdohl", "werdohl", "05962064", 380, 58, 2700, 17600),
    ("Herscheid", "herscheid", "05962024", 60, 7, 330, 6800),
)
JAHR = 2025


@pytest.fixture
def kommunen(db):
    return {
        slug: Kommune.objects.create(name=name, slug=slug, ags=ags)
        for name, slug, ags, *_values in KOMMUNEN
    }


@pytest.fixture
def indikatoren(db):
    return {i.slug: i for i in Indikator.objects.all()}


@pytest.fixture
def kennzahlen(kommunen, indikatoren):
    order = ("zuzuege-ausland", "asylerstantraege", "einwohner-drittstaaten", "einwohner")
    for _name, slug, _ags, *values in KOMMUNEN:
        for ind, value in zip(order, values, strict=True):
            Kennzahl.objects.create(
                indikator=indikatoren[ind],
                kommune=kommunen[slug],
                jahr=JAHR,
                wert=Decimal(value),
                quelle="IT.NRW",
                stand=datetime.date(2026, 3, 31),
            )


@pytest.fixture
def lenkungsgruppe(db):
    return Gremium.objects.create(
        name="Lenkungsgruppe KIM", slug="lg", kind=Gremium.Kind.LENKUNGSGRUPPE, prefix="LG"
    )


@pytest.fixture
def beschluss(lenkungsgruppe):
    return Beschluss.objects.create(
        gremium=lenkungsgruppe,
        title="Verteilungsschlüssel 2026",
        text="Die Lenkungsgruppe beschließt den Schlüssel.",
        decided_on=datetime.date(2025, 11, 18),
    )


@pytest.fixture
def ag_beschluss(db):
    ag = Gremium.objects.create(
        name="AG Sprache", slug="ag-sprache", kind=Gremium.Kind.ARBEITSGRUPPE, prefix="AGS"
    )
    return Beschluss.objects.create(
        gremium=ag, title="Empfehlung", text="…", decided_on=datetime.date(2025, 10, 1)
    )


def make_key(indikatoren, **fields) -> Verteilungsschluessel:
    weights = fields.pop(
        "weights", {"zuzuege-ausland": 30, "asylerstantraege": 30, "einwohner-drittstaaten": 40}
    )
    values = {
        "titel": "Schlüssel 2026",
        "datenjahr": JAHR,
        "gesamt_vzae": Decimal("4.00"),
        "schritt": Decimal("0.25"),
        "mindest_vzae": Decimal("0.25"),
    } | fields
    key = Verteilungsschluessel.objects.create(**values)
    for slug, weight in weights.items():
        Gewichtung.objects.create(schluessel=key, indikator=indikatoren[slug], gewicht=weight)
    return key


@pytest.fixture
def entwurf(kennzahlen, indikatoren):
    return make_key(indikatoren)


@pytest.fixture
def ib_balve(make_user, kommunen):
    user = make_user("ib-balve-test", roles.INTEGRATIONSBEAUFTRAGTE, first_name="Ina")
    Profile.objects.update_or_create(user=user, defaults={"kommune": kommunen["balve"]})
    return user
