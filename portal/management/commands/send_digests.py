"""Send each person one mail with the notifications queued for the daily digest
(portal.notifications). Run once a day (deploy/systemd/kim-portal-digests.timer)."""

from django.core.management.base import BaseCommand

from portal.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Verschickt die täglichen Zusammenfassungen der Benachrichtigungen (je Person eine E-Mail)."
    )

    def handle(self, *args, **options) -> None:
        count = send_digests()
        self.stdout.write(f"{count} Zusammenfassungen verschickt.")
