import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts import roles
from knowledge.models import Kommune, Organisation


def run_load_demo(*args) -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    User = get_user_model()
    return (
        Kommune.objects.count(),
        Organisation.objects.count(),
        User.objects.count(),
        sorted(User.objects.values_list("username", "groups__name")),
    )


def test_load_demo_creates_the_maerkischer_kreis(db):
    output = run_load_demo()
    assert Kommune.objects.count() == 15
    assert Kommune.objects.get(name="Iserlohn").has_auslaenderbehoerde
    assert Kommune.objects.filter(has_jugendamt=True).count() == 7
    assert Organisation.objects.filter(kind="vhs").count() == 5
    for role in roles.ROLE_NAMES:
        assert get_user_model().objects.filter(groups__name=role).exists(), role
    assert "kim-demo-2026" in output
    assert "koordination" in output


def test_load_demo_is_idempotent(db):
    run_load_demo()
    first = snapshot()
    run_load_demo()
    assert snapshot() == first


def test_demo_users_can_log_in(client, demo):
    assert client.login(username="ib-balve", password="kim-demo-2026")
    assert "Guten Tag" in client.get("/").content.decode()


def test_load_demo_refuses_to_run_without_debug(db):
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Kommune.objects.exists()


def test_demo_builds_on_the_skeleton_of_a_real_installation(demo):
    from home.models import LegalPage
    from knowledge.models import KnowledgeIndexPage
    from spaces.models import Gremium

    # One Wissensbereich and one Lenkungsgruppe: the skeleton's, filled by the demo.
    assert KnowledgeIndexPage.objects.filter(depth=3).count() == 1
    assert Gremium.objects.filter(kind="lenkungsgruppe").count() == 1
    for page in LegalPage.objects.all():
        assert "[bitte ergänzen" not in page.body
        assert "[Name des Kreises]" not in page.body
    assert "Heedfelder Straße 45" in LegalPage.objects.get(kind="impressum").body
