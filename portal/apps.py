from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "KIM-Portal"

    def ready(self) -> None:
        from portal import checks  # noqa: F401 (registers the system checks)
        from portal.spreadsheets import protect_wagtail_exports

        # Every CSV/XLSX download of the Wagtail admin writes its cells through the portal's
        # rule against formula injection (portal/spreadsheets.py).
        protect_wagtail_exports()

        # Date-times in the admin's inspect views in local time, like everywhere else.
        from django.db import models
        from wagtail.admin.ui.fields import register_display_class

        from portal.admin_display import LocalDateTimeDisplay

        register_display_class(models.DateTimeField, display_class=LocalDateTimeDisplay)

        # Dates typed into the admin stay as typed (an ISO date is not replaced with today).
        from portal.admin_dates import register_date_widgets

        register_date_widgets()
