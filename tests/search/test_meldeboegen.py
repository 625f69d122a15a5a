"""Meldebögen in the search: the coordination and the owner find them, nobody else does."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forms.models import Meldebogen, Status, Thema
from forms.retention import purge_meldeboegen
from forms.workflow import record_submission
from knowledge.models import Kommune
from tests.search.conftest import run_search, titles

#: The first status after the draft (the triage may rename the statuses).
SUBMITTED = next(value for value in Status.values if value != Status.ENTWURF)


def facet_values(results, name: str) -> dict[str, int]:
    return {v.value: v.count for f in results.facets if f.name == name for v in f.values}


@pytest.fixture
def werdohl(db):
    return Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")


def report(owner, kommune=None, number: int = 1, **fields) -> Meldebogen:
    defaults = {
        "owner": owner,
        "status": SUBMITTED,
        "reference": f"MB-2026-{number:04d}",
        "thema": Thema.objects.get(name="Sprache"),
        "situation": "Familien warten monatelang auf einen Sprachkurs mit Kinderbetreuung.",
        "versucht": "Nachfrage beim Kursträger.",
        "vorschlag": "Mehr Kursplätze mit Kinderbetreuung.",
        "huerden": ["fehlendes_angebot"],
        "submitted_at": timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0)),
    }
    defaults.update(fields)
    meldebogen = Meldebogen.objects.create(**defaults)
    if kommune is not None:
        meldebogen.kommunen.add(kommune)
    return meldebogen


def test_coordination_and_owner_find_a_report(koordination, case_manager, werdohl):
    report(case_manager, werdohl)
    for user in (koordination, case_manager):
        found = run_search(user, "Kinderbetreuung")
        assert titles(found) == ["Meldebogen MB-2026-0001: Sprache"]
        hit = found.hits[0]
        assert hit.kind_label == "Meldebogen" and hit.location == "Meldebögen"
        assert hit.date == datetime.date(2026, 3, 2)


def test_other_reporters_and_outsiders_never_see_a_report(
    koordination, case_manager, partner, make_user, werdohl
):
    from accounts import roles

    other_reporter = make_user("cm-zwei", roles.CASE_MANAGEMENT)
    report(case_manager, werdohl)
    report(other_reporter, werdohl, number=2, situation="Kein Platz im Kurs für Eltern.")
    for user in (partner,):
        found = run_search(user, "Kinderbetreuung Kurs")
        assert found.total == 0 and found.hits == []
        assert facet_values(found, "kind") == {}
        assert facet_values(found, "kommune") == {}
    own = run_search(other_reporter, "Kinderbetreuung Kurs")
    assert titles(own) == ["Meldebogen MB-2026-0002: Sprache"]
    assert facet_values(own, "kind") == {"meldebogen": 1}
    assert facet_values(own, "kommune") == {"werdohl": 1}
    assert run_search(koordination, "Kinderbetreuung Kurs").total == 2


def test_drafts_are_not_indexed(case_manager, koordination, werdohl):
    report(case_manager, werdohl, status=Status.ENTWURF, reference=None, submitted_at=None)
    assert run_search(case_manager, "Kinderbetreuung").total == 0
    assert run_search(koordination, "Kinderbetreuung").total == 0


def test_facets_kind_kommune_thema_and_year(koordination, case_manager, werdohl):
    report(case_manager, werdohl)
    found = run_search(koordination, "Kinderbetreuung")
    assert facet_values(found, "kind") == {"meldebogen": 1}
    assert facet_values(found, "kommune") == {"werdohl": 1}
    assert facet_values(found, "thema") == {"Sprache": 1}
    assert facet_values(found, "year") == {"2026": 1}
    assert run_search(koordination, "Kinderbetreuung", thema=["Arbeit"]).total == 0
    assert run_search(koordination, "Kinderbetreuung", kommune=["werdohl"]).total == 1


def test_index_follows_save_submit_kommunen_and_delete(koordination, case_manager, werdohl):
    draft = report(case_manager, status=Status.ENTWURF, reference=None, submitted_at=None)
    assert run_search(koordination, "Kinderbetreuung").total == 0
    # Submitting is the report's transition (portal.transitions); the index follows it.
    record_submission(draft, updates={"reference": "MB-2026-0007"})
    assert draft.status == SUBMITTED
    assert titles(run_search(koordination, "Kinderbetreuung")) == [
        "Meldebogen MB-2026-0007: Sprache"
    ]
    draft.situation = "Die Ausländerbehörde vergibt keine Termine."
    draft.save()
    assert run_search(koordination, "Kinderbetreuung Kursträger").total == 1  # versucht
    assert run_search(koordination, "Monatelang").total == 0
    assert run_search(koordination, "Ausländerbehörde Termine").total == 1
    draft.kommunen.add(werdohl)
    assert run_search(koordination, "Termine", kommune=["werdohl"]).total == 1
    draft.delete()
    assert run_search(koordination, "Termine").total == 0


def test_renamed_thema_renames_its_reports(koordination, case_manager):
    meldebogen = report(case_manager)
    thema = meldebogen.thema
    thema.name = "Sprache und Verständigung"
    thema.save()
    assert titles(run_search(koordination, "Verständigung")) == [
        "Meldebogen MB-2026-0001: Sprache und Verständigung"
    ]


def test_retention_purge_unindexes_the_blanked_free_texts(
    koordination, case_manager, werdohl, settings
):
    settings.MELDEBOGEN_RETENTION_DAYS = 365
    report(
        case_manager,
        werdohl,
        situation="Der Bürgerbus nach Werdohl fährt zu selten.",
        submitted_at=timezone.now() - datetime.timedelta(days=400),
        # Retention counts from the closure; a report still in the triage is never purged.
        status=Status.ABGESCHLOSSEN,
        status_changed_at=timezone.now() - datetime.timedelta(days=370),
    )
    assert run_search(koordination, "Bürgerbus").total == 1
    log = purge_meldeboegen()
    assert log.reports_anonymised == 1
    assert run_search(koordination, "Bürgerbus").total == 0
    assert run_search(case_manager, "Bürgerbus").total == 0
    # The structured fields stay findable for the statistics.
    assert titles(run_search(koordination, "MB-2026-0001")) == ["Meldebogen MB-2026-0001: Sprache"]


def test_hit_opens_the_report_where_each_reader_reads_it(
    client, koordination, case_manager, partner, werdohl
):
    meldebogen = report(case_manager, werdohl)
    url = run_search(koordination, "Kinderbetreuung").hits[0].url
    client.force_login(case_manager)
    assert client.get(url).url == reverse("forms:detail", kwargs={"pk": meldebogen.pk})
    client.force_login(koordination)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("forms:triage", args=[meldebogen.pk])
    assert client.get(response.url).status_code == 200
    client.force_login(partner)
    assert client.get(url).status_code == 404


def test_results_page_queries_do_not_grow_with_reports(
    client, koordination, case_manager, werdohl, django_assert_max_num_queries
):
    report(case_manager, werdohl)
    client.force_login(koordination)
    client.get("/suche/", {"q": "Kinderbetreuung"})  # warm the spelling cache
    with django_assert_max_num_queries(40) as few:
        client.get("/suche/", {"q": "Kinderbetreuung"})
    limit = len(few)  # now: the query log is a bounded deque
    for number in range(2, 14):
        report(case_manager, werdohl, number=number)
    client.get("/suche/", {"q": "Kinderbetreuung"})
    with django_assert_max_num_queries(limit):
        response = client.get("/suche/", {"q": "Kinderbetreuung"})
    assert "13 Treffer" in response.content.decode()


def test_thema_handlungsfeld_and_arbeitsgruppe_theme_are_separate_facets(
    koordination, case_manager, werdohl, django_capture_on_commit_callbacks
):
    """A report's Thema "Sprache" and an Arbeitsgruppe working on "Sprache" are two
    vocabularies: each has its own facet and label, and filtering one never selects the other
    (the knowledge base's Handlungsfelder are a third, facet "handlungsfeld")."""
    from spaces.models import Gremium

    report(case_manager, werdohl, situation="Sprachkurs mit Kinderbetreuung fehlt.")
    with django_capture_on_commit_callbacks(execute=True):
        Gremium.objects.create(
            name="Arbeitsgruppe Kinderbetreuung",
            slug="ag-kinderbetreuung",
            prefix="AGK",
            kind="arbeitsgruppe",
            theme="Sprache",
        )
    found = run_search(koordination, "Kinderbetreuung")
    labels = {f.name: f.label for f in found.facets}
    assert labels["thema"] == "Thema der Meldebögen"
    assert labels["arbeitsgruppenthema"] == "Thema der Arbeitsgruppe"
    assert facet_values(found, "thema") == {"Sprache": 1}
    assert facet_values(found, "arbeitsgruppenthema") == {"Sprache": 1}
    assert "handlungsfeld" not in labels
    only_reports = run_search(koordination, "Kinderbetreuung", thema=["Sprache"])
    assert {hit.kind for hit in only_reports.hits} == {"meldebogen"}
    only_groups = run_search(koordination, "Kinderbetreuung", arbeitsgruppenthema=["Sprache"])
    assert {hit.kind for hit in only_groups.hits} == {"gremium"}
