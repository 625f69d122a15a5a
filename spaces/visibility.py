"""THE visibility rule of the spaces, in one place.

A Gremium's content (the space page, its Sitzungen, its Beschlüsse, Zielsysteme, circulated and
approved minutes with their Aufgaben and comments, its documents) is visible to

- its current members: a Mitgliedschaft on one of its seats that is active today,
- the people and the groups the space is explicitly shared with (``Gremium.shared_users``,
  ``Gremium.shared_groups``, edited in the admin by the KIM-Koordination),
- everyone who sees all spaces (:data:`SEE_ALL_SPACES`, ``spaces.view_gremium``: the
  KIM-Koordination's role bundles it) and superusers,
- and, for Beschlüsse (and beschlossene Zielsysteme) flagged "für alle Akteure freigegeben",
  every logged-in user.

Minutes in draft are visible to those who may edit minutes (:data:`EDIT_MINUTES`,
``spaces.change_protokoll``) and the current holders of a Geschäftsführung seat of the Gremium
(:func:`may_edit_minutes`).
Members and the KIM-Koordination may write (comment, upload documents); people the space is
only shared with read (:func:`works_in_space`).

The functions are defined next to the membership models (``spaces/models/gremium.py``), so
the models use them without importing this module; this module is where the rule is read and
imported from. The querysets' ``visible_to(user)`` methods (``Gremium.objects.visible_to``
and so on) build on these functions; every view, listing, calendar, feed, e-mail and search
entry uses those methods. The search index (spaces/search_index.py) asks
:func:`space_principals` and
:func:`draft_minutes_principals` here, and every reader's Gremium principals come from
:func:`member_principals` (registered with portal.capabilities in ``SpacesConfig.ready``).
"""

from django.contrib.auth.models import AnonymousUser, User

from portal.capabilities import group_principal, user_principal
from spaces.capabilities import EDIT_MINUTES, SEE_ALL_SPACES
from spaces.models.gremium import (
    geschaeftsfuehrung_gremium_ids,
    may_edit_minutes,
    may_manage_sitzung,
    member_gremium_ids,
    sees_all_spaces,
    viewer_gremium_ids,
    works_in_space,
    writes_minutes_somewhere,
)

__all__ = [
    "EDIT_MINUTES",
    "SEE_ALL_SPACES",
    "draft_minutes_principals",
    "geschaeftsfuehrung_gremium_ids",
    "gremium_principal",
    "may_edit_minutes",
    "may_manage_sitzung",
    "member_gremium_ids",
    "member_principals",
    "sees_all_spaces",
    "space_principals",
    "viewer_gremium_ids",
    "works_in_space",
    "writes_minutes_somewhere",
]


def gremium_principal(gremium_id: int) -> str:
    """The search principal of a Gremium's current members."""
    return f"gremium:{gremium_id}"


def member_principals(user: User | AnonymousUser) -> list[str]:
    """The Gremium principals ``user`` holds today (computed per request, so a membership that
    ends on a set date ends the access in search that day without any write)."""
    return [gremium_principal(pk) for pk in sorted(member_gremium_ids(user))]


def space_principals(gremium) -> set[str]:
    """Who reads a space, as search principals: the rule of :func:`viewer_gremium_ids` and
    :func:`sees_all_spaces` (uses prefetched ``shared_groups``/``shared_users``)."""
    principals = {gremium_principal(gremium.pk), SEE_ALL_SPACES.principal}
    principals.update(group_principal(group.pk) for group in gremium.shared_groups.all())
    principals.update(user_principal(user.pk) for user in gremium.shared_users.all())
    return principals


def draft_minutes_principals() -> set[str]:
    """Who finds drafts of minutes in search: those who may edit every Gremium's minutes
    (:data:`EDIT_MINUTES`). The Geschäftsführung sees drafts on the Sitzung page; its seat is
    dated, an index entry is not."""
    return {EDIT_MINUTES.principal}
