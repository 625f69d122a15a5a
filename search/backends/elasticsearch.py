"""Elasticsearch 9 backend (``elasticsearch.dsl`` of the official client), used when
ELASTICSEARCH_URL is set. The database index is kept as well (autocomplete, spelling).

- German analyser: lowercase -> german_normalization (umlauts, ß, ae/oe/ue) -> stop words ->
  dictionary decompounder with the lexicon of :mod:`portal.text_analysis` -> Snowball German stemmer
  -> remove duplicates. Compound parts therefore match as in the database engine.
- Same permission rule: a ``terms`` filter on ``principals`` and ``must_not`` ``prefix``
  filters for the page paths the user may not see (superusers: no filter).
- Facets as aggregations (each one filtered by the other selected facets, so counts are
  disjunctive like in the database engine), selected facets as ``post_filter``.
- Highlighting with ``<mark>`` (HTML-encoded), fuzziness "AUTO:6,9" for typos
  (= :func:`search.spelling.max_edits`), ranking boosted by authority and recency.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch.dsl import (
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Mapping,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from portal.text_analysis import STOP_WORDS, analyse_query, lexicon_words
from search.backends.base import (
    FACET_NAMES,
    FEW_RESULTS,
    RECENCY_BONUS,
    Facet,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
)
from search.entries import HEADING, IndexEntry
from search.permissions import access_rule

FIELDS = ["title^3", "headings^2", "body"]
FUZZINESS = "AUTO:6,9"
LABEL_SEPARATOR = "\u001f"
TERM_FACETS = ("kommune", "handlungsfeld", "gremium")

decompounder = token_filter(
    "kim_decompounder",
    "dictionary_decompounder",
    word_list=lexicon_words(),
    min_word_size=6,
    min_subword_size=3,
    only_longest_match=False,
)
german_stop = token_filter("kim_german_stop", "stop", stopwords=sorted(STOP_WORDS))
german_stemmer = token_filter("kim_german_stemmer", "stemmer", language="german")

german = analyzer(
    "kim_german",
    tokenizer="standard",
    filter=[
        "lowercase",
        "german_normalization",
        german_stop,
        decompounder,
        german_stemmer,
        "remove_duplicates",
    ],
)


def mapping() -> Mapping:
    m = Mapping()
    for name in ("title", "headings", "body"):
        m.field(name, Text(analyzer=german))
    m.field("kind", Keyword())
    m.field("kind_label", Keyword(index=False))
    m.field("url", Keyword(index=False))
    m.field("location", Keyword(index=False))
    m.field("date", Date())
    m.field("year", Integer())
    m.field("boost", Float())
    m.field("principals", Keyword())
    m.field("page_path", Keyword())
    for name in TERM_FACETS:
        m.field(name, Keyword())
        m.field(f"{name}_labelled", Keyword())
    return m


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.mapping(mapping())
    return index


def document_body(entry: IndexEntry) -> dict:
    """The JSON document of an entry."""
    headings = [text for text, weight in entry.parts if weight >= HEADING]
    body = [text for text, weight in entry.parts if weight < HEADING]
    document = {
        "title": entry.title,
        "headings": "\n".join(headings),
        "body": "\n".join(body),
        "kind": entry.kind,
        "kind_label": entry.kind_label,
        "url": entry.url,
        "location": entry.location,
        "date": entry.date.isoformat() if entry.date else None,
        "year": entry.date.year if entry.date else None,
        "boost": entry.boost,
        "principals": sorted(entry.principals),
        "page_path": entry.page_path,
    }
    for name in TERM_FACETS:
        values = dict(entry.facets.get(name, []))
        document[name] = sorted(values)
        document[f"{name}_labelled"] = [f"{v}{LABEL_SEPARATOR}{lbl}" for v, lbl in values.items()]
    return document


def _facet_filter(name: str, values: list[str]) -> Q:
    field = "year" if name == "year" else name
    return Q("terms", **{field: values})


def permission_filters(principals: frozenset[str] | None, hidden: list[str]) -> tuple[list, list]:
    """(filter, must_not) clauses of the permission rule; superusers (None) get none."""
    if principals is None:
        return [], []
    if not principals:
        return [Q("match_none")], []
    return [Q("terms", principals=sorted(principals))], [
        Q("prefix", page_path=path) for path in hidden
    ]


def build_search(
    index_name: str,
    query: SearchQuery,
    principals: frozenset[str] | None,
    hidden: list[str],
) -> Search:
    """The complete request for one results page: query, filters, facets, highlighting."""
    parsed = analyse_query(query.text)
    words = " ".join(term.text for term in parsed.terms)
    should = [
        Q("multi_match", query=words, fields=FIELDS, type="most_fields"),
        Q("multi_match", query=words, fields=FIELDS, fuzziness=FUZZINESS, boost=0.6),
    ]
    must = [Q("multi_match", query=p.text, fields=FIELDS, type="phrase") for p in parsed.phrases]
    must_not = [
        Q("multi_match", query=t.text, fields=FIELDS, operator="and") for t in parsed.excluded
    ]
    must_not += [
        Q("multi_match", query=p.text, fields=FIELDS, type="phrase")
        for p in parsed.excluded_phrases
    ]
    filters, hidden_clauses = permission_filters(principals, hidden)
    relevance = Q(
        "bool",
        should=should,
        minimum_should_match=1,
        must=must,
        must_not=must_not + hidden_clauses,
        filter=filters,
    )
    # relevance x (1 + 0.1 x recency) x authority, like the database engine.
    recent = Q(
        "function_score",
        query=relevance,
        functions=[
            {"weight": 1.0},
            {
                "filter": {"exists": {"field": "date"}},
                "gauss": {"date": {"origin": "now", "scale": "365d", "decay": 0.5}},
                "weight": RECENCY_BONUS,
            },
        ],
        score_mode="sum",
        boost_mode="multiply",
    )
    scored = Q(
        "function_score",
        query=recent,
        functions=[{"field_value_factor": {"field": "boost", "missing": 1.0}}],
        boost_mode="multiply",
    )
    search = Search(index=index_name).query(scored)
    selected = {name: values for name, values in query.filters.items() if values}
    if selected:
        search = search.post_filter(
            "bool", filter=[_facet_filter(n, v) for n, v in selected.items()]
        )
    for name in FACET_NAMES:
        others = [_facet_filter(n, v) for n, v in selected.items() if n != name]
        field = f"{name}_labelled" if name in TERM_FACETS else name
        bucket = search.aggs.bucket(name, "filter", filter=Q("bool", filter=others))
        bucket.bucket("values", "terms", field=field, size=50)
        if name == "kind":
            bucket.aggs["values"].bucket("label", "terms", field="kind_label", size=1)
    search = search.highlight("title", number_of_fragments=0).highlight(
        "body", "headings", fragment_size=240, number_of_fragments=1
    )
    search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    search = search.source(["title", "url", "kind", "kind_label", "body", "date", "location"])
    return search[query.offset : query.offset + query.page_size]


def _facets(aggregations: dict, query: SearchQuery) -> list[Facet]:
    facets = []
    for name, label in FACET_NAMES.items():
        buckets = aggregations.get(name, {}).get("values", {}).get("buckets", [])
        chosen = set(query.filters.get(name, []))
        values = []
        for bucket in buckets:
            key = str(bucket["key"])
            value, _, shown = key.partition(LABEL_SEPARATOR)
            if name == "kind":
                labels = bucket.get("label", {}).get("buckets", [])
                shown = labels[0]["key"] if labels else value
            values.append(FacetValue(value, shown or value, bucket["doc_count"], value in chosen))
        if values:
            facets.append(Facet(name, label, values))
    return facets


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client, index_name: str) -> None:
        self.client = client
        self.index_name = index_name

    @classmethod
    def from_settings(cls) -> ElasticsearchBackend:
        from elasticsearch import Elasticsearch

        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
        return cls(client, f"{settings.ELASTICSEARCH_INDEX_PREFIX}-suche")

    # -- writing ---------------------------------------------------------------------------

    def create_index(self) -> None:
        definition = index_definition(self.index_name)
        if not self.client.indices.exists(index=self.index_name):
            definition.create(using=self.client)

    def add(self, key: str, entry: IndexEntry) -> None:
        self.create_index()
        self.client.index(index=self.index_name, id=key, document=document_body(entry))

    def add_many(self, items: Iterable[tuple[str, IndexEntry]]) -> None:
        from elasticsearch.helpers import bulk

        self.create_index()
        bulk(
            self.client,
            (
                {"_index": self.index_name, "_id": key, "_source": document_body(entry)}
                for key, entry in items
            ),
        )

    def remove(self, key: str) -> None:
        self.client.delete(index=self.index_name, id=key, ignore_status=404)

    def clear(self) -> None:
        self.client.indices.delete(index=self.index_name, ignore_unavailable=True)
        self.create_index()

    def refresh(self) -> None:
        self.client.indices.refresh(index=self.index_name)

    # -- searching ---------------------------------------------------------------------------

    def search(self, query: SearchQuery, user: User | AnonymousUser) -> SearchResults:
        results = SearchResults(query=query)
        if analyse_query(query.text).is_empty:
            return results
        rule = access_rule(user)  # the one access filter, as terms and prefix clauses
        request = build_search(self.index_name, query, rule.principals, list(rule.hidden_paths))
        response = self.client.search(index=self.index_name, body=request.to_dict())
        body = response.body if hasattr(response, "body") else response
        results.total = body["hits"]["total"]["value"]
        results.facets = _facets(body.get("aggregations", {}), query)
        for raw in body["hits"]["hits"]:
            source = raw["_source"]
            highlights = raw.get("highlight", {})
            title_html = highlights.get("title", [escape(source["title"])])[0]
            fragments = highlights.get("body") or highlights.get("headings")
            snippet = fragments[0] if fragments else escape(source.get("body", "")[:240])
            results.hits.append(
                Hit(
                    title=source["title"],
                    title_html=mark_safe(title_html),  # noqa: S308 - encoder "html"
                    url=source.get("url", ""),
                    kind=source.get("kind", ""),
                    kind_label=source.get("kind_label", ""),
                    snippet=mark_safe(snippet),  # noqa: S308 - encoder "html"
                    date=_date(source.get("date")),
                    location=source.get("location", ""),
                    score=round(raw.get("_score") or 0.0, 4),
                )
            )
        if results.total < FEW_RESULTS:
            from search.backends.suggestions import get_speller

            suggestion = get_speller().suggest(query.text)
            if suggestion and suggestion != query.text:
                results.suggestion = suggestion
        return results


def _date(value):
    import datetime

    return datetime.date.fromisoformat(value[:10]) if value else None
