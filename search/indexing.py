"""Writing objects into the index: providers make entries, the database index stores them
(``search.backends.store``) and, when configured, Elasticsearch too."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from search.backends.store import (  # noqa: F401 - the write side's public names
    FIELD_GAP,
    MAX_TERM,
    MAX_TEXT,
    analyse_entry,
    bump_version,
    index_version,
    store_entries,
    store_entry,
    title_key,
)
from search.entries import IndexEntry, Provider, provider_for


def content_type_for(provider: Provider) -> ContentType:
    return ContentType.objects.get_for_model(provider.model, for_concrete_model=False)


def document_key(content_type: ContentType, object_id: str) -> str:
    """The id of a document outside the database (Elasticsearch): "app.model:pk"."""
    return f"{content_type.app_label}.{content_type.model}:{object_id}"


def external_backend():
    """The Elasticsearch backend when configured; the database index is always kept too."""
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return None
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend.from_settings()


def write_entry(provider: Provider, object_id: str, entry: IndexEntry | None) -> None:
    """Store the entry of one object in every configured index."""
    content_type = content_type_for(provider)
    store_entry(content_type, object_id, entry)
    external = external_backend()
    if external is not None:
        key = document_key(content_type, object_id)
        if entry is None:
            external.remove(key)
        else:
            external.add(key, entry)


def index_instance(obj: models.Model) -> None:
    """Index one object now (the task calls this)."""
    provider = provider_for(type(obj))
    if provider is None:
        return
    write_entry(provider, str(obj.pk), provider.entry(obj))


def remove_instance(model: type[models.Model], object_id: str) -> None:
    provider = provider_for(model)
    if provider is not None:
        write_entry(provider, str(object_id), None)


def bulk_index(provider: Provider, objects: Iterable[models.Model]) -> int:
    """Insert entries for many objects at once (rebuild); returns the number indexed."""
    items = []
    for obj in objects:
        entry = provider.entry(obj)
        if entry is not None:
            items.append((str(obj.pk), entry))
    return bulk_store(content_type_for(provider), items)


def bulk_store(content_type: ContentType, items: list[tuple[str, IndexEntry]]) -> int:
    """Replace the documents of ``items`` ((object id, entry) pairs) in one transaction."""
    stored = store_entries(content_type, items)
    if not stored:
        return 0
    external = external_backend()
    if external is not None:
        external.add_many((document_key(content_type, pk), entry) for pk, entry in stored)
    return len(stored)
