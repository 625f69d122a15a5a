"""Reference numbers of submitted reports: "MB-2026-0042", sequential per year, without gaps.

The number is taken from a per-year counter row that is locked (SELECT ... FOR UPDATE) inside
the caller's transaction. Concurrent submits therefore wait for each other on PostgreSQL; on
SQLite writes are serialised anyway. Because the counter is updated in the same transaction as
the report, a failed submit rolls its number back and leaves no gap.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forms.models import ReferenceCounter

PREFIX = "MB"


def format_reference(year: int, number: int) -> str:
    return f"{PREFIX}-{year}-{number:04d}"


def allocate_reference(year: int | None = None) -> str:
    """Hand out the next reference number of ``year`` (default: the current local year).

    Must run inside ``transaction.atomic()`` together with saving the report, so that the
    lock is held until the report is stored.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_reference() must run inside transaction.atomic()")
    year = year or timezone.localdate().year
    # get_or_create copes with two first submits of a year racing to create the row.
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    ReferenceCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    counter.refresh_from_db(fields=["last_number"])
    return format_reference(year, counter.last_number)
