"""Two-factor sign-in (accounts/two_factor.py): required by setting for the accounts that see
the most, with an authenticator app and recovery codes; the Wagtail admin is covered, API tokens
are not affected."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from tests.accounts.test_api_tokens import create_token
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.KIM_TWO_FACTOR_REQUIRED = True


def sign_in(user) -> Client:
    client = Client()
    client.post("/konto/anmelden/", {"username": user.username, "password": PASSWORD})
    return client


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wait_out_throttling(user) -> None:
    """django-otp makes a device wait longer after each wrong code; as if the wait were over."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )


def set_up(client, user) -> list[str]:
    assert client.get("/konto/zwei-faktor/einrichten/").status_code == 200
    response = client.post(
        "/konto/zwei-faktor/einrichten/", {"code": current_code(user), "next": "/"}, follow=True
    )
    return re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())


def test_the_coordination_sets_up_an_app_before_any_page(make_user):
    user = make_user("koord", roles.KOORDINATION)
    client = sign_in(user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zwei-faktor/einrichten/?next=")
    assert client.get("/admin/")["Location"].startswith("/konto/zwei-faktor/einrichten/")
    page = client.get("/konto/zwei-faktor/einrichten/").content.decode()
    assert "<svg" in page and "Authenticator" in page
    wrong = client.post("/konto/zwei-faktor/einrichten/", {"code": "000000"})
    assert "Der Code stimmt nicht" in wrong.content.decode()
    wait_out_throttling(user)
    codes = set_up(client, user)
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_new_sign_in_asks_for_the_code_and_a_recovery_code_works_once(make_user):
    user = make_user("koord", roles.KOORDINATION)
    codes = set_up(sign_in(user), user)

    client = sign_in(user)
    assert client.get("/")["Location"].startswith("/konto/zwei-faktor/?next=")
    response = client.post("/konto/zwei-faktor/", {"code": "123456"})
    assert "Der Code stimmt nicht" in response.content.decode()
    assert client.get("/").status_code == 302
    wait_out_throttling(user)
    response = client.post("/konto/zwei-faktor/", {"code": codes[0], "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200

    again = sign_in(user)
    response = again.post("/konto/zwei-faktor/", {"code": codes[0]})
    assert "Der Code stimmt nicht" in response.content.decode()  # used up


def test_roles_without_sensitive_permissions_sign_in_with_the_password_alone(make_user):
    client = sign_in(make_user("case", roles.CASE_MANAGEMENT))
    assert client.get("/").status_code == 200


def test_api_tokens_are_unaffected_but_an_unverified_session_is_refused(make_user):
    user = make_user("koord", roles.KOORDINATION)
    token = create_token(user.username)
    assert (
        Client().get("/api/v1/me/", headers={"authorization": f"Token {token}"}).status_code == 200
    )
    response = sign_in(user).get("/api/v1/me/")
    assert response.status_code == 403
    assert "Zwei-Faktor" in response.json()["detail"]


def test_off_by_setting(settings, make_user):
    settings.KIM_TWO_FACTOR_REQUIRED = False
    assert sign_in(make_user("koord", roles.KOORDINATION)).get("/").status_code == 200


def test_an_administrator_resets_a_lost_device(make_user):
    import io

    from django.core.management import call_command

    from accounts.models import Kontoereignis

    user = make_user("koord", roles.KOORDINATION)
    set_up(sign_in(user), user)
    call_command("reset_two_factor", "koord", stdout=io.StringIO())
    client = sign_in(user)
    assert client.get("/")["Location"].startswith("/konto/zwei-faktor/einrichten/")
    assert Kontoereignis.objects.filter(kind="zwei_faktor_zurueckgesetzt", user=user).exists()
