"""Who may file a Meldebogen: KIM-Case Management, external partners and the coordination."""

from accounts.roles import CASE_MANAGEMENT, EXTERNE_PARTNER, KOORDINATION, roles_of

REPORTING_ROLES = (CASE_MANAGEMENT, EXTERNE_PARTNER, KOORDINATION)


def may_report(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(role.name in REPORTING_ROLES for role in roles_of(user))


def may_review(user) -> bool:
    """The coordination reviews all reports (model permission, held by KIM-Koordination)."""
    return user.is_authenticated and user.has_perm("meldeboegen.view_meldebogen")
