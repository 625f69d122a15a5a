"""The database index's write side: analysis of entries into postings, principals (access
sets) and facets, stored in one transaction. Used by ``search.indexing`` (which also feeds
Elasticsearch) and by the database backend; imports nothing above the backends."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from portal.text_analysis import analyse, normalise, words
from search.backends.base import recency_weight
from search.entries import TITLE, IndexEntry
from search.models import (
    AccessSet,
    DocumentFacet,
    DocumentPrincipal,
    IndexState,
    Posting,
    SearchDocument,
)

#: Positions of consecutive fields are this far apart, so phrases never span two fields.
FIELD_GAP = 10_000
MAX_TEXT = 20_000  # characters kept for snippets
MAX_TERM = 100


@dataclass
class TermStats:
    weight: float
    positions: list[int]


@lru_cache(maxsize=100_000)
def _word_tokens(text: str) -> tuple[tuple[str, int, float, bool], ...]:
    """``analyse`` of a single word (term, position within the word, weight, is_part).

    ``analyse`` treats every word on its own (hyphen pieces, joined form, compound parts),
    so a text's tokens are the cached tokens of its words shifted by the word positions, in
    the same order; indexing repeats the same few thousand words millions of times."""
    return tuple((t.term[:MAX_TERM], t.position, t.weight, t.is_part) for t in analyse(text))


def analyse_entry(entry: IndexEntry) -> tuple[dict[str, TermStats], int]:
    """Index terms of an entry with BM25F weights and positions, and its length."""
    terms: dict[str, TermStats] = {}
    length = 0
    fields = [(entry.title, TITLE), *entry.parts]
    for number, (text, field_weight) in enumerate(fields):
        if not text:
            continue
        offset = number * FIELD_GAP
        word_positions: set[int] = set()
        for word in words(text):
            for term, relative, token_weight, is_part in _word_tokens(word.text):
                token_position = word.position + relative
                stats = terms.get(term)
                if stats is None:
                    stats = terms[term] = TermStats(0.0, [])
                stats.weight += field_weight * token_weight
                position = offset + min(token_position, FIELD_GAP - 1)
                if not stats.positions or stats.positions[-1] != position:
                    stats.positions.append(position)
                if not is_part:
                    word_positions.add(token_position)
        length += len(word_positions)
    return terms, length


def title_key(title: str) -> str:
    """Normalised title for autocomplete (words folded like the index, single spaces)."""
    return " ".join(normalise(w.text) for w in words(title))[:500]


def principal_key(principals: Iterable[str]) -> tuple[str, list[str]]:
    """The AccessSet key (sha1) and the sorted, truncated principals of a document."""
    cleaned = sorted({p[:100] for p in principals})
    return hashlib.sha1("\n".join(cleaned).encode()).hexdigest(), cleaned  # noqa: S324


def access_set_ids(principal_sets: Iterable[Iterable[str]]) -> dict[str, int]:
    """AccessSet ids by key for the given principal sets, creating missing sets."""
    wanted = dict(principal_key(p) for p in principal_sets)
    found = dict(AccessSet.objects.filter(key__in=list(wanted)).values_list("key", "id"))
    for key, principals in wanted.items():
        if key not in found:
            access_set, _created = AccessSet.objects.get_or_create(
                key=key, defaults={"principals": " ".join(principals)}
            )
            found[key] = access_set.id
    return found


def _document_fields(entry: IndexEntry, length: int, acl: int) -> dict:
    return {
        "kind": entry.kind[:100],
        "kind_label": entry.kind_label[:100],
        "title": entry.title[:500],
        "title_key": title_key(entry.title),
        "url": entry.url[:1000],
        "location": entry.location[:500],
        "text": entry.text[:MAX_TEXT],
        "date": entry.date,
        "year": entry.date.year if entry.date else None,
        "boost": entry.boost,
        "length": length,
        "page_path": entry.page_path[:255],
        "acl": acl,
        "recency": recency_weight(entry.date),
    }


def _rows(document: SearchDocument, entry: IndexEntry, terms: dict[str, TermStats]):
    postings = [
        (
            term,
            document.id,
            stats.weight,
            " ".join(map(str, stats.positions)),
            document.acl,
            document.length,
        )
        for term, stats in terms.items()
    ]
    principals = [
        DocumentPrincipal(document=document, principal=p[:100]) for p in sorted(entry.principals)
    ]
    facets = [
        DocumentFacet(document=document, name=name[:30], value=str(value)[:200], label=label[:300])
        for name, values in entry.facets.items()
        for value, label in dict(values).items()
    ]
    return postings, principals, facets


_POSTING_INSERT = (
    "INSERT INTO search_posting (term, document_id, weight, positions, acl, length)"
    " VALUES (%s, %s, %s, %s, %s, %s)"
)


def _insert_postings(rows: list[tuple]) -> None:
    """Plain executemany: several times faster than bulk_create for millions of rows."""
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(_POSTING_INSERT, rows)


def bump_version() -> None:
    """A new random version: caches keyed by it (spelling, access statistics) never see a
    version number again for different content, not even after a rolled-back transaction."""
    version = secrets.randbits(62) or 1
    if not IndexState.objects.filter(pk=1).update(version=version):
        IndexState.objects.get_or_create(pk=1, defaults={"version": version})


def index_version() -> int:
    """The current index version (read on every search: plain SQL, no ORM compilation)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM search_indexstate WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] else 0


