"""Anmeldesperre: repeated failed logins lock an account or an address (accounts/lockout.py)."""

import logging
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.test import RequestFactory, override_settings
from django.utils import timezone

from accounts.lockout import client_address
from tests.accounts.test_api_tokens import create_token
from tests.conftest import PASSWORD

LOGIN = "/konto/anmelden/"
ADMIN_LOGIN = "/admin/login/"
RESET = "/konto/passwort-vergessen/"
LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"


def login(client, username: str, password: str, url: str = LOGIN, address: str = "192.0.2.1"):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, follow=False
    )


def fail(client, username: str, times: int, url: str = LOGIN, address: str = "192.0.2.1"):
    for _ in range(times):
        response = login(client, username, "falsch-geraten", url, address)
        assert response.status_code in (200, 429)


@pytest.fixture
def user(make_user):
    return make_user("m.muster")


def test_wrong_passwords_lock_the_account_even_for_the_right_password(client, user):
    fail(client, "m.muster", 4)
    response = login(client, "m.muster", "falsch-geraten")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()

    response = login(client, "m.muster", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "15 Minuten" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # from another address too: the account itself is locked
    assert login(client, "m.muster", PASSWORD, address="198.51.100.7").status_code == 429


def test_fewer_failures_than_the_limit_do_not_lock_and_success_resets_them(client, user):
    fail(client, "m.muster", 4)
    response = login(client, "m.muster", PASSWORD)
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="m.muster").exists()


def test_another_accounts_login_from_the_same_address_does_not_lift_a_lock(client, user, make_user):
    make_user("a.andere")
    fail(client, "m.muster", 5)
    assert login(client, "a.andere", PASSWORD).status_code == 302
    client.logout()
    assert login(client, "m.muster", PASSWORD).status_code == 429


