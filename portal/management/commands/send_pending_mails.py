"""Send every queued mail whose next attempt is due (portal.mail).

The database task queue retries on its own; this command is for the immediate backend and for
after a long mail server outage."""

from django.core.management.base import BaseCommand

from portal.mail import send_pending


class Command(BaseCommand):
    help = "Sendet fällige E-Mails aus dem Postausgang erneut."

    def handle(self, *args, **options) -> None:
        count = send_pending()
        self.stdout.write(f"{count} fällige E-Mails erneut versucht.")
