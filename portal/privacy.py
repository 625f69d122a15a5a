"""Which Wagtail pages (and which documents, by their collection) a user may see.

Wagtail enforces page view restrictions when a page is served, but its querysets and its search
ignore them (see docs/adr/0002-page-visibility.md). Every listing, menu, feed, export and search
result therefore goes through :func:`visible_pages`, so one rule decides visibility everywhere.

A user passes a restriction when it is a login restriction (everyone here is logged in), or a
group restriction naming one of the user's groups; superusers pass all. Password restrictions
are never passed in listings (the password is asked for only when the page itself is opened).

The hidden paths, and what is derived from them for the site chrome (home.context_processors),
are cached across requests in Django's cache (shared by all server processes in production,
portal/settings/production.py), keyed by the *visibility rule* of the user: superuser or not,
logged in or not, and the set of the user's groups (portal.capabilities.user_groups, current
with every change of the user's groups), plus a version of the page tree. Every change that
can alter the answer (a view restriction or its groups saved or deleted, a page saved,
published, unpublished, moved or deleted, a migration) replaces the version at once and
again after the commit, so no process answers from the old state; a lost version key only
means a cache miss.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.query import PageQuerySet

from portal import cache_versions
from portal.capabilities import AUTHENTICATED, group_principal, user_group_ids

_CACHE_ATTR = "_kim_hidden_page_paths"
_COLLECTIONS_CACHE_ATTR = "_kim_hidden_collection_ids"


_VERSION_KEY = "kim:page-tree-version"
_SHARED_TIMEOUT = 24 * 60 * 60


def page_tree_version() -> str:
    """The current version of the page tree and its view restrictions (see the module's
    docstring); a new random one when the cache holds none."""
    return cache_versions.current(_VERSION_KEY)


def page_tree_changed(**kwargs) -> None:
    """Invalidate everything cached per visibility rule: now, and again after the commit (a
    process that read the old rows before the commit must not keep its answer)."""
    cache_versions.renew(_VERSION_KEY)


def visibility_key(user: User | AnonymousUser) -> str:
    """The user's visibility rule as a cache key part: everyone with the same key sees exactly
    the same pages (the rule of :func:`_passes` depends on nothing else)."""
    if user.is_active and user.is_superuser:
        return "superuser"
    if not user.is_authenticated:
        return "anonymous"
    return "groups:" + ",".join(str(pk) for pk in sorted(user_group_ids(user)))


def shared_by_visibility(name: str, user: User | AnonymousUser, compute):
    """``compute()``'s value, cached for everyone with ``user``'s visibility rule until the
    page tree changes. ``compute`` must depend on nothing but that rule and the page tree."""
    key = f"kim:{name}:{page_tree_version()}:{visibility_key(user)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, _SHARED_TIMEOUT)
    return value


_wagtail_get_view_restrictions = Page.get_view_restrictions


def cached_view_restrictions(page: Page):
    """``Page.get_view_restrictions`` (Wagtail's check when a page is served, and the admin's
    privacy status) with the ids of its answer cached per page until the page tree changes:
    Wagtail's own computation on a miss, no query for the many pages without a restriction,
    one instead of two for the others. Installed in portal/apps.py."""
    if page.pk is None:
        return _wagtail_get_view_restrictions(page)
    key = f"kim:view-restrictions:{page_tree_version()}:{page.pk}:{page.path}:{page.alias_of_id}"
    ids = cache.get(key)
    if ids is None:
        ids = list(_wagtail_get_view_restrictions(page).values_list("pk", flat=True))
        cache.set(key, ids, _SHARED_TIMEOUT)
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=ids)


def hidden_page_paths(user: User | AnonymousUser) -> list[str]:
    """Tree paths of the restricted sections this user may not see (cached on the user object,
    and across requests per visibility rule)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.is_active and user.is_superuser:
        paths: list[str] = []
    else:
        paths = shared_by_visibility("hidden-pages", user, lambda: _hidden_paths(user))
    setattr(user, _CACHE_ATTR, paths)
    return paths


def _hidden_paths(user: User | AnonymousUser) -> list[str]:
    group_ids = user_group_ids(user)
    paths = []
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if _passes(restriction, user, group_ids):
            continue
        paths.append(restriction.page.path)
    return paths


def _passes(
    restriction: PageViewRestriction | CollectionViewRestriction, user, group_ids: set[int]
) -> bool:
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return user.is_authenticated and any(g.id in group_ids for g in restriction.groups.all())
    return False


def visible_pages(user: User | AnonymousUser, queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Live pages of ``queryset`` (default: all pages) that ``user`` may see."""
    queryset = (queryset if queryset is not None else Page.objects.all()).live()
    hidden = hidden_page_paths(user)
    if not hidden:
        return queryset
    condition = Q()
    for path in hidden:
        condition |= Q(path__startswith=path)
    return queryset.exclude(condition)


def can_view_page(user: User | AnonymousUser, page: Page) -> bool:
    """Whether ``user`` may see ``page`` (same rule as :func:`visible_pages`)."""
    return page.live and not any(page.path.startswith(p) for p in hidden_page_paths(user))


def hidden_collection_ids(user: User | AnonymousUser) -> frozenset[int]:
    """Ids of the document collections (with their sub-collections) whose view restrictions
    ``user`` does not pass, by the rule of :func:`hidden_page_paths` (cached on the user
    object; three queries at most)."""
    cached = getattr(user, _COLLECTIONS_CACHE_ATTR, None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if not (user.is_active and user.is_superuser):
        group_ids = user_group_ids(user)
        restrictions = CollectionViewRestriction.objects.select_related(
            "collection"
        ).prefetch_related("groups")
        condition = Q()
        for restriction in restrictions:
            if not _passes(restriction, user, group_ids):
                condition |= Q(path__startswith=restriction.collection.path)
        if condition:
            ids = frozenset(Collection.objects.filter(condition).values_list("pk", flat=True))
    setattr(user, _COLLECTIONS_CACHE_ATTR, ids)
    return ids


def can_open_document(user: User | AnonymousUser, document) -> bool:
    """Whether ``user`` may open a Wagtail document: its collection's view restrictions (the
    rule Wagtail applies when serving it; space documents are in collections only the
    KIM-Koordination passes, their members reach them through the space)."""
    return document.collection_id not in hidden_collection_ids(user)


def page_principals(page: Page) -> set[str]:
    """Search principals for ``page``: everyone who might pass its restrictions (and its
    ancestors'). The index stores them with the page's tree path, and the search applies
    :func:`hidden_page_paths` to every reader at query time, so each reader gets exactly the
    answer of :func:`can_view_page` (nested group restrictions included).

    No restriction or only login restrictions: every logged-in user. Group restrictions: the
    members of any group they name (a superset, narrowed per reader by the hidden paths).
    A password restriction: nobody (the password is asked for only when the page is opened).
    """
    restrictions = PageViewRestriction.objects.filter(
        page__in=Page.objects.ancestor_of(page, inclusive=True)
    ).prefetch_related("groups")
    groups: set[int] = set()
    grouped = False
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return set()
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            grouped = True
            groups.update(group.id for group in restriction.groups.all())
    if not grouped:
        return {AUTHENTICATED}
    return {group_principal(group_id) for group_id in groups}
