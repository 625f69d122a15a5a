"""Every e-mail goes through portal.mail (outbox, after the commit, retried): a source scan
fails for any other way to send one, and for ``except Exception`` around sending."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.forms import PasswordResetForm
from django.urls import resolve

from accounts.forms import OutboxMailMixin
from portal.models import Postausgang
from tests.project_apps import APPS, ROOT

OUTBOX = ROOT / "portal" / "mail.py"
SENDING = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "get_connection"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
            found += [
                f"{where}:{node.lineno} imports {a.name}" for a in node.names if a.name in SENDING
            ]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in {"send_messages", "send_mail"}:
                found.append(f"{where}:{node.lineno} calls .{node.func.attr}()")
            elif (
                node.func.attr == "send"
                and isinstance(node.func.value, ast.Call)
                and getattr(node.func.value.func, "id", "")
                in {"EmailMessage", "EmailMultiAlternatives"}
            ):
                found.append(f"{where}:{node.lineno} sends an EmailMessage directly")
    return found


def test_mail_is_sent_only_through_the_outbox():
    offences = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path != OUTBOX and "migrations" not in path.parts:
                offences.extend(_offences(path))
    assert offences == []


def test_the_scan_finds_direct_sending(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from django.core.mail import EmailMessage, get_connection, send_mail\n"
        "get_connection().send_messages([m])\n"
        "EmailMessage(subject='x', to=['a@b']).send()\n",
        encoding="utf-8",
    )
    assert len(_offences(sample)) == 4


@pytest.mark.parametrize("url", ["/konto/passwort-vergessen/", "/admin/password_reset/"])
def test_password_reset_forms_send_through_the_outbox(url):
    """Django's PasswordResetForm.send_mail sends directly; each reset view's form overrides it."""
    view = resolve(url).func
    form_class = view.view_class(**view.view_initkwargs).get_form_class()
    assert form_class.send_mail is not PasswordResetForm.send_mail
    assert issubclass(form_class, OutboxMailMixin)


def test_admin_password_reset_mail_goes_through_the_outbox_and_arrives(
    client, partner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/password_reset/", {"email": partner.email})
    assert response.status_code == 302
    [row] = Postausgang.objects.all()
    assert row.to == [partner.email]
    assert row.kind == "Passwort zurücksetzen"
    row.refresh_from_db()
    assert row.sent_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [partner.email]
    assert "/admin/password_reset/confirm/" in mailoutbox[0].body
