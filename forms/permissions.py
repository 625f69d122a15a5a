"""Who may do what with Meldebögen (capabilities, portal/capabilities.py).

Filing a report is still decided by the roles (KIM-Case Management, external partners and the
coordination); everything the triage does is a capability based on one permission.
"""

from django.contrib.auth.models import AnonymousUser, User

from accounts.roles import CASE_MANAGEMENT, EXTERNE_PARTNER, KOORDINATION, roles_of
from portal.capabilities import Capability

REPORTING_ROLES = (CASE_MANAGEMENT, EXTERNE_PARTNER, KOORDINATION)

#: See every submitted Meldebogen: the triage list, its detail view, search, exports, digests.
TRIAGE = Capability("meldeboegen_sichten", "Meldebögen sichten", "meldeboegen.view_meldebogen")
#: Read the internal notes of the triage.
READ_NOTES = Capability("notizen_lesen", "Notizen der Sichtung lesen", "meldeboegen.view_notiz")
#: Write internal notes.
WRITE_NOTES = Capability("notizen_schreiben", "Notizen schreiben", "meldeboegen.add_notiz")
#: Ask the reporter a question (Rückfrage).
ASK_REPORTER = Capability("rueckfragen_stellen", "Rückfragen stellen", "meldeboegen.add_rueckfrage")


def may_report(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(role.name in REPORTING_ROLES for role in roles_of(user))


def may_review(user: User | AnonymousUser) -> bool:
    """The triage: everyone holding ``meldeboegen.view_meldebogen`` (the KIM-Koordination's
    role bundles it; a user may also hold it directly or through another group)."""
    return TRIAGE.allows(user)
