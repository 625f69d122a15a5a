"""E-mails on submission (a receipt to the reporter, a notice to the KIM-Koordination) and in
the triage (a question to the reporter, the reporter's answer to the coordination, a status
change to the reporter unless they switched those off for the report).

Privacy: neither mail carries the free text of the report. E-mail leaves the portal's access
control, so the mails name only the reference number, theme, Kommunen and date, and link to
the portal, where the report is shown to those allowed to see it.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from forms.models import Meldebogen, Rueckfrage, Status
from forms.permissions import TRIAGE
from portal.mail import send_later


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def koordination_recipients() -> list[str]:
    """Everyone who triages Meldebögen (forms.permissions.TRIAGE) and has an e-mail address."""
    users = TRIAGE.holders().exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _context(meldebogen: Meldebogen) -> dict:
    return {
        "meldebogen": meldebogen,
        "kommunen": ", ".join(k.name for k in meldebogen.kommunen.all()),
        "detail_url": _absolute(meldebogen.get_absolute_url()),
        "list_url": _absolute(reverse("forms:list")),
        "admin_url": _absolute(reverse("meldeboegen:inspect", args=[meldebogen.pk])),
        "triage_url": _absolute(reverse("forms:triage", args=[meldebogen.pk])),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def send_submission_mails(meldebogen: Meldebogen) -> None:
    """Queue the receipt and the coordination's notice (portal.mail: sent after the commit)."""
    context = _context(meldebogen)
    owner = meldebogen.owner
    if owner is not None and owner.email:
        send_later(
            [
                EmailMessage(
                    subject=f"Eingangsbestätigung Meldebogen {meldebogen.reference}",
                    body=render_to_string("meldeboegen/mail/receipt.txt", context),
                    to=[owner.email],
                )
            ],
            kind="Eingangsbestätigung",
        )
    recipients = koordination_recipients()
    if recipients:
        send_later(
            [
                EmailMessage(
                    subject=f"Neuer Meldebogen {meldebogen.reference}",
                    body=render_to_string("meldeboegen/mail/notification.txt", context),
                    # Blind copies: members need not see each other's addresses.
                    bcc=recipients,
                )
            ],
            kind="Neuer Meldebogen",
        )


def send_question_notice(rueckfrage: Rueckfrage) -> None:
    """Tell the reporter that there is a question; the question itself stays in the portal."""
    meldebogen = rueckfrage.meldebogen
    owner = meldebogen.owner
    if owner is None or not owner.email:
        return
    message = EmailMessage(
        subject=f"Rückfrage zu Ihrem Meldebogen {meldebogen.reference}",
        body=render_to_string("meldeboegen/mail/question.txt", _context(meldebogen)),
        to=[owner.email],
    )
    send_later([message], kind="Rückfrage")


def send_answer_notice(rueckfrage: Rueckfrage) -> None:
    """Tell the coordinator who asked (or the whole coordination) that an answer arrived."""
    meldebogen = rueckfrage.meldebogen
    asker = rueckfrage.asked_by
    if asker is not None and asker.is_active and asker.email:
        recipients = [asker.email]
    else:
        recipients = koordination_recipients()
    if not recipients:
        return
    message = EmailMessage(
        subject=f"Antwort auf Ihre Rückfrage zu Meldebogen {meldebogen.reference}",
        body=render_to_string("meldeboegen/mail/answer.txt", _context(meldebogen)),
        bcc=recipients,
    )
    send_later([message], kind="Antwort auf Rückfrage")


def send_status_mail(meldebogen: Meldebogen, change, status_text: str) -> bool:
    """Tell the reporter that their report has a new status (``change``: the Verlaufseintrag).

    Only the status, its plain-German explanation and a link: neither the reporter's reason
    nor anything else the coordination wrote leaves the portal. Not sent when the reporter
    switched status mails off for this report, has no active account or no address; the
    submission itself has its receipt. ``status_text``: the status in plain German
    (forms.workflow.REPORTER_TEXTS). Returns whether a mail was queued.
    """
    if change.from_status == Status.ENTWURF:
        return False
    # The stored choice counts, not a copy loaded before the reporter changed it.
    wanted = (
        Meldebogen.objects.filter(pk=meldebogen.pk).values_list("status_mails", flat=True).first()
    )
    if not wanted:
        return False
    owner = meldebogen.owner
    if owner is None or not owner.is_active or not owner.email:
        return False
    context = {
        **_context(meldebogen),
        "status": Status(change.to_status).label,
        "status_text": status_text,
        "has_reason": bool(meldebogen.reporter_reason),
        "settings_url": _absolute(meldebogen.get_absolute_url() + "#benachrichtigung"),
    }
    message = EmailMessage(
        subject=f"Neuer Stand Ihres Meldebogens {meldebogen.reference}: {context['status']}",
        body=render_to_string("meldeboegen/mail/status.txt", context),
        to=[owner.email],
    )
    send_later([message], kind="Statusänderung an meldende Person")
    return True
