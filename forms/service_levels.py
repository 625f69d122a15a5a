"""Service levels of the triage: deadlines in working days per status.

A report may stay a configured number of working days in a status (setting
``Bearbeitungsfristen``, edited by the coordination under Einstellungen). Weekends and the
statutory public holidays of North Rhine-Westphalia do not count. Both the holidays and the
working-day arithmetic come from the ``holidays`` library (country DE, subdivision NW:
``is_working_day``, ``get_nth_working_day``, ``get_working_days_count``), not from a list or
a loop kept here.

The deadline of the current status is stored on the report (``Meldebogen.frist``) when the status
changes, so the work list and the daily digest filter and sort in the database. When the
coordination edits the deadlines, ``recompute_deadlines`` updates every open report.
"""

import datetime
from functools import lru_cache

import holidays
from django.db import transaction
from django.utils import timezone

from forms.models import CLOSED_STATUSES, Bearbeitungsfristen, Meldebogen, Status

# Statuses in which the triage is over: no deadline.
FINAL_STATUSES = frozenset({Status.ENTWURF, *CLOSED_STATUSES})


@lru_cache(maxsize=1)
def nrw_holidays() -> holidays.HolidayBase:
    """The statutory public holidays of North Rhine-Westphalia (years are added on demand)."""
    return holidays.country_holidays("DE", subdiv="NW")


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a public holiday in NRW."""
    return nrw_holidays().is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    if days <= 0:
        return start
    return nrw_holidays().get_nth_working_day(start, days)


@lru_cache(maxsize=4096)
def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if ``end`` <= ``start``).
    Remembered per pair of dates (the work list asks it for every row, the library counts
    day by day; the holidays of a date never change)."""
    if end <= start:
        return 0
    return nrw_holidays().get_working_days_count(start + datetime.timedelta(days=1), end)


def deadline_for(
    status: str, since: datetime.datetime, fristen: Bearbeitungsfristen | None = None
) -> datetime.date | None:
    """The last day a report entering ``status`` at ``since`` may stay in it (None: no limit)."""
    if status in FINAL_STATUSES:
        return None
    fristen = fristen or Bearbeitungsfristen.load()
    days = fristen.days_for(status)
    if days is None:
        return None
    return add_working_days(timezone.localdate(since), days)


def days_overdue(meldebogen: Meldebogen, today: datetime.date | None = None) -> int:
    """Working days past the deadline of the current status (0 when in time or no deadline)."""
    return days_past(meldebogen.frist, today)


def days_past(frist: datetime.date | None, today: datetime.date | None = None) -> int:
    """Working days past the deadline ``frist`` (0 when in time or no deadline); for rows read
    as plain values (the work list)."""
    if frist is None:
        return 0
    return working_days_between(frist, today or timezone.localdate())


def recompute_deadlines(fristen: Bearbeitungsfristen | None = None) -> int:
    """Recompute the deadline of every open report (after the coordination edited the
    deadlines); returns the number of reports whose deadline changed."""
    fristen = fristen or Bearbeitungsfristen.load()
    changed = []
    with transaction.atomic():
        reports = (
            Meldebogen.objects.submitted()
            .exclude(status__in=FINAL_STATUSES)
            .only("pk", "status", "status_changed_at", "submitted_at", "frist")
        )
        for meldebogen in reports:
            since = meldebogen.status_changed_at or meldebogen.submitted_at
            if since is None:
                continue
            frist = deadline_for(meldebogen.status, since, fristen)
            if frist != meldebogen.frist:
                meldebogen.frist = frist
                changed.append(meldebogen)
        Meldebogen.objects.bulk_update(changed, ["frist"], batch_size=500)
    return len(changed)
