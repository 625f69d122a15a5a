"""The Meldebogen app's permissions held by the portal's roles: the KIM-Koordination
triages (forms/workflow.py: status, history, notes, questions, deadlines) and keeps the Themen;
the coordination, KIM-Case Management and external partners file Meldebögen.

Collected by ``accounts.roles.role_permissions`` and applied by ``sync_role_permissions``.
"""

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "koordination": (
        "meldeboegen.view_meldebogen",
        "meldeboegen.change_meldebogen",
        "meldeboegen.view_anhang",
        "meldeboegen.view_confirmedfinding",
        "meldeboegen.add_thema",
        "meldeboegen.change_thema",
        "meldeboegen.delete_thema",
        "meldeboegen.view_thema",
        "meldeboegen.view_retentionlog",
        "meldeboegen.add_notiz",
        "meldeboegen.view_notiz",
        "meldeboegen.add_rueckfrage",
        "meldeboegen.view_rueckfrage",
        "meldeboegen.change_bearbeitungsfristen",
        "meldeboegen.view_bearbeitungsfristen",
        "meldeboegen.change_verarbeitungsverzeichnis",
        "meldeboegen.view_verarbeitungsverzeichnis",
        "meldeboegen.einreichen_meldebogen",
    ),
    # Filing Meldebögen (forms.permissions.REPORT): KIM-Case Management and external partners.
    "case_management": ("meldeboegen.einreichen_meldebogen",),
    "externe_partner": ("meldeboegen.einreichen_meldebogen",),
}
