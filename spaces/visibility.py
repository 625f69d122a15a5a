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

The querysets' ``visible_to(user)`` methods (``Gremium.objects.visible_to(user)`` and so on)
build on the functions here; every view, listing, calendar, feed, e-mail and search entry uses
those methods. The search index (spaces/search_index.py) asks :func:`space_principals` and
:func:`draft_minutes_principals` here, and every reader's Gremium principals come from
:func:`member_principals` (registered with portal.capabilities in ``SpacesConfig.ready``).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from portal.capabilities import Capability, group_principal, user_principal

#: See (and work in) every Gremium's space.
SEE_ALL_SPACES = Capability("alle_gremien_sehen", "Alle Gremien sehen", "spaces.view_gremium")
#: Write the minutes of every Gremium (attendance, Aufgaben, status changes).
EDIT_MINUTES = Capability("protokolle_schreiben", "Protokolle schreiben", "spaces.change_protokoll")

_CACHE_ATTR = "_kim_sees_all_spaces"


def _active(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def sees_all_spaces(user: User | AnonymousUser) -> bool:
    """Superusers and holders of :data:`SEE_ALL_SPACES` see every space (cached on the user)."""
    if not _active(user):
        return False
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = SEE_ALL_SPACES.allows(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def member_gremium_ids(user: User | AnonymousUser) -> QuerySet:
    """Subquery: ids of the Gremien in which ``user`` holds a seat today."""
    from spaces.models import Mitgliedschaft

    if not _active(user):
        return Mitgliedschaft.objects.none().values("sitz__gremium_id")
    return Mitgliedschaft.objects.active().filter(user=user).values("sitz__gremium_id")


def viewer_gremium_ids(user: User | AnonymousUser) -> QuerySet:
    """Subquery: ids of the Gremien whose space ``user`` may read as member or by sharing."""
    from spaces.models import Gremium

    if not _active(user):
        return Gremium.objects.none().values("pk")
    shared_users = Gremium.shared_users.through.objects.filter(user_id=user.pk)
    shared_groups = Gremium.shared_groups.through.objects.filter(group__user=user.pk)
    return Gremium.objects.filter(
        Q(pk__in=member_gremium_ids(user))
        | Q(pk__in=shared_users.values("gremium_id"))
        | Q(pk__in=shared_groups.values("gremium_id"))
    ).values("pk")


def geschaeftsfuehrung_gremium_ids(user: User | AnonymousUser) -> QuerySet:
    """Subquery: ids of the Gremien in which ``user`` holds a Geschäftsführung seat today."""
    from spaces.models import Mitgliedschaft, Sitz

    if not _active(user):
        return Mitgliedschaft.objects.none().values("sitz__gremium_id")
    return (
        Mitgliedschaft.objects.active()
        .filter(user=user, sitz__role=Sitz.Role.GESCHAEFTSFUEHRUNG)
        .values("sitz__gremium_id")
    )


def may_edit_minutes(user: User | AnonymousUser, gremium_id: int) -> bool:
    """The KIM-Koordination and the Gremium's Geschäftsführung write the minutes: attendance,
    Aufgaben, status changes."""
    if not _active(user):
        return False
    if EDIT_MINUTES.allows(user):
        return True
    return geschaeftsfuehrung_gremium_ids(user).filter(sitz__gremium_id=gremium_id).exists()


def works_in_space(user: User | AnonymousUser, gremium_id: int) -> bool:
    """Members and the KIM-Koordination contribute (comments, documents); sharing only reads."""
    if sees_all_spaces(user):
        return True
    if not _active(user):
        return False
    return member_gremium_ids(user).filter(sitz__gremium_id=gremium_id).exists()


def gremium_principal(gremium_id: int) -> str:
    """The search principal of a Gremium's current members."""
    return f"gremium:{gremium_id}"


def member_principals(user: User | AnonymousUser) -> list[str]:
    """The Gremium principals ``user`` holds today (computed per request, so a membership that
    ends on a set date ends the access in search that day without any write)."""
    return [
        gremium_principal(pk)
        for pk in member_gremium_ids(user).values_list("sitz__gremium_id", flat=True)
    ]


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
