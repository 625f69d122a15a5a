"""The portal's authorisation vocabulary: one named rule per capability, based on permissions.

A capability ("triage Meldebögen", "see reporting", "see every Gremium", ...) is decided by one
Django permission. Groups (the roles of accounts/roles.py) only bundle permissions: a user who
holds the permission directly, or through any other group, has the capability too.

Each app defines its own capabilities next to its code (``forms/permissions.py``,
``spaces/visibility.py``, ``reporting/permissions.py``, ``cycle/permissions.py``,
``knowledge/permissions.py``) as :class:`Capability` objects, and every view, admin hook,
feed, export, digest, notification, API endpoint and search entry asks that object:

* ``capability.allows(user)``: may this user do it (views, templates, API),
* ``capability.holders()``: the active users who may (recipients of notifications, digests),
* ``capability.principal``: the search principal of everyone who may; the search index stores
  it on entries, and :func:`user_principals` gives every user the principals of the
  permissions they hold, so search agrees with the views by construction. Revoking the
  permission takes effect in search at once: nothing is stored per user.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.core.cache import cache
from django.db.models import Q, QuerySet

from portal import cache_versions

#: Search principal of every logged-in user.
AUTHENTICATED = "authenticated"


def permission_principal(permission: str) -> str:
    """The search principal of the holders of ``permission`` ("app_label.codename")."""
    return f"perm:{permission}"


def user_principal(user_id: int) -> str:
    return f"user:{user_id}"


def group_principal(group_id: int) -> str:
    return f"group:{group_id}"


def is_active_user(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


_GROUPS_CACHE_ATTR = "_kim_groups"
_GROUPS_TIMEOUT = 24 * 60 * 60


def user_groups(user: User | AnonymousUser) -> tuple[Group, ...]:
    """The user's groups, shared by roles, page and collection visibility and search
    principals: prefetched groups if present, else from Django's shared cache per exact user
    id and the permissions version (``cache_versions.PERMISSIONS``, renewed at once and after
    the commit whenever a user's groups, a group or a user is saved or deleted:
    accounts/backends.py), else one query; then kept on the user object (a request's
    ``request.user``). Joining or leaving a group counts on the next request."""
    if not user.is_authenticated:
        return ()
    cached = getattr(user, _GROUPS_CACHE_ATTR, None)
    if cached is not None:
        return cached
    prefetched = getattr(user, "_prefetched_objects_cache", {}).get("groups")
    if prefetched is not None:
        cached = tuple(prefetched)
    else:
        key = f"kim:user-groups:{cache_versions.current(cache_versions.PERMISSIONS)}:{user.pk}"
        cached = cache.get(key)
        if cached is None:
            cached = tuple(user.groups.all())
            cache.set(key, cached, _GROUPS_TIMEOUT)
    setattr(user, _GROUPS_CACHE_ATTR, cached)
    return cached


def user_group_ids(user: User | AnonymousUser) -> set[int]:
    return {group.pk for group in user_groups(user)}


@dataclass(frozen=True)
class Capability:
    """What a user may do, decided by one Django permission ("app_label.codename")."""

    name: str
    label: str  # German, for documentation and messages
    permission: str

    def allows(self, user: User | AnonymousUser) -> bool:
        """Active users holding the permission (directly or through a group); superusers."""
        return is_active_user(user) and user.has_perm(self.permission)

    @property
    def principal(self) -> str:
        return permission_principal(self.permission)

    def holders(self) -> QuerySet:
        """Active users granted the permission, directly or through a group, e.g. to notify
        them (superusers only when granted it: they may do everything but are not asked to)."""
        app_label, codename = self.permission.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(user_permissions__in=permission) | Q(groups__permissions__in=permission))
            .distinct()
        )


def user_principals(user: User | AnonymousUser) -> frozenset[str] | None:
    """The search principals ``user`` holds, or ``None`` for superusers (who see everything).

    Anonymous and inactive users hold none. Others hold "authenticated", their own
    "user:<id>", one "group:<id>" per group (Wagtail's group view restrictions) and one
    "perm:<permission>" per permission they hold (capabilities). Principals of other apps
    (e.g. Gremium memberships) are added by :func:`register_principal_source`.
    """
    if not is_active_user(user):
        return frozenset()
    if user.is_superuser:
        return None
    found = {AUTHENTICATED, user_principal(user.pk)}
    found.update(group_principal(g) for g in user_group_ids(user))
    found.update(permission_principal(p) for p in user.get_all_permissions())
    for source in _PRINCIPAL_SOURCES:
        found.update(source(user))
    return frozenset(found)


_PRINCIPAL_SOURCES: list = []


def register_principal_source(source) -> None:
    """Add a function ``user -> iterable of principals`` (an app's own visibility rule, e.g.
    the Gremien a user is a member of today). Called from the app's ``ready()``."""
    if source not in _PRINCIPAL_SOURCES:
        _PRINCIPAL_SOURCES.append(source)
