"""Date and date-time fields of the Wagtail admin that never replace what was typed.

Wagtail's date picker (xdsoft datetimepicker) checks the text on blur against the display
format (``WAGTAIL_DATE_FORMAT``, "TT.MM.JJJJ"); text it cannot read — an ISO date such as
"2026-03-12", a typo — is silently replaced with today's date, and the wrong date is saved.
These widgets switch that check off: the text stays as typed and the server reads it (German
and ISO notations, ``DATE_INPUT_FORMATS``) or says in German that it is not a date. Registered
for every DateField and DateTimeField of the admin's model forms in PortalConfig.ready.
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput


class KeepTypedDateInput(AdminDateInput):
    def get_config(self) -> dict:
        return {**super().get_config(), "validateOnBlur": False}


class KeepTypedDateTimeInput(AdminDateTimeInput):
    def get_config(self) -> dict:
        return {**super().get_config(), "validateOnBlur": False}


def register_date_widgets() -> None:
    register_form_field_override(models.DateField, override={"widget": KeepTypedDateInput})
    register_form_field_override(models.DateTimeField, override={"widget": KeepTypedDateTimeInput})
