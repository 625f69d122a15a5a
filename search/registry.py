"""The public API of the search app: the ONLY module other apps may import.

A content provider describes how one model becomes a search document::

    from search.registry import IndexEntry, Provider, register

    class BeschlussProvider(Provider):
        model = Beschluss

        def entry(self, obj) -> IndexEntry | None:
            return IndexEntry(title=obj.title, url=obj.get_absolute_url(), ...)

    register(BeschlussProvider())  # in spaces/search_index.py, called from SpacesConfig.ready

``entry`` returns ``None`` when the object must not be found (a draft, an archived item);
the index then drops it. Visibility is expressed as *principals*: the document is found by
a user who holds at least one of them (see :func:`search.permissions.user_principals`):

* ``"authenticated"``: every logged-in user,
* ``"group:<id>"``: members of a Django group (portal role),
* ``"user:<id>"``: one user (e.g. the author of a Meldebogen),
* ``"perm:<app_label.codename>"``: holders of a permission, directly or through any group
  (a capability's ``principal``, see portal/capabilities.py),
* whatever an app adds with ``portal.capabilities.register_principal_source``, e.g.
  ``"gremium:<id>"`` for the current members of a Gremium (spaces.visibility).

An entry with no principals is found by superusers only. Superusers see everything.

The index is updated by ``search.signal_receivers`` for every registered model; apps with
dependent content call :func:`reindex` / :func:`unindex` (both enqueue a django-tasks task).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models

from portal.capabilities import (
    AUTHENTICATED,
    group_principal,
    permission_principal,
    user_principal,
)
from search.entries import (
    BODY,
    HEADING,
    TITLE,
    IndexEntry,
    Provider,
    provider_for,
    providers,
    register,
)

__all__ = [
    "AUTHENTICATED",
    "BODY",
    "HEADING",
    "TITLE",
    "IndexEntry",
    "Provider",
    "group_principal",
    "open_url",
    "page_principals",
    "permission_principal",
    "provider_for",
    "providers",
    "register",
    "reindex",
    "reindex_later",
    "deferred_indexing",
    "unindex",
    "user_principal",
]


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


def page_principals(page) -> set[str]:
    """Principals of content shown on (or by routes of) ``page``; its page privacy is applied
    at query time through the entry's ``page_path`` (portal.privacy's rule)."""
    from search.providers.pages import page_principals as principals

    return principals(page)


def unindex(obj: models.Model) -> None:
    """Enqueue removal of ``obj`` from the index."""
    from search.deferral import enqueue
    from search.tasks import remove_object

    enqueue(remove_object, obj._meta.label_lower, str(obj.pk))
