"""Shared fixtures: users in each portal role, and the demo content."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from accounts import roles
from tests.ldap_server import directory_settings, slapd  # noqa: F401 - a real slapd
from tests.oidc_provider import openid_provider, sso_settings  # noqa: F401 - a real IdP

PASSWORD = "test-password-123"  # noqa: S105


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


_FLUSHED_MODULES: set[str] = set()


@pytest.fixture(autouse=True, scope="module")
def _restore_migration_data_after_flush(request, django_db_blocker):
    """Leave the database as the migrations made it once a module with transactional tests is
    done. Their flush would otherwise leave an empty database (no roles, no root page) to every
    later test; serialized_rollback only reloads the data at the *start* of its own test. Module
    scope, so this runs after the last flush of the module."""
    yield
    if request.node.nodeid not in _FLUSHED_MODULES:
        return
    _FLUSHED_MODULES.discard(request.node.nodeid)
    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Django's cache (navigation and hidden page paths per visibility rule, portal/privacy.py)
    starts empty in every test: the database is rolled back between tests, the cache is not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _note_transactional_test(request):
    if _is_transactional(request):
        _FLUSHED_MODULES.add(request.node.getparent(pytest.Module).nodeid)
    yield


@pytest.fixture(autouse=True)
def _mail_goes_out_in_the_test_transaction(request, monkeypatch):
    """portal.mail sends after the commit; most tests run in one transaction that is rolled
    back, never committed, so there queued mails are handed to the task at once. Tests with
    ``django_db(transaction=True)`` (tests/forms/test_mail_outage.py) or a live server commit,
    and see the real order."""
    if _is_transactional(request):
        return
    monkeypatch.setattr("portal.mail._after_commit", lambda function: function())


@pytest.fixture
def make_user(db):
    """Create an active user, optionally in one of the portal roles (group names)."""

    def make(username: str = "user", role: str | None = None, **fields):
        user = get_user_model().objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@example.org", **fields
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def koordination(make_user):
    return make_user("koordination-test", roles.KOORDINATION, first_name="Kora")


@pytest.fixture
def case_manager(make_user):
    return make_user("casemanager-test", roles.CASE_MANAGEMENT, first_name="Cem")


@pytest.fixture
def integrationsbeauftragte(make_user):
    return make_user("ib-test", roles.INTEGRATIONSBEAUFTRAGTE, first_name="Ina")


@pytest.fixture
def partner(make_user):
    return make_user("partner-test", roles.EXTERNE_PARTNER, first_name="Paula")


@pytest.fixture
def demo(db):
    """The demo content of load_demo (the command itself runs only with DEBUG on)."""
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
