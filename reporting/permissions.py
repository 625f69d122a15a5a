"""Who may see the reporting dashboard, exports and Sachstandsberichte (a capability,
portal/capabilities.py; the KIM-Koordination's role bundles the permission)."""

from django.contrib.auth.models import AnonymousUser, User

from portal.capabilities import Capability

PERMISSION = "reporting.view_berichte"
SEE_REPORTING = Capability("berichte_sehen", "Auswertungen sehen", PERMISSION)


def may_view_reports(user: User | AnonymousUser) -> bool:
    return SEE_REPORTING.allows(user)
