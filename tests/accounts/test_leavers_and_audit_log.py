"""Leavers: deactivation ends sessions and API tokens at once; unused accounts are reported and
deactivated in bulk; the audit log records sign-ins, failures, role changes, deactivations."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import APIToken

from accounts import roles
from accounts.leavers import deactivate
from accounts.models import Kontoereignis
from tests.accounts.test_api_tokens import create_token
from tests.conftest import PASSWORD


def signed_in_client(user) -> Client:
    client = Client()
    assert client.post("/konto/anmelden/", {"username": user.username, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(user.pk)
    return client


def test_deactivating_ends_sessions_and_api_tokens_at_once(make_user):
    leaver = make_user("leaver", roles.EXTERNE_PARTNER)
    other = make_user("other", roles.EXTERNE_PARTNER)
    browser, second_browser, bystander = (
        signed_in_client(leaver),
        signed_in_client(leaver),
        signed_in_client(other),
    )
    raw = create_token(leaver.username)
    token = APIToken.objects.get(user=leaver)
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 200

    assert deactivate([leaver]) == 1

    assert Session.objects.count() == 1  # only the bystander's is left
    for client in (browser, second_browser):
        assert client.get("/", follow=True).wsgi_request.user.is_anonymous
    assert bystander.get("/").wsgi_request.user == other
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401
    entry = Kontoereignis.objects.get(kind="deaktivierung")
    assert entry.user == leaver and "2 Sitzung(en) beendet, 1 API-Token" in entry.detail


def test_ended_sessions_are_gone_from_every_server_process(make_user):
    """Sessions are read through the cache (cached_db): ending them must not leave a cached
    copy that still signs the browser in (here with the account still active)."""
    from accounts.leavers import end_sessions

    person = make_user("person", roles.EXTERNE_PARTNER)
    browser = signed_in_client(person)
    assert browser.get("/").wsgi_request.user == person  # the session is now in the cache
    assert end_sessions(person) == 1
    assert browser.get("/", follow=True).wsgi_request.user.is_anonymous


def test_deactivating_in_the_wagtail_admin_ends_the_sessions_too(make_user):
    leaver = make_user("leaver")
    browser = signed_in_client(leaver)
    leaver.is_active = False
    leaver.save()
    assert browser.get("/", follow=True).wsgi_request.user.is_anonymous
    assert Kontoereignis.objects.filter(kind="deaktivierung", user=leaver).exists()


def _age(user, days: int, *, logged_in: bool = True) -> None:
    then = timezone.now() - datetime.timedelta(days=days)
    user.date_joined = then
    user.last_login = then if logged_in else None
    user.save(update_fields=["date_joined", "last_login"])


def test_unused_accounts_are_listed_and_deactivated_in_bulk(client, koordination, make_user):
    old = make_user("alt", roles.CASE_MANAGEMENT, first_name="Otto")
    never = make_user("nie", roles.EXTERNE_PARTNER, first_name="Nina")
    recent = make_user("aktiv", roles.CASE_MANAGEMENT, first_name="Anna")
    machine = make_user("maschine", roles.EXTERNE_PARTNER, first_name="Max")
    _age(old, 200)
    _age(never, 200, logged_in=False)
    _age(recent, 20)
    _age(machine, 400)
    create_token(machine.username)
    APIToken.objects.filter(user=machine).update(last_used_at=timezone.now())

    client.force_login(koordination)
    page = client.get("/konto/konten/").content.decode()
    assert "Otto" in page and "Nina" in page
    assert "Anna" not in page and "Max" not in page  # signed in lately / token used lately

    response = client.post("/konto/konten/", {})
    assert "mindestens ein Konto" in response.content.decode()
    response = client.post("/konto/konten/", {"users": [old.pk, never.pk]}, follow=True)
    assert "2 Konten deaktiviert" in response.content.decode()
    old.refresh_from_db()
    never.refresh_from_db()
    assert not old.is_active and not never.is_active
    # an account that is not on the list cannot be deactivated through it
    response = client.post("/konto/konten/", {"users": [recent.pk]})
    recent.refresh_from_db()
    assert recent.is_active


@override_settings(KIM_INACTIVE_ACCOUNT_DAYS=30)
def test_the_period_is_a_setting_and_the_report_goes_to_the_coordination(
    koordination, make_user, mailoutbox
):
    _age(make_user("alt", roles.CASE_MANAGEMENT, first_name="Otto", last_name="Alt"), 40)
    call_command("report_inactive_accounts", stdout=io.StringIO())
    [mail] = mailoutbox
    assert mail.to == [koordination.email]
    assert "Otto Alt" in mail.body and "30 Tage" in mail.body
    assert "/konto/konten/" in mail.body


def test_no_report_when_nothing_is_unused(koordination, mailoutbox):
    call_command("report_inactive_accounts", stdout=io.StringIO())
    assert mailoutbox == []


def test_the_audit_log_records_sign_ins_failures_and_role_changes(client, koordination, make_user):
    person = make_user("person")
    signed_in_client(person)
    Client().post("/konto/anmelden/", {"username": "person", "password": "falsch"})
    Client().post("/konto/anmelden/", {"username": "gibt-es-nicht", "password": "falsch"})
    client.force_login(koordination)
    person.groups.add(Group.objects.get(name=roles.CASE_MANAGEMENT))
    person.groups.remove(Group.objects.get(name=roles.CASE_MANAGEMENT))

    entries = list(Kontoereignis.objects.order_by("pk").values_list("kind", "username", "detail"))
    assert ("anmeldung", "person", "ModelBackend") in entries
    assert ("fehlanmeldung", "person", "") in entries
    assert ("fehlanmeldung", "gibt-es-nicht", "") in entries
    assert ("rolle_erteilt", "person", "Rolle „Case Management“") in entries
    assert ("rolle_entzogen", "person", "Rolle „Case Management“") in entries

    page = client.get("/konto/protokoll/", {"art": "fehlanmeldung"}).content.decode()
    assert "gibt-es-nicht" in page and "Rolle „Case Management“" not in page
    page = client.get("/konto/protokoll/", {"q": "person"}).content.decode()
    assert "Rolle erteilt" in page and "gibt-es-nicht" not in page


@pytest.mark.parametrize("count", [3, 30])
def test_the_audit_log_page_has_a_bounded_number_of_queries(
    client, koordination, make_user, django_assert_max_num_queries, count
):
    for index in range(count):
        person = make_user(f"p{index}")
        person.groups.add(Group.objects.get(name=roles.CASE_MANAGEMENT))
    client.force_login(koordination)
    # A first request after a change of the page tree: the site is looked up with its root
    # page for the cache (portal/routing.py), one query more than a warm request reads.
    with django_assert_max_num_queries(13):
        assert client.get("/konto/protokoll/").status_code == 200
