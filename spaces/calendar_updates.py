"""Calendar updates after invitations: a Sitzung's calendar entry follows its changes.

``Sitzung.ics_sequence`` is the RFC 5545 SEQUENCE of the Sitzung's entry (feed and mails). It
rises by one whenever something a calendar shows changes: start, end, place (``location``),
title, or the cancellation (into or out of "abgesagt"). Other edits (agenda, video link,
Gremium data) leave it alone.

Once invitations went out (status "eingeladen"), each such change mails every person the
invitation goes to (``spaces.notifications.invitation_recipients``: current seat holders who
may see the Sitzung, each an own message) an .ics with the same UID and the new SEQUENCE:
METHOD:REQUEST for a changed date, time, place or title, METHOD:CANCEL with STATUS:CANCELLED
for a cancellation ("eingeladen" -> "abgesagt"), METHOD:REQUEST again when a Sitzung cancelled
after its invitation is scheduled again ("abgesagt" -> "eingeladen", "Wieder ansetzen"; the
higher SEQUENCE puts the entry back in the calendars). Without invitations nothing is mailed.

The mails go through ``portal.mail.send_later`` (written to the Postausgang in the change's
transaction, delivered after the commit) and are always sent at once, whatever a person's
notification preferences say: a calendar update that waits for a digest leaves a wrong date
in the calendar. Connected in ``SpacesConfig.ready``.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone

from portal.transitions import transitioned
from spaces.ical import change_calendar
from spaces.models import Sitzung

#: The fields a calendar shows (besides the cancellation).
CALENDAR_FIELDS = ("starts_at", "ends_at", "location", "title")
_PENDING = "_calendar_change"


def _shown(field: str, value):
    """The value as a calendar shows it: times to the minute (the admin's precision)."""
    if value is not None and field in ("starts_at", "ends_at"):
        return value.replace(second=0, microsecond=0)
    return value


def bump_sequence(sitzung: Sitzung) -> int:
    """Raise the Sitzung's SEQUENCE by one in the database and on ``sitzung``; returns it."""
    Sitzung.objects.filter(pk=sitzung.pk).update(ics_sequence=F("ics_sequence") + 1)
    sitzung.ics_sequence = (
        Sitzung.objects.filter(pk=sitzung.pk).values_list("ics_sequence", flat=True).get()
    )
    return sitzung.ics_sequence


@receiver(pre_save, sender=Sitzung, dispatch_uid="spaces_calendar_note_change")
def note_calendar_change(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Remember, before the save, which of the calendar's fields change (and from what)."""
    instance.__dict__.pop(_PENDING, None)
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = [f for f in CALENDAR_FIELDS if update_fields is None or f in update_fields]
    if not fields:
        return
    stored = Sitzung.objects.filter(pk=instance.pk).values(*fields, "status").first()
    if stored is None:
        return
    previous = {
        f: stored[f] for f in fields if _shown(f, stored[f]) != _shown(f, getattr(instance, f))
    }
    if previous:
        instance.__dict__[_PENDING] = (previous, stored["status"])


@receiver(post_save, sender=Sitzung, dispatch_uid="spaces_calendar_after_change")
def update_calendars_after_save(sender, instance, raw=False, **kwargs) -> None:
    pending = instance.__dict__.pop(_PENDING, None)
    if pending is None:
        return
    previous, status = pending
    bump_sequence(instance)
    if status == Sitzung.Status.EINGELADEN:
        send_calendar_update(instance, previous)


@receiver(transitioned, sender=Sitzung, dispatch_uid="spaces_calendar_after_transition")
def update_calendars_after_transition(sender, instance, entry, **kwargs) -> None:
    abgesagt = Sitzung.Status.ABGESAGT
    if abgesagt not in (entry.from_status, entry.to_status):
        return
    bump_sequence(instance)
    if entry.from_status == Sitzung.Status.EINGELADEN and entry.to_status == abgesagt:
        send_calendar_update(instance, {}, reason=entry.reason)
    elif entry.from_status == abgesagt and entry.to_status == Sitzung.Status.EINGELADEN:
        send_calendar_update(instance, {}, reason=entry.reason, reinstated=True)


def send_calendar_update(
    sitzung: Sitzung, previous: dict, reason: str = "", reinstated: bool = False
) -> int:
    """Mail the changed or cancelled Sitzung with its .ics to everyone the invitation goes to;
    ``previous``: the changed fields' former values; ``reinstated``: a cancelled Sitzung is
    scheduled again. Returns the number of e-mails."""
    from portal.mail import send_later
    from spaces.notifications import absolute, invitation_recipients

    cancelled = sitzung.status == Sitzung.Status.ABGESAGT
    url = absolute(sitzung.get_absolute_url())
    starts = timezone.localtime(sitzung.starts_at)
    gremium = sitzung.gremium
    if cancelled:
        subject = f"Abgesagt: {gremium.name}, {sitzung.title} am {starts:%d.%m.%Y}"
    elif reinstated:
        subject = f"Wieder angesetzt: {gremium.name}, {sitzung.title} am {starts:%d.%m.%Y}"
    else:
        subject = f"Geänderte Sitzung: {gremium.name}, {sitzung.title} am {starts:%d.%m.%Y}"
    context = {
        "sitzung": sitzung,
        "gremium": gremium,
        "cancelled": cancelled,
        "reinstated": reinstated,
        "reason": reason,
        "previous": previous,
        "url": url,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    filename, method = ("absage.ics", "CANCEL") if cancelled else ("aenderung.ics", "REQUEST")
    messages = []
    for user in invitation_recipients(sitzung):
        message = EmailMessage(
            subject=subject,
            body=render_to_string(
                "spaces/mail/sitzung_geaendert.txt", {**context, "recipient": user}
            ),
            to=[user.email],
        )
        message.attach(
            filename,
            change_calendar(sitzung, url, user),
            f"text/calendar; charset=utf-8; method={method}",
        )
        messages.append(message)
    if messages:
        kind = "Absage der Sitzung" if cancelled else "Änderung der Sitzung"
        send_later(messages, kind="Wiederansetzung der Sitzung" if reinstated else kind)
    return len(messages)
