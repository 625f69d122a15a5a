"""Every e-mail of the portal: after the commit, in the background, retried, never lost.

``send_later(messages, kind=...)`` writes each message to the ``Postausgang`` in the current
transaction (so a rolled-back change sends nothing) and enqueues the django-tasks task
``deliver_mail`` once the transaction has committed. The task sends one message through
Django's mail backend. When the mail server fails (``smtplib.SMTPException`` or ``OSError``:
refused, unreachable, timed out), the attempt and the error are recorded and the task is
enqueued again with ``run_after`` after a growing delay (``PORTAL_MAIL_RETRY_DELAYS``, in
seconds). After the last delay the mail counts as failed: the task raises (so the worker's log
and django-tasks' result show it), and the KIM-Koordination sees it in the Wagtail admin under
"E-Mail-Versand", where it can be sent again. A sent mail is never sent twice.

Backends that cannot defer tasks (the immediate backend of development and tests) leave the
next attempt to ``manage.py send_pending_mails``, which sends every mail that is due.
"""

from __future__ import annotations

import datetime
import logging
import pickle
import smtplib
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from portal.models import Postausgang

logger = logging.getLogger(__name__)

# What a failing mail server raises (ConnectionRefusedError, TimeoutError, ... are OSErrors).
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)
DEFAULT_RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600)


def retry_delays() -> tuple[int, ...]:
    return tuple(getattr(settings, "PORTAL_MAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def send_later(messages: Iterable[EmailMessage], *, kind: str) -> list[Postausgang]:
    """Queue ``messages`` for sending after the current transaction commits (at once outside
    one). ``kind`` names the occasion in German ("Eingangsbestätigung", "Einladung", ...)."""
    rows = []
    for message in messages:
        message.connection = None
        rows.append(
            Postausgang.objects.create(
                kind=kind,
                subject=str(message.subject)[:300],
                to=list(message.to),
                message=pickle.dumps(message),
            )
        )
    for row in rows:
        _after_commit(partial(_enqueue, row.pk))
    return rows


def _after_commit(function) -> None:
    transaction.on_commit(function)


def _enqueue(pk: int, run_after: datetime.datetime | None = None) -> None:
    if run_after is None:
        deliver_mail.enqueue(pk)
    else:
        deliver_mail.using(run_after=run_after).enqueue(pk)


def _message(row: Postausgang) -> EmailMessage:
    return pickle.loads(bytes(row.message))  # noqa: S301 - written by send_later only


@task()
def deliver_mail(pk: int) -> str:
    """Send one queued mail; on a mail server error record it and schedule the next attempt."""
    row = Postausgang.objects.filter(pk=pk, sent_at__isnull=True).first()
    if row is None:
        return "already sent"
    try:
        get_connection().send_messages([_message(row)])
    except MAIL_SERVER_ERRORS as error:
        _record_failure(row, error)
        if row.failed_at is not None:
            raise
        return f"attempt {row.attempts} failed, next at {row.next_attempt_at:%Y-%m-%d %H:%M:%S}"
    now = timezone.now()
    Postausgang.objects.filter(pk=pk).update(
        sent_at=now, attempts=row.attempts + 1, next_attempt_at=None, failed_at=None
    )
    return "sent"


def _record_failure(row: Postausgang, error: BaseException) -> None:
    now = timezone.now()
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    delays = retry_delays()
    if row.attempts > len(delays):
        row.next_attempt_at = None
        row.failed_at = now
        logger.error(
            "Mail %s (%s) failed for good after %s attempts: %s",
            row.pk,
            row.kind,
            row.attempts,
            row.last_error,
        )
    else:
        row.next_attempt_at = now + datetime.timedelta(seconds=delays[row.attempts - 1])
        logger.warning(
            "Mail %s (%s) attempt %s failed, next at %s: %s",
            row.pk,
            row.kind,
            row.attempts,
            row.next_attempt_at.isoformat(),
            row.last_error,
        )
    row.save(update_fields=["attempts", "last_error", "next_attempt_at", "failed_at"])
    if row.next_attempt_at is not None and deliver_mail.get_backend().supports_defer:
        _enqueue(row.pk, row.next_attempt_at)


def send_pending(now: datetime.datetime | None = None) -> int:
    """Try every unsent mail whose next attempt is due (for backends without deferred tasks
    and after an outage); returns how many attempts were made."""
    now = now or timezone.now()
    due = Postausgang.objects.filter(
        sent_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        deliver_mail.enqueue(pk)
        count += 1
    return count


def resend(rows: Iterable[Postausgang]) -> int:
    """Send failed mails again (the admin's action): a fresh round of attempts."""
    count = 0
    for row in rows:
        if row.sent_at is not None:
            continue
        Postausgang.objects.filter(pk=row.pk).update(
            failed_at=None, attempts=0, next_attempt_at=None
        )
        _after_commit(partial(_enqueue, row.pk))
        count += 1
    return count
