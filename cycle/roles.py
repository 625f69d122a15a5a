"""The cycle app's permissions held by the portal's roles: the KIM-Koordination runs
Fallrekonstruktionen and generative Themen and reads the Rückmeldungen.

Collected by ``accounts.roles.role_permissions`` and applied by ``sync_role_permissions``.
"""

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "koordination": (
        "cycle.add_fallrekonstruktion",
        "cycle.change_fallrekonstruktion",
        "cycle.delete_fallrekonstruktion",
        "cycle.view_fallrekonstruktion",
        "cycle.add_generativesthema",
        "cycle.change_generativesthema",
        "cycle.delete_generativesthema",
        "cycle.view_generativesthema",
        "cycle.view_rueckmeldung",
    ),
}
