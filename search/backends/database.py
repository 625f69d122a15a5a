# ruff: noqa: S608 - SQL is assembled from constants, "%s" placeholders and integers (_ints)
"""The embedded backend: BM25F over our own inverted index in the project database.

Scoring, the permission filter, exclusions, facet counts and pagination run in SQL, in one
statement per search (docs/adr/0004-search.md, "Addendum: scoring in SQL"):

1. The user's principals select the access sets (``AccessSet``) they may see; their ids are
   matched against the ``acl`` copied onto every posting, and documents hidden by page
   privacy are excluded by id. Hidden documents never reach Python.
2. A small query counts, per query term, the visible documents containing it (df); Python
   turns df and the visible collection's size and average length (cached per index version
   and access set) into BM25 idf values, and adds typo and compound expansions.
3. The ranking statement joins the query terms (a VALUES list of term, query word and
   weight x idf) with the covering posting index, takes the best alternative per query word
   and document (MAX), sums per document with the squared coordination factor, authority
   and recency, filters exclusions, phrases and facets, and returns the requested page, the
   total and the disjunctive facet counts of the same candidate set (UNION ALL of
   aggregates over one materialised CTE).

Quoted phrases are checked in Python against stored positions, but only for documents that
contain every word of the phrase; their ids then restrict the ranking statement.
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from portal.text_analysis import ParsedQuery, Phrase, analyse_query
from search.backends.base import (
    AFFIX_MAX_DF,
    AFFIX_WEIGHT,
    FACET_NAMES,
    FEW_RESULTS,
    K1,
    MIN_AFFIX_TERM,
    RECENCY_BONUS,
    TYPO_WEIGHT,
    B,
    Facet,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    bm25_idf,
    recency_scale,
)
from search.backends.store import index_version, store_entry
from search.entries import IndexEntry
from search.highlight import highlight, snippet
from search.models import SearchDocument
from search.permissions import access_rule
from search.spelling import max_edits

COLUMN_FACETS = ("kind", "year")
ROW_FACETS = tuple(name for name in FACET_NAMES if name not in COLUMN_FACETS)


def visible_documents(user: User | AnonymousUser) -> QuerySet[SearchDocument]:
    """Index documents ``user`` may see, by the same :class:`Access` as every search."""
    access = user_access(user)
    documents = SearchDocument.objects.all()
    if access.empty:
        return documents.none()
    if access.acls is not None:
        documents = documents.filter(acl__in=access.acls)
    if access.hidden:
        documents = documents.exclude(pk__in=access.hidden)
    return documents


def _positions(raw: str) -> set[int]:
    return {int(p) for p in raw.split()} if raw else set()


def has_phrase(doc_terms: dict[str, str], phrase: Phrase) -> bool:
    """True if the words of ``phrase`` stand at adjacent positions (term -> positions)."""
    if any(term not in doc_terms for _offset, term in phrase.terms):
        return False
    positions = {term: _positions(doc_terms[term]) for _offset, term in phrase.terms}
    (first_offset, first_term), *rest = phrase.terms
    for start in positions[first_term]:
        base = start - first_offset
        if all(base + offset in positions[term] for offset, term in rest):
            return True
    return False


def _ints(values) -> str:
    """An SQL list of integers (ids from our own tables, never user input as text)."""
    return ", ".join(str(int(v)) for v in values)


# -- what a user may see ----------------------------------------------------------------------

_lock = threading.Lock()
_stats_cache: dict[str, object] = {"version": None}
#: Access per (index version, visible access sets, hidden page paths): what a visibility rule
#: sees of one index version. Only entries of the current version are kept.
_access_cache: dict[tuple, Access] = {}
_ACCESS_CACHE_SIZE = 512


def _access_statistics() -> tuple[
    int, list[tuple[int, frozenset[str]]], dict[int, tuple[int, int]]
]:
    """The index version, all access sets with their principals, and per set (documents,
    summed length).

    Cached per index version (a random number that changes with every index write)."""
    version = index_version()
    with _lock:
        if _stats_cache["version"] == version:
            return version, _stats_cache["sets"], _stats_cache["stats"]  # type: ignore[return-value]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, principals FROM search_accessset")
        sets = [(row[0], frozenset(row[1].split())) for row in cursor.fetchall()]
        cursor.execute("SELECT acl, COUNT(*), SUM(length) FROM search_searchdocument GROUP BY acl")
        stats = {row[0]: (int(row[1]), int(row[2] or 0)) for row in cursor.fetchall()}
    with _lock:
        _stats_cache.update(version=version, sets=sets, stats=stats)
        _access_cache.clear()
    return version, sets, stats


def clear_cache() -> None:
    with _lock:
        _stats_cache.clear()
        _stats_cache["version"] = None
        _access_cache.clear()


@dataclass
class Access:
    """The visible part of the index for one user."""

    acls: list[int] | None  # visible access sets; None: everything (superusers)
    hidden: list[int]  # documents of visible sets that page privacy hides
    total_docs: int
    avg_length: float

    @property
    def empty(self) -> bool:
        return self.acls is not None and not self.acls

    def condition(self, alias: str) -> str:
        """SQL condition on a posting (or document) row ``alias`` with ``acl`` and a
        document id column."""
        parts = []
        id_column = f"{alias}.document_id" if alias != "d" else "d.id"
        if self.acls is not None:
            parts.append(f"{alias}.acl IN ({_ints(self.acls)})")
        if self.hidden:
            parts.append(f"{id_column} NOT IN ({_ints(self.hidden)})")
        return " AND ".join(parts) or "1 = 1"


def _hidden_documents(paths: list[str], acls: list[int] | None) -> list[tuple[int, int]]:
    """(id, length) of documents below the hidden page paths, within ``acls``."""
    if not paths:
        return []
    if connection.vendor == "sqlite" and all(p.isalnum() for p in paths):
        # GLOB is case-sensitive and uses the page_path index; LIKE would scan.
        where = " OR ".join("page_path GLOB %s" for _ in paths)
        params = [p + "*" for p in paths]
    else:
        where = " OR ".join("page_path LIKE %s" for _ in paths)
        params = [
            p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for p in paths
        ]
    sql = f"SELECT id, length FROM search_searchdocument WHERE ({where})"
    if acls is not None:
        sql += f" AND acl IN ({_ints(acls)})"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], row[1]) for row in cursor.fetchall()]


def user_access(user: User | AnonymousUser) -> Access:
    """Visible access sets, hidden documents and collection statistics for ``user``: the
    database's translation of :func:`search.permissions.access_rule`."""
    rule = access_rule(user)
    principals = rule.principals
    version, sets, stats = _access_statistics()
    if principals is None:
        acls = None
        chosen = list(stats.values())
    else:
        acls = sorted(acl for acl, members in sets if members & principals)
        chosen = [stats[acl] for acl in acls if acl in stats]
    # The answer depends on nothing but these three: users with the same visible access sets
    # and hidden page paths share it, within one index version.
    key = (version, None if acls is None else tuple(acls), rule.hidden_paths)
    with _lock:
        cached = _access_cache.get(key)
    if cached is not None:
        return cached
    hidden = _hidden_documents(list(rule.hidden_paths), acls) if acls != [] else []
    total_docs = sum(count for count, _length in chosen) - len(hidden)
    total_length = sum(length for _count, length in chosen) - sum(h[1] for h in hidden)
    avg_length = (total_length / total_docs if total_docs else 1.0) or 1.0
    access = Access(acls, [h[0] for h in hidden], max(total_docs, 0), float(avg_length))
    with _lock:
        if _stats_cache["version"] == version:
            if len(_access_cache) >= _ACCESS_CACHE_SIZE:
                _access_cache.clear()
            _access_cache[key] = access
    return access


