"""Who works with the cycle: the KIM-Koordination (model permissions from accounts/roles.py)."""

from django.contrib.auth.models import AnonymousUser, User

MANAGE_PERMISSION = "cycle.change_generativesthema"


def is_coordination(user: User | AnonymousUser) -> bool:
    """Whether ``user`` manages reconstructions and themes and sees the whole trace."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(MANAGE_PERMISSION))
