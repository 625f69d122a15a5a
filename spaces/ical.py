"""The personal iCal feed: the Sitzungen one user may see, as an RFC 5545 calendar."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from icalendar import Calendar, Event

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


def sitzung_event(sitzung: Sitzung, url: str, host: str) -> Event:
    """One Sitzung as a VEVENT (times in UTC); the same UID in the feed and in invitations."""
    starts_at = sitzung.starts_at.astimezone(datetime.UTC)
    ends_at = (sitzung.ends_at or sitzung.starts_at + DEFAULT_DURATION).astimezone(datetime.UTC)
    event = Event()
    event.add("uid", f"sitzung-{sitzung.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
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
    host = request.get_host().split(":")[0]
    for sitzung in feed_sitzungen(user):
        url = request.build_absolute_uri(sitzung.get_absolute_url())
        calendar.add_component(sitzung_event(sitzung, url, host))
    return calendar.to_ical()


def invitation_calendar(sitzung: Sitzung, url: str) -> bytes:
    """The .ics attached to an invitation: one event, METHOD:PUBLISH (no RSVP)."""
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    calendar.add_component(sitzung_event(sitzung, url, urlsplit(url).hostname or "kim-portal"))
    return calendar.to_ical()
