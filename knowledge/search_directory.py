"""knowledge.Organisation: the directory of advice services."""

from __future__ import annotations

import contextlib

from django.apps import apps

from knowledge.search_index import knowledge_index, page_visibility, route_url
from search.registry import BODY, HEADING, IndexEntry, Provider, register


def directory_url(page, kind: str) -> str:
    """The directory route of the knowledge index page, filtered by the organisation's type."""
    return route_url(page, f"verzeichnis/?art={kind}")


class OrganisationProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("knowledge", "Organisation")

    def queryset(self):
        return self.model.objects.prefetch_related("kommunen")

    def host_page(self):
        return knowledge_index()

    def entry(self, obj) -> IndexEntry | None:
        page = knowledge_index()
        principals, path = page_visibility(page)
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
            url=directory_url(page, obj.kind),
            principals=principals,
            page_path=path,
            kind="organisation",
            kind_label="Organisation",
            parts=[(text, weight) for text, weight in parts if text],
            location="Verzeichnis der Beratungsangebote",
            facets={"kommune": [(k.slug, k.name) for k in kommunen]},
        )


def register_provider() -> None:
    with contextlib.suppress(LookupError):  # knowledge without organisations
        register(OrganisationProvider())
