"""The database engine end to end: German handling, ranking, phrases, typos, facets."""

import pytest

from tests.search.conftest import add_page, run_search, titles


@pytest.fixture
def reader(integrationsbeauftragte):
    return integrationsbeauftragte


@pytest.mark.parametrize("query", ["einburgerung", "Einbuergerung", "EINBÜRGERUNG"])
def test_umlaut_spellings_find_einbuergerung(kim_pages, reader, query):
    found = run_search(reader, query)
    assert "Einbürgerung im Märkischen Kreis" in titles(found)


def test_parts_find_the_compound(kim_pages, reader):
    found = run_search(reader, "Behörde Einbürgerung")
    assert titles(found)[0] == "Einbürgerung im Märkischen Kreis"


@pytest.mark.parametrize("query", ["Vereinbarung", "Vereinbarungen"])
def test_inflections_meet(kim_pages, reader, query):
    assert "Kooperationsvereinbarung mit der Stadt Iserlohn" in titles(run_search(reader, query))


def test_compound_query_finds_its_parts_at_a_lower_rank(kim_pages, reader):
    found = titles(run_search(reader, "Kooperationsvereinbarung"))
    assert found.index("Kooperationsvereinbarung mit der Stadt Iserlohn") < found.index(
        "Zusammenarbeit mit den Kommunen"
    )


def test_or_semantics_with_coordination(kim_pages, reader):
    found = titles(run_search(reader, "Fallrekonstruktion Koordination moderiert Haushaltsplan"))
    assert found[0] == "Fallrekonstruktion"


def test_title_outweighs_body(home, reader):
    add_page(home, "Allgemeine Hinweise", "Auch das Thema Integrationskurs wird hier erwähnt.")
    add_page(home, "Integrationskurs", "Anmeldung und Ablauf.")
    assert titles(run_search(reader, "Integrationskurs"))[0] == "Integrationskurs"


def test_phrase_needs_adjacent_words(kim_pages, reader):
    found = titles(run_search(reader, '"Vereinbarung zur Kooperation"'))
    assert found == ["Zusammenarbeit mit den Kommunen"]
    assert titles(run_search(reader, '"Kooperation Vereinbarung"')) == []


def test_minus_excludes(kim_pages, reader):
    found = titles(run_search(reader, "Einbürgerungsbehörde -Iserlohn"))
    assert "Einbürgerung im Märkischen Kreis" not in found


def test_typo_is_tolerated_and_corrected(kim_pages, reader):
    found = run_search(reader, "Fallrekonstruktoin")
    assert titles(found) == ["Fallrekonstruktion"]
    assert found.suggestion == "Fallrekonstruktion"


def test_no_suggestion_for_correct_words(kim_pages, reader):
    assert run_search(reader, "Fallrekonstruktion").suggestion is None


def test_stop_words_only_finds_nothing(kim_pages, reader):
    assert run_search(reader, "die und der").total == 0


def test_snippet_and_title_are_highlighted_and_escaped(home, reader):
    add_page(
        home, "Sprachkurse <b>neu</b>", "Ein Sprachkurs für Eltern mit <script>Kindern</script>."
    )
    (hit,) = run_search(reader, "Sprachkurs").hits
    assert "<mark>Sprachkurs</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>Sprachkurse</mark>" in hit.title_html and "&lt;b&gt;" in hit.title_html


def test_kind_facet_counts_and_filter(kim_pages, reader, organisation):
    found = run_search(reader, "Iserlohn")
    kinds = {v.value: v.count for f in found.facets if f.name == "kind" for v in f.values}
    assert kinds == {"wagtailcore-page": 2, "organisation": 1}
    only = run_search(reader, "Iserlohn", kind=["organisation"])
    assert titles(only) == ["Jugendmigrationsdienst Iserlohn"]
    # Disjunctive counting: the other kinds keep their counts while one is selected.
    kinds = {
        v.value: (v.count, v.selected) for f in only.facets if f.name == "kind" for v in f.values
    }
    assert kinds == {"wagtailcore-page": (2, False), "organisation": (1, True)}


def test_kommune_facet(kim_pages, reader, organisation):
    found = run_search(reader, "Beratung", kommune=["iserlohn"])
    assert titles(found) == ["Jugendmigrationsdienst Iserlohn"]
    (kommune,) = [f for f in found.facets if f.name == "kommune"]
    assert {(v.label, v.count) for v in kommune.values} >= {("Iserlohn", 1)}


def test_pagination(home, reader):
    for number in range(1, 16):
        add_page(home, f"Protokoll Arbeitsgruppe Wohnen {number}", "Wohnen und Unterbringung.")
    first = run_search(reader, "Wohnen", page_size=10)
    second = run_search(reader, "Wohnen", page=2, page_size=10)
    assert first.total == second.total == 15
    assert first.num_pages == 2
    assert len(first.hits) == 10 and len(second.hits) == 5
    assert not set(titles(first)) & set(titles(second))


def test_authority_and_recency_break_ties(home, reader):
    from search.models import SearchDocument

    add_page(home, "Sachstandsbericht Sprachförderung", "Bericht zur Sprachförderung.")
    newer = add_page(home, "Sachstandsbericht Sprachförderung ", "Bericht zur Sprachförderung.")
    SearchDocument.objects.filter(object_id=str(newer.pk)).update(boost=1.3)
    assert titles(run_search(reader, "Sprachförderung"))[0] == newer.title


def test_words_inside_unknown_compounds_are_found_below_exact_hits(home, reader):
    add_page(home, "Dolmetscherpool des Kreises", "Sprachmittlung in 30 Sprachen.")
    add_page(home, "Fallbericht", "Es fehlten Dolmetscher im Termin.")
    found = run_search(reader, "Dolmetscher")
    assert titles(found) == ["Fallbericht", "Dolmetscherpool des Kreises"]
    assert "<mark>Dolmetscherpool</mark>" in found.hits[1].title_html
