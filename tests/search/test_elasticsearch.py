"""The Elasticsearch backend without a server: analyser, mapping, request and response."""

import datetime
import runpy

from django.test import override_settings

from portal.settings import base as base_settings
from portal.text_analysis import normalise
from search.backends import SearchQuery
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    build_search,
    document_body,
    index_definition,
)
from search.registry import AUTHENTICATED, BODY, HEADING, IndexEntry


def test_german_analyser_definition():
    settings = index_definition("kim-test").to_dict()["settings"]
    analysis = settings["analysis"]
    chain = analysis["analyzer"]["kim_german"]["filter"]
    assert chain == [
        "lowercase",
        "german_normalization",
        "kim_german_stop",
        "kim_decompounder",
        "kim_german_stemmer",
        "remove_duplicates",
    ]
    decompounder = analysis["filter"]["kim_decompounder"]
    assert decompounder["type"] == "dictionary_decompounder"
    assert {normalise("Behörde"), normalise("Einbürgerung"), "vereinbarung"} <= set(
        decompounder["word_list"]
    )
    assert analysis["filter"]["kim_german_stemmer"] == {"type": "stemmer", "language": "german"}
    assert "und" in analysis["filter"]["kim_german_stop"]["stopwords"]


def test_mapping():
    properties = index_definition("kim-test").to_dict()["mappings"]["properties"]
    for field in ("title", "headings", "body"):
        assert properties[field] == {"type": "text", "analyzer": "kim_german"}
    facets = ("kommune", "handlungsfeld", "thema", "gremium", "arbeitsgruppenthema")
    for field in ("kind", "principals", "page_path", *facets):
        assert properties[field]["type"] == "keyword"
    assert properties["date"]["type"] == "date"


def test_document_body_splits_headings_and_labels_facets():
    entry = IndexEntry(
        title="Sprachangebote",
        url="/sprache/",
        kind="seite",
        kind_label="Seite",
        parts=[("Sprachförderung", HEADING), ("Kurse der VHS", BODY)],
        date=datetime.date(2026, 5, 4),
        facets={"kommune": [("hemer", "Hemer")]},
    )
    body = document_body(entry)
    assert body["headings"] == "Sprachförderung" and body["body"] == "Kurse der VHS"
    assert body["principals"] == [AUTHENTICATED]
    assert body["kommune"] == ["hemer"] and body["kommune_labelled"] == ["hemer\u001fHemer"]
    assert body["year"] == 2026 and body["date"] == "2026-05-04"


def _request(text, principals=frozenset({"authenticated", "group:3"}), hidden=(), **filters):
    query = SearchQuery(text=text, filters=filters, page=2, page_size=10)
    return build_search("kim", query, principals, list(hidden)).to_dict()


def _relevance(request):
    return request["query"]["function_score"]["query"]["function_score"]["query"]["bool"]


def test_permission_filter_is_part_of_the_query():
    request = _request("Einbürgerung", hidden=["00010002"])
    relevance = _relevance(request)
    assert {"terms": {"principals": ["authenticated", "group:3"]}} in relevance["filter"]
    assert {"prefix": {"page_path": "00010002"}} in relevance["must_not"]


def test_superusers_get_no_permission_filter_and_nobody_gets_nothing():
    assert "filter" not in _relevance(_request("Einbürgerung", principals=None))
    assert _relevance(_request("Einbürgerung", principals=frozenset()))["filter"] == [
        {"match_none": {}}
    ]


def test_words_phrases_exclusions_and_typos():
    relevance = _relevance(_request('"Vereinbarung zur Kooperation" Hemer -Iserlohn'))
    should = relevance["should"]
    assert should[0]["multi_match"]["fields"] == ["title^3", "headings^2", "body"]
    assert should[1]["multi_match"]["fuzziness"] == "AUTO:6,9"
    assert relevance["minimum_should_match"] == 1
    assert relevance["must"] == [
        {
            "multi_match": {
                "query": "Vereinbarung zur Kooperation",
                "fields": ["title^3", "headings^2", "body"],
                "type": "phrase",
            }
        }
    ]
    assert relevance["must_not"][0]["multi_match"]["query"] == "Iserlohn"