# -- the engine -------------------------------------------------------------------------------


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
        access = user_access(user)
        words = [list(term.alternatives) for term in parsed.terms]
        selected = {
            name: set(values)
            for name, values in query.filters.items()
            if values and name in FACET_NAMES
        }
        if not access.empty and words:
            wanted = {t for alts in words for t, _w in alts}
            df = self._document_frequencies(access, wanted)
            # Typo tolerance: a longer word that occurs nowhere also matches close words;
            # longer words also match compounds that start or end with them, at a low weight.
            expansions = self._expansions(parsed, words, df)
            expansions |= self._compounds(parsed, words, wanted | expansions, df)
            if expansions - wanted:
                df.update(self._document_frequencies(access, expansions - wanted))
            self._rank(results, parsed, words, df, access, selected)
        highlight_terms = {t for alts in words for t, _w in alts}
        results.hits = self._hits(results.hits, highlight_terms)
        if results.total < FEW_RESULTS:
            from search.backends.suggestions import get_speller

            suggestion = get_speller().suggest(query.text)
            if suggestion and suggestion != query.text:
                results.suggestion = suggestion
        return results

    # -- steps ---------------------------------------------------------------------------

    @staticmethod
    def _document_frequencies(access: Access, terms: set[str]) -> Counter:
        """Visible documents per term: one pass over the covering posting index."""
        if not terms:
            return Counter()
        ordered = sorted(terms)
        sql = (
            "SELECT p.term, COUNT(*) FROM search_posting p "
            f"WHERE p.term IN ({', '.join(['%s'] * len(ordered))}) AND {access.condition('p')} "
            "GROUP BY p.term"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, ordered)
            return Counter({term: int(count) for term, count in cursor.fetchall()})

    def _expansions(self, parsed: ParsedQuery, words, df: Counter) -> set[str]:
        unknown = [
            (index, term)
            for index, term in enumerate(parsed.terms)
            if max_edits(term.text) > 0 and not any(df[t] for t, _w in words[index])
        ]
        if not unknown:
            return set()
        from search.backends.suggestions import get_speller

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
        from search.backends.suggestions import get_affixes

        affixes = get_affixes()
        found: set[str] = set()
        for index, term in candidates:
            present = {t for t, _w in words[index]}
            for compound in affixes.compounds_of(term):
                if compound not in present:
                    words[index].append((compound, AFFIX_WEIGHT))
                    found.add(compound)
        return found - known

    @staticmethod
    def _phrase_documents(access: Access, phrase: Phrase) -> set[int]:
        """Visible documents in which the words of ``phrase`` stand next to each other."""
        terms = sorted({term for _offset, term in phrase.terms})
        marks = ", ".join(["%s"] * len(terms))
        sql = (
            "SELECT p.document_id, p.term, p.positions FROM search_posting p "
            f"WHERE p.term IN ({marks}) AND p.document_id IN ("
            f"SELECT v.document_id FROM search_posting v WHERE v.term IN ({marks}) "
            f"AND {access.condition('v')} GROUP BY v.document_id HAVING COUNT(*) = %s)"
        )
        by_doc: dict[int, dict[str, str]] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, [*terms, *terms, len(terms)])
            for doc_id, term, positions in cursor.fetchall():
                by_doc.setdefault(doc_id, {})[term] = positions
        return {doc_id for doc_id, doc_terms in by_doc.items() if has_phrase(doc_terms, phrase)}

    def _rank(self, results, parsed, words, df: Counter, access: Access, selected) -> None:
        """Fill total, the page's (doc id, score) and the facets in one SQL statement."""
        query = results.query
        total_docs = max(access.total_docs, 1)
        rows = []
        for index, alternatives in enumerate(words):
            for term, weight in alternatives:
                if df[term]:
                    rows.append((term, index, weight * bm25_idf(total_docs, df[term])))
        if not rows:
            return
        doc_filters: list[str] = []
        if parsed.excluded:
            excluded = sorted({t.term for t in parsed.excluded})
            doc_filters.append(
                "m.doc NOT IN (SELECT x.document_id FROM search_posting x "
                f"WHERE x.term IN ({', '.join(['%s'] * len(excluded))}))"
            )
        else:
            excluded = []
        for phrase in parsed.phrases:
            ids = self._phrase_documents(access, phrase)
            if not ids:
                return
            doc_filters.append(f"m.doc IN ({_ints(sorted(ids))})")
        for phrase in parsed.excluded_phrases:
            ids = self._phrase_documents(access, phrase)
            if ids:
                doc_filters.append(f"m.doc NOT IN ({_ints(sorted(ids))})")

        # One flag column per selected facet: does the document pass that selection?
        flags: dict[str, tuple[str, list]] = {}
        for name, values in selected.items():
            ordered = sorted(values)
            if name == "kind":
                flags[name] = (f"d.kind IN ({', '.join(['%s'] * len(ordered))})", ordered)
            elif name == "year":
                years = [int(v) for v in ordered if v.isdigit()] or [-1]
                flags[name] = (f"d.year IN ({_ints(years)})", [])
            else:
                flags[name] = (
                    "EXISTS (SELECT 1 FROM search_documentfacet s WHERE s.document_id = m.doc "
                    f"AND s.name = %s AND s.value IN ({', '.join(['%s'] * len(ordered))}))",
                    [name, *ordered],
                )
        flag_names = list(flags)

        def passing(skip: str | None = None) -> str:
            conditions = [f"c.f{i} = 1" for i, name in enumerate(flag_names) if name != skip]
            return " AND ".join(conditions) or "1 = 1"

        def count(skip: str) -> str:
            condition = passing(skip)
            if condition == "1 = 1":
                return "COUNT(*)"
            return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"

        params: list = []
        values_sql = ", ".join(["(%s, %s, %s)"] * len(rows))
        for row in rows:
            params.extend(row)
        params.extend([K1 + 1, K1, 1 - B, B, access.avg_length])
        ranking_sql = (
            f"WITH q(term, word, factor) AS (VALUES {values_sql}), "
            "w AS (SELECT p.document_id AS doc, q.word AS word, "
            "MAX(q.factor * p.weight * %s / (p.weight + %s * (%s + %s * "
            "(CASE WHEN p.length > 0 THEN p.length ELSE 1 END) / %s))) AS s "
            "FROM q CROSS JOIN search_posting p "
            f"WHERE p.term = q.term AND {access.condition('p')} "
            "GROUP BY p.document_id, q.word), "
            "m AS (SELECT doc, SUM(s) AS s, COUNT(*) AS n FROM w GROUP BY doc), "
        )
        scale = recency_scale(timezone.localdate())
        flag_columns = "".join(
            f", CASE WHEN {sql} THEN 1 ELSE 0 END AS f{i}"
            for i, (sql, _p) in enumerate(flags.values())
        )
        params.extend([float(len(words)), float(len(words)), scale, RECENCY_BONUS, scale])
        params.append(1.0 + RECENCY_BONUS)
        for _sql, flag_params in flags.values():
            params.extend(flag_params)
        params.extend(excluded)
        candidates_sql = (
            "c AS (SELECT m.doc AS doc, "
            "m.s * (m.n / %s) * (m.n / %s) * d.boost * "
            "(CASE WHEN d.recency * %s < %s THEN 1 + d.recency * %s ELSE %s END) AS score, "
            f"d.kind AS kind, d.kind_label AS kind_label, d.year AS year{flag_columns} "
            "FROM m JOIN search_searchdocument d ON d.id = m.doc"
            + (f" WHERE {' AND '.join(doc_filters)}" if doc_filters else "")
            + ") "
        )
        params.extend([query.page_size, query.offset])
        facet_condition = " ".join(
            f"WHEN '{name}' THEN (CASE WHEN {passing(name)} THEN 1 ELSE 0 END)"
            for name in ROW_FACETS
        )
        select_sql = (
            "SELECT 0 AS section, CAST(NULL AS TEXT) AS name, CAST(NULL AS TEXT) AS value, "
            "CAST(NULL AS TEXT) AS label, COUNT(*) AS n, "
            "CAST(NULL AS DOUBLE PRECISION) AS score, CAST(NULL AS BIGINT) AS doc "
            f"FROM c WHERE {passing()} "
            "UNION ALL SELECT 1, NULL, NULL, NULL, NULL, score, doc FROM "
            f"(SELECT score, doc FROM c WHERE {passing()} "
            "ORDER BY score DESC, doc LIMIT %s OFFSET %s) AS page_rows "
            f"UNION ALL SELECT 2, 'kind', kind, MAX(kind_label), {count('kind')}, NULL, NULL "
            "FROM c GROUP BY kind "
            "UNION ALL SELECT 2, 'year', CAST(year AS TEXT), NULL, "
            f"{count('year')}, NULL, NULL FROM c WHERE year IS NOT NULL GROUP BY year "
            "UNION ALL SELECT 2, f.name, f.value, MAX(f.label), "
            f"SUM(CASE f.name {facet_condition} ELSE 0 END), NULL, NULL "
            # CROSS JOIN keeps SQLite's loop order: candidates first, then their facet rows
            # (otherwise it scans every facet row of a name and probes the candidates). No
            # filter on the name: other names count 0 (CASE ... ELSE 0), and the facet rows
            # come from the covering index alone (three times faster than with the filter).
            "FROM c CROSS JOIN search_documentfacet f "
            "WHERE f.document_id = c.doc GROUP BY f.name, f.value"
        )
        sql = ranking_sql + candidates_sql + select_sql
        page: list[tuple[int, float]] = []
        counts: dict[str, dict[str, int]] = {name: {} for name in FACET_NAMES}
        labels: dict[tuple[str, str], str] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for section, name, value, label, number, score, doc in cursor.fetchall():
                if section == 0:
                    results.total = int(number)
                elif section == 1:
                    page.append((int(doc), float(score)))
                elif name in counts:
                    value = str(value)
                    labels[(name, value)] = label or value
                    if number:
                        counts[name][value] = int(number)
        page.sort(key=lambda item: (-item[1], item[0]))
        results.hits = page  # ids and scores; _hits turns them into Hit objects
        results.facets = self._facets(counts, labels, selected)

    @staticmethod
    def _facets(counts, labels, selected) -> list[Facet]:
        facets = []
        for name, label in FACET_NAMES.items():
            counted = dict(counts[name])
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

    @staticmethod
    def _hits(page: list[tuple[int, float]], terms: set[str]) -> list[Hit]:
        """Hits of the returned page only: titles and snippets highlighted in Python."""
        if not page:
            return []
        sql = (
            "SELECT id, title, url, kind, kind_label, text, date, location "
            f"FROM search_searchdocument WHERE id IN ({_ints(doc_id for doc_id, _s in page)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            by_id = {row[0]: row for row in cursor.fetchall()}
        hits = []
        for i, score in page:
            if i not in by_id:
                continue
            _id, title, url, kind, kind_label, text, date, location = by_id[i]
            if isinstance(date, str):  # SQLite hands dates over as text
                date = datetime.date.fromisoformat(date)
            hits.append(
                Hit(
                    title=title,
                    title_html=highlight(title, terms),
                    url=url,
                    kind=kind,
                    kind_label=kind_label,
                    snippet=snippet(text, terms),
                    date=date,
                    location=location,
                    score=round(score, 4),
                )
            )
        return hits
