"""Date-time values in the Wagtail admin's inspect views in local time (Europe/Berlin).

Wagtail's generic inspect template renders a field's raw value with ``|localize``, which formats
an aware datetime in UTC: a report submitted at 00:30 Berlin time read "22:30" of the day before.
Registered for every ``DateTimeField`` in ``PortalConfig.ready``; listings already convert.
"""

import datetime

from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from wagtail.admin.ui.components import Component


class LocalDateTimeDisplay(Component):
    def __init__(self, value: datetime.datetime | None):
        self.value = value

    def render_html(self, parent_context=None) -> SafeString:
        if self.value is None:
            return SafeString("-")
        value = timezone.localtime(self.value) if timezone.is_aware(self.value) else self.value
        return conditional_escape(formats.localize(value, use_l10n=True))
