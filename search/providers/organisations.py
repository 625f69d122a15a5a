"""knowledge.Organisation: the directory of advice services."""

from __future__ import annotations

import contextlib

from django.apps import apps

from search.registry import BODY, HEADING, IndexEntry, Provider, register


def directory_url(kind: str) -> str:
    """The directory route of the knowledge index page, filtered by the organisation's type."""
    try:
        index_model = apps.get_model("knowledge", "KnowledgeIndexPage")
    except LookupError:
        return ""
    page = index_model.objects.live().first()
    if page is None:
        return ""
    base = page.get_url() or ""
    return f"{base}verzeichnis/?art={kind}" if base else ""


class OrganisationProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("knowledge", "Organisation")

    def queryset(self):
        return self.model.objects.prefetch_related("kommunen")

    def entry(self, obj) -> IndexEntry | None:
        kommunen = list(obj.kommunen.all())
        parts = [
            (obj.get_kind_display(), HEADING),
            (obj.parent_name, HEADING),
            (obj.description, BODY),
            (" ".join(k.name for k in kommunen), BODY),
            (" ".join(filter(None, [obj.street, obj.postcode, obj.city])), BODY),
        ]
        return IndexEntry(
            title=obj.name,
            url=directory_url(obj.kind),
            kind="organisation",
            kind_label="Organisation",
            parts=[(text, weight) for text, weight in parts if text],
            location="Verzeichnis der Beratungsangebote",
            facets={"kommune": [(k.slug, k.name) for k in kommunen]},
        )


def register_provider() -> None:
    with contextlib.suppress(LookupError):  # knowledge without organisations
        register(OrganisationProvider())
