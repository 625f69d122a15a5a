"""The Sitzungen as RFC 5545 calendars: the personal iCal feed, the .ics of an invitation and
the iTIP (RFC 5546) updates and cancellations mailed after an invitation.

Every entry of a Sitzung carries the same UID (``sitzung-<pk>@<uid_host()>``) and its SEQUENCE
(``Sitzung.ics_sequence``), in the feed and in every mail, so Outlook and Thunderbird replace
the entry they hold instead of adding a second one.
"""

import datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from spaces.models import Sitzung

FEED_PAST_DAYS = 180
DEFAULT_DURATION = datetime.timedelta(hours=2)


def feed_sitzungen(user):
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return (
        Sitzung.objects.visible_to(user)
        .filter(starts_at__gte=since)
        .select_related("gremium")
        .prefetch_related("tagesordnung")
        .order_by("starts_at")
    )


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Sitzungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def uid_host() -> str:
    """The host in the UIDs: the setting SPACES_ICAL_UID_HOST, else the portal's own host."""
    configured = (getattr(settings, "SPACES_ICAL_UID_HOST", "") or "").strip()
    return configured or urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "kim-portal"


def sitzung_uid(sitzung: Sitzung) -> str:
    return f"sitzung-{sitzung.pk}@{uid_host()}"


def sitzung_event(sitzung: Sitzung, url: str) -> Event:
    """One Sitzung as a VEVENT (times in UTC); the same UID and SEQUENCE in the feed and in
    every mail."""
    starts_at = sitzung.starts_at.astimezone(datetime.UTC)
    ends_at = (sitzung.ends_at or sitzung.starts_at + DEFAULT_DURATION).astimezone(datetime.UTC)
    event = Event()
    event.add("uid", sitzung_uid(sitzung))
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("sequence", sitzung.ics_sequence)
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", f"{sitzung.gremium.name}: {sitzung.title}")
    if sitzung.location:
        event.add("location", sitzung.location)
    event.add("url", url)
    agenda = [f"TOP {i}: {top.title}" for i, top in enumerate(sitzung.tagesordnung.all(), 1)]
    description = "\n".join(
        [*agenda, *([f"Videokonferenz: {sitzung.video_url}"] if sitzung.video_url else [])]
    )
    event.add("description", f"{description}\n\n{url}".strip())
    if sitzung.status == Sitzung.Status.ABGESAGT:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def build_calendar(request: HttpRequest, user) -> bytes:
    calendar = _calendar()
    calendar.add("x-wr-calname", "KIM-Portal: Sitzungen")
    for sitzung in feed_sitzungen(user):
        url = request.build_absolute_uri(sitzung.get_absolute_url())
        calendar.add_component(sitzung_event(sitzung, url))
    return calendar.to_ical()


def invitation_calendar(sitzung: Sitzung, url: str) -> bytes:
    """The .ics attached to an invitation: one event, METHOD:PUBLISH (no RSVP)."""
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    calendar.add_component(sitzung_event(sitzung, url))
    return calendar.to_ical()


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = name
    address.params.update(params)
    return address


def change_calendar(sitzung: Sitzung, url: str, attendee) -> bytes:
    """The .ics of a mail after an invitation (iTIP, RFC 5546): METHOD:REQUEST with the
    Sitzung as it now is, or METHOD:CANCEL (STATUS:CANCELLED) for a cancelled one; the same
    UID, the Sitzung's SEQUENCE, the portal as ORGANIZER and ``attendee`` (a user) as the one
    ATTENDEE, as Outlook and Thunderbird expect. No RSVP is asked for."""
    cancelled = sitzung.status == Sitzung.Status.ABGESAGT
    calendar = _calendar()
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = sitzung_event(sitzung, url)
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    event.add("organizer", _address(email, name or settings.WAGTAIL_SITE_NAME))
    event.add(
        "attendee",
        _address(
            attendee.email,
            attendee.get_full_name() or attendee.get_username(),
            role="REQ-PARTICIPANT",
            rsvp="FALSE",
        ),
    )
    calendar.add_component(event)
    return calendar.to_ical()
