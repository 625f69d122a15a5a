"""Invitations to a Fallrekonstruktion, by e-mail to the participating organisations.

The invitation holds date, time, place, purpose and the moderator, never text from the reports:
it goes to organisations outside the portal. Each address gets its own message.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from cycle.actions import ActionRefused
from cycle.models import Fallrekonstruktion, Teilnahme
from portal.mail import send_later


def send_invitations(rekonstruktion: Fallrekonstruktion, *, by) -> tuple[int, list[str]]:
    """Invite every participating organisation not invited yet.

    Returns the number of e-mails sent and the names of organisations without an address.
    Raises ActionRefused (German reason) when nobody can be invited.
    """
    if rekonstruktion.is_completed:
        raise ActionRefused("Die Fallrekonstruktion ist abgeschlossen; es wird nicht eingeladen.")
    if rekonstruktion.date < timezone.localdate():
        raise ActionRefused(
            "Der Termin der Fallrekonstruktion liegt in der Vergangenheit. Tragen Sie zuerst "
            "einen neuen Termin ein."
        )
    teilnahmen = list(rekonstruktion.teilnahmen.select_related("organisation"))
    if not teilnahmen:
        raise ActionRefused(
            "Es sind noch keine beteiligten Organisationen eingetragen. Tragen Sie sie unter "
            "„Bearbeiten“ ein."
        )
    open_ = [t for t in teilnahmen if t.invited_at is None]
    if not open_:
        raise ActionRefused("Alle beteiligten Organisationen sind bereits eingeladen.")
    without_address = [str(t.organisation) for t in open_ if not t.invitation_address]
    invitable = [t for t in open_ if t.invitation_address]
    if not invitable:
        raise ActionRefused(
            "Für keine der noch nicht eingeladenen Organisationen ist eine E-Mail-Adresse "
            "bekannt: " + ", ".join(without_address) + ". Tragen Sie eine Ansprechperson mit "
            "E-Mail-Adresse ein oder ergänzen Sie die Adresse im Verzeichnis."
        )
    moderator = rekonstruktion.moderator
    reply_to = [moderator.email] if moderator is not None and moderator.email else []
    subject = f"Einladung zur Fallrekonstruktion am {rekonstruktion.date:%d.%m.%Y}"
    messages = [
        EmailMessage(
            subject=subject,
            body=render_to_string(
                "cycle/mail/einladung.txt",
                {
                    "rekonstruktion": rekonstruktion,
                    "teilnahme": teilnahme,
                    "moderator": moderator,
                    "sender": by,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            ),
            to=[teilnahme.invitation_address],
            reply_to=reply_to,
        )
        for teilnahme in invitable
    ]
    send_later(messages, kind="Einladung zur Fallrekonstruktion")
    Teilnahme.objects.filter(pk__in=[t.pk for t in invitable]).update(invited_at=timezone.now())
    return len(messages), without_address
