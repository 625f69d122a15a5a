"""Every e-mail goes through portal.mail (outbox, after the commit, retried): a source scan
fails for any other way to send one, and for ``except Exception`` around sending."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "accounts",
    "cycle",
    "forms",
    "home",
    "knowledge",
    "portal",
    "reporting",
    "search",
    "spaces",
)
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
