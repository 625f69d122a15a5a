"""Mail the KIM-Koordination the accounts nobody has used for KIM_INACTIVE_ACCOUNT_DAYS days
(run daily or weekly, e.g. by a systemd timer: docs/operations.md)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.leavers import unused_accounts
from accounts.permissions import MANAGE_ACCOUNTS
from portal.mail import send_later


class Command(BaseCommand):
    help = "Meldet der KIM-Koordination ungenutzte Konten per E-Mail."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "",
            help="Adresse des Portals für den Link (Standard: WAGTAILADMIN_BASE_URL).",
        )

    def handle(self, *args, base_url: str, **options) -> None:
        accounts = list(unused_accounts())
        if not accounts:
            self.stdout.write("Keine ungenutzten Konten.")
            return
        recipients = [u.email for u in MANAGE_ACCOUNTS.holders().exclude(email="")]
        if not recipients:
            self.stderr.write(
                "Niemand mit der Befugnis, Konten zu verwalten, hat eine E-Mail-Adresse."
            )
            return
        body = render_to_string(
            "accounts/unused_accounts_email.txt",
            {
                "accounts": accounts,
                "days": settings.KIM_INACTIVE_ACCOUNT_DAYS,
                "link": base_url.rstrip("/") + reverse("accounts:unused"),
            },
        )
        subject = f"KIM-Portal: {len(accounts)} ungenutzte Konten"
        send_later(
            [EmailMessage(subject, body, None, [to]) for to in recipients],
            kind="Ungenutzte Konten",
        )
        self.stdout.write(
            f"{len(accounts)} ungenutzte Konten an {len(recipients)} Personen gemeldet."
        )
