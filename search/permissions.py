"""Which principals a user holds: computed once per request, matched inside the query.

The rule is portal.capabilities' (:func:`portal.capabilities.user_principals`): the same
permissions the views ask decide what search finds.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from portal import capabilities

_CACHE_ATTR = "_kim_search_principals"


def user_principals(user: User | AnonymousUser) -> frozenset[str] | None:
    """The user's principals, or ``None`` for superusers (who see everything); cached on the
    user object for the request."""
    cached = getattr(user, _CACHE_ATTR, False)
    if cached is not False:
        return cached
    principals = capabilities.user_principals(user)
    setattr(user, _CACHE_ATTR, principals)
    return principals


def hidden_paths(user: User | AnonymousUser) -> list[str]:
    """Tree paths of restricted page sections the user may not see (portal.privacy's rule)."""
    from portal.privacy import hidden_page_paths

    return hidden_page_paths(user)
