"""Who may do what with Meldebögen (capabilities, portal/capabilities.py).

Filing a report and everything the triage does are capabilities, each based on one permission;
the roles (KIM-Case Management, external partners, the coordination) only bundle them.
"""

from django.contrib.auth.models import AnonymousUser, Group, User

from portal.capabilities import Capability

#: File Meldebögen: start the wizard, keep drafts, submit, see one's own reports.
REPORT = Capability(
    "meldeboegen_einreichen", "Meldebögen einreichen", "meldeboegen.einreichen_meldebogen"
)

#: See every submitted Meldebogen: the triage list, its detail view, search, exports, digests.
TRIAGE = Capability("meldeboegen_sichten", "Meldebögen sichten", "meldeboegen.view_meldebogen")
#: Read the internal notes of the triage.
READ_NOTES = Capability("notizen_lesen", "Notizen der Sichtung lesen", "meldeboegen.view_notiz")
#: Write internal notes.
WRITE_NOTES = Capability("notizen_schreiben", "Notizen schreiben", "meldeboegen.add_notiz")
#: Ask the reporter a question (Rückfrage).
ASK_REPORTER = Capability("rueckfragen_stellen", "Rückfragen stellen", "meldeboegen.add_rueckfrage")


def may_report(user: User | AnonymousUser) -> bool:
    return REPORT.allows(user)


def reporting_group_names() -> list[str]:
    """The groups (roles) whose members may file Meldebögen, for the 403 page's explanation."""
    app_label, codename = REPORT.permission.split(".")
    groups = Group.objects.filter(
        permissions__content_type__app_label=app_label, permissions__codename=codename
    )
    return sorted(groups.values_list("name", flat=True))


def may_review(user: User | AnonymousUser) -> bool:
    """The triage: everyone holding ``meldeboegen.view_meldebogen`` (the KIM-Koordination's
    role bundles it; a user may also hold it directly or through another group)."""
    return TRIAGE.allows(user)