def test_facets_are_disjunctive_aggregations_with_post_filter():
    request = _request("Einbürgerung", kind=["seite"], kommune=["hemer"])
    assert request["post_filter"] == {
        "bool": {"filter": [{"terms": {"kind": ["seite"]}}, {"terms": {"kommune": ["hemer"]}}]}
    }
    aggs = request["aggs"]
    assert set(aggs) == {
        "kind",
        "year",
        "kommune",
        "handlungsfeld",
        "thema",
        "gremium",
        "arbeitsgruppenthema",
    }
    assert aggs["kind"]["filter"] == {"bool": {"filter": [{"terms": {"kommune": ["hemer"]}}]}}
    assert aggs["kommune"]["aggs"]["values"]["terms"]["field"] == "kommune_labelled"


def test_highlighting_and_paging():
    request = _request("Einbürgerung")
    assert request["highlight"]["pre_tags"] == ["<mark>"]
    assert request["highlight"]["encoder"] == "html"
    assert set(request["highlight"]["fields"]) == {"title", "body", "headings"}
    assert request["from"] == 10 and request["size"] == 10


class FakeClient:
    def __init__(self, response):
        self.response = response
        self.requests = []

    def search(self, index, body):
        self.requests.append(body)
        return self.response


def test_response_is_read_into_results(db, partner):
    response = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_score": 3.5,
                    "_source": {
                        "title": "Einbürgerung",
                        "url": "/wissen/einbuergerung/",
                        "kind": "seite",
                        "kind_label": "Seite",
                        "date": "2026-03-01",
                        "location": "Wissen",
                        "body": "…",
                    },
                    "highlight": {"body": ["Antrag bei der <mark>Einbürgerungsbehörde</mark>"]},
                }
            ],
        },
        "aggregations": {
            "kind": {
                "values": {
                    "buckets": [
                        {"key": "seite", "doc_count": 1, "label": {"buckets": [{"key": "Seite"}]}}
                    ]
                }
            },
            "kommune": {"values": {"buckets": [{"key": "hemer\u001fHemer", "doc_count": 1}]}},
        },
    }
    client = FakeClient(response)
    results = ElasticsearchBackend(client, "kim").search(SearchQuery("Einbürgerung"), partner)
    assert results.total == 1
    (hit,) = results.hits
    assert hit.date == datetime.date(2026, 3, 1) and hit.score == 3.5
    assert "<mark>Einbürgerungsbehörde</mark>" in hit.snippet
    assert hit.title_html == "Einbürgerung"
    facets = {f.name: [(v.value, v.label, v.count) for v in f.values] for f in results.facets}
    assert facets == {"kind": [("seite", "Seite", 1)], "kommune": [("hemer", "Hemer", 1)]}
    assert {
        "terms": {
            "principals": sorted(
                [
                    "authenticated",
                    f"user:{partner.pk}",
                    *[f"group:{g}" for g in partner.groups.values_list("id", flat=True)],
                    # The partner's role bundles filing Meldebögen (forms.permissions.REPORT).
                    "perm:meldeboegen.einreichen_meldebogen",
                ]
            )
        }
    } in _relevance(client.requests[0])["filter"]


def test_index_prefix_from_the_environment_names_both_indexes(monkeypatch):
    """ELASTICSEARCH_INDEX_PREFIX (docs/configuration.md) names the portal's search index and
    Wagtail's index alike, so two installations can share one cluster."""
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    monkeypatch.setenv("ELASTICSEARCH_INDEX_PREFIX", "kreis-lippe")
    configured = runpy.run_path(base_settings.__file__)
    assert configured["WAGTAILSEARCH_BACKENDS"]["default"]["INDEX"] == "kreis-lippe"
    names = ("ELASTICSEARCH_URL", "ELASTICSEARCH_INDEX_PREFIX")
    with override_settings(**{name: configured[name] for name in names if name in configured}):
        assert ElasticsearchBackend.from_settings().index_name == "kreis-lippe-suche"