def store_entry(content_type: ContentType, object_id: str, entry: IndexEntry | None) -> None:
    """Store (or, for ``None``, drop) the entry of one object in the database index."""
    with transaction.atomic():
        if entry is None:
            SearchDocument.objects.filter(content_type=content_type, object_id=object_id).delete()
            bump_version()
            return
        terms, length = analyse_entry(entry)
        acl = access_set_ids([entry.principals])[principal_key(entry.principals)[0]]
        document, _created = SearchDocument.objects.update_or_create(
            content_type=content_type,
            object_id=object_id,
            defaults=_document_fields(entry, length, acl),
        )
        Posting.objects.filter(document=document).delete()
        DocumentPrincipal.objects.filter(document=document).delete()
        DocumentFacet.objects.filter(document=document).delete()
        postings, principals, facets = _rows(document, entry, terms)
        _insert_postings(postings)
        DocumentPrincipal.objects.bulk_create(principals)
        DocumentFacet.objects.bulk_create(facets)
        bump_version()


def store_entries(content_type: ContentType, items: list[tuple[str, IndexEntry]]) -> list:
    """Replace the documents of ``items`` ((object id, entry) pairs) in one transaction;
    returns the stored (object id, entry) pairs."""
    prepared = [(pk, entry, *analyse_entry(entry)) for pk, entry in items]
    if not prepared:
        return []
    with transaction.atomic():
        SearchDocument.objects.filter(
            content_type=content_type, object_id__in=[p[0] for p in prepared]
        ).delete()
        acls = access_set_ids(entry.principals for _pk, entry, _terms, _length in prepared)
        documents = SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    content_type=content_type,
                    object_id=pk,
                    **_document_fields(entry, length, acls[principal_key(entry.principals)[0]]),
                )
                for pk, entry, _terms, length in prepared
            ]
        )
        postings, principals, facets = [], [], []
        for document, (_pk, entry, terms, _length) in zip(documents, prepared, strict=True):
            rows = _rows(document, entry, terms)
            postings.extend(rows[0])
            principals.extend(rows[1])
            facets.extend(rows[2])
        _insert_postings(postings)
        DocumentPrincipal.objects.bulk_create(principals, batch_size=2000)
        DocumentFacet.objects.bulk_create(facets, batch_size=2000)
        bump_version()
    return [(pk, entry) for pk, entry, _terms, _length in prepared]
