"""THE visibility rule of the spaces, in one place.

A Gremium's content (the space page, its Sitzungen, its Beschlüsse) is visible to

- its current members: a Mitgliedschaft on one of its seats that is active today,
- the KIM-Koordination (the group ``accounts.roles.KOORDINATION``) and superusers,
- and, for Beschlüsse flagged "für alle Akteure freigegeben", every logged-in user.

The querysets' ``visible_to(user)`` methods (``Gremium.objects.visible_to(user)`` and so on)
build on the two functions here; every view, listing, calendar and feed uses those methods.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from accounts.roles import KOORDINATION, has_role

_CACHE_ATTR = "_kim_sees_all_spaces"


def sees_all_spaces(user: User | AnonymousUser) -> bool:
    """Superusers and the KIM-Koordination see every space (cached on the user object)."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = user.is_superuser or has_role(user, KOORDINATION)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def member_gremium_ids(user: User | AnonymousUser) -> QuerySet:
    """Subquery: ids of the Gremien in which ``user`` holds a seat today."""
    from spaces.models import Mitgliedschaft

    if not (user.is_authenticated and user.is_active):
        return Mitgliedschaft.objects.none().values("sitz__gremium_id")
    return Mitgliedschaft.objects.active().filter(user=user).values("sitz__gremium_id")
