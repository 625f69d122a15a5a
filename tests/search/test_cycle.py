"""Fallrekonstruktionen and generative Themen in the search: for the coordination only."""

import datetime

import pytest

from cycle.models import Fallrekonstruktion, GenerativesThema, Kettenglied
from cycle.transitions import GENERATIVES_THEMA
from forms.models import Meldebogen, Status, Thema
from knowledge.models import Kommune, Organisation
from tests.search.conftest import run_search, titles

SUBMITTED = next(value for value in Status.values if value != Status.ENTWURF)


def facet_values(results, name: str) -> dict[str, int]:
    return {v.value: v.count for f in results.facets if f.name == name for v in f.values}


@pytest.fixture
def meldebogen(case_manager):
    werdohl = Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    report = Meldebogen.objects.create(
        owner=case_manager,
        status=SUBMITTED,
        reference="MB-2026-0001",
        thema=Thema.objects.get(name="Sprache"),
        situation="Wartezeit auf den Integrationskurs.",
    )
    report.kommunen.add(werdohl)
    return report


@pytest.fixture
def rekonstruktion(meldebogen):
    fall = Fallrekonstruktion.objects.create(
        title="Wartezeit auf den Integrationskurs in Werdohl",
        date=datetime.date(2026, 5, 4),
        purpose="Wie kommt es zu sechs Monaten Wartezeit zwischen Zulassung und Kursbeginn?",
        findings="Die Zulassung erreicht den Kursträger erst nach Wochen.",
    )
    fall.meldeboegen.add(meldebogen)
    return fall


@pytest.fixture
def thema(rekonstruktion, meldebogen):
    generativ = GenerativesThema.objects.create(
        title="Kursplätze mit Kinderbetreuung fehlen",
        description="Eltern kleiner Kinder können Integrationskurse nicht besuchen.",
        rechtskreise=["sgb2"],
    )
    generativ.meldeboegen.add(meldebogen)
    generativ.fallrekonstruktionen.add(rekonstruktion)
    return generativ


def test_coordination_finds_reconstructions_and_themes(koordination, thema):
    found = run_search(koordination, "Integrationskurs")
    assert set(titles(found)) >= {
        "Wartezeit auf den Integrationskurs in Werdohl",
        "Kursplätze mit Kinderbetreuung fehlen",
    }
    assert {"fallrekonstruktion": 1, "generatives-thema": 1}.items() <= facet_values(
        found, "kind"
    ).items()
    theme_hit = next(h for h in found.hits if h.kind == "generatives-thema")
    assert theme_hit.kind_label == "Generatives Thema"
    assert theme_hit.url == f"/zyklus/themen/{thema.pk}/"


def test_outsiders_and_reporters_never_get_them(partner, case_manager, thema):
    for user in (partner, case_manager):
        found = run_search(user, "Kinderbetreuung Zulassung Kursträger")
        assert "generatives-thema" not in facet_values(found, "kind")
        assert "fallrekonstruktion" not in facet_values(found, "kind")
        assert all(h.kind not in {"generatives-thema", "fallrekonstruktion"} for h in found.hits)
    # The reporter still finds their own report, not what the coordination made of it.
    assert facet_values(run_search(case_manager, "Integrationskurs"), "kind") == {"meldebogen": 1}


def test_facets_come_from_the_reports(koordination, thema):
    found = run_search(koordination, "Kinderbetreuung", kind=["generatives-thema"])
    assert titles(found) == ["Kursplätze mit Kinderbetreuung fehlen"]
    assert facet_values(found, "kommune") == {"werdohl": 1}
    assert facet_values(found, "handlungsfeld") == {"Sprache": 1}


def test_index_follows_edits_chain_steps_links_and_delete(koordination, rekonstruktion, thema):
    Kettenglied.objects.create(
        fallrekonstruktion=rekonstruktion,
        organisation=Organisation.objects.create(name="Jobcenter MK", kind="jobcenter"),
        geschehen="Der Bescheid ging an die falsche Stelle.",
        bruch="Fehlende Weitergabe an den Kursträger.",
    )
    assert titles(run_search(koordination, "Bescheid Weitergabe")) == [
        "Wartezeit auf den Integrationskurs in Werdohl"
    ]
    rekonstruktion.title = "Zulassung zum Integrationskurs"
    rekonstruktion.save()
    # The theme names its reconstructions: it follows the new title.
    assert "Kursplätze mit Kinderbetreuung fehlen" in titles(
        run_search(koordination, "Zulassung", kind=["generatives-thema"])
    )
    thema.description = "Gelöst durch Kinderbetreuung beim Kursträger."
    thema.save()
    GENERATIVES_THEMA.apply(thema, GenerativesThema.Status.GELOEST, by=koordination)
    assert run_search(koordination, "Eltern").total == 0
    thema.fallrekonstruktionen.clear()
    assert run_search(koordination, "Zulassung", kind=["generatives-thema"]).total == 0
    thema.delete()
    rekonstruktion.delete()
    found = run_search(koordination, "Kinderbetreuung Zulassung Kursträger")
    assert facet_values(found, "kind") == {"meldebogen": 1}
