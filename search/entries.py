"""What the index stores about an object (:class:`IndexEntry`) and the providers that make
entries, with their registration. Internal to search: apps import these names from
``search.registry``; the index and the backends import them from here, so nothing below the
public API imports it back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models

from portal.capabilities import AUTHENTICATED

#: Field weights (BM25F): a word in the title counts like three in the body.
TITLE = 3.0
HEADING = 2.0
BODY = 1.0


@dataclass
class IndexEntry:
    """Everything the index stores about one object."""

    title: str
    url: str
    kind: str  # facet key of the content type, e.g. "seite", "organisation"
    kind_label: str  # shown to users, e.g. "Seite", "Organisation"
    principals: set[str] = field(default_factory=lambda: {AUTHENTICATED})
    parts: list[tuple[str, float]] = field(default_factory=list)  # (text, weight) besides title
    date: datetime.date | None = None
    location: str = ""  # "where it lives", e.g. the breadcrumb of a page
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name -> (value, label)
    boost: float = 1.0  # authority: 1.0 normal, up to ~1.5 for binding documents
    page_path: str = ""  # Wagtail tree path, for the page-privacy rule

    @property
    def text(self) -> str:
        """Plain text for snippets: all parts in order."""
        return "\n".join(text for text, _weight in self.parts if text)


class Provider:
    """Turns objects of one model (and its subclasses) into :class:`IndexEntry` objects."""

    model: type[models.Model]

    def queryset(self) -> models.QuerySet:
        """Everything to index on a full rebuild (prefetch what ``entry`` needs)."""
        return self.model._default_manager.all()

    def entry(self, obj) -> IndexEntry | None:
        raise NotImplementedError

    def get_object(self, pk):
        """The object to index for ``pk``, or None if it no longer exists."""
        return self.queryset().filter(pk=pk).first()

    def unindexed_for_good(self, obj) -> bool:
        """Whether ``obj``, as saved, neither has nor had an entry (e.g. a draft that can only
        leave its draft state through a status change, which reindexes it): its saves queue
        no indexing task. Default False: every save is indexed."""
        return False

    def dependents(self, obj) -> Iterable[models.Model]:
        """Other indexed objects whose entry changes when ``obj`` changes (default none)."""
        return ()

    def host_page(self):
        """The Wagtail page whose routes show this content and whose privacy it inherits
        (None if it stands alone). A move or privacy change there reindexes everything."""
        return None

    def open_url(self, obj, user) -> str | None:
        """Where ``user`` reads ``obj`` when the entry's url is the search's own redirect
        (``search:open``, see :func:`open_url`): for content that different readers open in
        different places (the reporter in the portal, the coordination in the admin).
        Only called for users the index already lets see ``obj``."""
        return None


_PROVIDERS: dict[type[models.Model], Provider] = {}


def register(provider: Provider) -> Provider:
    _PROVIDERS[provider.model] = provider
    return provider


def providers() -> list[Provider]:
    return list(_PROVIDERS.values())


def provider_for(model: type[models.Model]) -> Provider | None:
    """The provider of ``model`` or of its closest registered base class."""
    for klass in model.__mro__:
        if klass in _PROVIDERS:
            return _PROVIDERS[klass]
    return None
