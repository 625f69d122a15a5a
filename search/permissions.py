"""Which principals a user holds: computed once per request, matched inside the query.

The rule is portal.capabilities' (:func:`portal.capabilities.user_principals`): the same
permissions the views ask decide what search finds.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class AccessRule:
    """The one access filter of the search, which each backend translates into its query:
    an entry is visible when it holds one of ``principals`` (``None``: every entry, for
    superusers) and its ``page_path`` lies below none of ``hidden_paths``."""

    principals: frozenset[str] | None
    hidden_paths: tuple[str, ...]

    @property
    def sees_nothing(self) -> bool:
        return self.principals is not None and not self.principals

    def allows(self, principals: set[str] | frozenset[str], page_path: str = "") -> bool:
        """The rule for one entry, spelled out (the backends do the same inside the query)."""
        if self.principals is not None and not (self.principals & principals):
            return False
        return not (page_path and any(page_path.startswith(p) for p in self.hidden_paths))


def access_rule(user: User | AnonymousUser) -> AccessRule:
    """The access filter for ``user``: principals from portal.capabilities, hidden page paths
    from portal.privacy (superusers: everything)."""
    principals = user_principals(user)
    hidden = tuple(hidden_paths(user)) if principals is not None else ()
    return AccessRule(principals, hidden)
