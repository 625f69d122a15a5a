"""The reporting app's permission held by the portal's roles: the KIM-Koordination sees
the dashboard, anonymised exports and Sachstandsberichte.

Collected by ``accounts.roles.role_permissions`` and applied by ``sync_role_permissions``.
"""

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "koordination": ("reporting.view_berichte",),
}
