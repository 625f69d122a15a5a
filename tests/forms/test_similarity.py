"""Similar reports: ranking on a small labelled set (text and structured fields)."""

import pytest
from django.utils import timezone

from forms.models import Meldebogen, Status, Thema
from forms.similarity import similar_reports
from knowledge.models import Kommune

# Three groups of reports that describe the same barrier in different words, plus loners.
# (group, thema, huerden, rechtskreise, kommunen, situation)
LABELLED = [
    (
        "kurs",
        "Sprache",
        ["fehlendes_angebot"],
        ["sgb2"],
        ["werdohl"],
        "Eltern warten monatelang auf einen Integrationskurs mit Kinderbetreuung.",
    ),
    (
        "kurs",
        "Sprache",
        ["fehlendes_angebot", "sprachbarriere"],
        ["sgb2"],
        ["altena"],
        "Für Integrationskurse mit Kinderbetreuung gibt es lange Wartelisten bei den Kursträgern.",
    ),
    (
        "kurs",
        "Sprache",
        ["fehlendes_angebot"],
        ["sgb2", "sgb3"],
        ["werdohl"],
        "Mütter kleiner Kinder finden keinen Kursplatz, weil die Kinderbetreuung im Kurs fehlt.",
    ),
    (
        "kurs",
        "Bildung/Schule",
        ["fehlendes_angebot"],
        ["sgb2"],
        ["neuenrade"],
        "Wartezeit auf den Integrationskurs: kein Kurs mit Kinderbetreuung vor Ort.",
    ),
    (
        "abh",
        "Aufenthalt/Einbürgerung",
        ["datenschutz", "schnittstelle"],
        ["aufenthg", "sgb8"],
        ["luedenscheid"],
        "Jugendamt und Ausländerbehörde dürfen Unterlagen nicht austauschen; die "
        "Beschäftigungserlaubnis für die Ausbildung kommt zu spät.",
    ),
    (
        "abh",
        "Aufenthalt/Einbürgerung",
        ["datenschutz"],
        ["aufenthg"],
        ["iserlohn"],
        "Die Ausländerbehörde erhält Unterlagen vom Jugendamt erst nach Wochen, weil eine "
        "Schweigepflichtentbindung fehlt.",
    ),
    (
        "abh",
        "Datenschutz/Datenaustausch",
        ["datenschutz", "schnittstelle"],
        ["aufenthg", "sgb8"],
        ["luedenscheid"],
        "Datenaustausch zwischen Ausländerbehörde und Jugendamt scheitert am Datenschutz; "
        "Ausbildungsbeginn verzögert sich.",
    ),
    (
        "abh",
        "Aufenthalt/Einbürgerung",
        ["schnittstelle"],
        ["aufenthg", "sgb8"],
        ["hemer"],
        "Beschäftigungserlaubnis zur Ausbildung verzögert sich, weil Ausländerbehörde und "
        "Jugendamt Unterlagen nicht weitergeben.",
    ),
    (
        "wohnen",
        "Wohnen",
        ["fehlendes_angebot", "mangelnde_kooperation"],
        ["sgb2", "asylblg"],
        ["iserlohn"],
        "Große Familien finden nach der Anerkennung keine Wohnung innerhalb der "
        "Angemessenheitsgrenzen und bleiben in der Gemeinschaftsunterkunft.",
    ),
    (
        "wohnen",
        "Wohnen",
        ["fehlendes_angebot"],
        ["sgb2"],
        ["hemer"],
        "Wohnungssuche nach Anerkennung: Mieten über der Angemessenheitsgrenze des Jobcenters, "
        "Familien bleiben in der Unterkunft.",
    ),
    (
        "wohnen",
        "Wohnen",
        ["mangelnde_kooperation"],
        ["sgb2", "asylblg"],
        ["iserlohn"],
        "Vermieter lehnen Familien ab; die Gemeinschaftsunterkunft bleibt über Monate die "
        "einzige Wohnung.",
    ),
    (
        "wohnen",
        "Wohnen",
        ["fehlendes_angebot", "mangelnde_kooperation"],
        ["asylblg"],
        ["altena"],
        "Keine bezahlbare Wohnung für große Familien; Angemessenheitsgrenzen zu niedrig.",
    ),
    (
        "gesundheit",
        "Gesundheit",
        ["sprachbarriere"],
        ["asylblg"],
        ["balve"],
        "Für Arzttermine fehlt eine Sprachmittlung; die Kosten übernimmt niemand.",
    ),
    (
        "arbeit",
        "Arbeit/Ausbildung",
        ["interkulturell"],
        ["sgb3"],
        ["balve"],
        "Ausländische Berufsabschlüsse werden spät anerkannt; Fachkräfte arbeiten als Helfer.",
    ),
]

