"""Which principals a user holds: computed once per request, matched inside the query."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User

from search.registry import AUTHENTICATED, gremium_principal, group_principal, user_principal

_CACHE_ATTR = "_kim_search_principals"


def user_principals(user: User | AnonymousUser) -> frozenset[str] | None:
    """The user's principals, or ``None`` for superusers (who see everything).

    Anonymous and inactive users hold none. Gremium memberships come from
    ``spaces.visibility.member_gremium_ids`` when the spaces app provides it.
    """
    cached = getattr(user, _CACHE_ATTR, False)
    if cached is not False:
        return cached
    if not (user.is_authenticated and user.is_active):
        principals: frozenset[str] | None = frozenset()
    elif user.is_superuser:
        principals = None
    else:
        found = {AUTHENTICATED, user_principal(user.pk)}
        found.update(group_principal(g) for g in user.groups.values_list("id", flat=True))
        found.update(gremium_principal(g) for g in _gremium_ids(user))
        principals = frozenset(found)
    setattr(user, _CACHE_ATTR, principals)
    return principals


def _gremium_ids(user) -> list[int]:
    if not apps.is_installed("spaces"):
        return []
    try:
        from spaces.visibility import member_gremium_ids
    except ImportError:  # pragma: no cover - spaces without a visibility API
        return []
    return [
        row["sitz__gremium_id"] if isinstance(row, dict) else row
        for row in member_gremium_ids(user)
    ]


def hidden_paths(user: User | AnonymousUser) -> list[str]:
    """Tree paths of restricted page sections the user may not see (portal.privacy's rule)."""
    from portal.privacy import hidden_page_paths

    return hidden_page_paths(user)
