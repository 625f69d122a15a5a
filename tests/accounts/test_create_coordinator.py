import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from accounts import roles

STRONG = "Koordination-im-Kreis-2026"


def create(monkeypatch, *args, password: str | None = STRONG) -> str:
    if password is None:
        monkeypatch.delenv("KIM_COORDINATOR_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("KIM_COORDINATOR_PASSWORD", password)
    out = io.StringIO()
    call_command("create_coordinator", *args, "--noinput", stdout=out)
    return out.getvalue()


def test_creates_an_account_of_the_coordination(monkeypatch, db, client):
    output = create(
        monkeypatch, "m.muster", "--email", "m.muster@kreis.example", "--first-name", "Maria"
    )
    assert "angelegt" in output
    user = get_user_model().objects.get(username="m.muster")
    assert roles.has_role(user, roles.KOORDINATION)
    assert not user.is_superuser
    assert user.profile.function == roles.KOORDINATION
    assert client.login(username="m.muster", password=STRONG)
    # The role opens the admin.
    assert client.get("/admin/").status_code == 200


def test_refuses_a_weak_password_and_creates_nothing(monkeypatch, db):
    with pytest.raises(CommandError, match="zu kurz"):
        create(monkeypatch, "m.muster", "--email", "m.muster@kreis.example", password="kurz")
    assert not get_user_model().objects.filter(username="m.muster").exists()


def test_refuses_a_new_account_without_password(monkeypatch, db):
    with pytest.raises(CommandError, match="KIM_COORDINATOR_PASSWORD"):
        create(monkeypatch, "m.muster", "--email", "m.muster@kreis.example", password=None)


def test_existing_account_gets_the_role_and_keeps_its_password(monkeypatch, make_user, client):
    make_user("it-admin")
    output = create(
        monkeypatch, "it-admin", "--email", "it@kreis.example", "--superuser", password=None
    )
    assert "unverändert" in output
    user = get_user_model().objects.get(username="it-admin")
    assert user.is_superuser and roles.has_role(user, roles.KOORDINATION)
    assert client.login(username="it-admin", password="test-password-123")