KOMMUNEN = ["werdohl", "altena", "neuenrade", "luedenscheid", "iserlohn", "hemer", "balve"]


@pytest.fixture
def labelled(db):
    kommunen = {
        slug: Kommune.objects.create(name=slug.title(), slug=slug, ags=f"0596{i:04d}")
        for i, slug in enumerate(KOMMUNEN)
    }
    reports = []
    for number, (group, thema, huerden, rechtskreise, slugs, situation) in enumerate(
        LABELLED, start=1
    ):
        meldebogen = Meldebogen.objects.create(
            status=Status.EINGEGANGEN,
            reference=f"MB-2026-{number:04d}",
            submitted_at=timezone.now(),
            thema=Thema.objects.get(name=thema),
            huerden=huerden,
            rechtskreise=rechtskreise,
            situation=situation,
        )
        meldebogen.kommunen.set([kommunen[s] for s in slugs])
        meldebogen.group = group
        reports.append(meldebogen)
    return reports


@pytest.mark.parametrize("index", [0, 1, 4, 6, 8, 9])
def test_reports_of_the_same_group_rank_first(labelled, index):
    query = labelled[index]
    group = {m.pk for m in labelled if m.group == query.group and m.pk != query.pk}
    ranked = similar_reports(query, limit=5)
    top = [m.pk for m, _score in ranked[: len(group)]]
    assert set(top) == group, [(m.reference, s) for m, s in ranked]
    scores = [score for _m, score in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)


def test_text_alone_finds_the_group_without_structured_answers(labelled):
    """An unsaved report with text only (e.g. a new one before its theme is chosen)."""
    draft = Meldebogen(
        situation=(
            "Der Austausch von Unterlagen zwischen Jugendamt und Ausländerbehörde dauert; "
            "die Beschäftigungserlaubnis fehlt zum Ausbildungsbeginn."
        )
    )
    ranked = similar_reports(draft, limit=3)
    assert {labelled_group(labelled, m) for m, _s in ranked} == {"abh"}


def test_structure_alone_counts_when_text_was_deleted(labelled):
    query = labelled[8]
    Meldebogen.objects.filter(pk=query.pk).update(situation="")
    query.refresh_from_db()
    ranked = similar_reports(query, limit=3)
    assert {labelled_group(labelled, m) for m, _s in ranked} == {"wohnen"}


def labelled_group(labelled, meldebogen):
    return next(m.group for m in labelled if m.pk == meldebogen.pk)


def test_excludes_itself_and_drafts_and_respects_limit(labelled, case_manager):
    query = labelled[0]
    Meldebogen.objects.create(
        owner=case_manager,
        situation=query.situation,
        thema=query.thema,
        huerden=query.huerden,
    )
    ranked = similar_reports(query, limit=2)
    assert len(ranked) == 2
    assert all(m.pk != query.pk and not m.is_draft for m, _s in ranked)
    assert similar_reports(query, limit=0) == []


def test_query_count_does_not_grow_with_reports(labelled, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        similar_reports(labelled[0])


def test_text_is_compared_with_the_search_analysis(labelled):
    """Compounds meet their parts as they do in the search: "Termine beim Arzt" finds the
    report about "Arzttermine" (a stemmer alone sees no common word)."""
    draft = Meldebogen(situation="Termine beim Arzt ohne Hilfe.")
    ranked = similar_reports(draft, limit=1)
    assert [labelled_group(labelled, m) for m, _s in ranked] == ["gesundheit"]
