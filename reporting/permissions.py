"""Who may see the reporting dashboard, exports and Sachstandsberichte: the KIM-Koordination."""

PERMISSION = "reporting.view_berichte"


def may_view_reports(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(PERMISSION))
