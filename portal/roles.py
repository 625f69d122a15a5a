"""The portal app's permissions held by the portal's roles: the KIM-Koordination reads the
Verlauf of every status (portal.transitions) and manages the E-Mail-Versand (portal.mail).

Collected by ``accounts.roles.role_permissions`` and applied by ``sync_role_permissions``.
"""

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "koordination": (
        "portal.view_verlaufseintrag",
        "portal.view_postausgang",
        "portal.change_postausgang",
    ),
}