def test_lock_ends_after_the_cool_off_period(client, user):
    fail(client, "m.muster", 5)
    assert login(client, "m.muster", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(client, "m.muster", PASSWORD).status_code == 302


@override_settings(KIM_LOGIN_FAILURES_PER_ADDRESS=8)
def test_many_accounts_guessed_from_one_address_lock_the_address(client, make_user):
    make_user("a.andere")
    for name in ("x1", "x2", "x3", "x4"):
        fail(client, name, 2)
    # the account a.andere never failed, but the address is locked
    assert login(client, "a.andere", PASSWORD).status_code == 429
    # another address is not
    assert login(client, "a.andere", PASSWORD, address="198.51.100.7").status_code == 302


def test_admin_login_is_locked_the_same_way(client, user):
    user.is_superuser = True
    user.save()
    fail(client, "m.muster", 5, url=ADMIN_LOGIN)
    response = login(client, "m.muster", PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # failures on either form count for both
    assert login(client, "m.muster", PASSWORD).status_code == 429


def test_failed_logins_are_logged(client, user, caplog):
    with caplog.at_level(logging.WARNING):
        fail(client, "m.muster", 2)
    assert "login failure" in caplog.text
    assert AccessFailureLog.objects.filter(username="m.muster").count() == 2


def test_administrator_sees_and_lifts_a_lock(client, user, make_user):
    fail(client, "m.muster", 5)
    admin = make_user("admin", is_superuser=True)
    client.force_login(admin)
    listing = client.get("/admin/anmeldesperren/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "m.muster" in page
    assert "192.0.2.1" in page

    attempt = AccessAttempt.objects.get(username="m.muster")
    confirm = client.get(f"/admin/anmeldesperren/delete/{attempt.pk}/")
    assert confirm.status_code == 200
    assert client.post(f"/admin/anmeldesperren/delete/{attempt.pk}/").status_code == 302
    assert not AccessAttempt.objects.exists()

    client.logout()
    assert login(client, "m.muster", PASSWORD).status_code == 302


def test_failure_log_is_visible_to_administrators_only(client, user, make_user, koordination):
    fail(client, "m.muster", 1)
    client.force_login(koordination)
    assert client.get("/admin/anmeldesperren/").status_code in (302, 403)
    assert client.get("/admin/fehlanmeldungen/").status_code in (302, 403)
    client.force_login(make_user("admin", is_superuser=True))
    response = client.get("/admin/fehlanmeldungen/")
    assert response.status_code == 200
    assert "m.muster" in response.content.decode()


def test_password_reset_does_not_reveal_whether_an_account_exists(client, user):
    known = client.post(RESET, {"email": user.email}, REMOTE_ADDR="192.0.2.1")
    unknown = client.post(RESET, {"email": "niemand@example.org"}, REMOTE_ADDR="192.0.2.1")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


@override_settings(KIM_LOGIN_FAILURES_PER_ADDRESS=3)
def test_password_reset_requests_are_limited_per_address(client, user):
    for _ in range(2):
        assert client.post(RESET, {"email": "x@example.org"}, REMOTE_ADDR="192.0.2.1").status_code
    response = client.post(RESET, {"email": user.email}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert mail.outbox == []
    # the same answer for an unknown address: the lock does not tell accounts apart
    other = client.post(RESET, {"email": "niemand@example.org"}, REMOTE_ADDR="192.0.2.1")
    assert other.status_code == 429
    assert (
        client.post(
            "/admin/password_reset/", {"email": user.email}, REMOTE_ADDR="192.0.2.1"
        ).status_code
        == 429
    )


@override_settings(KIM_LOGIN_FAILURES_PER_ADDRESS=3)
def test_wrong_api_tokens_lock_the_address_also_for_a_valid_token(client, partner):
    token = create_token(partner.username)
    for _ in range(2):
        response = client.get(
            "/api/v1/me/", headers={"authorization": "Token geraten"}, REMOTE_ADDR="192.0.2.1"
        )
        assert response.status_code == 401
    response = client.get(
        "/api/v1/me/", headers={"authorization": "Token geraten"}, REMOTE_ADDR="192.0.2.1"
    )
    assert response.status_code == 429
    assert LOCKED in response.json()["detail"]
    response = client.get(
        "/api/v1/me/", headers={"authorization": f"Token {token}"}, REMOTE_ADDR="192.0.2.1"
    )
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert LOCKED in response.json()["detail"]
    response = client.get(
        "/api/v1/me/", headers={"authorization": f"Token {token}"}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "127.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        # a forged entry sent by the client stands left of the one nginx added
        (1, "10.0.0.1, 203.0.113.5", "203.0.113.5"),
    ],
)
def test_client_address_behind_a_proxy(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(KIM_PROXY_COUNT=proxies):
        assert client_address(request) == expected


# axes' own English words (model names, __str__, field labels) that must not reach the admin.
AXES_ENGLISH = re.compile(
    r"attempted access|failed access|access (attempt|failure)|user agent|username|"
    r"ip address|path|attempt time|failures|locked out",
    re.IGNORECASE,
)


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)  # attributes (names, URLs) are not read out
    return re.sub(r"\s+", " ", html)


def test_lock_admin_speaks_german(client, user, make_user):
    fail(client, "m.muster", 5)
    client.force_login(make_user("admin", is_superuser=True))
    attempt = AccessAttempt.objects.get(username="m.muster")
    entry = AccessFailureLog.objects.filter(username="m.muster").first()
    pages = {
        "/admin/anmeldesperren/": "Anmeldesperren",
        f"/admin/anmeldesperren/inspect/{attempt.pk}/": "Anmeldesperre",
        f"/admin/anmeldesperren/delete/{attempt.pk}/": "Anmeldesperre",
        "/admin/fehlanmeldungen/": "Fehlgeschlagene Anmeldungen",
        f"/admin/fehlanmeldungen/inspect/{entry.pk}/": "Fehlgeschlagene Anmeldung",
    }
    for url, heading in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response)
        assert heading in text, url
        assert "m.muster" in text, url
        english = sorted({m.group(0) for m in AXES_ENGLISH.finditer(text)})
        assert not english, f"{url}: {english}"
