"""Shared fixtures: users in each portal role, and the demo content."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings

from accounts import roles

PASSWORD = "test-password-123"  # noqa: S105


@pytest.fixture(autouse=True)
def _mail_goes_out_in_the_test_transaction(request, monkeypatch):
    """portal.mail sends after the commit; most tests run in one transaction that is rolled
    back, never committed, so there queued mails are handed to the task at once. Tests with
    ``django_db(transaction=True)`` (tests/forms/test_mail_outage.py) or a live server commit,
    and see the real order."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return
    if {"transactional_db", "live_server"} & set(request.fixturenames):
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
