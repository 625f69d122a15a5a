"""Fixtures of the permission matrix: the world is built once per module inside a transaction
that is rolled back at the end; every test runs in a savepoint inside it."""

import pytest
from django.db import transaction

from tests.security.world import World, build_world

CELLS = pytest.StashKey[dict]()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def cells(request) -> dict:
    """Counts of checked cells, summed for the terminal summary."""
    return request.config.stash.setdefault(CELLS, {"checked": 0, "visible": 0})


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    counted = config.stash.get(CELLS, None)
    if counted:
        terminalreporter.write_sep(
            "-",
            f"Berechtigungsmatrix: {counted['checked']} Zellen geprüft "
            f"({counted['visible']} sichtbar, {counted['checked'] - counted['visible']} "
            "unsichtbar erwartet)",
        )
