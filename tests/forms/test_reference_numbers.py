"""Reference numbers: MB-<year>-<4 digits>, sequential per year, no gaps, no duplicates."""

import os
import threading

import pytest
from django.db import connection, connections, transaction

from forms.models import ReferenceCounter
from forms.reference_numbers import allocate_reference, format_reference


def test_format():
    assert format_reference(2026, 42) == "MB-2026-0042"


def test_sequential_per_year(db):
    with transaction.atomic():
        numbers = [allocate_reference(2026) for _ in range(3)]
        other_year = allocate_reference(2027)
    assert numbers == ["MB-2026-0001", "MB-2026-0002", "MB-2026-0003"]
    assert other_year == "MB-2027-0001"


def test_rolled_back_submit_leaves_no_gap(db):
    with transaction.atomic():
        allocate_reference(2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        allocate_reference(2026)
        raise RuntimeError("submit failed")
    with transaction.atomic():
        assert allocate_reference(2026) == "MB-2026-0002"


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="Concurrency needs PostgreSQL row locks (set DATABASE_URL=postgres://...); "
    "SQLite serialises all writes, so threads would only test SQLite's locking.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_allocations_are_distinct_and_gapless():
    assert connection.vendor == "postgresql"
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            for _ in range(5):
                with transaction.atomic():
                    results.append(allocate_reference(2031))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [format_reference(2031, n) for n in range(1, 41)]
    assert ReferenceCounter.objects.get(year=2031).last_number == 40
