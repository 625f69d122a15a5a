"""Who works with the cycle (a capability, portal/capabilities.py; the KIM-Koordination's
role bundles the permission)."""

from django.contrib.auth.models import AnonymousUser, User

from portal.capabilities import Capability

MANAGE_PERMISSION = "cycle.change_generativesthema"
MANAGE_CYCLE = Capability("zyklus_steuern", "KIM-Zyklus steuern", MANAGE_PERMISSION)


def is_coordination(user: User | AnonymousUser) -> bool:
    """Whether ``user`` manages reconstructions and themes and sees the whole trace."""
    return MANAGE_CYCLE.allows(user)
