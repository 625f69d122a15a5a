"""The public API of the search app: the ONLY module other apps may import.

A content provider describes how one model becomes a search document::

    from search.registry import IndexEntry, Provider, register

    class BeschlussProvider(Provider):
        model = Beschluss

        def entry(self, obj) -> IndexEntry | None:
            return IndexEntry(title=obj.title, url=obj.get_absolute_url(), ...)

    register(BeschlussProvider())

``entry`` returns ``None`` when the object must not be found (a draft, an archived item);
the index then drops it. Visibility is expressed as *principals*: the document is found by
a user who holds at least one of them (see :func:`search.permissions.user_principals`):

* ``"authenticated"``: every logged-in user,
* ``"group:<id>"``: members of a Django group (portal role),
* ``"user:<id>"``: one user (e.g. the author of a Meldebogen),
* ``"gremium:<id>"``: current members of a Gremium (spaces).

An entry with no principals is found by superusers only. Superusers see everything.

The index is updated by ``search.signal_receivers`` for every registered model; apps with
dependent content call :func:`reindex` / :func:`unindex` (both enqueue a django-tasks task).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import models

__all__ = [
    "AUTHENTICATED",
    "BODY",
    "HEADING",
    "TITLE",
    "IndexEntry",
    "Provider",
    "gremium_principal",
    "group_principal",
    "open_url",
    "provider_for",
    "providers",
    "register",
    "reindex",
    "reindex_later",
    "deferred_indexing",
    "unindex",
    "user_principal",
]

#: Field weights (BM25F): a word in the title counts like three in the body.
TITLE = 3.0
HEADING = 2.0
BODY = 1.0

AUTHENTICATED = "authenticated"


def group_principal(group_id: int) -> str:
    return f"group:{group_id}"


def user_principal(user_id: int) -> str:
    return f"user:{user_id}"


def gremium_principal(gremium_id: int) -> str:
    return f"gremium:{gremium_id}"


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


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Collect index updates during a bulk change and run each one once at the end."""
    from search.deferral import deferred_indexing as deferred

    with deferred():
        yield


def reindex(obj: models.Model) -> None:
    """Enqueue (re)indexing of ``obj`` (django-tasks; immediate in development and tests)."""
    from search.deferral import enqueue
    from search.tasks import index_object

    enqueue(index_object, obj._meta.label_lower, str(obj.pk))


def reindex_later(model_label: str, object_id) -> None:
    """Enqueue (re)indexing by model label and primary key (e.g. from ``on_commit``)."""
    from search.deferral import enqueue
    from search.tasks import index_object

    enqueue(index_object, model_label, str(object_id))


def open_url(obj: models.Model) -> str:
    """A url for an :class:`IndexEntry` that sends each reader to the place their
    provider's ``Provider.open_url`` names (404 for anyone the index hides ``obj`` from)."""
    from django.urls import reverse

    return reverse("search:open", kwargs={"label": obj._meta.label_lower, "pk": str(obj.pk)})


def unindex(obj: models.Model) -> None:
    """Enqueue removal of ``obj`` from the index."""
    from search.deferral import enqueue
    from search.tasks import remove_object

    enqueue(remove_object, obj._meta.label_lower, str(obj.pk))
