"""The embedded backend: BM25F over our own inverted index in the project database.

Candidates come from one query over the postings of the query terms, joined with the
principals table, so hidden documents never reach Python: totals, facet counts, pagination
and even the term statistics (df, average length) are computed over visible documents only.
Scoring, phrase checks and facet counting happen in Python on those rows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from search.analysis import ParsedQuery, Phrase, analyse_query
from search.backends.base import (
    AFFIX_MAX_DF,
    AFFIX_WEIGHT,
    FACET_NAMES,
    FEW_RESULTS,
    K1,
    MIN_AFFIX_TERM,
    TYPO_WEIGHT,
    B,
    Facet,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    bm25_idf,
    recency_factor,
)
from search.highlight import highlight, snippet
from search.indexing import store_entry
from search.models import DocumentFacet, DocumentPrincipal, Posting, SearchDocument
from search.permissions import hidden_paths, user_principals
from search.registry import IndexEntry
from search.spelling import max_edits

COLUMN_FACETS = ("kind", "year")


@dataclass
class _Doc:
    length: int
    boost: float
    date: datetime.date | None
    kind: str
    kind_label: str
    year: int | None
    terms: dict[str, tuple[float, str]] = field(default_factory=dict)  # term -> (tf, positions)


def visible_documents(user: User | AnonymousUser) -> QuerySet[SearchDocument]:
    """Index documents ``user`` may see: principals and page privacy, inside the query."""
    documents = SearchDocument.objects.all()
    principals = user_principals(user)
    if principals is None:
        return documents
    if not principals:
        return documents.none()
    documents = documents.filter(
        id__in=DocumentPrincipal.objects.filter(principal__in=sorted(principals)).values(
            "document_id"
        )
    )
    hidden = hidden_paths(user)
    if hidden:
        documents = documents.exclude(reduce(or_, (Q(page_path__startswith=p) for p in hidden)))
    return documents


def _positions(raw: str) -> set[int]:
    return {int(p) for p in raw.split()} if raw else set()


def has_phrase(doc_terms: dict[str, tuple[float, str]], phrase: Phrase) -> bool:
    if any(term not in doc_terms for _offset, term in phrase.terms):
        return False
    positions = {term: _positions(doc_terms[term][1]) for _offset, term in phrase.terms}
    (first_offset, first_term), *rest = phrase.terms
    for start in positions[first_term]:
        base = start - first_offset
        if all(base + offset in positions[term] for offset, term in rest):
            return True
    return False


class DatabaseBackend:
    name = "database"

    # -- writing (the signal path uses search.indexing directly) --------------------------

    @staticmethod
    def _split(key: str) -> tuple[ContentType, str]:
        label, object_id = key.split(":", 1)
        app_label, model = label.split(".", 1)
        return ContentType.objects.get_by_natural_key(app_label, model), object_id

    def add(self, key: str, entry: IndexEntry) -> None:
        store_entry(*self._split(key), entry)

    def remove(self, key: str) -> None:
        store_entry(*self._split(key), None)

    def clear(self) -> None:
        SearchDocument.objects.all().delete()

    def refresh(self) -> None:
        """Nothing to do: the database is consistent after each write."""

    # -- searching ------------------------------------------------------------------------

    def search(self, query: SearchQuery, user: User | AnonymousUser) -> SearchResults:
        results = SearchResults(query=query)
        parsed = analyse_query(query.text)
        if parsed.is_empty:
            return results
        visible = visible_documents(user)
        stats = visible.aggregate(n=Count("id"), avg=Avg("length"))
        total_docs, avg_length = stats["n"] or 0, float(stats["avg"] or 1.0) or 1.0
        words = [list(term.alternatives) for term in parsed.terms]
        need_positions = bool(parsed.phrases or parsed.excluded_phrases)
        wanted = {t for alts in words for t, _w in alts}
        wanted |= {t.term for t in parsed.excluded}
        wanted |= {t for p in parsed.excluded_phrases for _o, t in p.terms}
        docs = self._postings(visible, wanted, need_positions)
        df = Counter(t for doc in docs.values() for t in doc.terms)

        # Typo tolerance: a longer word that occurs nowhere also matches close words;
        # longer words also match compounds that start or end with them, at a low weight.
        expansions = self._expansions(parsed, words, df)
        expansions |= self._compounds(parsed, words, wanted | expansions, df)
        if expansions - wanted:
            extra = self._postings(visible, expansions - wanted, need_positions)
            for doc_id, doc in extra.items():
                docs.setdefault(doc_id, doc).terms.update(doc.terms)
            df = Counter(t for doc in docs.values() for t in doc.terms)

        scores = self._score(parsed, words, docs, df, total_docs, avg_length)
        matched = {doc_id: docs[doc_id] for doc_id in scores}
        facet_values = self._facet_values(visible, wanted | expansions, bool(matched))
        selected = {
            name: set(values)
            for name, values in query.filters.items()
            if values and name in FACET_NAMES
        }

        def passes(doc_id: int, skip: str | None) -> bool:
            for name, values in selected.items():
                if name == skip:
                    continue
                if not values & self._values_of(doc_id, matched[doc_id], name, facet_values):
                    return False
            return True

        ranked = sorted(
            (doc_id for doc_id in scores if passes(doc_id, None)),
            key=lambda doc_id: (-scores[doc_id], doc_id),
        )
        results.total = len(ranked)
        results.facets = self._facets(matched, facet_values, selected, passes)
        page_ids = ranked[query.offset : query.offset + query.page_size]
        highlight_terms = {t for alts in words for t, _w in alts}
        results.hits = self._hits(page_ids, scores, highlight_terms)
        if results.total < FEW_RESULTS:
            from search.suggestions import get_speller

            suggestion = get_speller().suggest(query.text)
            if suggestion and suggestion != query.text:
                results.suggestion = suggestion
        return results

    # -- steps ---------------------------------------------------------------------------

    def _postings(self, visible, terms: set[str], with_positions: bool) -> dict[int, _Doc]:
        if not terms:
            return {}
        fields = [
            "document_id",
            "term",
            "weight",
            "document__length",
            "document__boost",
            "document__date",
            "document__kind",
            "document__kind_label",
            "document__year",
        ]
        if with_positions:
            fields.append("positions")
        rows = Posting.objects.filter(term__in=sorted(terms), document__in=visible).values_list(
            *fields
        )
        docs: dict[int, _Doc] = {}
        for row in rows:
            doc = docs.get(row[0])
            if doc is None:
                doc = docs[row[0]] = _Doc(*row[3:9])
            doc.terms[row[1]] = (row[2], row[9] if with_positions else "")
        return docs

    def _expansions(self, parsed: ParsedQuery, words, df: Counter) -> set[str]:
        unknown = [
            (index, term)
            for index, term in enumerate(parsed.terms)
            if max_edits(term.text) > 0 and not any(df[t] for t, _w in words[index])
        ]
        if not unknown:
            return set()
        from search.suggestions import get_speller

        speller = get_speller()
        found: set[str] = set()
        for index, term in unknown:
            for expanded in speller.expand(term.text)[1:]:
                words[index].append((expanded, TYPO_WEIGHT))
                found.add(expanded)
        return found

    def _compounds(self, parsed: ParsedQuery, words, known: set[str], df: Counter) -> set[str]:
        """Rare words (found in fewer than AFFIX_MAX_DF visible documents) also match
        compounds that start or end with them."""
        candidates = [
            (index, term.term)
            for index, term in enumerate(parsed.terms)
            if len(term.term) >= MIN_AFFIX_TERM
            and max((df[t] for t, _w in words[index]), default=0) < AFFIX_MAX_DF
        ]
        if not candidates:
            return set()
        from search.suggestions import get_affixes

        affixes = get_affixes()
        found: set[str] = set()
        for index, term in candidates:
            present = {t for t, _w in words[index]}
            for compound in affixes.compounds_of(term):
                if compound not in present:
                    words[index].append((compound, AFFIX_WEIGHT))
                    found.add(compound)
        return found - known

    def _score(self, parsed, words, docs, df, total_docs, avg_length) -> dict[int, float]:
        today = timezone.localdate()
        excluded = {t.term for t in parsed.excluded}
        idf = {term: bm25_idf(max(total_docs, 1), count) for term, count in df.items()}
        scores: dict[int, float] = {}
        for doc_id, doc in docs.items():
            if excluded & doc.terms.keys():
                continue
            norm = K1 * (1 - B + B * (doc.length or 1) / avg_length)
            matched = 0
            score = 0.0
            for alternatives in words:
                best = 0.0
                for term, weight in alternatives:
                    if term in doc.terms:
                        tf = doc.terms[term][0]
                        best = max(best, weight * idf[term] * tf * (K1 + 1) / (tf + norm))
                if best > 0:
                    matched += 1
                    score += best
            if not matched:
                continue
            if not all(has_phrase(doc.terms, p) for p in parsed.phrases):
                continue
            if any(has_phrase(doc.terms, p) for p in parsed.excluded_phrases):
                continue
            coordination = matched / len(words)
            scores[doc_id] = (
                score * coordination * coordination * doc.boost * recency_factor(doc.date, today)
            )
        return scores

    def _facet_values(self, visible, terms: set[str], any_match: bool):
        """doc id -> facet name -> values, and (name, value) -> label."""
        by_doc: dict[int, dict[str, set[str]]] = {}
        labels: dict[tuple[str, str], str] = {}
        if not any_match:
            return by_doc, labels
        candidates = Posting.objects.filter(term__in=sorted(terms), document__in=visible).values(
            "document_id"
        )
        rows = DocumentFacet.objects.filter(document_id__in=candidates).values_list(
            "document_id", "name", "value", "label"
        )
        for doc_id, name, value, label in rows:
            by_doc.setdefault(doc_id, {}).setdefault(name, set()).add(value)
            labels[(name, value)] = label
        return by_doc, labels

    @staticmethod
    def _values_of(doc_id: int, doc: _Doc, name: str, facet_values) -> set[str]:
        if name == "kind":
            return {doc.kind}
        if name == "year":
            return {str(doc.year)} if doc.year else set()
        return facet_values[0].get(doc_id, {}).get(name, set())

    def _facets(self, matched, facet_values, selected, passes) -> list[Facet]:
        """Counts per facet value over the matching documents that pass every *other*
        selected facet (disjunctive counts), in one pass over documents and facet rows."""
        by_doc, labels = facet_values
        labels = dict(labels)
        counts: dict[str, Counter[str]] = {name: Counter() for name in FACET_NAMES}
        check = bool(selected)
        for doc_id, doc in matched.items():
            labels[("kind", doc.kind)] = doc.kind_label
            if not check or passes(doc_id, "kind"):
                counts["kind"][doc.kind] += 1
            if doc.year:
                labels[("year", str(doc.year))] = str(doc.year)
                if not check or passes(doc_id, "year"):
                    counts["year"][str(doc.year)] += 1
            facets_of_doc = by_doc.get(doc_id)
            if facets_of_doc:
                for name, values in facets_of_doc.items():
                    if not check or passes(doc_id, name):
                        counts[name].update(values)
        facets = []
        for name, label in FACET_NAMES.items():
            counted = counts[name]
            for value in selected.get(name, ()):
                counted.setdefault(value, 0)
            if not counted:
                continue
            values = [
                FacetValue(
                    value, labels.get((name, value), value), count, value in selected.get(name, ())
                )
                for value, count in counted.items()
            ]
            if name == "year":
                values.sort(key=lambda v: v.value, reverse=True)
            else:
                values.sort(key=lambda v: (-v.count, v.label))
            facets.append(Facet(name, label, values))
        return facets

    def _hits(self, page_ids: list[int], scores, terms: set[str]) -> list[Hit]:
        if not page_ids:
            return []
        documents = SearchDocument.objects.filter(id__in=page_ids).only(
            "title", "url", "kind", "kind_label", "text", "date", "location"
        )
        by_id = {d.id: d for d in documents}
        return [
            Hit(
                title=by_id[i].title,
                title_html=highlight(by_id[i].title, terms),
                url=by_id[i].url,
                kind=by_id[i].kind,
                kind_label=by_id[i].kind_label,
                snippet=snippet(by_id[i].text, terms),
                date=by_id[i].date,
                location=by_id[i].location,
                score=round(scores[i], 4),
            )
            for i in page_ids
            if i in by_id
        ]
