"""The contract every search backend passes: the database engine always, Elasticsearch only
against a real cluster (ELASTICSEARCH_URL); without one those cases are skipped, visibly (-ra).
"""

import datetime
import os

import pytest

from accounts import roles
from search.backends import SearchQuery
from search.backends.database import DatabaseBackend
from search.registry import AUTHENTICATED, BODY, HEADING, IndexEntry, group_principal
from tests.search.conftest import add_page, restrict

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
SKIP_ES = "Elasticsearch-Vertragstests übersprungen: ELASTICSEARCH_URL ist nicht gesetzt"


def entry(title, body="", kind="seite", principals=(AUTHENTICATED,), **fields) -> IndexEntry:
    return IndexEntry(
        title=title,
        url=f"/{title.lower().replace(' ', '-')}/",
        kind=kind,
        kind_label=kind.capitalize(),
        principals=set(principals),
        parts=[(body, BODY), *fields.pop("headings", [])],
        **fields,
    )


@pytest.fixture(
    params=[
        "database",
        pytest.param(
            "elasticsearch",
            marks=[
                pytest.mark.elasticsearch,
                pytest.mark.skipif(not ES_URL, reason=SKIP_ES),
            ],
        ),
    ]
)
def backend(request, db, settings):
    if request.param == "database":
        yield DatabaseBackend()
        return
    from elasticsearch import Elasticsearch

    from search.backends.elasticsearch import ElasticsearchBackend

    es = ElasticsearchBackend(Elasticsearch(ES_URL), "kim-portal-contract-test")
    es.clear()
    yield es
    es.client.indices.delete(index=es.index_name, ignore_unavailable=True)


@pytest.fixture
def corpus(backend, home):
    from django.contrib.auth.models import Group

    koordination = Group.objects.get(name=roles.KOORDINATION)
    secret_section = add_page(home, "Geschützter Bereich", "")
    restrict(secret_section, roles.KOORDINATION)
    entries = {
        "einbuergerung": entry(
            "Einbürgerung",
            "Der Antrag wird bei der Einbürgerungsbehörde gestellt.",
            date=datetime.date(2026, 3, 1),
            facets={"kommune": [("iserlohn", "Iserlohn")]},
        ),
        "vereinbarung": entry(
            "Kooperationsvereinbarung Hemer",
            "Die Vereinbarungen werden jährlich ausgewertet.",
            kind="vereinbarung",
            facets={"kommune": [("hemer", "Hemer")]},
        ),
        "kooperation": entry(
            "Zusammenarbeit", "Die Vereinbarung zur Kooperation regelt die Aufgaben."
        ),
        "title": entry("Integrationskurs", "Anmeldung und Ablauf."),
        "body": entry("Allgemeines", "Auch der Integrationskurs wird hier erwähnt."),
        "heading": entry(
            "Sprachangebote", "Kurse der Volkshochschulen.", headings=[("Sprachförderung", HEADING)]
        ),
        "secret": entry(
            "Stellenplanung Einbürgerungsbehörde",
            "Vertraulich.",
            principals=(group_principal(koordination.pk),),
        ),
        "path": entry(
            "Einbürgerung intern", "Interne Notizen.", page_path=secret_section.path + "0001"
        ),
    }
    for number, value in enumerate(entries.values(), start=1):
        backend.add(f"search.searchdocument:{number}", value)
    backend.refresh()
    return entries


def search(backend, user, text, **filters):
    page = filters.pop("page", 1)
    page_size = filters.pop("page_size", 10)
    fresh = type(user).objects.get(pk=user.pk)
    return backend.search(SearchQuery(text, filters, page, page_size), fresh)


def titles(results):
    return [h.title for h in results.hits]


def test_folding_finds_umlauts(corpus, backend, partner):
    assert titles(search(backend, partner, "einburgerung"))[0] == "Einbürgerung"


def test_parts_find_compounds(corpus, backend, partner):
    assert "Einbürgerung" in titles(search(backend, partner, "Behörde"))


def test_inflections(corpus, backend, partner):
    assert "Kooperationsvereinbarung Hemer" in titles(search(backend, partner, "Vereinbarung"))


def test_title_beats_heading_beats_body(corpus, backend, partner):
    found = titles(search(backend, partner, "Integrationskurs"))
    assert found.index("Integrationskurs") < found.index("Allgemeines")
    assert titles(search(backend, partner, "Sprachförderung"))[0] == "Sprachangebote"


def test_phrase(corpus, backend, partner):
    assert titles(search(backend, partner, '"Vereinbarung zur Kooperation"')) == ["Zusammenarbeit"]


def test_exclusion(corpus, backend, partner):
    assert "Einbürgerung" not in titles(search(backend, partner, "Einbürgerung -Antrag"))


def test_principals_filter_results_totals_and_facets(corpus, backend, partner, koordination):
    hidden = search(backend, partner, "Einbürgerungsbehörde")
    assert "Stellenplanung Einbürgerungsbehörde" not in titles(hidden)
    assert hidden.total == sum(v.count for f in hidden.facets if f.name == "kind" for v in f.values)
    shown = search(backend, koordination, "Einbürgerungsbehörde")
    assert "Stellenplanung Einbürgerungsbehörde" in titles(shown)
    assert shown.total == hidden.total + 2  # the group document and the restricted page


def test_page_privacy_by_path(corpus, backend, partner, koordination):
    assert "Einbürgerung intern" not in titles(search(backend, partner, "Einbürgerung"))
    assert "Einbürgerung intern" in titles(search(backend, koordination, "Einbürgerung"))


def test_facets_filter_and_count(corpus, backend, partner):
    found = search(backend, partner, "Vereinbarung Einbürgerung", kommune=["hemer"])
    assert titles(found) == ["Kooperationsvereinbarung Hemer"]
    (kommune,) = [f for f in found.facets if f.name == "kommune"]
    counts = {v.value: (v.label, v.count, v.selected) for v in kommune.values}
    assert counts["hemer"] == ("Hemer", 1, True)
    assert counts["iserlohn"] == ("Iserlohn", 1, False)


def test_pagination(corpus, backend, partner):
    first = search(backend, partner, "Vereinbarung Einbürgerung Integrationskurs", page_size=2)
    second = search(
        backend, partner, "Vereinbarung Einbürgerung Integrationskurs", page=2, page_size=2
    )
    assert first.total == second.total >= 3
    assert not set(titles(first)) & set(titles(second))


def test_highlighting(corpus, backend, partner):
    (hit, *_rest) = search(backend, partner, "Einbürgerungsbehörde").hits
    assert "<mark>" in hit.snippet
