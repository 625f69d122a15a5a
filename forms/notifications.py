"""E-mails on submission: a receipt to the reporter, a notice to the KIM-Koordination.

Privacy: neither mail carries the free text of the report. E-mail leaves the portal's access
control, so the mails name only the reference number, theme, Kommunen and date, and link to
the portal, where the report is shown to those allowed to see it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import KOORDINATION
from forms.models import Meldebogen


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def koordination_recipients() -> list[str]:
    users = (
        get_user_model().objects.filter(groups__name=KOORDINATION, is_active=True).exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def _context(meldebogen: Meldebogen) -> dict:
    return {
        "meldebogen": meldebogen,
        "kommunen": ", ".join(k.name for k in meldebogen.kommunen.all()),
        "detail_url": _absolute(meldebogen.get_absolute_url()),
        "list_url": _absolute(reverse("forms:list")),
        "admin_url": _absolute(reverse("meldeboegen:inspect", args=[meldebogen.pk])),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def send_submission_mails(meldebogen: Meldebogen) -> None:
    context = _context(meldebogen)
    messages = []
    owner = meldebogen.owner
    if owner is not None and owner.email:
        messages.append(
            EmailMessage(
                subject=f"Eingangsbestätigung Meldebogen {meldebogen.reference}",
                body=render_to_string("meldeboegen/mail/receipt.txt", context),
                to=[owner.email],
            )
        )
    recipients = koordination_recipients()
    if recipients:
        messages.append(
            EmailMessage(
                subject=f"Neuer Meldebogen {meldebogen.reference}",
                body=render_to_string("meldeboegen/mail/notification.txt", context),
                # Blind copies: members need not see each other's addresses.
                bcc=recipients,
            )
        )
    if messages:
        get_connection().send_messages(messages)
